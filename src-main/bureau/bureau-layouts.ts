import Papa from 'papaparse';
import type { BureauAmounts, BureauLayout } from '../contract/bureau';
import { safeText } from '../exports/cell-safety';
import { formatDecimal } from '../money/amounts';
import { bucketIndex } from '../aging/buckets';
import { BUREAU_LIMITS, type BureauCustomer, type BureauFigures } from './bureau-figures';

/*
 * The two file layouts. Column names are the field names business credit bureaus ask of a trade
 * reference (docs/bureau.md says which bureaus and why), lower case as written, with a plain
 * hyphen in the day ranges ("1-30", not an en dash): bureau intake programs and spreadsheets
 * read ASCII headers without surprises, and the aging report writes its buckets the same way.
 */

const CUSTOMER_COLUMNS = ['account number', 'name', 'address', 'city', 'state/region', 'postal code', 'country', 'phone', 'tax ID'];

export const TRADE_COLUMNS = [
  ...CUSTOMER_COLUMNS,
  'account open date',
  'report date',
  'last sale date',
  'high credit in the last 12 months',
  'terms',
  'balance',
  'current',
  '1-30',
  '31-60',
  '61-90',
  '91+',
  'comment',
];

export const INVOICE_COLUMNS = [...CUSTOMER_COLUMNS, 'invoice number', 'invoice date', 'due date', 'amount', 'open amount', 'days past due'];

export interface BureauTable {
  columns: string[];
  rows: string[][];
  totals: BureauAmounts;
}

const STATUS_COMMENTS: Record<string, string> = {
  credit_hold: 'credit hold',
  cod_only: 'cash on delivery only',
  prepay_only: 'prepayment only',
  payment_plan: 'payment plan',
  with_agency: 'placed for collection',
  closed: 'account closed',
};

export function termsText(days: number): string {
  return days === 0 ? 'Due on receipt' : `Net ${days}`;
}

/** What a bureau should know beside the figures: items left out, cash netted, the account's state. */
export function tradeComment(c: BureauCustomer): string {
  const parts: string[] = [];
  if (c.disputed.count > 0) parts.push(`disputed items excluded: ${c.disputed.count} (${formatDecimal(c.disputed.amount)})`);
  if (c.unapplied !== 0) parts.push(`unapplied cash and credits netted in balance: ${formatDecimal(c.unapplied)}`);
  const status = STATUS_COMMENTS[c.status];
  if (status) parts.push(status);
  return parts.join('; ');
}

const customerCells = (c: BureauCustomer) => [c.code, c.name, c.address, c.city, c.region, c.postalCode, c.country, c.phone, c.taxId].map((v) => safeText(v ?? ''));

export function bureauTable(figures: BureauFigures, layout: BureauLayout): BureauTable {
  const totals: BureauAmounts = { buckets: [0, 0, 0, 0, 0], unapplied: 0, balance: 0 };
  const rows: string[][] = [];
  if (layout === 'trade') {
    for (const c of figures.customers) {
      rows.push([
        ...customerCells(c),
        c.accountOpenDate ?? '',
        figures.asOf,
        c.lastSaleDate ?? '',
        formatDecimal(c.highCredit),
        termsText(c.termsDays),
        formatDecimal(c.balance),
        ...c.buckets.map(formatDecimal),
        safeText(tradeComment(c)),
      ]);
      c.buckets.forEach((b, k) => (totals.buckets[k] += b));
      totals.unapplied += c.unapplied;
      totals.balance += c.balance;
    }
    return { columns: TRADE_COLUMNS, rows, totals };
  }
  for (const c of figures.customers) {
    for (const it of c.items) {
      rows.push([...customerCells(c), safeText(it.label), it.issueDate, it.dueDate, formatDecimal(it.amount), formatDecimal(it.open), String(Math.max(0, it.daysPastDue))]);
      totals.buckets[bucketIndex(it.daysPastDue, BUREAU_LIMITS)] += it.open;
      totals.balance += it.open;
    }
  }
  return { columns: INVOICE_COLUMNS, rows, totals };
}

export function bureauCsv(table: BureauTable): string {
  return Papa.unparse([table.columns, ...table.rows], { newline: '\n' }) + '\n';
}
