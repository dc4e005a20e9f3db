import type { Profile } from '../contract/profiles';
import { longDate } from '../letters/letter-context';
import { PROFILE_STRATEGIES } from '../profiles/profile-strategy';
import type { AgingBasis } from './aging-report';
import type { AgingPageRequest } from './aging-pages';

/** What the title and file name read of a view. */
export interface AgingViewShape {
  asOf: string;
  basis: AgingBasis;
  buckets: string[];
  rowCount: number;
}

/** The filters of one aging view, as the grid sends them. */
export type AgingViewFilter = Pick<AgingPageRequest, 'search' | 'minBucket' | 'status' | 'profile' | 'collector'>;

/**
 * What "the total" of a view filtered to late buckets means. A view of "61+ days late" lists the
 * customers with something 61 or more days late, with their whole aging, exactly as the grid
 * does; its own amount is what is 61+ days late: the buckets from the filter on, per customer
 * and in all. Exports add it as a column of its own ("61+ days") beside the customer's whole
 * balance (Total), so neither is mistaken for the other, and the totals row sums both over
 * exactly the rows exported. Null for a view of every balance.
 */
export function lateFocus(view: Pick<AgingViewShape, 'buckets'>, minBucket: number | undefined): { label: string; from: number; amount(row: { buckets: number[] }): number } | null {
  if (!minBucket || minBucket <= 0 || minBucket >= view.buckets.length) return null;
  const first = view.buckets[minBucket];
  const label = first.startsWith('Over') ? `${first} days` : `${first.split('-')[0]}+ days`;
  return { label, from: minBucket, amount: (row) => row.buckets.slice(minBucket).reduce((s, v) => s + v, 0) };
}

/** The filter in words, or null when the view shows every customer with a balance. */
export function agingFilterWords(view: Pick<AgingViewShape, 'buckets'>, f: AgingViewFilter): string | null {
  const focus = lateFocus(view, f.minBucket);
  const parts = [
    focus ? `${focus.label} late only` : null,
    f.search?.trim() ? `customers matching “${f.search.trim()}”` : null,
    f.status ? `status ${f.status.replace(/_/g, ' ')}` : null,
    f.profile ? `profile ${PROFILE_STRATEGIES[f.profile as Profile]?.label ?? f.profile}` : null,
    f.collector?.trim() ? `collector ${f.collector.trim()}` : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? parts.join('; ') : null;
}

/**
 * The title lines of an exported view: as-of date and basis, the buckets, and the filter, so a
 * sheet printed or mailed on says which view it is.
 */
export function agingViewTitle(view: AgingViewShape, f: AgingViewFilter): string[] {
  const filter = agingFilterWords(view, f);
  return [
    `Aged receivables as of ${longDate(view.asOf)}, aged by ${view.basis === 'due' ? 'due date' : 'invoice date'}`,
    `Buckets: ${view.buckets.join(', ')} days · ${filter ? `Showing ${filter}` : 'Showing every customer with a balance'} · ${view.rowCount} customer${view.rowCount === 1 ? '' : 's'}`,
  ];
}

/**
 * A file name that says which view it holds: the CSV stays a plain table for other programs
 * (no title rows), so its name carries the as-of date, the basis and the late-bucket filter.
 */
export function agingFileName(view: Omit<AgingViewShape, 'rowCount'>, f: AgingViewFilter, ext: 'csv' | 'xlsx'): string {
  const focus = lateFocus(view, f.minBucket);
  const parts = [`aging-${view.asOf}`, view.basis === 'issue' ? 'by-invoice-date' : null, focus ? focus.label.replace(/\+/, '-plus').replace(/\s+/g, '-').toLowerCase() : null];
  return `${parts.filter(Boolean).join('-')}.${ext}`;
}
