import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SourceKind } from '../postings';

@Entity({ name: 'payment' })
export class Payment {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'text' }) reference!: string;
  @Column({ type: 'integer', name: 'customer_id' }) customerId!: number;
  @Column({ type: 'text' }) date!: string;
  @Column({ type: 'integer' }) amount!: number;
  @Column({ type: 'text', nullable: true }) method!: string | null;
  @Column({ type: 'integer', name: 'invoice_id', nullable: true }) invoiceId!: number | null;
  @Column({ type: 'integer' }) unapplied!: number;
  @Column({ type: 'text', name: 'settled_date' }) settledDate!: string;
  @Column({ type: 'text', name: 'created_at' }) createdAt!: string;
}

@Entity({ name: 'credit_note' })
export class CreditNote {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'text' }) number!: string;
  @Column({ type: 'integer', name: 'customer_id' }) customerId!: number;
  @Column({ type: 'text' }) date!: string;
  @Column({ type: 'integer' }) amount!: number;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'integer', name: 'invoice_id', nullable: true }) invoiceId!: number | null;
  @Column({ type: 'integer' }) unapplied!: number;
  @Column({ type: 'text', name: 'settled_date' }) settledDate!: string;
  @Column({ type: 'text', name: 'created_at' }) createdAt!: string;
}

@Entity({ name: 'write_off' })
export class WriteOff {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'integer', name: 'customer_id' }) customerId!: number;
  @Column({ type: 'integer', name: 'invoice_id' }) invoiceId!: number;
  @Column({ type: 'text' }) date!: string;
  @Column({ type: 'integer' }) amount!: number;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'text', name: 'created_at' }) createdAt!: string;
}

@Entity({ name: 'allocation' })
export class Allocation {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'integer', name: 'customer_id' }) customerId!: number;
  @Column({ type: 'text', name: 'source_kind' }) sourceKind!: SourceKind;
  @Column({ type: 'integer', name: 'source_id' }) sourceId!: number;
  @Column({ type: 'integer', name: 'invoice_id' }) invoiceId!: number;
  @Column({ type: 'integer', name: 'instalment_id', nullable: true }) instalmentId!: number | null;
  @Column({ type: 'text' }) date!: string;
  @Column({ type: 'integer' }) amount!: number;
}

@Entity({ name: 'ledger_setting' })
export class LedgerSetting {
  @Column({ type: 'text', primary: true }) key!: string;
  @Column({ type: 'text' }) value!: string;
}
