import { z } from 'zod';
import { isoDate } from './date-fields';

// Ledger entries as the app records them one at a time. Money is integer minor units.

const MAX_AMOUNT = 100_000_000_000_000; // 1 trillion in major units: far past any real invoice

const amount = (label: string) =>
  z
    .number({ error: `${label} must be an amount` })
    .int(`${label} must be in whole minor units (cents)`)
    .positive(`${label} must be more than zero`)
    .max(MAX_AMOUNT, `${label} is too large`);

const key = (label: string) =>
  z.string({ error: `${label} is required` }).trim().min(1, `${label} is required`).max(64, `${label} is too long (at most 64 characters)`);

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} is too long (at most ${max} characters)`)
    .nullish()
    .transform((v) => (v ? v : null));

const id = z.number().int().positive();

export const InvoiceCreateSchema = z
  .strictObject({
    number: key('Invoice number'),
    customerId: id,
    kind: z.enum(['invoice', 'late_fee', 'interest']).default('invoice'),
    issueDate: isoDate('Issue date'),
    dueDate: isoDate('Due date'),
    amount: amount('Amount'),
    poNumber: optionalText('PO number', 64),
    description: optionalText('Description', 500),
    deliveryDate: isoDate('Delivery date').nullish().transform((v) => v ?? null),
    schedule: z
      .array(z.strictObject({ dueDate: isoDate('Instalment due date'), amount: amount('Instalment amount') }))
      .max(120, 'At most 120 instalments')
      .default([]),
  })
  .superRefine((x, ctx) => {
    if (x.dueDate < x.issueDate) ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'Due date cannot be before the issue date' });
    if (x.schedule.length === 0) return;
    const sum = x.schedule.reduce((s, i) => s + i.amount, 0);
    if (sum !== x.amount) ctx.addIssue({ code: 'custom', path: ['schedule'], message: 'The instalments must add up to the invoice amount' });
    x.schedule.forEach((inst, i) => {
      if (inst.dueDate < x.issueDate) ctx.addIssue({ code: 'custom', path: ['schedule', i, 'dueDate'], message: 'An instalment cannot fall due before the issue date' });
    });
  });

const paymentFields = {
  reference: key('Payment reference'),
  customerId: id,
  date: isoDate('Payment date'),
  amount: amount('Amount'),
  method: optionalText('Method', 40),
  /** Pay this invoice; without one the oldest due invoices are paid first. */
  invoiceId: id.nullish().transform((v) => v ?? null),
  /**
   * Pay these invoices, these amounts (what the remittance says). Whatever is left is matched to
   * the oldest open items like any payment, when the ledger applies cash automatically.
   */
  allocations: z
    .array(z.strictObject({ invoiceId: id, amount: amount('Amount to apply') }))
    .max(50, 'At most 50 invoices per payment')
    .default([]),
};

/** What one payment may say about where it goes; the service checks the invoices themselves. */
function checkAllocations(x: { amount: number; invoiceId: number | null; allocations: { invoiceId: number; amount: number }[] }, ctx: z.RefinementCtx): void {
  if (x.allocations.length === 0) return;
  if (x.invoiceId !== null) ctx.addIssue({ code: 'custom', path: ['invoiceId'], message: 'Name one invoice or a list of allocations, not both' });
  const applied = x.allocations.reduce((s, a) => s + a.amount, 0);
  if (applied > x.amount) ctx.addIssue({ code: 'custom', path: ['allocations'], message: 'Cannot apply more than the payment' });
  const seen = new Set<number>();
  x.allocations.forEach((a, i) => {
    if (seen.has(a.invoiceId)) ctx.addIssue({ code: 'custom', path: ['allocations', i, 'invoiceId'], message: 'This invoice is already in the list' });
    seen.add(a.invoiceId);
  });
}

export const PaymentRecordSchema = z.strictObject(paymentFields).superRefine(checkAllocations);

/**
 * A bank deposit of several cheques: all of them are posted, or (one being wrong) none. Each
 * problem is reported at its row (`payments.2.reference`). A reference used twice is the
 * service's to find, like one already on the ledger, so a preview and a save report the same.
 */
export const PaymentDepositSchema = z.strictObject({
  payments: z.array(PaymentRecordSchema).min(1, 'Add at least one payment').max(200, 'At most 200 payments in one deposit'),
});

/**
 * The same rows as a deposit, for showing how they would be applied before saving. A row still
 * without its reference is previewed all the same.
 */
export const PaymentPreviewSchema = z.strictObject({
  payments: z
    .array(z.strictObject({ ...paymentFields, reference: z.string().trim().max(64, 'Payment reference is too long (at most 64 characters)').default('') }).superRefine(checkAllocations))
    .min(1)
    .max(200, 'At most 200 payments in one deposit'),
});

/** Where one payment went: the invoices it paid (in the order it paid them) and what is left. */
export interface PaymentApplication {
  reference: string;
  customerId: number;
  amount: number;
  lines: { invoiceId: number; number: string; amount: number }[];
  applied: number;
  /** Left on the account as a credit. */
  unapplied: number;
}

export interface DepositPosted {
  payments: (PaymentApplication & { id: number })[];
  total: number;
}

/**
 * How a deposit would be applied, row by row, exactly as saving it now would post it; a row the
 * ledger would refuse has no application and its problems are in `problems` (`payments.1.amount`).
 */
export interface DepositPreview {
  payments: (PaymentApplication | null)[];
  problems: Record<string, string>;
  /**
   * Set when another program held the ledger's write lock past the busy timeout: the preview is a
   * background question, so it says so quietly instead of asking the clerk to retry.
   */
  unavailable?: string;
}

export const CreditRecordSchema = z.strictObject({
  number: key('Credit note number'),
  customerId: id,
  date: isoDate('Credit date'),
  amount: amount('Amount'),
  reason: optionalText('Reason', 200),
  invoiceId: id.nullish().transform((v) => v ?? null),
});

/** What every write-off records beside the money: when, why, and who approved it and how. */
const writeOffDecision = {
  date: isoDate('Write-off date'),
  reason: z.string({ error: 'Say why it is written off' }).trim().min(1, 'Say why it is written off').max(500, 'Reason is too long'),
  // Giving up on money owed is a decision someone with the authority takes; the ledger keeps who and how.
  approvedBy: z
    .string({ error: 'Name who approved the write-off' })
    .trim()
    .min(1, 'Name who approved the write-off')
    .max(80, 'Name who approved the write-off (at most 80 characters)'),
  approvalNote: z
    .string({ error: 'Record the approval (e.g. "Approved by J. Ortiz, email 3 March")' })
    .trim()
    .min(1, 'Record the approval (e.g. "Approved by J. Ortiz, email 3 March")')
    .max(500, 'The approval note is too long (at most 500 characters)'),
};

export const WriteOffSchema = z.strictObject({
  invoiceId: id,
  amount: amount('Amount'),
  ...writeOffDecision,
});

/** Several of one customer's invoices written off in one decision: all of them or none. */
export const WriteOffManySchema = z
  .strictObject({
    lines: z
      .array(z.strictObject({ invoiceId: id, amount: amount('Amount') }))
      .min(1, 'Choose the invoices to write off')
      .max(200, 'At most 200 invoices in one write-off'),
    ...writeOffDecision,
  })
  .superRefine((x, ctx) => {
    const seen = new Set<number>();
    x.lines.forEach((l, n) => {
      if (seen.has(l.invoiceId)) ctx.addIssue({ code: 'custom', path: ['lines', n, 'invoiceId'], message: 'This invoice is already in the list' });
      seen.add(l.invoiceId);
    });
  });

export const AllocateSchema = z.strictObject({
  source: z.enum(['payment', 'credit']),
  sourceId: id,
  invoiceId: id,
  /** At most this much; by default whatever is unapplied. */
  amount: amount('Amount').optional(),
});

export const AgingRequestSchema = z.strictObject({
  asOf: isoDate('As-of date'),
  basis: z.enum(['due', 'issue']).default('due'),
  limits: z
    .array(z.number().int().min(1).max(3650))
    .min(1)
    .max(12)
    .default([30, 60, 90, 120])
    .refine((l) => l.every((n, i) => i === 0 || n > l[i - 1]), 'Bucket limits must increase, like 30, 60, 90, 120'),
});

export interface PostedEntry {
  id: number;
  /** Minor units applied to invoices by this entry. */
  applied: number;
  /** Minor units left unapplied (shown as a credit on the account). */
  unapplied: number;
}

export interface CreatedInvoice {
  id: number;
  number: string;
  openAmount: number;
}

export interface AgingReportData {
  asOf: string;
  basis: 'due' | 'issue';
  buckets: string[];
  rows: { customerId: number; customerCode: string; customerName: string; buckets: number[]; unapplied: number; total: number }[];
  totals: { buckets: number[]; unapplied: number; total: number };
}

export const AgingPageSchema = z.strictObject({
  asOf: isoDate('As-of date'),
  basis: z.enum(['due', 'issue']).default('due'),
  limits: z
    .array(z.number().int().min(1).max(3650))
    .min(1)
    .max(12)
    .default([30, 60, 90, 120])
    .refine((l) => l.every((n, i) => i === 0 || n > l[i - 1]), 'Bucket limits must increase, like 30, 60, 90, 120'),
  search: z.string().max(200).default(''),
  minBucket: z.number().int().min(0).max(13).optional(),
  status: z.string().max(40).optional(),
  profile: z.string().max(40).optional(),
  collector: z.string().trim().max(80).optional(),
  sort: z
    .strictObject({
      field: z.string().regex(/^(customerCode|customerName|total|unapplied|lastContact|nextAction|status|profile|collector|bucket\d{1,2})$/, 'Unknown sort column'),
      direction: z.enum(['asc', 'desc']),
    })
    .default({ field: 'customerCode', direction: 'asc' }),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export const AgingExportSchema = AgingPageSchema.omit({ offset: true, limit: true }).extend({ format: z.enum(['csv', 'xlsx']) });

/** A file for the user to save: the renderer turns it into a download. */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  base64: string;
}

export interface AgingPageData {
  asOf: string;
  basis: 'due' | 'issue';
  buckets: string[];
  rows: (AgingReportData['rows'][number] & {
    status: string;
    profile: string | null;
    collector: string | null;
    lastContact: string | null;
    nextAction: string | null;
  })[];
  rowCount: number;
  totals: AgingReportData['totals'];
}
