import { z } from 'zod';
import { isoDate } from './date-fields';

// Letter templates (every save is a new version) and the letterhead settings the letters read.

export const TEMPLATE_ADDRESSEES = ['accounts_payable', 'principal'] as const;
export type TemplateAddressee = (typeof TEMPLATE_ADDRESSEES)[number];

const id = z.number().int().positive();
const MAX_BODY = 20_000;

/** Line breaks as the checker counts them, so "Line 3" means the third line the clerk sees. */
const text = (message: string, max: number, tooLong: string) =>
  z
    .string({ error: message })
    .max(max, tooLong)
    .transform((v) => v.replace(/\r\n?/g, '\n'))
    .refine((v) => v.trim() !== '', message);

const tone = z
  .number({ error: 'Choose a tone from 1 (friendly reminder) to 5 (final demand)' })
  .int('Choose a tone from 1 (friendly reminder) to 5 (final demand)')
  .min(1, 'Choose a tone from 1 (friendly reminder) to 5 (final demand)')
  .max(5, 'Choose a tone from 1 (friendly reminder) to 5 (final demand)');

const addressedTo = z.enum(TEMPLATE_ADDRESSEES, { error: 'Choose whom the letter is to: accounts payable or the principal' });
const subject = z
  .string({ error: 'Write a subject' })
  .trim()
  .min(1, 'Write a subject')
  .max(200, 'Keep the subject under 200 characters')
  .refine((v) => !v.includes('\n'), 'The subject is one line');
const body = text('Write the letter', MAX_BODY, `Keep the letter under ${MAX_BODY.toLocaleString('en-US')} characters`);
const MAX_EMAIL_BODY = 10_000;
/**
 * The email's own words (same merge fields as the letter). Left out: the current version's are
 * kept (an editor that does not show them never wipes them); null or blank: not sent by email.
 */
const emailSubject = z
  .string()
  .trim()
  .max(200, 'Keep the email subject under 200 characters')
  .refine((v) => !v.includes('\n'), 'The email subject is one line')
  .nullable()
  .optional()
  .transform((v) => (v === undefined ? undefined : v ? v : null));
const emailBody = z
  .string()
  .max(MAX_EMAIL_BODY, `Keep the email under ${MAX_EMAIL_BODY.toLocaleString('en-US')} characters`)
  .transform((v) => v.replace(/\r\n?/g, '\n'))
  .nullable()
  .optional()
  .transform((v) => (v === undefined ? undefined : v && v.trim() !== '' ? v : null));

export const TemplateGetSchema = z.strictObject({
  id,
  /** A past version of the template instead of the current one. */
  versionId: id.optional(),
});

/** Live checking while typing: nothing is saved. */
export const TemplateCheckSchema = z.strictObject({
  subject: z.string().max(1_000),
  body: z.string().max(MAX_BODY * 2),
  emailSubject: z.string().max(1_000).nullish(),
  emailBody: z.string().max(MAX_EMAIL_BODY * 2).nullish(),
});

export const TemplateSaveSchema = z.strictObject({
  /** Present to save a new version of an existing template; absent to add a template. */
  id: id.optional(),
  name: z.string({ error: 'Name the template' }).trim().min(1, 'Name the template').max(80, 'Keep the name under 80 characters'),
  tone,
  addressedTo,
  subject,
  body,
  /** Both or neither: a template with an email text can go by email. */
  emailSubject,
  emailBody,
  /** Attach the letter as a PDF to the email (left out: as the current version does, else yes). */
  attachPdf: z.boolean().optional(),
  by: z
    .string()
    .trim()
    .max(80, 'Keep the name under 80 characters')
    .nullish()
    .transform((v) => (v ? v : null)),
}).superRefine((t, ctx) => {
  if (t.emailSubject === undefined && t.emailBody === undefined) return;
  if (t.emailSubject && !t.emailBody) ctx.addIssue({ code: 'custom', path: ['emailBody'], message: 'Write the email, or clear its subject' });
  if (t.emailBody && !t.emailSubject) ctx.addIssue({ code: 'custom', path: ['emailSubject'], message: 'Write a subject for the email' });
});

export const TemplateArchiveSchema = z.strictObject({ id, archived: z.boolean({ error: 'Say whether to archive or restore it' }) });

export const TemplatePreviewSchema = z
  .strictObject({
    /** A saved template's current version… */
    id: id.optional(),
    /** …or the text being edited, unsaved. */
    draft: z
      .strictObject({
        subject: z.string().max(1_000),
        body: z.string().max(MAX_BODY * 2),
        tone: tone.optional(),
        addressedTo,
        emailSubject: z.string().max(1_000).nullish(),
        emailBody: z.string().max(MAX_EMAIL_BODY * 2).nullish(),
      })
      .optional(),
    customerId: z.number({ error: 'Choose a customer' }).int().positive('Choose a customer'),
    letterDate: isoDate('The letter date'),
    /** Also render the PDF (slower; the text preview is enough while typing). */
    withPdf: z.boolean().default(false),
  })
  .superRefine((x, ctx) => {
    if ((x.id === undefined) === (x.draft === undefined)) ctx.addIssue({ code: 'custom', path: ['id'], message: 'Preview either a saved template or a draft, not both' });
  });

