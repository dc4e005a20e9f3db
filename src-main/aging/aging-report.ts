import type { Database } from 'better-sqlite3';
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

/** Open amount per item at the as-of date, when nothing on the ledger is dated after it. */
function currentItems(ref: string): string {
  return `
    SELECT customer_id, ${ref} AS ref, open_amount AS amt FROM invoice
     WHERE open_amount > 0 AND has_schedule = 0 AND issue_date <= @asOf
    UNION ALL
    SELECT customer_id, ${ref}, open_amount FROM instalment
     WHERE open_amount > 0 AND issue_date <= @asOf`;
}

/** Open amount per item at a past date: only items not yet settled then, each re-summed to that date. */
function historicalItems(ref: string): string {
  return `
    SELECT i.customer_id, i.${ref} AS ref,
           i.amount - IFNULL((SELECT SUM(a.amount) FROM allocation a WHERE a.invoice_id = i.id AND a.date <= @asOf), 0) AS amt
      FROM invoice i
     WHERE i.has_schedule = 0 AND i.settled_date > @asOf AND i.issue_date <= @asOf
    UNION ALL
    SELECT s.customer_id, s.${ref},
           s.amount - IFNULL((SELECT SUM(a.amount) FROM allocation a WHERE a.instalment_id = s.id AND a.date <= @asOf), 0)
      FROM instalment s
     WHERE s.settled_date > @asOf AND s.issue_date <= @asOf`;
}

function currentUnapplied(): string {
  return `
    SELECT customer_id, unapplied AS amt FROM payment WHERE unapplied > 0 AND date <= @asOf
    UNION ALL
    SELECT customer_id, unapplied FROM credit_note WHERE unapplied > 0 AND date <= @asOf`;
}

function historicalUnapplied(): string {
  return `
    SELECT p.customer_id,
           p.amount - IFNULL((SELECT SUM(a.amount) FROM allocation a
                               WHERE a.source_kind = 'payment' AND a.source_id = p.id AND a.date <= @asOf), 0) AS amt
      FROM payment p WHERE p.settled_date > @asOf AND p.date <= @asOf
    UNION ALL
    SELECT c.customer_id,
           c.amount - IFNULL((SELECT SUM(a.amount) FROM allocation a
                               WHERE a.source_kind = 'credit' AND a.source_id = c.id AND a.date <= @asOf), 0)
      FROM credit_note c WHERE c.settled_date > @asOf AND c.date <= @asOf`;
}

/**
 * The whole report as one SQL statement: items are bucketed by comparing date text against
 * precomputed bounds, summed per customer, joined to the customer's code and name, sorted.
 */
export function agingSql(opts: AgingOptions, historical: boolean): string {
  const ref = opts.basis === 'due' ? 'due_date' : 'issue_date';
  const bounds = bucketBounds(opts.asOf, opts.limits);
  const bucketOf = `CASE ${bounds.map((_, k) => `WHEN ref >= @b${k} THEN ${k}`).join(' ')} ELSE ${bounds.length} END`;
  const sums = Array.from({ length: bounds.length + 1 }, (_, k) => `SUM(CASE WHEN b = ${k} THEN amt ELSE 0 END) AS b${k}`).join(', ');
  return `
    WITH items AS (${historical ? historicalItems(ref) : currentItems(ref)}),
         bucketed AS (SELECT customer_id, ${bucketOf} AS b, amt FROM items WHERE amt <> 0),
         per_customer AS (SELECT customer_id, ${sums} FROM bucketed GROUP BY customer_id),
         unapplied AS (SELECT customer_id, SUM(amt) AS amt FROM (${historical ? historicalUnapplied() : currentUnapplied()})
                        WHERE amt <> 0 GROUP BY customer_id),
         ids AS (SELECT customer_id FROM per_customer UNION SELECT customer_id FROM unapplied)
    SELECT c.id, c.code, c.name, ${Array.from({ length: bounds.length + 1 }, (_, k) => `IFNULL(p.b${k}, 0)`).join(', ')},
           IFNULL(u.amt, 0) AS unapplied
      FROM ids
      JOIN customer c ON c.id = ids.customer_id
      LEFT JOIN per_customer p ON p.customer_id = ids.customer_id
      LEFT JOIN unapplied u ON u.customer_id = ids.customer_id
     ORDER BY c.code`;
}

export function agingParams(opts: AgingOptions): Record<string, string> {
  const params: Record<string, string> = { asOf: opts.asOf };
  bucketBounds(opts.asOf, opts.limits).forEach((b, k) => (params[`b${k}`] = b));
  return params;
}

/** Whether the running balances on the rows are exact as of this date. */
export function canUseCurrentBalances(db: Database, asOf: string): boolean {
  const latest = db.prepare(`SELECT value FROM ledger_setting WHERE key = 'latest_entry_date'`).pluck().get() as string;
  return asOf >= latest;
}

/**
 * `method` is for tests and benchmarks: 'history' recomputes from allocations even when the
 * running balances would do, so the two paths can be checked against each other.
 */
export function agingReport(db: Database, opts: AgingOptions, method: 'auto' | 'history' = 'auto'): AgingReport {
  const historical = method === 'history' || !canUseCurrentBalances(db, opts.asOf);
  const raw = db.prepare(agingSql(opts, historical)).raw().all(agingParams(opts)) as (number | string)[][];
  const n = opts.limits.length + 2;
  const totals = { buckets: new Array<number>(n).fill(0), unapplied: 0, total: 0 };
  const rows: AgingRow[] = raw.map((r) => {
    const buckets = r.slice(3, 3 + n) as number[];
    const unapplied = r[3 + n] === 0 ? 0 : -(r[3 + n] as number);
    const total = buckets.reduce((s, v) => s + v, 0) + unapplied;
    buckets.forEach((v, k) => (totals.buckets[k] += v));
    totals.unapplied = totals.unapplied + unapplied || 0;
    totals.total += total;
    return { customerId: r[0] as number, customerCode: r[1] as string, customerName: r[2] as string, buckets, unapplied, total };
  });
  return { asOf: opts.asOf, basis: opts.basis, buckets: bucketLabels(opts.limits), rows, totals };
}
