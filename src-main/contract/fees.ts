import { z } from 'zod';
import { isoDate } from './date-fields';

// Late fees and interest on overdue invoices, and money recovered after a write-off.
// Money is integer minor units; rates are basis points (1 bp = 0.01 %).

const MAX_AMOUNT = 100_000_000_000_000;

const id = z.number().int().positive();

const wholeNumber = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max}`);

const LateFeeSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('flat'),
      amount: z
        .number({ error: 'Enter the late fee amount' })
        .int('The late fee must be in whole minor units (cents)')
        .positive('The late fee must be more than zero')
        .max(MAX_AMOUNT, 'The late fee is too large'),
    }),
    z.strictObject({
      kind: z.literal('percent'),
      basisPoints: wholeNumber('The late fee rate (basis points)', 1, 2500),
    }),
  ],
  { error: 'Choose a flat or a percentage late fee' },
);

export const FeeRulesSchema = z.strictObject({
  /** Charged once per overdue invoice. */
  lateFee: LateFeeSchema.nullable().default(null),
  /** Simple interest on the open amount, 365-day year. */
  interest: z
    .strictObject({ annualRateBasisPoints: wholeNumber('The annual interest rate (basis points)', 1, 3600) })
    .nullable()
    .default(null),
  /** Days after the due date before anything is charged. */
  graceDays: wholeNumber('Grace days', 0, 90).default(10),
  /** The most fees and interest together may reach on one invoice, as a share of its amount. */
  capBasisPoints: wholeNumber('The cap (basis points)', 1, 10000).nullable().default(null),
  /**
   * Consumer credit is regulated differently from trade credit (disclosure, rate ceilings,
   * licensing), so consumers are never charged unless the business deliberately turns this on.
   */
  applyToConsumers: z.boolean().default(false),
});

export type FeeRules = z.output<typeof FeeRulesSchema>;

export const FeeRulesUpdateSchema = z.strictObject({ rules: FeeRulesSchema });

export const FeePreviewSchema = z.strictObject({
  asOf: isoDate('As-of date'),
  customerId: id.optional(),
});

export const FeeApplySchema = z.strictObject({
  asOf: isoDate('As-of date'),
  customerId: id.optional(),
  /** The total the clerk saw in the preview: anything else is refused. */
  expectedTotal: z
    .number({ error: 'Send the total shown in the preview' })
    .int('The total must be in whole minor units (cents)')
    .min(0, 'The total cannot be negative'),
});

export interface FeeLine {
  customerId: number;
  customerCode: string;
  invoiceId: number;
  invoiceNumber: string;
  kind: 'late_fee' | 'interest';
  /** First day interest is charged for; null for a late fee. */
  fromDate: string | null;
  /** Last day charged (inclusive): the as-of date. */
  throughDate: string;
  /** Days of interest; 0 for a late fee. */
  days: number;
  amount: number;
  explanation: string;
}

export interface FeePreview {
  asOf: string;
  lines: FeeLine[];
  total: number;
}

export interface FeesApplied {
  posted: number;
  total: number;
}

export const WriteOffListSchema = z.strictObject({ customerId: id });

export interface WriteOffSummary {
  id: number;
  invoiceId: number;
  invoiceNumber: string;
  date: string;
  amount: number;
  reason: string;
  /** Null for write-offs imported or recorded before approvals were required. */
  approvedBy: string | null;
  approvalNote: string | null;
  recovered: number;
  recoverable: number;
}

export const RecoveryRecordSchema = z.strictObject({
  writeOffId: id,
  date: isoDate('Date received'),
  amount: z
    .number({ error: 'Amount must be an amount' })
    .int('Amount must be in whole minor units (cents)')
    .positive('Amount must be more than zero')
    .max(MAX_AMOUNT, 'Amount is too large'),
  reference: z.string({ error: 'Reference is required' }).trim().min(1, 'Reference is required').max(64, 'Reference is too long (at most 64 characters)'),
  method: z
    .string()
    .trim()
    .max(40, 'Method is too long (at most 40 characters)')
    .nullish()
    .transform((v) => (v ? v : null)),
});

export interface RecoveryRecorded {
  id: number;
  writeOffId: number;
  recovered: number;
  recoverable: number;
}
