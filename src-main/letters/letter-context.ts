import type { Database } from 'better-sqlite3';
import { customerOpenItems, unappliedAmount } from '../customers/customer-card';
import { formatGrouped } from '../money/amounts';
import { addDays } from '../money/dates';
import { prepared } from '../ledger/prepared';
import { ServiceError } from '../services/service-error';
import type { LetterSettingsData } from '../contract/templates';
import type { InlineField } from './merge-fields';

export type PaperSize = 'letter' | 'a4';
export type AddressedTo = 'accounts_payable' | 'principal';

/** What the letters read from Settings (the contract's shape); kept in ledger_setting under these keys. */
export type LetterSettings = LetterSettingsData;

const SETTING_KEYS: Record<keyof LetterSettings, string> = {
  companyName: 'company_name',
  companyAddress: 'company_address',
  companyPhone: 'company_phone',
  companyEmail: 'company_email',
  companyLogo: 'company_logo',
  clerkName: 'clerk_name',
  clerkPhone: 'clerk_phone',
  paperSize: 'paper_size',
  resolutionDays: 'resolution_days',
};

export function letterSettings(db: Database): LetterSettings {
  const setting = prepared(db, 'SELECT value FROM ledger_setting WHERE key = ?').pluck();
  const get = (k: keyof LetterSettings) => setting.get(SETTING_KEYS[k]) as string | undefined;
  return {
    companyName: get('companyName') ?? 'Our company',
    companyAddress: get('companyAddress') ?? '',
    companyPhone: get('companyPhone') ?? '',
    companyEmail: get('companyEmail') ?? '',
    companyLogo: get('companyLogo') ?? null,
    clerkName: get('clerkName') ?? '',
    clerkPhone: get('clerkPhone') ?? '',
    paperSize: get('paperSize') === 'a4' ? 'a4' : 'letter',
    resolutionDays: Number(get('resolutionDays') ?? 10),
  };
}

