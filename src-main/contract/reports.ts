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

// ── Managers' reports: DSO, CEI, the aging trend, promises, activity, write-offs ──────────────
// Every figure is computed from the ledger's history as of the dates asked for, in minor units.
// Ratios are rounded half-up (halves away from zero) to one decimal at the very end, once, in
// src-main/reports/ratio.ts; a ratio whose divisor is 0 is null, with the reason in words.

export const DSO_METHODS = ['standard', 'countback'] as const;
export type DsoMethod = (typeof DSO_METHODS)[number];
export const DEFAULT_DSO_DAYS = 90;

export const DsoRequestSchema = z.strictObject({
  asOf: isoDate('As-of date'),
  method: z.enum(DSO_METHODS, { error: 'The method must be standard or countback' }).default('standard'),
  /**
   * The standard method's window of credit sales. Countback walks back whole months whatever it
   * says, so a window given with it (a screen or script that always sends one) is accepted and
   * not used; the result's `days` then says how many days countback walked.
   */
  days: z.number({ error: 'Days must be a whole number from 1 to 3660' }).int('Days must be a whole number from 1 to 3660').min(1, 'Days must be at least 1').max(3660, 'Days must be at most 3660').optional(),
});

/** Exactly the fields of `settle report dso --format json`, so the screen's export and the CLI agree. */
export interface DsoResult {
  asOf: string;
  /** Standard: the window asked for. Countback: the calendar days of the months walked back. */
  days: number;
  method: DsoMethod;
  /** The aging report's total on asOf (unapplied cash and credits netted). */
  receivables: number;
  /** Invoices of kind invoice issued in the window (standard) or the months walked (countback). */
  creditSales: number;
  dso: number | null;
  /** Why dso is null (only then). */
  reason?: string;
}

function periodSchema() {
  return z
    .strictObject({ from: isoDate('From date'), to: isoDate('To date') })
    .refine((x) => x.from <= x.to, { path: ['from'], message: 'The period must start on or before its end' });
}

export const CeiRequestSchema = periodSchema();

/** Exactly the fields of `settle report cei --format json`. */
export interface CeiResult {
  from: string;
  to: string;
  /** Receivables at the end of the day before `from`. */
  beginReceivables: number;
  creditSales: number;
  endReceivables: number;
  /** The Current (not yet due) bucket on `to`. */
  endCurrent: number;
  cei: number | null;
  reason?: string;
}

export const TrendRequestSchema = z.strictObject({
  asOf: isoDate('As-of date'),
  months: z.number({ error: 'Months must be a whole number from 1 to 60' }).int('Months must be a whole number from 1 to 60').min(1, 'Months must be at least 1').max(60, 'Months must be at most 60').default(12),
});

export interface TrendPoint {
  /** The month's last day; for the as-of month, the as-of date itself. */
  date: string;
  /** Minor units per bucket, Current first, as `aging.report` gives them on `date`. */
  buckets: number[];
  /** Unapplied payments and credits (negative). */
  unapplied: number;
  /** The aging report's total: the buckets plus unapplied. */
  total: number;
  /** What is more than 60 days past due. */
  over60: number;
  /** over60 as a percentage of the buckets' sum (before unapplied); null when nothing is open. */
  over60Share: number | null;
}

export interface AgingTrend {
  asOf: string;
  months: number;
  /** Bucket labels, Current first. */
  buckets: string[];
  /** Oldest first. */
  points: TrendPoint[];
}

export const PromiseReportSchema = periodSchema();
export const ActivityReportSchema = periodSchema();
export const WriteOffReportSchema = periodSchema();

export interface PromiseTally {
  made: number;
  kept: number;
  partlyKept: number;
  broken: number;
  /** Not yet judged on `to` (still within the promised date plus the grace days). */
  open: number;
  promised: number;
  received: number;
  /** kept ÷ (kept + partly kept + broken) × 100; null when none is judged yet. */
  keptRate: number | null;
}

export interface PromiseReport {
  from: string;
  to: string;
  /** Promises made in the period, by the month they were made in, oldest first. */
  months: ({ month: string } & PromiseTally)[];
  /** By collector (see docs/reports.md: who took the promise), by name. */
  collectors: ({ collector: string } & PromiseTally)[];
  total: PromiseTally;
}

export interface ActivityTally {
  calls: number;
  emails: number;
  visits: number;
  letters: number;
  /** Calls by outcome; a call without one counts as 'none'. */
  outcomes: Record<string, number>;
}

export interface ActivityReport {
  from: string;
  to: string;
  collectors: ({ collector: string } & ActivityTally)[];
  total: ActivityTally;
}

export interface WriteOffReportRow {
  kind: 'write_off' | 'recovery';
  date: string;
  customerCode: string;
  customerName: string;
  invoiceNumber: string;
  amount: number;
  /** The write-off's reason, or the recovery's reference. */
  detail: string;
}

export interface WriteOffReport {
  from: string;
  to: string;
  /** By date, write-offs before recoveries on the same day. */
  rows: WriteOffReportRow[];
  months: { month: string; writtenOff: number; recovered: number }[];
  total: { writtenOff: number; recovered: number; net: number; writeOffs: number; recoveries: number };
}

export const REPORT_KINDS = ['dso', 'cei', 'trend', 'promises', 'activity', 'writeOffs', 'disputes'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;

const format = { format: z.enum(REPORT_EXPORT_FORMATS, { error: 'The format must be csv, xlsx or pdf' }) };

/** One report, as a file: the same inputs as the report's own method, plus its name and the format. */
export const ReportExportSchema = z.discriminatedUnion(
  'report',
  [
    DsoRequestSchema.extend({ report: z.literal('dso'), ...format }),
    CeiRequestSchema.extend({ report: z.literal('cei'), ...format }),
    TrendRequestSchema.extend({ report: z.literal('trend'), ...format }),
    PromiseReportSchema.extend({ report: z.literal('promises'), ...format }),
    ActivityReportSchema.extend({ report: z.literal('activity'), ...format }),
    WriteOffReportSchema.extend({ report: z.literal('writeOffs'), ...format }),
    DisputeReportSchema.extend({ report: z.literal('disputes'), ...format }),
  ],
  { error: 'Choose a report: dso, cei, trend, promises, activity, writeOffs or disputes' },
);
