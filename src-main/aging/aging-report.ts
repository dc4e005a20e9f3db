import type { Database } from 'better-sqlite3';
import { prepared } from '../ledger/prepared';
import { bucketBounds, bucketLabels } from './buckets';

export type AgingBasis = 'due' | 'issue';

export interface AgingOptions {
  asOf: string;
  basis: AgingBasis;
  limits: number[];
}

export interface AgingRow {
  customerId: number;
  customerCode: string;
  customerName: string;
  /** Minor units per bucket, Current first. */
  buckets: number[];
  /** Unapplied payments and credits, as a negative number. */
  unapplied: number;
  total: number;
}

export interface AgingReport {
  asOf: string;
  basis: AgingBasis;
  buckets: string[];
  rows: AgingRow[];
  totals: { buckets: number[]; unapplied: number; total: number };
}

/**
 * Per customer: the open total and, for each bucket bound k, the part with a reference date on
 * or after it ("ge k"). Cumulative sums need one comparison per bound per row, and bucket k is
 * then ge k − ge k−1. Invoices and instalments are aggregated separately so that the large
 * invoice scan streams in customer order from its index without a sort.
 */
function cumulativeSums(refCol: string, amtCol: string, bounds: number): string {
  return Array.from({ length: bounds }, (_, k) => `SUM(CASE WHEN ${refCol} >= @b${k} THEN ${amtCol} ELSE 0 END)`).join(', ');
}

function currentParts(ref: string, bounds: number): string[] {
  return [
    `SELECT customer_id, SUM(open_amount), ${cumulativeSums(ref, 'open_amount', bounds)}, 0 FROM invoice
      WHERE open_amount > 0 AND has_schedule = 0 AND issue_date <= @asOf GROUP BY customer_id`,
    `SELECT customer_id, SUM(open_amount), ${cumulativeSums(ref, 'open_amount', bounds)}, 0 FROM instalment
      WHERE open_amount > 0 AND issue_date <= @asOf GROUP BY customer_id`,
    `SELECT customer_id, 0, ${zeros(bounds)}, SUM(unapplied) FROM (
        SELECT customer_id, unapplied FROM payment WHERE unapplied > 0 AND date <= @asOf
        UNION ALL
        SELECT customer_id, unapplied FROM credit_note WHERE unapplied > 0 AND date <= @asOf)
      GROUP BY customer_id`,
  ];
}

/**
 * As of a past date: only items not yet settled then, each re-summed from its allocations. Each
 * table is summed apart, as today, so that the planner walks invoices once in customer order
 * (no sort), even though it then re-sums an item once per bucket: one list of all items, summed
 * once, reads the invoices through invoice_history_ix in random order, 1.6× slower at a million.
 */
function historicalParts(ref: string, bounds: number): string[] {
  const reduced = (where: string) => `IFNULL((SELECT SUM(a.amount) FROM allocation a WHERE ${where} AND a.date <= @asOf), 0)`;
  return [
    `SELECT customer_id, SUM(amt), ${cumulativeSums('ref', 'amt', bounds)}, 0 FROM (
        SELECT i.customer_id, i.${ref} AS ref, i.amount - ${reduced('a.invoice_id = i.id')} AS amt
          FROM invoice i WHERE i.has_schedule = 0 AND i.settled_date > @asOf AND i.issue_date <= @asOf)
      GROUP BY customer_id`,
    `SELECT customer_id, SUM(amt), ${cumulativeSums('ref', 'amt', bounds)}, 0 FROM (
        SELECT s.customer_id, s.${ref} AS ref, s.amount - ${reduced('a.instalment_id = s.id')} AS amt
          FROM instalment s WHERE s.settled_date > @asOf AND s.issue_date <= @asOf)
      GROUP BY customer_id`,
    `SELECT customer_id, 0, ${zeros(bounds)}, SUM(amt) FROM (
        SELECT p.customer_id, p.amount - ${reduced("a.source_kind = 'payment' AND a.source_id = p.id")} AS amt
          FROM payment p WHERE p.settled_date > @asOf AND p.date <= @asOf
        UNION ALL
        SELECT c.customer_id, c.amount - ${reduced("a.source_kind = 'credit' AND a.source_id = c.id")}
          FROM credit_note c WHERE c.settled_date > @asOf AND c.date <= @asOf)
      GROUP BY customer_id`,
  ];
}

