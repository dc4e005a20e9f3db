import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { InvoiceKind } from '../postings';

/** Written through Postings (which keeps the running balances); read through TypeORM. */
@Entity({ name: 'invoice' })
export class Invoice {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'text' }) number!: string;
  @Column({ type: 'integer', name: 'customer_id' }) customerId!: number;
  @Column({ type: 'text' }) kind!: InvoiceKind;
  @Column({ type: 'text', name: 'issue_date' }) issueDate!: string;
  @Column({ type: 'text', name: 'due_date' }) dueDate!: string;
  @Column({ type: 'integer' }) amount!: number;
  @Column({ type: 'text' }) currency!: string;
  @Column({ type: 'text', name: 'po_number', nullable: true }) poNumber!: string | null;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ type: 'text', name: 'delivery_date', nullable: true }) deliveryDate!: string | null;
  @Column({ type: 'boolean', name: 'has_schedule' }) hasSchedule!: boolean;
  @Column({ type: 'integer', name: 'open_amount' }) openAmount!: number;
  /** '9999-12-31' while open. */
  @Column({ type: 'text', name: 'settled_date' }) settledDate!: string;
  @Column({ type: 'text', name: 'created_at' }) createdAt!: string;
}

@Entity({ name: 'instalment' })
export class Instalment {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'integer', name: 'invoice_id' }) invoiceId!: number;
  @Column({ type: 'integer', name: 'customer_id' }) customerId!: number;
  @Column({ type: 'integer' }) seq!: number;
  @Column({ type: 'text', name: 'issue_date' }) issueDate!: string;
  @Column({ type: 'text', name: 'due_date' }) dueDate!: string;
  @Column({ type: 'integer' }) amount!: number;
  @Column({ type: 'integer', name: 'open_amount' }) openAmount!: number;
  @Column({ type: 'text', name: 'settled_date' }) settledDate!: string;
}
