import type { Database } from 'better-sqlite3';
import { agingReport, type AgingReport } from '../aging/aging-report';
import { bucketIndex } from '../aging/buckets';
import { collectable, type CollectableItem } from '../collectable/collectable';
import { dayNumber, fromDayNumber } from '../money/dates';
import { disputeOpenAt } from '../timeline/dispute-open';

/**
 * What a credit-bureau file says as of a date, before it is written in a layout. Every amount
 * comes from the one aging definition (agingReport by due date, buckets 30/60/90) and the one
 * list of items open at a date (collectable's items); this module only decides who is reported
 * and which items are left out:
 *
 * - consumers are never reported: their whole aging row is left out;
 * - an item of an invoice named in a dispute open at the date is left out whole (a bureau must
 *   not hear that a disputed debt is late), and counted;
 * - a business is reported when the aging has a row for it at the date, or when it bought
 *   something in the twelve months up to the date (a paid-up account is a good reference).
 */

export const BUREAU_LIMITS = [30, 60, 90];

export interface BureauCustomer {
  id: number;
  code: string;
  name: string;
  address: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  phone: string | null;
  taxId: string | null;
  /** customer_since, else the first invoice's date. */
  accountOpenDate: string | null;
  lastSaleDate: string | null;
  highCredit: number;
  termsDays: number;
  status: string;
  /** Aging less the disputed items left out. */
  buckets: number[];
  unapplied: number;
  balance: number;
  disputed: { count: number; amount: number };
  /** The items still reported (open at the date, not disputed), oldest due first. */
  items: (CollectableItem & { amount: number })[];
}

export interface BureauFigures {
  asOf: string;
  customers: BureauCustomer[];
  aging: AgingReport['totals'] & { customers: number };
  consumers: AgingReport['totals'] & { customers: number };
  disputed: { count: number; buckets: number[]; amount: number };
}

/** The twelve month-ends before the date, newest first. */
export function monthEndsBefore(asOf: string): string[] {
  const y = Number(asOf.slice(0, 4));
  const m = Number(asOf.slice(5, 7));
  return Array.from({ length: 12 }, (_, k) => fromDayNumber(Date.UTC(y, m - 1 - k, 0) / 86_400_000));
}

/** The first day of the twelve months up to the date: a sale on or after it is "in the last 12 months". */
export function twelveMonthsStart(asOf: string): string {
  return fromDayNumber(dayNumber(monthsBack(asOf, 12)) + 1);
}

function monthsBack(asOf: string, months: number): string {
  const y = Number(asOf.slice(0, 4));
  const m = Number(asOf.slice(5, 7)) - 1 - months;
  const d = Number(asOf.slice(8, 10));
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return fromDayNumber(Date.UTC(y, m, Math.min(d, last)) / 86_400_000);
}

interface CustomerRow {
  id: number;
  code: string;
  name: string;
  address1: string | null;
  address2: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  country: string | null;
  phone: string | null;
  tax_id: string | null;
  customer_since: string | null;
  terms_days: number;
  status: string;
  first_invoice: string | null;
  last_sale: string | null;
  recent_sale: number | null;
  largest_recent: number | null;
}

const ZERO = () => BUREAU_LIMITS.map(() => 0).concat([0, 0]);