function zeros(n: number): string {
  return Array.from({ length: n }, () => '0').join(', ');
}

/**
 * The whole report as one SQL statement. Each row: the buckets (Current first, each the
 * difference of two cumulative sums, the oldest what is left of the open total), then id, code,
 * name and unapplied (positive), for every customer with something open or unapplied, by code. The buckets come first so that the row itself can become the row's
 * `buckets` array (see agingReport).
 */
export function agingSql(opts: AgingOptions, historical: boolean): string {
  const ref = opts.basis === 'due' ? 'due_date' : 'issue_date';
  const bounds = opts.limits.length + 1;
  const parts = historical ? historicalParts(ref, bounds) : currentParts(ref, bounds);
  const cols = ['total', ...Array.from({ length: bounds }, (_, k) => `ge${k}`), 'u'];
  const buckets = ['SUM(p.ge0)', ...Array.from({ length: bounds - 1 }, (_, k) => `SUM(p.ge${k + 1}) - SUM(p.ge${k})`), `SUM(p.total) - SUM(p.ge${bounds - 1})`];
  return `
    WITH parts (customer_id, ${cols.join(', ')}) AS (${parts.join('\n      UNION ALL\n      ')})
    SELECT ${buckets.join(', ')}, c.id, c.code, c.name, SUM(p.u)
      FROM parts p JOIN customer c ON c.id = p.customer_id
     GROUP BY c.code
    HAVING SUM(p.total) <> 0 OR SUM(p.u) <> 0
     ORDER BY c.code`;
}

export function agingParams(opts: AgingOptions): Record<string, string> {
  const params: Record<string, string> = { asOf: opts.asOf };
  bucketBounds(opts.asOf, opts.limits).forEach((b, k) => (params[`b${k}`] = b));
  return params;
}

/** Whether the running balances on the rows are exact as of this date. */
export function canUseCurrentBalances(db: Database, asOf: string): boolean {
  const latest = prepared(db, `SELECT value FROM ledger_setting WHERE key = 'latest_entry_date'`).pluck().get() as string;
  return asOf >= latest;
}

/**
 * `method` is for tests and benchmarks: 'history' recomputes from allocations even when the
 * running balances would do, so the two paths can be checked against each other.
 */
export function agingReport(db: Database, opts: AgingOptions, method: 'auto' | 'history' = 'auto'): AgingReport {
  const historical = method === 'history' || !canUseCurrentBalances(db, opts.asOf);
  const raw = prepared(db, agingSql(opts, historical)).raw().all(agingParams(opts)) as (number | string)[][];
  // Every row stays alive until the report is returned, so each allocation per row makes V8's
  // scavenges copy the whole result again: the former slice/spread/map per row cost 60–300 ms
  // of a ~500 ms report at 100,000 customers (docs/performance.md). Hence one object per row,
  // and the row array itself, cut to its buckets, becomes `buckets`.
  const n = opts.limits.length + 2;
  const totals = { buckets: new Array<number>(n).fill(0), unapplied: 0, total: 0 };
  const rows = new Array<AgingRow>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    const u = r[n + 3] as number;
    const unapplied = u === 0 ? 0 : -u;
    const row: AgingRow = { customerId: r[n] as number, customerCode: r[n + 1] as string, customerName: r[n + 2] as string, buckets: r as number[], unapplied, total: 0 };
    r.length = n;
    let open = 0;
    for (let k = 0; k < n; k++) {
      open += r[k] as number;
      totals.buckets[k] += r[k] as number;
    }
    row.total = open + unapplied;
    totals.unapplied = totals.unapplied + unapplied || 0;
    totals.total += row.total;
    rows[i] = row;
  }
  return { asOf: opts.asOf, basis: opts.basis, buckets: bucketLabels(opts.limits), rows, totals };
}
