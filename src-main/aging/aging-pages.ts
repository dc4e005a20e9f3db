import type { Database } from 'better-sqlite3';
import { agingReport, type AgingBasis, type AgingReport, type AgingRow } from './aging-report';

export type AgingSortField = 'customerCode' | 'customerName' | 'total' | 'unapplied' | `bucket${number}`;

export interface AgingPageRequest {
  asOf: string;
  basis: AgingBasis;
  limits: number[];
  /** Case-insensitive match on code or name. */
  search: string;
  /** Only customers with something open in this bucket or any later one (e.g. 3 = 61+ days). */
  minBucket?: number;
  sort: { field: AgingSortField; direction: 'asc' | 'desc' };
  offset: number;
  limit: number;
}

export interface AgingPage {
  asOf: string;
  basis: AgingBasis;
  buckets: string[];
  rows: AgingRow[];
  /** Rows matching the filters (the grid's row count). */
  rowCount: number;
  /** Sums over the rows matching the filters (the grid's pinned totals row). */
  totals: AgingReport['totals'];
}

/**
 * Pages of the aging grid. The report for one (as-of, basis, buckets) is computed once and
 * kept until the ledger changes, so scrolling, sorting and filtering cost milliseconds and the
 * renderer only ever receives one page.
 */
export class AgingPages {
  private cached: { key: string; report: AgingReport } | null = null;

  constructor(private readonly db: Database) {}

  page(req: AgingPageRequest): AgingPage {
    const view = this.view(req);
    return { ...view, rows: view.rows.slice(req.offset, req.offset + req.limit) };
  }

  /** Every row of the current view (filters and sort applied), for export. */
  view(req: Omit<AgingPageRequest, 'offset' | 'limit'>): AgingPage {
    const report = this.report(req);
    const search = req.search.trim().toLowerCase();
    let rows = report.rows;
    if (search) rows = rows.filter((r) => r.customerCode.toLowerCase().includes(search) || r.customerName.toLowerCase().includes(search));
    if (req.minBucket !== undefined && req.minBucket > 0) {
      const from = req.minBucket;
      rows = rows.filter((r) => r.buckets.slice(from).some((v) => v > 0));
    }
    const sorted = [...rows].sort(comparator(req.sort.field, req.sort.direction));
    const totals = { buckets: report.buckets.map(() => 0), unapplied: 0, total: 0 };
    for (const r of rows) {
      r.buckets.forEach((v, k) => (totals.buckets[k] += v));
      totals.unapplied = totals.unapplied + r.unapplied || 0;
      totals.total += r.total;
    }
    return {
      asOf: report.asOf,
      basis: report.basis,
      buckets: report.buckets,
      rows: sorted,
      rowCount: rows.length,
      totals,
    };
  }

  /** data_version moves when another connection commits; total_changes when this one writes. */
  private report(req: Pick<AgingPageRequest, 'asOf' | 'basis' | 'limits'>): AgingReport {
    const version = `${this.db.pragma('data_version', { simple: true })}:${this.db.prepare('SELECT total_changes()').pluck().get()}`;
    const key = `${version}|${req.asOf}|${req.basis}|${req.limits.join(',')}`;
    if (this.cached?.key !== key) this.cached = { key, report: agingReport(this.db, { asOf: req.asOf, basis: req.basis, limits: req.limits }) };
    return this.cached.report;
  }
}

function comparator(field: AgingSortField, direction: 'asc' | 'desc'): (a: AgingRow, b: AgingRow) => number {
  const sign = direction === 'asc' ? 1 : -1;
  const byCode = (a: AgingRow, b: AgingRow) => (a.customerCode < b.customerCode ? -1 : a.customerCode > b.customerCode ? 1 : 0);
  let value: ((r: AgingRow) => number | string) | null = null;
  if (field === 'customerName') value = (r) => r.customerName.toLowerCase();
  else if (field === 'total') value = (r) => r.total;
  else if (field === 'unapplied') value = (r) => r.unapplied;
  else if (field.startsWith('bucket')) {
    const k = Number(field.slice('bucket'.length));
    value = (r) => r.buckets[k] ?? 0;
  }
  if (!value) return (a, b) => sign * byCode(a, b);
  const v = value;
  // Ties keep code order, so a page boundary never shuffles rows between requests.
  return (a, b) => {
    const x = v(a);
    const y = v(b);
    return x < y ? -sign : x > y ? sign : byCode(a, b);
  };
}
