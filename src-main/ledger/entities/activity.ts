import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ActivityKind, CallOutcome } from '../../contract/timeline';

/** Append-only (triggers refuse UPDATE and DELETE); written by TimelineService. */
@Entity({ name: 'activity' })
export class Activity {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'integer', name: 'customer_id' }) customerId!: number;
  @Column({ type: 'text' }) kind!: ActivityKind;
  @Column({ type: 'text', name: 'occurred_at' }) occurredAt!: string;
  @Column({ type: 'text', name: 'recorded_at' }) recordedAt!: string;
  @Column({ type: 'text', nullable: true }) author!: string | null;
  @Column({ type: 'integer', name: 'contact_id', nullable: true }) contactId!: number | null;
  @Column({ type: 'text', nullable: true }) direction!: 'outbound' | 'inbound' | null;
  @Column({ type: 'text', nullable: true }) outcome!: CallOutcome | null;
  @Column({ type: 'text' }) summary!: string;
  @Column({ type: 'text', name: 'follow_up_date', nullable: true }) followUpDate!: string | null;
  @Column({ type: 'integer', name: 'corrects_id', nullable: true }) correctsId!: number | null;
}

@Entity({ name: 'promise' })
export class PromiseToPay {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'integer', name: 'customer_id' }) customerId!: number;
  @Column({ type: 'integer', name: 'activity_id' }) activityId!: number;
  @Column({ type: 'integer' }) amount!: number;
  @Column({ type: 'text', name: 'promised_date' }) promisedDate!: string;
  @Column({ type: 'text', name: 'created_at' }) createdAt!: string;
}
