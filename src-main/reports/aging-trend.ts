import type { Database } from 'better-sqlite3';
import type { AgingTrend, TrendPoint } from '../contract/reports';
import type { JobContext } from '../contract/jobs';
import { noJob } from '../jobs/job-context';
import { addMonths, lastDay, monthOf } from './months';
import { ratioOrReason } from './ratio';
import { receivablesAt } from './receivables';

/** The trend's late share is of what is more than this many days past due. */
export const TREND_LATE_DAYS = 60;

/**
 * Month-end aging for the `months` months ending with the as-of date's month, oldest first. Each
 * month's point is its last day, except the as-of month's, which is the as-of date itself: a
 * trend asked for on the 17th ends with the 17th, not with a month-end still to come (when the
 * as-of date is a month-end the two are the same). Each point is the aging report on its date.
 */
export function agingTrend(db: Database, asOf: string, months: number, job: JobContext = noJob): AgingTrend {
  const end = monthOf(asOf);
  const points: TrendPoint[] = [];
  let labels: string[] = [];
  for (let k = months - 1; k >= 0; k--) {
    job.checkCancelled();
    job.progress(months - 1 - k, months, 'Month-ends');
    const date = k === 0 ? asOf : lastDay(addMonths(end, -k));
    const r = receivablesAt(db, date);
    labels = r.labels;
    // With the standard limits (30, 60, 90, 120), the buckets after "31-60".
    const firstLate = r.labels.indexOf(`31-${TREND_LATE_DAYS}`) + 1;
    const over60 = r.buckets.slice(firstLate).reduce((s, v) => s + v, 0);
    const open = r.buckets.reduce((s, v) => s + v, 0);
    const share = ratioOrReason(BigInt(over60) * 100n, open, 'Nothing is open');
    points.push({ date, buckets: r.buckets, unapplied: r.unapplied, total: r.total, over60, over60Share: share.value });
  }
  job.progress(months, months, 'Month-ends');
  return { asOf, months, buckets: labels, points };
}
