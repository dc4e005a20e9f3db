import { Column, Entity, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import type { CustomerKind } from '../../contract/customers';
import { Contact } from './contact';

// Every column names its SQL type: decorator metadata is not relied on, so the entities
// survive any compiler. The DDL itself lives in the migrations.
@Entity({ name: 'customer' })
export class Customer {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: CustomerKind;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  address1!: string | null;

  @Column({ type: 'text', nullable: true })
  address2!: string | null;

  @Column({ type: 'text', nullable: true })
  city!: string | null;

  @Column({ type: 'text', nullable: true })
  region!: string | null;

  @Column({ type: 'text', name: 'postal_code', nullable: true })
  postalCode!: string | null;

  @Column({ type: 'text', nullable: true })
  country!: string | null;

  @Column({ type: 'integer', name: 'terms_days' })
  termsDays!: number;

  /** Integer minor units. */
  @Column({ type: 'integer', name: 'credit_limit', nullable: true })
  creditLimit!: number | null;

  /** Collection status: active, credit_hold, cod_only, prepay_only, in_dispute, payment_plan, with_agency, closed. */
  @Column({ type: 'text', default: 'active' })
  status!: string;

  /** The late-payer profile the clerk confirmed, if any. */
  @Column({ type: 'text', nullable: true })
  profile!: string | null;

  @Column({ type: 'text', nullable: true })
  collector!: string | null;

  /** What a credit bureau files the business under (EIN, VAT or business number), as written. */
  @Column({ type: 'text', name: 'tax_id', nullable: true })
  taxId!: string | null;

  /** When the account was opened (YYYY-MM-DD); the bureau's "account open date". */
  @Column({ type: 'text', name: 'customer_since', nullable: true })
  customerSince!: string | null;

  @Column({ type: 'text', name: 'created_at' })
  createdAt!: string;

  @Column({ type: 'text', name: 'updated_at' })
  updatedAt!: string;

  @OneToMany(() => Contact, (c) => c.customer)
  contacts!: Contact[];
}
