import type { Database } from 'better-sqlite3';
import { agingReport } from '../aging/aging-report';
import { DEFAULT_BUCKET_LIMITS } from '../aging/buckets';

/** What the reports need of receivables on one day: the aging report's own figures. */
export interface ReceivablesAt {
  asOf: string;
  /** Bucket labels, Current first. */
  labels: string[];
  /** Per bucket, Current first (what is open; unapplied cash is not in these). */
  buckets: number[];
  /** Unapplied payments and credits, negative. */
  unapplied: number;
  /** The aging report's total: open items less unapplied cash and credits. */
  total: number;
  /** The Current bucket: not yet past due. */
  current: number;
}

/**
 * Receivables at the end of `asOf`, by due date in the standard buckets. This is the aging
 * report itself, not a second aging: it reads the running balances when they are exact for that
 * day and re-sums the allocations as of that day otherwise, so every report agrees with the
 * Aging page for the same date.
 */
export function receivablesAt(db: Database, asOf: string, limits: number[] = DEFAULT_BUCKET_LIMITS): ReceivablesAt {
  const r = agingReport(db, { asOf, basis: 'due', limits });
  return { asOf, labels: r.buckets, buckets: r.totals.buckets, unapplied: r.totals.unapplied, total: r.totals.total, current: r.totals.buckets[0] };
}