const optionalSetting = (max: number, label: string) => z.string().trim().max(max, `${label} is too long (at most ${max} characters)`).optional();
/** base64 of up to 500 KB of bytes. */
const MAX_LOGO_BASE64 = Math.ceil((500 * 1024) / 3) * 4;

export const LetterSettingsUpdateSchema = z.strictObject({
  companyName: z.string().trim().min(1, 'Enter the company name letters are signed with').max(120, 'Company name is too long (at most 120 characters)').optional(),
  companyAddress: z
    .string()
    .max(400, 'The address is too long (at most 400 characters)')
    .transform((v) => v.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim()).filter((l) => l !== '').join('\n'))
    .refine((v) => v.split('\n').length <= 6, 'Keep the address to 6 lines')
    .optional(),
  companyPhone: optionalSetting(40, 'Phone'),
  /** Bank account or other ways to pay, printed on a statement's remittance slip. */
  paymentDetails: z
    .string()
    .max(300, 'The payment details are too long (at most 300 characters)')
    .transform((v) => v.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim()).filter((l) => l !== '').join('\n'))
    .refine((v) => v.split('\n').length <= 4, 'Keep the payment details to 4 lines')
    .optional(),
  companyEmail: z
    .string()
    .trim()
    .max(120, 'Email is too long')
    .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'Enter an email like accounts@example.com')
    .optional(),
  /** base64 PNG or JPEG up to 500 KB; null removes the logo. */
  companyLogo: z
    .string()
    .max(MAX_LOGO_BASE64, 'The logo must be 500 KB or smaller')
    .refine((v) => /^[A-Za-z0-9+/]*={0,2}$/.test(v), 'The logo could not be read: upload a PNG or JPEG file')
    .nullable()
    .optional(),
  clerkName: optionalSetting(80, 'Your name'),
  clerkPhone: optionalSetting(40, 'Your phone'),
  paperSize: z.enum(['letter', 'a4'], { error: 'Choose US Letter or A4' }).optional(),
  resolutionDays: z
    .number({ error: 'Enter a whole number of days' })
    .int('Enter a whole number of days')
    .min(1, 'At least 1 day')
    .max(60, 'At most 60 days')
    .optional(),
});

export interface TemplateProblem {
  part: 'subject' | 'body' | 'emailSubject' | 'emailBody';
  line: number;
  column: number;
  message: string;
}

/** One saved version of a template: never changed once written. */
export interface LetterTemplateVersion {
  templateId: number;
  versionId: number;
  version: number;
  name: string;
  tone: number;
  addressedTo: TemplateAddressee;
  subject: string;
  body: string;
  /** The email's subject and plain-text body (same merge fields); null when the template is not sent by email. */
  emailSubject: string | null;
  emailBody: string | null;
  attachPdf: boolean;
  createdAt: string;
}

export interface TemplateSummary {
  id: number;
  name: string;
  version: number;
  versionId: number;
  tone: number;
  addressedTo: TemplateAddressee;
  subject: string;
  /** The current version can go by email (it has an email subject and body). */
  hasEmail: boolean;
  /** When the current version was saved. */
  updatedAt: string;
  archived: boolean;
}

export interface TemplateDetail extends LetterTemplateVersion {
  archived: boolean;
  /** The version shown is the template's current one (not a past version asked for by versionId). */
  current: boolean;
  /** Newest first. */
  history: { versionId: number; version: number; createdAt: string; createdBy: string | null }[];
}

export interface TemplatePreview {
  subject: string;
  /** The merged body as plain text: paragraphs separated by blank lines, tables shown as "[open items table]" etc. */
  text: string;
  /** The window-envelope address block. */
  addressLines: string[];
  letterDate: string;
  resolutionDate: string;
  /** The same body as blocks, so the editor can draw the tables in place. */
  blocks: ({ kind: 'paragraph'; text: string } | { kind: 'open_items_table' | 'plan_schedule_table' | 'signature_lines' | 'statement_items' | 'aging_summary' | 'remittance_slip' })[];
  openItems: { number: string; seq: number | null; dueDate: string; daysPastDue: number; openAmount: number }[];
  totals: { open: number; unapplied: number; due: number; overdue: number };
  currency: string;
  planSchedule: { seq: number; dueDate: string; amount: number }[];
  problems: TemplateProblem[];
  /** Fields this letter uses that are blank for it (a clerk phone not set yet, …), to fix in Settings before printing. */
  emptyFields: string[];
  /** Why this customer cannot get this letter (no payment plan, no open dispute), or null. */
  missing: string | null;
  /** base64 PDF when asked for and the letter can be made; otherwise null. */
  pdf: string | null;
  /** The email as this customer would get it (plain text), when the template has an email text. */
  email?: { subject: string; text: string } | null;
}

/** The merge fields a template may use, for the editor's list; block fields stand on a line of their own. */
export interface TemplateFields {
  inline: { name: string; description: string }[];
  blocks: { name: string; description: string }[];
}

export interface LetterSettingsData {
  companyName: string;
  companyAddress: string;
  companyPhone: string;
  companyEmail: string;
  /** Bank or other payment details for the remittance slip; '' when not given. */
  paymentDetails: string;
  companyLogo: string | null;
  clerkName: string;
  clerkPhone: string;
  paperSize: 'letter' | 'a4';
  resolutionDays: number;
}
