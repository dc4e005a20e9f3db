import { z } from 'zod';
import { isoDate } from './date-fields';

// Payment plans: a negotiated schedule for what a customer owes, tracked against their payments.

export const PLAN_FREQUENCIES = ['weekly', 'fortnightly', 'monthly'] as const;
export type PlanFrequency = (typeof PLAN_FREQUENCIES)[number];

export const MAX_PLAN_INSTALMENTS = 120;
const MAX_AMOUNT = 100_000_000_000_000;

const requiredText = (message: string, max: number) =>
  z.string({ error: message }).trim().min(1, message).max(max, `Keep it under ${max} characters`);

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} is too long (at most ${max} characters)`)
    .nullish()
    .transform((v) => (v ? v : null));

const id = z.number().int().positive();

const planTerms = {
  customerId: id,
  /** Minor units. */
  total: z
    .number({ error: 'Enter the amount the plan covers' })
    .int('The total must be in whole cents')
    .positive('The plan total must be more than zero')
    .max(MAX_AMOUNT, 'The total is too large'),
  count: z
    .number({ error: 'Say how many instalments' })
    .int('Instalments must be a whole number')
    .min(1, 'At least one instalment')
    .max(MAX_PLAN_INSTALMENTS, `At most ${MAX_PLAN_INSTALMENTS} instalments`),
  frequency: z.enum(PLAN_FREQUENCIES, { error: 'Choose weekly, fortnightly or monthly' }),
  startDate: isoDate('Start date'),
  today: isoDate('Today'),
  /**
   * The open items the plan covers (an invoice, or one instalment of a scheduled invoice), in the
   * order the plan pays them. Left out: the oldest collectable items, up to the total.
   */
  items: z
    .array(z.strictObject({ invoiceId: id, instalmentId: id.nullable().default(null) }), { error: 'Choose the items the plan covers' })
    .min(1, 'Choose at least one item for the plan to cover')
    .max(500, 'At most 500 items in one plan')
    .optional(),
};

function checkTerms(x: { total: number; count: number; startDate: string; today: string }, ctx: z.RefinementCtx): void {
  if (x.startDate < x.today) ctx.addIssue({ code: 'custom', path: ['startDate'], message: 'The first instalment cannot fall before today' });
  if (x.count > x.total) ctx.addIssue({ code: 'custom', path: ['count'], message: 'Too many instalments for this amount: each must be at least one cent' });
}

export const PlanProposeSchema = z.strictObject(planTerms).superRefine(checkTerms);

export const PlanCreateSchema = z
  .strictObject({
    ...planTerms,
    /** Needed when the plan breaks a limit (too long, instalments too small): why it is right all the same. */
    overrideReason: optionalText('The reason', 500),
    by: optionalText('Name', 80),
  })
  .superRefine(checkTerms);

export const PlanSignSchema = z.strictObject({
  id,
  signedOn: isoDate('Date signed'),
  signedBy: requiredText('Say who signed for the customer', 120),
});

export const PlanCancelSchema = z.strictObject({
  id,
  reason: requiredText('Say why the plan is cancelled', 500),
  today: isoDate('Today'),
});

export const PlanListSchema = z.strictObject({ customerId: id, today: isoDate('Today') });

export const PlanIdSchema = z.strictObject({ id });

export interface PlanScheduleLine {
  seq: number;
  dueDate: string;
  amount: number;
}

export type FairnessCode = 'length' | 'minimum' | 'covers_balance' | 'history_capacity' | 'promises' | 'previous_plan';

export interface FairnessCheck {
  code: FairnessCode;
  ok: boolean;
  /** A failed limit makes the plan unfair (it needs an override); a warning is for the clerk to weigh. */
  severity: 'limit' | 'warning';
  text: string;
}

export interface PlanFairness {
  fair: boolean;
  checks: FairnessCheck[];
}

/** One open item a plan covers, and how much of it. */
export interface PlanItem {
  invoiceId: number;
  instalmentId: number | null;
  /** Invoice number, with " #seq" for an instalment. */
  label: string;
  dueDate: string;
  /** Minor units of the item the plan covers. */
  amount: number;
}

export interface PlanProposal {
  schedule: PlanScheduleLine[];
  fairness: PlanFairness;
  /** What the customer owes now (open items less unapplied cash and credits), and how much of it is past due. */
  balance: number;
  overdue: number;
  /** The items the plan would cover, oldest due first unless chosen. */
  items: PlanItem[];
  /** What may be asked for outside the plan: it stays in normal collections. */
  outsidePlan: number;
}

export type PlanStatus = 'proposed' | 'signed' | 'completed' | 'cancelled';
export type PlanInstalmentState = 'paid' | 'part_paid' | 'due' | 'missed' | 'upcoming';

export interface PlanInstalmentView {
  id: number;
  seq: number;
  dueDate: string;
  amount: number;
  /** How much of this instalment the customer's payments have covered so far. */
  paid: number;
  state: PlanInstalmentState;
}

export interface PaymentPlan {
  id: number;
  customerId: number;
  status: PlanStatus;
  total: number;
  count: number;
  frequency: PlanFrequency;
  startDate: string;
  createdOn: string;
  createdBy: string | null;
  signedOn: string | null;
  signedBy: string | null;
  closedOn: string | null;
  closedReason: string | null;
  /** Set only when the plan was agreed despite a failed limit. */
  overrideReason: string | null;
  /** The checks as they stood when the plan was made. */
  fairness: PlanFairness;
  instalments: PlanInstalmentView[];
  /** The items the plan covers; only money paid or credited to these counts towards it. */
  items: PlanItem[];
  paidToDate: number;
  /** The first instalment not yet fully paid, with what is still owed on it. */
  nextDue: { seq: number; dueDate: string; amount: number } | null;
}

export interface PlanAgreementFile {
  fileName: string;
  mimeType: 'application/pdf';
  base64: string;
}
