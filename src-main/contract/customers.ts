import { z } from 'zod';
import { isoDate } from './date-fields';

export const CONTACT_ROLES = [
  'accounts_payable',
  'principal',
  'senior_leadership',
  'purchasing',
  'other',
] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export const CUSTOMER_KINDS = ['business', 'consumer'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];

// Deliberately simple: one @, something on each side, a dot in the domain, no spaces.
// Stricter rules reject real addresses more often than they catch typos.
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_RE = /^[+]?[0-9 ().\-/]{3,}([ ]*(x|ext\.?)[ ]*[0-9]{1,6})?$/i;

/** Optional free text: blank means "none", stored as null. */
function optionalText(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, `${label} is too long (at most ${max} characters)`)
    .nullish()
    .transform((v) => (v ? v : null));
}

function optionalPattern(label: string, re: RegExp, hint: string) {
  return z
    .string()
    .trim()
    .max(254, `${label} is too long`)
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || re.test(v), `${hint}`);
}

export const ContactInputSchema = z.strictObject({
  id: z.number().int().positive().optional(),
  name: z
    .string({ error: 'Contact name is required' })
    .trim()
    .min(1, 'Contact name is required')
    .max(120, 'Contact name is too long (at most 120 characters)'),
  role: z.enum(CONTACT_ROLES, { error: 'Choose a role' }),
  phone: optionalPattern('Phone', PHONE_RE, 'Enter a phone number using digits, spaces, + ( ) - and an optional ext.'),
  email: optionalPattern('Email', EMAIL_RE, 'Enter a valid email address, like name@example.com'),
  isPrimary: z.boolean().default(false),
});

export const CustomerInputSchema = z
  .strictObject({
    code: z
      .string({ error: 'Code is required' })
      .trim()
      .min(1, 'Code is required')
      .max(32, 'Code is too long (at most 32 characters)')
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Use letters, digits, dot, dash or underscore, starting with a letter or digit'),
    name: z
      .string({ error: 'Name is required' })
      .trim()
      .min(1, 'Name is required')
      .max(200, 'Name is too long (at most 200 characters)'),
    kind: z.enum(CUSTOMER_KINDS, { error: 'Choose business or consumer' }).default('business'),
    email: optionalPattern('Email', EMAIL_RE, 'Enter a valid email address, like name@example.com'),
    phone: optionalPattern('Phone', PHONE_RE, 'Enter a phone number using digits, spaces, + ( ) - and an optional ext.'),
    address1: optionalText('Address line 1', 200),
    address2: optionalText('Address line 2', 200),
    city: optionalText('City', 100),
    region: optionalText('Region', 100),
    postalCode: optionalText('Postal code', 20),
    country: optionalText('Country', 100),
    termsDays: z
      .number({ error: 'Payment terms must be a whole number of days' })
      .int('Payment terms must be a whole number of days')
      .min(0, 'Payment terms cannot be negative')
      .max(365, 'Payment terms can be at most 365 days')
      .default(30),
    /** Integer minor units (cents); null means no limit set. */
    creditLimit: z
      .number({ error: 'Credit limit must be an amount' })
      .int('Credit limit must be in whole minor units')
      .min(0, 'Credit limit cannot be negative')
      .max(Number.MAX_SAFE_INTEGER, 'Credit limit is too large')
      .nullish()
      .transform((v) => v ?? null),
    /** Who chases this customer; blank for nobody in particular. */
    collector: optionalText('Collector', 80),
    /** EIN, VAT or business number, as the customer writes it: credit bureaus match a business by it. */
    taxId: optionalText('Tax ID', 40),
    /** When the account was opened; blank means unknown (the bureau file then uses the first invoice's date). */
    customerSince: z
      .union([isoDate('Customer since'), z.literal('')])
      .nullish()
      .transform((v) => (v ? v : null)),
    contacts: z.array(ContactInputSchema).max(50, 'At most 50 contacts per customer').default([]),
  })
  .superRefine((c, ctx) => {
    const primaries = c.contacts.flatMap((x, i) => (x.isPrimary ? [i] : []));
    for (const i of primaries.slice(1)) {
      ctx.addIssue({ code: 'custom', path: ['contacts', i, 'isPrimary'], message: 'Only one contact can be primary' });
    }
    const ids = new Set<number>();
    c.contacts.forEach((x, i) => {
      if (x.id === undefined) return;
      if (ids.has(x.id)) ctx.addIssue({ code: 'custom', path: ['contacts', i, 'id'], message: 'Contact listed twice' });
      ids.add(x.id);
    });
  });

