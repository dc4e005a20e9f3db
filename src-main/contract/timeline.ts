import { z } from 'zod';
import { isoDate, localDateTime } from './date-fields';
import type { LetterChannel } from './letters';

export const ACTIVITY_KINDS = ['call', 'email', 'letter', 'visit', 'note'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const CALL_OUTCOMES = ['reached', 'voicemail', 'no_answer', 'wrong_number', 'promise_to_pay', 'dispute_raised', 'refused', 'paid', 'other'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export const DISPUTE_REASONS = ['not_received', 'damaged', 'pricing', 'quality', 'duplicate_billing', 'other'] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];

export const TIMELINE_KINDS = [...ACTIVITY_KINDS, 'payment', 'credit', 'write_off'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];


export const ActivityRecordSchema = z
  .strictObject({
    customerId: z.number().int().positive(),
    kind: z.enum(ACTIVITY_KINDS).default('call'),
    occurredAt: localDateTime('The date and time'),
    author: z.string().trim().max(80).nullish().transform((v) => (v ? v : null)),
    contactId: z.number().int().positive().nullish().transform((v) => v ?? null),
    direction: z.enum(['outbound', 'inbound']).nullish().transform((v) => v ?? null),
    outcome: z.enum(CALL_OUTCOMES, { error: 'Choose an outcome' }).nullish().transform((v) => v ?? null),
    summary: z.string({ error: 'Write what was said or done' }).trim().min(1, 'Write what was said or done').max(4000, 'Keep the summary under 4,000 characters'),
    followUpDate: isoDate('Follow-up date').nullish().transform((v) => v ?? null),
    promise: z
      .strictObject({
        amount: z.number({ error: 'Enter the promised amount' }).int('Whole minor units (cents)').positive('The promised amount must be more than zero'),
        date: isoDate('Promised date'),
      })
      .nullish()
      .transform((v) => v ?? null),
    dispute: z
      .strictObject({
        reason: z.enum(DISPUTE_REASONS, { error: 'Choose what the dispute is about' }),
        invoiceIds: z.array(z.number().int().positive()).min(1, 'Choose the invoices in dispute').max(200),
        amount: z.number({ error: 'Enter the disputed amount' }).int('Whole minor units (cents)').positive('The disputed amount must be more than zero'),
      })
      .nullish()
      .transform((v) => v ?? null),
    /** The entry this one corrects: entries are never edited. */
    correctsId: z.number().int().positive().nullish().transform((v) => v ?? null),
    /** The customer's open worklist task this activity answers: it is closed with the activity, in the same transaction. */
    answersTaskId: z.number().int().positive().nullish().transform((v) => v ?? null),
  })
  .superRefine((a, ctx) => {
    const day = a.occurredAt.slice(0, 10);
    if (a.promise && a.promise.date < day) ctx.addIssue({ code: 'custom', path: ['promise', 'date'], message: 'A promise is for the day of the call or later' });
    if (a.outcome === 'dispute_raised' && !a.dispute) ctx.addIssue({ code: 'custom', path: ['dispute'], message: 'Say what is disputed: reason, invoices and amount' });
    if (a.outcome === 'promise_to_pay' && !a.promise) ctx.addIssue({ code: 'custom', path: ['promise'], message: 'Enter the promised amount and date' });
    if (a.followUpDate && a.followUpDate < day) ctx.addIssue({ code: 'custom', path: ['followUpDate'], message: 'A follow-up is for the day of the call or later' });
  });

export const TimelineListSchema = z.strictObject({
  customerId: z.number().int().positive(),
  kinds: z.array(z.enum(TIMELINE_KINDS)).min(1).max(TIMELINE_KINDS.length).default([...TIMELINE_KINDS]),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(200).default(50),
});

export interface ActivityEntry {
  id: number;
  kind: ActivityKind;
  occurredAt: string;
  recordedAt: string;
  author: string | null;
  contactId: number | null;
  contactName: string | null;
  direction: 'outbound' | 'inbound' | null;
  outcome: CallOutcome | null;
  summary: string;
  followUpDate: string | null;
  promise: { amount: number; date: string } | null;
  dispute: { id: number; reason: DisputeReason; amount: number; invoiceNumbers: string[]; status: string } | null;
  correctsId: number | null;
  /** For a letter sent from Settle: the archived PDF (its pages within the batch file) and, for certified mail, the mailing and return receipt. */
  letter: {
    id: number;
    fileId: number;
    channel: LetterChannel;
    templateName: string;
    version: number;
    firstPage: number;
    pages: number;
    certified: { trackingNumber: string | null; mailedOn: string | null; returnReceiptOn: string | null; signedBy: string | null } | null;
  } | null;
}

/** What `activities.record` returns: the entry, and the task it closed (whose log entry `worklist.undo` can take back). */
export type RecordedActivity = ActivityEntry & { answered: { taskId: number; actionId: number } | null };

/** One line of the timeline: an activity (with its corrections) or a ledger event. */
export type TimelineItem =
  | ({ type: 'activity'; at: string; corrections: ActivityEntry[] } & ActivityEntry)
  | { type: 'payment'; id: number; at: string; amount: number; reference: string; method: string | null }
  | { type: 'credit'; id: number; at: string; amount: number; number: string; reason: string | null }
  | { type: 'write_off'; id: number; at: string; amount: number; reason: string };

export interface TimelinePage {
  items: TimelineItem[];
  total: number;
}

export const DraftGetSchema = z.strictObject({ key: z.string().min(1).max(120) });
export const DraftPutSchema = z.strictObject({
  key: z.string().min(1).max(120),
  /** JSON text of the draft; null removes it. */
  body: z.string().max(100_000).nullable(),
});

export const SettingsUpdateSchema = z.strictObject({
  promiseGraceDays: z
    .number({ error: 'Enter a whole number of days' })
    .int('Enter a whole number of days')
    .min(0, 'Grace cannot be negative')
    .max(30, 'At most 30 days of grace')
    .optional(),
  /** Payment plans: the longest plan and the smallest instalment the business accepts without an override. */
  planMaxMonths: z.number({ error: 'Enter a whole number of months' }).int('Enter a whole number of months').min(1, 'At least one month').max(120, 'At most 120 months').optional(),
  planMinInstalment: z.number({ error: 'Enter an amount' }).int('Whole minor units (cents)').min(0, 'Cannot be negative').optional(),
  autoApplyCash: z.boolean({ error: 'Choose on or off' }).optional(),
});

export interface LedgerSettings {
  currency: string;
  /** Days after a promised date before an unpaid promise counts as broken. */
  promiseGraceDays: number;
  planMaxMonths: number;
  /** Minor units. */
  planMinInstalment: number;
  /** Whether a new invoice takes the customer's unapplied cash and credits by itself, oldest due first. */
  autoApplyCash: boolean;
}