/** `highCredit: false` skips the twelve month-end aging reports (the invoices layout has no such column); highCredit is then 0. */
export function bureauFigures(db: Database, asOf: string, options: { highCredit: boolean } = { highCredit: true }): BureauFigures {
  const opts = { asOf, basis: 'due' as const, limits: BUREAU_LIMITS };
  const aging = agingReport(db, opts);
  const from = twelveMonthsStart(asOf);
  const business = db
    .prepare(
      `SELECT c.id, c.code, c.name, c.address1, c.address2, c.city, c.region, c.postal_code, c.country, c.phone, c.tax_id,
              c.customer_since, c.terms_days, c.status,
              (SELECT MIN(i.issue_date) FROM invoice i WHERE i.customer_id = c.id AND i.issue_date <= @asOf) AS first_invoice,
              (SELECT MAX(i.issue_date) FROM invoice i WHERE i.customer_id = c.id AND i.kind = 'invoice' AND i.issue_date <= @asOf) AS last_sale,
              (SELECT MAX(i.amount) FROM invoice i WHERE i.customer_id = c.id AND i.kind = 'invoice' AND i.issue_date BETWEEN @from AND @asOf) AS largest_recent,
              EXISTS (SELECT 1 FROM invoice i WHERE i.customer_id = c.id AND i.kind = 'invoice' AND i.issue_date BETWEEN @from AND @asOf) AS recent_sale
         FROM customer c WHERE c.kind = 'business' ORDER BY c.code`,
    )
    .all({ asOf, from }) as CustomerRow[];

  const agingById = new Map(aging.rows.map((r) => [r.customerId, r]));
  const businessIds = new Set(business.map((c) => c.id));
  const reported = business.filter((c) => agingById.has(c.id) || c.recent_sale);

  const consumers = { buckets: ZERO(), unapplied: 0, total: 0, customers: 0 };
  for (const r of aging.rows) {
    if (businessIds.has(r.customerId)) continue;
    consumers.customers++;
    r.buckets.forEach((b, k) => (consumers.buckets[k] += b));
    consumers.unapplied += r.unapplied;
    consumers.total += r.total;
  }

  const disputedInvoices = new Set(
    db
      .prepare(`SELECT DISTINCT di.invoice_id FROM dispute d JOIN dispute_invoice di ON di.dispute_id = d.id JOIN customer c ON c.id = d.customer_id
                 WHERE c.kind = 'business' AND ${disputeOpenAt('d', '@asOf')}`)
      .pluck()
      .all({ asOf }) as number[],
  );
  const items = collectable(db, asOf, reported.map((c) => c.id));
  const amounts = itemAmounts(db, [...items.values()].flatMap((c) => c.items));

  // High credit: the highest balance owed at any of the twelve month-ends before the date, or at
  // the date; never less than the largest single sale in the period (owed whole at least once).
  const highest = new Map<number, number>();
  for (const date of options.highCredit ? [asOf, ...monthEndsBefore(asOf)] : []) {
    const report = date === asOf ? aging : agingReport(db, { ...opts, asOf: date });
    for (const r of report.rows) if (r.total > (highest.get(r.customerId) ?? 0)) highest.set(r.customerId, r.total);
  }

  const disputed = { count: 0, buckets: ZERO(), amount: 0 };
  const customers: BureauCustomer[] = reported.map((c) => {
    const row = agingById.get(c.id);
    const buckets = row ? [...row.buckets] : ZERO();
    const unapplied = row?.unapplied ?? 0;
    const own = { count: 0, amount: 0 };
    const kept: BureauCustomer['items'] = [];
    for (const it of items.get(c.id)?.items ?? []) {
      if (disputedInvoices.has(it.invoiceId)) {
        const k = bucketIndex(it.daysPastDue, BUREAU_LIMITS);
        buckets[k] -= it.open;
        disputed.buckets[k] += it.open;
        own.count++;
        own.amount += it.open;
      } else {
        kept.push({ ...it, amount: amounts.get(itemKey(it)) ?? it.open });
      }
    }
    disputed.count += own.count;
    disputed.amount += own.amount;
    const balance = buckets.reduce((s, b) => s + b, 0) + unapplied;
    return {
      id: c.id,
      code: c.code,
      name: c.name,
      address: [c.address1, c.address2].filter(Boolean).join(', ') || null,
      city: c.city,
      region: c.region,
      postalCode: c.postal_code,
      country: c.country,
      phone: c.phone,
      taxId: c.tax_id,
      accountOpenDate: c.customer_since ?? c.first_invoice,
      lastSaleDate: c.last_sale,
      highCredit: options.highCredit ? Math.max(highest.get(c.id) ?? 0, c.largest_recent ?? 0) : 0,
      termsDays: c.terms_days,
      status: c.status,
      buckets,
      unapplied,
      balance,
      disputed: own,
      items: kept,
    };
  });

  return { asOf, customers, aging: { ...aging.totals, customers: aging.rows.length }, consumers, disputed };
}

const itemKey = (it: { invoiceId: number; instalmentId: number | null }) => (it.instalmentId === null ? `i${it.invoiceId}` : `s${it.instalmentId}`);

/** The original amount of each item (an invoice, or one instalment of a scheduled invoice). */
function itemAmounts(db: Database, items: CollectableItem[]): Map<string, number> {
  const out = new Map<string, number>();
  const invoices = items.filter((i) => i.instalmentId === null).map((i) => i.invoiceId);
  const instalments = items.filter((i) => i.instalmentId !== null).map((i) => i.instalmentId);
  for (const r of db.prepare('SELECT id, amount FROM invoice WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(invoices)) as { id: number; amount: number }[]) {
    out.set(`i${r.id}`, r.amount);
  }
  for (const r of db.prepare('SELECT id, amount FROM instalment WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(instalments)) as { id: number; amount: number }[]) {
    out.set(`s${r.id}`, r.amount);
  }
  return out;
}