export type CustomerInput = z.input<typeof CustomerInputSchema>;
export type CustomerData = z.output<typeof CustomerInputSchema>;
export type ContactInput = z.input<typeof ContactInputSchema>;

export const CustomerListSchema = z.strictObject({
  search: z.string().trim().max(200, 'Search is too long').default(''),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});

export const CustomerIdSchema = z.strictObject({ id: z.number().int().positive() });

export const CUSTOMER_STATUSES = ['active', 'credit_hold', 'cod_only', 'prepay_only', 'in_dispute', 'payment_plan', 'with_agency', 'closed'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];
export const CUSTOMER_PROFILES = ['disorganised', 'cash_flow', 'disputing', 'failing', 'angry', 'good'] as const;
export type CustomerProfile = (typeof CUSTOMER_PROFILES)[number];

export const StatusChangeSchema = z.strictObject({
  id: z.number().int().positive(),
  status: z.enum(CUSTOMER_STATUSES, { error: 'Choose a status' }),
  reason: z.string({ error: 'Say why' }).trim().min(1, 'Say why').max(500, 'Keep the reason under 500 characters'),
  by: z.string().trim().max(80).nullish().transform((v) => (v ? v : null)),
});

export const CustomerCardSchema = z.strictObject({
  id: z.number().int().positive(),
  /** The clerk's today, for days past due. */
  asOf: isoDate('As-of date'),
});

export const CustomerUpdateSchema = z.strictObject({
  id: z.number().int().positive(),
  customer: CustomerInputSchema,
});

export interface ContactDetail {
  id: number;
  name: string;
  role: ContactRole;
  phone: string | null;
  email: string | null;
  isPrimary: boolean;
}

export interface CustomerSummary {
  id: number;
  code: string;
  name: string;
  kind: CustomerKind;
  email: string | null;
  phone: string | null;
  city: string | null;
  contactCount: number;
  primaryContact: string | null;
  /** Minor units: the card's balance (customers/customer-card.ts `balanceSql`). */
  balance: number;
}

export interface CustomerPage {
  rows: CustomerSummary[];
  total: number;
}

export interface CustomerDetail {
  id: number;
  code: string;
  name: string;
  kind: CustomerKind;
  email: string | null;
  phone: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  termsDays: number;
  creditLimit: number | null;
  status: string;
  profile: string | null;
  collector: string | null;
  taxId: string | null;
  customerSince: string | null;
  createdAt: string;
  updatedAt: string;
  contacts: ContactDetail[];
}

export interface OpenItem {
  invoiceId: number;
  instalmentId: number | null;
  number: string;
  /** Instalment number within its invoice, or null for a plain invoice. */
  seq: number | null;
  issueDate: string;
  dueDate: string;
  amount: number;
  openAmount: number;
  daysPastDue: number;
  poNumber: string | null;
  /** Of the open amount: held by an open dispute, covered by a running payment plan, and what may be asked for. */
  disputed: number;
  onPlan: number;
  collectable: number;
}

export interface CustomerCard {
  customer: CustomerDetail;
  asOf: string;
  balance: { labels: string[]; buckets: number[]; unapplied: number; total: number };
  openItems: OpenItem[];
  /**
   * What Settle may ask for as of asOf (src-main/collectable): open items less disputed parts and
   * plan-covered parts, with unapplied cash and credits netted; hold names why nothing may be asked.
   */
  collectable: { total: number; dueNow: number; overdue: number; disputed: number; onPlan: number; unapplied: number; hold: string | null };
  recentPayments: { id: number; reference: string; date: string; amount: number; unapplied: number; method: string | null }[];
  openCredits: { id: number; number: string; date: string; amount: number; unapplied: number; reason: string | null }[];
  /** Newest first, each judged against the payments (see promise-status.ts). */
  promises: { id: number; activityId: number; amount: number; promisedDate: string; received: number; status: 'open' | 'kept' | 'partly_kept' | 'broken' }[];
  /** The customer's record of keeping promises. */
  promiseRecord: { kept: number; partlyKept: number; broken: number; open: number };
  /** Newest first. */
  statusHistory: { status: string; previous: string; reason: string; changedBy: string | null; changedAt: string }[];
  /** Positive when the balance is over the credit limit. */
  overCreditLimit: number;
  /** Disputes not yet resolved, oldest first, with how many days they have been open. */
  openDisputes: { id: number; reason: string; amount: number; status: string; owner: string | null; openedOn: string; daysOpen: number; invoiceNumbers: string[] }[];
}
