import type { Database } from 'better-sqlite3';
import type { DisputeReason } from '../contract/timeline';
import { DISPUTE_AGE_BUCKETS, type DisputeAgeBucket, type DisputeReport, type OpenDisputeRow } from '../contract/reports';
import { addDays, daysBetween } from '../money/dates';
import { disputeOpenAt } from '../timeline/dispute-open';

const RESOLVED_WINDOW_DAYS = 90;

/** Upper bound (days open, inclusive) of each bucket; the last has none. */
const BUCKET_LIMITS: readonly number[] = [15, 30, 60];

function bucketOf(daysOpen: number): DisputeAgeBucket {
  const i = BUCKET_LIMITS.findIndex((limit) => daysOpen <= limit);
  return DISPUTE_AGE_BUCKETS[i === -1 ? BUCKET_LIMITS.length : i];
}

interface DisputeRow {
  id: number;
  customerId: number;
  customerCode: string;
  customerName: string;
  reason: DisputeReason;
  amount: number;
  status: string;
  owner: string | null;
  openedOn: string;
  resolvedOn: string | null;
  invoices: string | null;
}

/**
 * Disputes ageing as of a date. A dispute is open at asOf when it was opened by then and not
 * resolved by then, so the report for a past date shows what was open on that day, including
 * disputes resolved since.
 */
export function disputeReport(db: Database, asOf: string): DisputeReport {
  const rows = db
    .prepare(
      `SELECT d.id, d.customer_id AS customerId, c.code AS customerCode, c.name AS customerName, d.reason, d.amount,
              d.status, d.owner, d.opened_on AS openedOn, d.resolved_on AS resolvedOn,
              (SELECT json_group_array(number) FROM (SELECT i.number FROM dispute_invoice di JOIN invoice i ON i.id = di.invoice_id
                                                      WHERE di.dispute_id = d.id ORDER BY i.number)) AS invoices
         FROM dispute d JOIN customer c ON c.id = d.customer_id
        WHERE ${disputeOpenAt('d', '@asOf')}
        ORDER BY d.opened_on, d.id`,
    )
    .all({ asOf }) as DisputeRow[];

  const open: OpenDisputeRow[] = rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    customerCode: r.customerCode,
    customerName: r.customerName,
    reason: r.reason,
    amount: r.amount,
    // Only the current status is stored; one resolved after asOf was at least still open then.
    status: r.status === 'investigating' ? 'investigating' : 'open',
    owner: r.owner,
    openedOn: r.openedOn,
    daysOpen: daysBetween(r.openedOn, asOf),
    invoices: r.invoices ? (JSON.parse(r.invoices) as string[]) : [],
  }));

  const buckets = DISPUTE_AGE_BUCKETS.map((label) => ({ label, count: 0, amount: 0 }));
  const reasons = new Map<DisputeReason, { reason: DisputeReason; count: number; amount: number }>();
  for (const d of open) {
    const b = buckets[DISPUTE_AGE_BUCKETS.indexOf(bucketOf(d.daysOpen))];
    b.count++;
    b.amount += d.amount;
    const r = reasons.get(d.reason) ?? { reason: d.reason, count: 0, amount: 0 };
    r.count++;
    r.amount += d.amount;
    reasons.set(d.reason, r);
  }

  const resolved = db
    .prepare(
      `SELECT COUNT(*) AS count, COALESCE(SUM(amount), 0) AS amount, AVG(julianday(resolved_on) - julianday(opened_on)) AS avgDays
         FROM dispute WHERE status = 'resolved' AND resolved_on > @from AND resolved_on <= @asOf`,
    )
    .get({ asOf, from: addDays(asOf, -RESOLVED_WINDOW_DAYS) }) as { count: number; amount: number; avgDays: number | null };

  return {
    asOf,
    total: { count: open.length, amount: open.reduce((s, d) => s + d.amount, 0) },
    buckets,
    byReason: [...reasons.values()].sort((a, b) => b.amount - a.amount || a.reason.localeCompare(b.reason)),
    open,
    resolved: {
      count: resolved.count,
      amount: resolved.amount,
      averageDaysToResolve: resolved.avgDays === null ? null : Math.round(resolved.avgDays * 10) / 10,
    },
  };
}
