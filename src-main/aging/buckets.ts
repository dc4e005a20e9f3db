import { addDays } from '../money/dates';

export const DEFAULT_BUCKET_LIMITS = [30, 60, 90, 120];

/** "30,60,90,120" → [30, 60, 90, 120]; strictly increasing positive whole days. */
export function parseBucketLimits(text: string): number[] {
  const parts = text.split(',').map((p) => p.trim());
  const limits = parts.map(Number);
  if (parts.some((p) => !/^\d+$/.test(p)) || limits.some((n) => n < 1 || n > 3650)) {
    throw new Error(`Buckets must be whole numbers of days between 1 and 3650, like 30,60,90,120 (got "${text}")`);
  }
  if (limits.some((n, i) => i > 0 && n <= limits[i - 1])) {
    throw new Error(`Buckets must increase, like 30,60,90,120 (got "${text}")`);
  }
  if (limits.length > 12) throw new Error('At most 12 bucket limits');
  return limits;
}

/** [30, 60] → ["Current", "1-30", "31-60", "Over 60"]. */
export function bucketLabels(limits: number[]): string[] {
  return ['Current', ...limits.map((n, i) => `${i === 0 ? 1 : limits[i - 1] + 1}-${n}`), `Over ${limits[limits.length - 1]}`];
}

/** Index of the bucket for d days past the reference date (d ≤ 0 is Current). */
export function bucketIndex(days: number, limits: number[]): number {
  if (days <= 0) return 0;
  const i = limits.findIndex((n) => days <= n);
  return i === -1 ? limits.length + 1 : i + 1;
}

/**
 * The earliest reference date that still falls in each bucket, so SQL can bucket by comparing
 * date text: bucket 0 holds dates ≥ bounds[0] (= as-of), bucket k dates ≥ bounds[k].
 */
export function bucketBounds(asOf: string, limits: number[]): string[] {
  return [asOf, ...limits.map((n) => addDays(asOf, -n))];
}
