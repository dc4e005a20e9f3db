import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ContactRole } from '../../contract/customers';
import { Customer } from './customer';

@Entity({ name: 'contact' })
export class Contact {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer', name: 'customer_id' })
  customerId!: number;

  @ManyToOne(() => Customer, (c) => c.contacts, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer!: Customer;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  role!: ContactRole;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'boolean', name: 'is_primary' })
  isPrimary!: boolean;

  @Column({ type: 'integer' })
  position!: number;

  /** Set when a contact who appears on the timeline is removed: kept so history still names them. */
  @Column({ type: 'text', name: 'removed_at', nullable: true })
  removedAt!: string | null;
}
