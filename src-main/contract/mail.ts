import { z } from 'zod';
import { isoDate } from './date-fields';
import { MAX_BATCH } from './letters';

// Reminders and letters by email through the ledger's own SMTP server (docs/mail.md).

export const MAIL_TLS = ['none', 'starttls', 'tls'] as const;
export type MailTls = (typeof MAIL_TLS)[number];

// Same deliberately loose rule as a customer's email: stricter ones reject real addresses.
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const address = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .max(254, `${label[0].toUpperCase()}${label.slice(1)} is too long`)
    .refine((v) => EMAIL_RE.test(v), 'Enter an email address like accounts@example.com');
const optionalAddress = (label: string) =>
  z
    .string()
    .trim()
    .max(254, `${label} is too long`)
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || EMAIL_RE.test(v), 'Enter an email address like accounts@example.com');
const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} is too long (at most ${max} characters)`)
    .nullish()
    .transform((v) => (v ? v : null));
const id = (what: string) => z.number({ error: `Choose ${what}` }).int().positive();

export const MailSettingsSaveSchema = z.strictObject({
  host: z
    .string({ error: 'Enter the mail server' })
    .trim()
    .min(1, 'Enter the mail server, like smtp.example.com')
    .max(253, 'The server name is too long')
    .refine((v) => /^[A-Za-z0-9.-]+$|^\[?[0-9A-Fa-f:.]+\]?$/.test(v), 'Enter a server name like smtp.example.com or an IP address'),
  port: z.number({ error: 'Enter the port, like 587' }).int('Enter the port, like 587').min(1, 'Ports run from 1 to 65535').max(65535, 'Ports run from 1 to 65535'),
  tls: z.enum(MAIL_TLS, { error: 'Choose none, STARTTLS or TLS' }),
  user: optionalText('The user name', 254),
  /**
   * Never stored in the ledger and never returned. Left out: the password kept so far stays;
   * null or '': it is forgotten. Kept by the operating system's credential store where Electron
   * runs, else for this session only (or taken from SETTLE_SMTP_PASSWORD).
   */
  password: z.string().max(1024, 'The password is too long').nullish(),
  fromAddress: address('the address messages are from'),
  fromName: optionalText('The sender name', 120),
  replyTo: optionalAddress('The reply-to address'),
  bccSelf: z.boolean().default(false),
});

export interface MailSettings {
  host: string;
  port: number;
  tls: MailTls;
  user: string | null;
  fromAddress: string;
  fromName: string | null;
  replyTo: string | null;
  bccSelf: boolean;
}

/**
 * Where the password comes from, never the password: `stored` (the OS credential store),
 * `session` (typed in this session), `environment` (SETTLE_SMTP_PASSWORD), `none`.
 */
export type MailPasswordSource = 'stored' | 'session' | 'environment' | 'none';

export interface MailSettingsData {
  settings: MailSettings | null;
  password: MailPasswordSource;
}

export const MailTestSchema = z.strictObject({ to: address('the address to send the test to') });

/** The server's answer to a test message: `ok` false with its words when it refused or could not be reached. */
export interface MailTestResult {
  ok: boolean;
  response: string;
  accepted: string[];
  rejected: string[];
}

/**
 * Sends a template by email to each customer (a job: progress and cancel). A message the same
 * template already took to the same customer that day is skipped unless `again` is true; a
 * customer with no email address is skipped (print their letter instead).
 */
export const MailSendSchema = z.strictObject({
  templateId: id('a template'),
  customerIds: z
    .array(z.number().int().positive(), { error: 'Choose the customers to write to' })
    .min(1, 'Choose at least one customer')
    .max(MAX_BATCH, `At most ${MAX_BATCH.toLocaleString('en-US')} messages in one batch`),
  letterDate: isoDate('The letter date'),
  /** The policy tasks the batch carries out, closed as each message is accepted; left out, the customers' open tasks for this template. */
  taskIds: z.array(z.number().int().positive()).max(MAX_BATCH).optional().default([]),
  /** Send even where the same template already went to the customer that day (the clerk confirmed). */
  again: z.boolean().default(false),
  by: z.string().trim().max(80).nullish().transform((v) => (v ? v : null)),
});

/** Sends again the failed messages named (the exact archived bytes): one already sent since is skipped. */
export const MailRetrySchema = z.strictObject({
  messageIds: z.array(z.number().int().positive()).min(1, 'Choose the messages to send again').max(MAX_BATCH),
  by: z.string().trim().max(80).nullish().transform((v) => (v ? v : null)),
});

/** The message one customer would get, as a .eml file for the clerk's own mail program; nothing is recorded. */
export const MailEmlSchema = z.strictObject({
  templateId: id('a template'),
  customerId: id('a customer'),
  letterDate: isoDate('The letter date'),
});

export const MAIL_STATUSES = ['sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export const MailListSchema = z.strictObject({
  customerId: id('a customer').optional(),
  status: z.enum(MAIL_STATUSES).optional(),
  /** Only messages for this letter date. */
  letterDate: isoDate('The letter date').optional(),
  limit: z.number().int().min(1).max(MAX_BATCH).default(200),
});

export interface MailRecipients {
  to: string[];
  cc: string[];
  bcc: string[];
}

/** One customer's outcome in a batch. */
export interface MailResult {
  customerId: number;
  status: 'sent' | 'failed' | 'skipped';
  /** The server's answer ("250 2.0.0 Ok: queued", "550 5.1.1 <x@y>: Recipient address rejected", "connect ECONNREFUSED …"), or why it was skipped. */
  response: string;
  /** The recorded attempt (retry a failed one with mail.retry); null when skipped. */
  messageId: number | null;
  /** The letter recorded once the server accepted it. */
  letterId: number | null;
}

export interface MailBatchResult {
  sent: number;
  failed: number;
  skipped: number;
  results: MailResult[];
}

/** One attempt to send one message, as recorded. */
export interface MailMessage {
  id: number;
  customerId: number;
  customerName: string;
  templateId: number;
  templateName: string;
  version: number;
  letterDate: string;
  subject: string;
  recipients: MailRecipients;
  status: MailStatus;
  response: string;
  attemptedAt: string;
  letterId: number | null;
  /** The archived .eml (letter file) holding the exact bytes sent or attempted. */
  fileId: number;
  sha256: string;
  /** A failed message sent since (by a retry or a later batch): nothing left to retry. */
  settled: boolean;
}

export interface MailEmlFile {
  fileName: string;
  mimeType: 'message/rfc822';
  base64: string;
}
