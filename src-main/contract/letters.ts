import { z } from 'zod';
import { trackingDigits, trackingNumberProblem } from '../letters/sending/tracking-number';
import { isoDate } from './date-fields';

const id = (what: string) => z.number({ error: `Choose ${what}` }).int().positive();

/** `email` goes through the ledger's mail server (mail.send); letters.send prints the others. */
export const LETTER_CHANNELS = ['mail', 'certified_mail', 'email_pdf', 'email'] as const;
export type LetterChannel = (typeof LETTER_CHANNELS)[number];

/** The most letters one batch may hold: a day's printing, with room to spare. */
export const MAX_BATCH = 5000;

export const LettersSendSchema = z.strictObject({
  templateId: id('a template'),
  customerIds: z
    .array(z.number().int().positive(), { error: 'Choose the customers to write to' })
    .min(1, 'Choose at least one customer')
    .max(MAX_BATCH, `At most ${MAX_BATCH.toLocaleString('en-US')} letters in one batch`),
  letterDate: isoDate('The letter date'),
  channel: z.enum(LETTER_CHANNELS, { error: 'Choose mail, certified mail, an email-ready PDF or email' }),
  /**
   * The policy tasks this batch carries out: each is marked done once its letter is recorded.
   * Left out (letters from the aging grid), the customers' open tasks asking for this same
   * template are the ones carried out.
   */
  taskIds: z.array(z.number().int().positive()).max(MAX_BATCH).optional().default([]),
  by: z.string().trim().max(80).nullish().transform((v) => (v ? v : null)),
});

/** The letters a send would make, for the clerk to check before anything is recorded: the same input as letters.send. */
export const LettersReviewSchema = LettersSendSchema.omit({ by: true });

export const LetterFileSchema = z.strictObject({ fileId: id('a letter file') });
export const LetterListSchema = z.strictObject({ customerId: id('a customer') });
export const LettersDueSchema = z.strictObject({
  today: isoDate('Today'),
  /**
   * Put the letters of email steps (channel email / email_or_print) for customers with an address
   * in `email` groups of their own. Left out, every letter task is offered for printing, as before
   * letters went by email.
   */
  email: z.boolean().default(false),
});

const trackingNumber = z
  .string({ error: 'Enter the tracking number from the certified-mail receipt' })
  .trim()
  .min(1, 'Enter the tracking number from the certified-mail receipt')
  .max(64, 'That is too long for a tracking number')
  .superRefine((v, ctx) => {
    const problem = trackingNumberProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((v) => trackingDigits(v)!);

export const CertifiedRecordSchema = z.strictObject({
  letterId: id('a letter'),
  trackingNumber,
  mailedOn: isoDate('The mailing date'),
});

export const CertifiedReceiptSchema = z.strictObject({
  letterId: id('a letter'),
  returnReceiptOn: isoDate('The return receipt date'),
  signedBy: z
    .string({ error: 'Enter who signed the return receipt' })
    .trim()
    .min(1, 'Enter who signed the return receipt')
    .max(120, 'Keep the name under 120 characters'),
});

export const CertifiedLogSchema = z.strictObject({ date: isoDate('The date') });

export interface SentLetter {
  id: number;
  customerId: number;
  /** Where this customer's letter starts in the batch PDF (1-based), and how many pages it has. */
  firstPage: number;
  pageCount: number;
}

export interface LettersSent {
  fileId: number;
  fileName: string;
  pages: number;
  letters: SentLetter[];
  /** Customers who got no letter, and why (no payment plan for a plan agreement, …). */
  skipped: { customerId: number; reason: string }[];
}

export interface LetterPdfFile {
  fileName: string;
  mimeType: 'application/pdf';
  base64: string;
}

/** An archived letter as sent: the PDF printed, or the exact .eml a mail server accepted. */
export interface ArchivedLetterFile {
  fileName: string;
  mimeType: 'application/pdf' | 'message/rfc822';
  base64: string;
}

export interface CertifiedInfo {
  /** Digits only; null until the mailing is recorded. */
  trackingNumber: string | null;
  mailedOn: string | null;
  returnReceiptOn: string | null;
  signedBy: string | null;
}

export interface LetterSummary {
  id: number;
  customerId: number;
  activityId: number;
  templateId: number;
  templateName: string;
  version: number;
  channel: LetterChannel;
  letterDate: string;
  resolutionDate: string | null;
  subject: string;
  /** Minor units owed when the letter was sent. */
  totalDue: number;
  fileId: number;
  firstPage: number;
  pageCount: number;
  /** For certified mail: the mailing and return receipt as far as they are recorded. */
  certified: CertifiedInfo | null;
  createdAt: string;
}

/**
 * `no_email` (channel email): the customer has no address to send to; an email batch skips them
 * (print their letter instead). `sent_today` (channel email): this template already went to them by
 * email on the letter date; sending again needs `again`.
 */
export const REVIEW_WARNINGS = ['no_address', 'under_minimum', 'account_hold', 'disputed', 'on_plan', 'no_email', 'sent_today'] as const;
export type ReviewWarningKind = (typeof REVIEW_WARNINGS)[number];

export interface ReviewWarning {
  kind: ReviewWarningKind;
  message: string;
}

/** One letter a send would make. */
export interface LetterReviewRow {
  customerId: number;
  customerCode: string;
  customerName: string;
  /** The policy tasks the letter carries out (closed when it is recorded). */
  taskIds: number[];
  /** The figure the letter asks for, as it prints it (minor units). */
  amount: number;
  warnings: ReviewWarning[];
  /** Why this customer cannot get this letter at all (it would be skipped), or null. */
  blocked: string | null;
  /** Channel email only: whom the message would go to (To empty: no address, see `no_email`). */
  email?: { to: string[]; cc: string[]; bcc: string[] };
}

export interface LetterheadGapInfo {
  setting: 'companyName' | 'companyAddress' | 'companyPhone' | 'companyEmail' | 'clerkName' | 'clerkPhone';
  label: string;
  problem: 'empty' | 'placeholder';
}

export interface LettersReview {
  templateId: number;
  template: string;
  version: number;
  channel: LetterChannel;
  letterDate: string;
  currency: string;
  /** Sender details the letters would print blank or as placeholders; sending is refused while any is listed. */
  letterhead: LetterheadGapInfo[];
  /** The refusal's wording when letterhead is not empty, else null. */
  letterheadMessage: string | null;
  rows: LetterReviewRow[];
}

export interface LettersDueGroup {
  template: string;
  /** Null when no template of that name exists (renamed or never created): the tasks cannot be printed as they are. */
  templateId: number | null;
  /** `email`: steps sent by email (their customers have an address); the same step's customers without one are in the `mail` group. */
  channel: 'mail' | 'certified_mail' | 'email';
  tasks: { taskId: number; customerId: number; customerName: string }[];
}

export interface CertifiedLogEntry {
  letterId: number;
  customerId: number;
  customer: string;
  addressLines: string[];
  template: string;
  letterDate: string;
  trackingNumber: string | null;
  mailedOn: string | null;
  returnReceiptOn: string | null;
  signedBy: string | null;
}

export interface ArchiveProblem {
  fileId: number;
  path: string;
  problem: 'missing' | 'altered' | 'size';
}

export interface ArchiveCheck {
  checked: number;
  ok: number;
  problems: ArchiveProblem[];
}