export function saveLetterSettings(db: Database, changes: Partial<LetterSettings>): LetterSettings {
  const put = db.prepare(`INSERT INTO ledger_setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  const drop = db.prepare('DELETE FROM ledger_setting WHERE key = ?');
  db.transaction(() => {
    for (const [k, v] of Object.entries(changes) as [keyof LetterSettings, unknown][]) {
      if (v === undefined) continue;
      if (v === null) drop.run(SETTING_KEYS[k]);
      else put.run(SETTING_KEYS[k], String(v));
    }
  })();
  return letterSettings(db);
}

export interface LetterOpenItem {
  number: string;
  /** Instalment number, or null for a whole invoice. */
  seq: number | null;
  issueDate: string;
  dueDate: string;
  daysPastDue: number;
  openAmount: number;
}

/** Everything one letter to one customer can say, read from the ledger as of the letter's date. */
export interface LetterData {
  letterDate: string;
  resolutionDate: string;
  settings: LetterSettings;
  /** The ledger's currency code (ledger_setting 'currency'), printed once on the totals lines. */
  currency: string;
  customer: { id: number; code: string; name: string; kind: 'business' | 'consumer' };
  /** The contact the letter is addressed to, if the customer has one in that role. */
  contactName: string | null;
  /** The window-envelope block, top to bottom: contact, customer, address. */
  addressLines: string[];
  openItems: LetterOpenItem[];
  totals: { open: number; unapplied: number; due: number; overdue: number };
  daysPastDue: number;
  plan: { id: number; total: number; count: number; frequency: string; schedule: { seq: number; dueDate: string; amount: number }[] } | null;
  dispute: { id: number; reason: string; amount: number; invoices: string[]; openedOn: string } | null;
}

export function letterData(db: Database, customerId: number, letterDate: string, addressedTo: AddressedTo): LetterData {
  const c = prepared(db, 'SELECT id, code, name, kind, address1, address2, city, region, postal_code, country FROM customer WHERE id = ?')
    .get(customerId) as
    | { id: number; code: string; name: string; kind: 'business' | 'consumer'; address1: string | null; address2: string | null; city: string | null; region: string | null; postal_code: string | null; country: string | null }
    | undefined;
  if (!c) throw new ServiceError('not_found', `Customer ${customerId} does not exist.`, { customerId: 'No such customer' });
  const settings = letterSettings(db);
  const roles = addressedTo === 'principal' ? ['principal', 'senior_leadership'] : ['accounts_payable'];
  const contact = prepared(
    db,
    `SELECT name FROM contact WHERE customer_id = ?
      ORDER BY CASE WHEN role IN (SELECT value FROM json_each(?)) THEN 0 ELSE 1 END, CASE role WHEN 'principal' THEN 0 ELSE 1 END, is_primary DESC, position, id LIMIT 1`,
  )
    .pluck()
    .get(customerId, JSON.stringify(roles)) as string | undefined;
  const cityLine = [c.city, [c.region, c.postal_code].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const addressLines = [contact && c.kind === 'business' ? `Attn: ${contact}` : null, c.name, c.address1, c.address2, cityLine || null, c.country].filter(
    (l): l is string => !!l && l.trim() !== '',
  );

  const openItems = customerOpenItems(db, customerId, letterDate).map((o) => ({
    number: o.number,
    seq: o.seq,
    issueDate: o.issueDate,
    dueDate: o.dueDate,
    daysPastDue: o.daysPastDue,
    openAmount: o.openAmount,
  }));
  const open = openItems.reduce((s, o) => s + o.openAmount, 0);
  const unapplied = unappliedAmount(db, customerId);
  const overdue = openItems.filter((o) => o.daysPastDue > 0).reduce((s, o) => s + o.openAmount, 0);

  const planRow = prepared(db, `SELECT id, total, instalment_count AS count, frequency FROM payment_plan WHERE customer_id = ? AND status IN ('proposed', 'signed') ORDER BY id DESC LIMIT 1`)
    .get(customerId) as { id: number; total: number; count: number; frequency: string } | undefined;
  const plan = planRow
    ? { ...planRow, schedule: prepared(db, 'SELECT seq, due_date AS dueDate, amount FROM plan_instalment WHERE plan_id = ? ORDER BY seq').all(planRow.id) as { seq: number; dueDate: string; amount: number }[] }
    : null;
  const disputeRow = prepared(db, `SELECT id, reason, amount, opened_on AS openedOn FROM dispute WHERE customer_id = ? AND status <> 'resolved' ORDER BY id DESC LIMIT 1`)
    .get(customerId) as { id: number; reason: string; amount: number; openedOn: string } | undefined;
  const dispute = disputeRow
    ? {
        ...disputeRow,
        invoices: prepared(db, 'SELECT i.number FROM dispute_invoice di JOIN invoice i ON i.id = di.invoice_id WHERE di.dispute_id = ? ORDER BY i.number').pluck().all(disputeRow.id) as string[],
      }
    : null;

  return {
    letterDate,
    resolutionDate: addDays(letterDate, settings.resolutionDays),
    settings,
    currency: (prepared(db, `SELECT value FROM ledger_setting WHERE key = 'currency'`).pluck().get() as string | undefined) ?? 'USD',
    customer: { id: c.id, code: c.code, name: c.name, kind: c.kind },
    contactName: contact ?? null,
    addressLines,
    openItems,
    totals: { open, unapplied, due: open + unapplied, overdue },
    daysPastDue: openItems.reduce((m, o) => Math.max(m, o.daysPastDue), 0),
    plan,
    dispute,
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2026-11-23 → "23 November 2026": no reader can mistake the day for the month. */
export function longDate(iso: string): string {
  return `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}

const REASONS: Record<string, string> = {
  not_received: 'goods or service not received',
  damaged: 'goods arrived damaged',
  pricing: 'a pricing question',
  quality: 'a quality problem',
  duplicate_billing: 'a duplicate bill',
  other: 'a question about the invoice',
};
const FREQUENCIES: Record<string, string> = { weekly: 'weekly', fortnightly: 'every two weeks', monthly: 'monthly' };

/** The text each inline field stands for in this letter. Money as 1,234.56 with the currency code where it matters is the renderer's choice. */
export function inlineValues(d: LetterData): Record<InlineField, string> {
  const money = (m: number) => formatGrouped(m);
  const s = d.settings;
  return {
    'company.name': s.companyName,
    'company.address': s.companyAddress,
    'company.phone': s.companyPhone,
    'company.email': s.companyEmail,
    'customer.name': d.customer.name,
    'customer.code': d.customer.code,
    'customer.address': d.addressLines.filter((l) => !l.startsWith('Attn: ')).join('\n'),
    'contact.name': d.contactName ?? (d.customer.kind === 'consumer' ? d.customer.name : 'Accounts Payable'),
    today: longDate(d.letterDate),
    resolution_date: longDate(d.resolutionDate),
    currency: d.currency,
    total_due: money(d.totals.due),
    overdue_total: money(d.totals.overdue),
    days_past_due: String(d.daysPastDue),
    open_items_count: String(d.openItems.length),
    'clerk.name': s.clerkName,
    'clerk.phone': s.clerkPhone || s.companyPhone,
    'plan.total': d.plan ? money(d.plan.total) : '',
    'plan.count': d.plan ? String(d.plan.count) : '',
    'plan.frequency': d.plan ? FREQUENCIES[d.plan.frequency] ?? d.plan.frequency : '',
    'plan.first_due': d.plan && d.plan.schedule.length > 0 ? longDate(d.plan.schedule[0].dueDate) : '',
    'dispute.reason': d.dispute ? REASONS[d.dispute.reason] ?? d.dispute.reason : '',
    'dispute.amount': d.dispute ? money(d.dispute.amount) : '',
    'dispute.invoices': d.dispute ? d.dispute.invoices.join(', ') : '',
    'dispute.opened': d.dispute ? longDate(d.dispute.openedOn) : '',
  };
}

/** Fields that need data a customer may not have: a letter using them without it is refused. */
export function missingData(usedFields: string[], d: LetterData): string | null {
  if (usedFields.some((f) => f.startsWith('plan.') || f === 'plan_schedule_table') && !d.plan) return `${d.customer.name} has no payment plan to put in this letter.`;
  if (usedFields.some((f) => f.startsWith('dispute.')) && !d.dispute) return `${d.customer.name} has no open dispute to acknowledge.`;
  return null;
}
