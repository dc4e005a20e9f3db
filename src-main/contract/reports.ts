import { z } from 'zod';
import { isoDate } from './date-fields';
import type { DisputeReason } from './timeline';

export const DisputeReportSchema = z.strictObject({
  /** Disputes are judged as they stood at the end of this day, so past dates work too. */
  asOf: isoDate('As-of date'),
});

export const DISPUTE_AGE_BUCKETS = ['0-15', '16-30', '31-60', '61+'] as const;
export type DisputeAgeBucket = (typeof DISPUTE_AGE_BUCKETS)[number];

export interface OpenDisputeRow {
  id: number;
  customerId: number;
  customerCode: string;
  customerName: string;
  reason: DisputeReason;
  amount: number;
  /** open or investigating; a dispute resolved after asOf shows as open (status history is not kept). */
  status: 'open' | 'investigating';
  owner: string | null;
  openedOn: string;
  daysOpen: number;
  /** Invoice numbers in dispute. */
  invoices: string[];
}

export interface DisputeReport {
  asOf: string;
  total: { count: number; amount: number };
  buckets: { label: DisputeAgeBucket; count: number; amount: number }[];
  /** Reasons with open disputes, largest amount first. */
  byReason: { reason: DisputeReason; count: number; amount: number }[];
  /** Oldest first. */
  open: OpenDisputeRow[];
  /** Resolved in the 90 days up to and including asOf. */
  resolved: { count: number; amount: number; averageDaysToResolve: number | null };
}
