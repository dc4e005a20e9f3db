import type { Database } from 'better-sqlite3';
import { collectableOf, type CustomerCollectable } from '../collectable/collectable';
import { formatMoney } from '../money/money-format';
import { ledgerMoneyStyle } from '../money/ledger-money';
import { addDays } from '../money/dates';
import { prepared } from '../ledger/prepared';
import { ServiceError } from '../contract/service-error';
import type { LetterSettingsData } from '../contract/templates';
import type { InlineField } from './merge-fields';
import { writeTransaction } from '../ledger/write-transaction';
import { PLACEHOLDER_COMPANY_NAME } from './letterhead-readiness';
import { statementOf, type Statement } from '../statements/statement-data';

export type PaperSize = 'letter' | 'a4';
export type AddressedTo = 'accounts_payable' | 'principal';

/** What the letters read from Settings (the contract's shape); kept in ledger_setting under these keys. */
export type LetterSettings = LetterSettingsData;

const SETTING_KEYS: Record<keyof LetterSettings, string> = {
  companyName: 'company_name',
  companyAddress: 'company_address',
  companyPhone: 'company_phone',
  companyEmail: 'company_email',
  paymentDetails: 'payment_details',
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
    companyName: get('companyName') ?? PLACEHOLDER_COMPANY_NAME,
    companyAddress: get('companyAddress') ?? '',
    companyPhone: get('companyPhone') ?? '',
    companyEmail: get('companyEmail') ?? '',
    paymentDetails: get('paymentDetails') ?? '',
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
  writeTransaction(db, () => {
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
  /** The collectable amount: what is open less any disputed part, part on a plan, and unapplied cash taken by it. */
  openAmount: number;
}

/** Everything one letter to one customer can say, read from the ledger as of the letter's date. */
export interface LetterData {
  letterDate: string;
  resolutionDate: string;
  settings: LetterSettings;
  /** The ledger's currency code (ledger_setting 'currency'), for templates that name it. */
  currency: string;
  /** The locale money is written in: the same as the screens', so a letter and the card agree. */
  locale: string;
  customer: { id: number; code: string; name: string; kind: 'business' | 'consumer' };
  /** The contact the letter is addressed to, if the customer has one in that role. */
  contactName: string | null;
  /** The window-envelope block, top to bottom: contact, customer, address. */
  addressLines: string[];
  /** The items that may be asked for on the letter's date, each at its collectable amount. */
  openItems: LetterOpenItem[];
  /** open and due: everything collectable; overdue: the collectable part past due; unapplied: always 0 (already netted). */
  totals: { open: number; unapplied: number; due: number; overdue: number };
  daysPastDue: number;
  /** Why nothing past due may be asked for on the letter's date, or null when something may. */
  nothingAskable: string | null;
  plan: { id: number; total: number; count: number; frequency: string; schedule: { seq: number; dueDate: string; amount: number }[] } | null;
  dispute: { id: number; reason: string; amount: number; invoices: string[]; openedOn: string } | null;
  /** The open-item statement of the account on the letter's date (the statement blocks and {{balance}}, {{amount_to_pay}}). */
  statement: Statement;
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
    `SELECT name FROM contact WHERE customer_id = ? AND removed_at IS NULL
      ORDER BY CASE WHEN role IN (SELECT value FROM json_each(?)) THEN 0 ELSE 1 END, CASE role WHEN 'principal' THEN 0 ELSE 1 END, is_primary DESC, position, id LIMIT 1`,
  )
    .pluck()
    .get(customerId, JSON.stringify(roles)) as string | undefined;
  const cityLine = [c.city, [c.region, c.postal_code].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const addressLines = [contact && c.kind === 'business' ? `Attn: ${contact}` : null, c.name, c.address1, c.address2, cityLine || null, c.country].filter(
    (l): l is string => !!l && l.trim() !== '',
  );

  // The collectable module is the only judge of what a letter may ask for: disputed parts, parts
  // a running plan covers and accounts with an agency never reach the page. It reads the ledger as
  // it stood on the letter's date, so a back-dated letter shows that day's items and balances.
  const coll = collectableOf(db, customerId, letterDate);
  const openItems = coll.items
    .filter((o) => o.collectable > 0)
    .map((o) => ({ number: o.number, seq: o.seq, issueDate: o.issueDate, dueDate: o.dueDate, daysPastDue: o.daysPastDue, openAmount: o.collectable }));
  const { currency, locale } = ledgerMoneyStyle(db);

  // Plans and disputes as they stood on the letter's date: one drawn up or opened later did not
  // exist yet, and one closed or resolved by then was over. A plan drawn up by then but signed
  // later is shown: on that day it was the proposal the agreement letter asks the customer to sign
  // (a plan is never signed before it is drawn up).
  const planRow = prepared(
    db,
    `SELECT id, total, instalment_count AS count, frequency FROM payment_plan
      WHERE customer_id = @c AND created_on <= @d AND (closed_on IS NULL AND status IN ('proposed', 'signed') OR closed_on > @d)
      ORDER BY id DESC LIMIT 1`,
  ).get({ c: customerId, d: letterDate }) as { id: number; total: number; count: number; frequency: string } | undefined;
  const plan = planRow
    ? { ...planRow, schedule: prepared(db, 'SELECT seq, due_date AS dueDate, amount FROM plan_instalment WHERE plan_id = ? ORDER BY seq').all(planRow.id) as { seq: number; dueDate: string; amount: number }[] }
    : null;
  const disputeRow = prepared(
    db,
    `SELECT id, reason, amount, opened_on AS openedOn FROM dispute
      WHERE customer_id = @c AND opened_on <= @d AND (status <> 'resolved' OR resolved_on > @d)
      ORDER BY id DESC LIMIT 1`,
  ).get({ c: customerId, d: letterDate }) as { id: number; reason: string; amount: number; openedOn: string } | undefined;
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
    currency,
    locale,
    customer: { id: c.id, code: c.code, name: c.name, kind: c.kind },
    contactName: contact ?? null,
    addressLines,
    openItems,
    // Unapplied cash and credits are already taken off the items above (oldest due first), so the
    // rows add up to what is asked for. Printing them again as a line of their own would count
    // them twice, or make the table not add up; hence 0, which also leaves the line off the table.
    totals: { open: coll.collectable, unapplied: 0, due: coll.collectable, overdue: coll.overdue },
    daysPastDue: Math.max(0, coll.oldest?.daysPastDue ?? 0),
    nothingAskable: nothingAskable(coll, (m) => formatMoney(m, currency, locale)),
    plan,
    dispute,
    statement: statementOf(db, coll),
  };
}

/**
 * Why a customer has nothing past due that may be asked for, in words a clerk can act on, or
 * null when something may be. Reads only the collectable record, so the reason always agrees
 * with the amounts the letter would print.
 */
export function nothingAskable(c: CustomerCollectable, money: (minor: number) => string): string | null {
  if (c.overdue > 0) return null;
  if (c.hold) return c.hold;
  const pastDue = c.items.filter((i) => i.daysPastDue > 0);
  const open = pastDue.reduce((s, i) => s + i.open, 0);
  if (open <= 0) return 'nothing is past due';
  const parts = [
    [pastDue.reduce((s, i) => s + i.disputed, 0), 'in dispute'],
    [pastDue.reduce((s, i) => s + i.onPlan, 0), 'on a payment plan'],
    [pastDue.reduce((s, i) => s + i.netted, 0), 'covered by unapplied payments and credits'],
  ].filter(([amount]) => (amount as number) > 0) as [number, string][];
  if (parts.length === 0) return `none of the ${money(open)} past due may be asked for`;
  if (parts.length === 1) return `the ${money(open)} past due is ${parts[0][1]}`;
  return `the ${money(open)} past due is ${parts.map(([amount, what]) => `${money(amount)} ${what}`).join(' and ')}`;
}

/** The one wording of a refused demand, so the service, the worklist's letters and the CLI say the same. */
export function nothingAskableMessage(customerName: string, letterDate: string, why: string): string {
  return `${customerName} has nothing that may be asked for on ${longDate(letterDate)}: ${why}.`;
}

// Money fields: a letter using one states what the customer owes.
const AMOUNT_FIELDS = ['overdue_total', 'days_past_due', 'total_due', 'open_items_table', 'balance', 'amount_to_pay', 'statement_items'];

/**
 * A demand asks the customer to pay: it states what is owed and names a date to settle it by
 * ({{resolution_date}}). The four past-due letters do; the account statement states amounts but
 * sets no date, the pre-due reminder lists items before anything is due and sets no date, and the
 * dispute acknowledgement sets neither. The payment-plan agreement does carry a date (to return
 * it signed), so a letter about a plan or a dispute, or one to be signed, is never a demand: the
 * money it is about is held by definition. Decided from the fields, not the tone: tone is the
 * firmness the clerk chose (the statement and the dispute acknowledgement share tone 1 with the
 * pre-due reminder, the plan agreement tone 2 with the polite past-due letter), while the fields
 * are what the letter says, and stay right when a clerk edits or adds a template.
 */
export function isDemand(usedFields: string[]): boolean {
  if (usedFields.some((f) => f.startsWith('plan.') || f === 'plan_schedule_table' || f === 'signature_lines' || f.startsWith('dispute.'))) return false;
  return usedFields.includes('resolution_date') && usedFields.some((f) => AMOUNT_FIELDS.includes(f));
}

/** The fields only an open-item statement uses: a letter with any of them is a statement (its timeline entry says so). */
const STATEMENT_FIELDS = ['statement_items', 'aging_summary', 'remittance_slip', 'balance', 'amount_to_pay'];

export function isStatement(usedFields: string[]): boolean {
  return usedFields.some((f) => STATEMENT_FIELDS.includes(f));
}

/**
 * The figure a letter asks for, as it prints it: a statement's "please pay" (its remittance slip's
 * amount), else the past-due total when the text names it (every demand does), else everything
 * that may be asked for (a reminder before the due date).
 */
export function amountAsked(usedFields: string[], d: LetterData): number {
  if (isStatement(usedFields)) return d.statement.toPay;
  return usedFields.includes('overdue_total') ? d.totals.overdue : d.totals.due;
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

/** The money of one letter, written exactly as the screens write it ("$1,234.56"). */
export function letterMoney(d: Pick<LetterData, 'currency' | 'locale'>, minor: number): string {
  return formatMoney(minor, d.currency, d.locale);
}

/** The text each inline field stands for in this letter. Amounts carry their currency ("$1,234.56"). */
export function inlineValues(d: LetterData): Record<InlineField, string> {
  const money = (m: number) => letterMoney(d, m);
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
    balance: money(d.statement.balance),
    amount_to_pay: money(d.statement.toPay),
  };
}

/**
 * Why this letter cannot go to this customer on its date, or null: fields that need data the
 * customer does not have, or a demand when nothing past due may be asked for (everything past
 * due is disputed, on a plan, covered by cash, or the account is with an agency or closed).
 */
export function missingData(usedFields: string[], d: LetterData): string | null {
  if (usedFields.some((f) => f.startsWith('plan.') || f === 'plan_schedule_table') && !d.plan) return `${d.customer.name} has no payment plan to put in this letter.`;
  if (usedFields.some((f) => f.startsWith('dispute.')) && !d.dispute) return `${d.customer.name} has no open dispute to acknowledge.`;
  if (isDemand(usedFields) && d.nothingAskable !== null) return nothingAskableMessage(d.customer.name, d.letterDate, d.nothingAskable);
  return null;
}
