import type { Database } from 'better-sqlite3';
import { agingReport, type AgingBasis, type AgingReport, type AgingRow } from './aging-report';

export type AgingSortField =
  | 'customerCode'
  | 'customerName'
  | 'total'
  | 'unapplied'
  | 'lastContact'
  | 'nextAction'
  | 'status'
  | 'profile'
  | 'collector'
  | `bucket${number}`;

/** What the grid shows beside the money: the customer's standing and the last and next touch. */
export interface AgingGridRow extends AgingRow {
  status: string;
  profile: string | null;
  collector: string | null;
  /** Local date-time of the latest call, note, letter or visit. */
  lastContact: string | null;
  /** The next follow-up or promise date on or after the as-of date, in words. */
  nextAction: string | null;
}

interface Standing {
  status: string;
  profile: string | null;
  collector: string | null;
  lastContact: string | null;
  nextFollowUp: string | null;
  nextPromise: string | null;
}

export interface AgingPageRequest {
  asOf: string;
  basis: AgingBasis;
  limits: number[];
  /** Case-insensitive match on code or name. */
  search: string;
  /** Only customers with something open in this bucket or any later one (e.g. 3 = 61+ days). */
  minBucket?: number;
  status?: string;
  profile?: string;
  collector?: string;
  sort: { field: AgingSortField; direction: 'asc' | 'desc' };
  offset: number;
  limit: number;
}

export interface AgingPage {
  asOf: string;
  basis: AgingBasis;
  buckets: string[];
  rows: AgingGridRow[];
  /** Rows matching the filters (the grid's row count). */
  rowCount: number;
  /** Sums over the rows matching the filters (the grid's pinned totals row). */
  totals: AgingReport['totals'];
}

const KEPT_VIEWS = 4;

/**
 * Pages of the aging grid. The report for one (as-of, basis, buckets) is computed once and
 * kept until the ledger changes, so scrolling, sorting and filtering cost milliseconds and the
 * renderer only ever receives one page.
 */
export class AgingPages {
  private cached: { key: string; report: AgingReport; rows: AgingGridRow[] } | null = null;
  /**
   * The last few filtered, sorted views, newest last: the grid, the letters dialog's overdue list
   * and an export each keep theirs, so going back to one only slices it.
   */
  private readonly views = new Map<string, AgingPage>();
  private seenDataVersion = '';
  private stamp = '';

  constructor(private readonly db: Database) {}

  page(req: AgingPageRequest): AgingPage {
    const view = this.view(req);
    return { ...view, rows: view.rows.slice(req.offset, req.offset + req.limit) };
  }

  /** Every row of the current view (filters and sort applied), for export. */
  view(req: Omit<AgingPageRequest, 'offset' | 'limit'>): AgingPage {
    const { key: reportKey, report, rows: all } = this.report(req);
    const viewKey = JSON.stringify([reportKey, req.search, req.status, req.profile, req.collector, req.minBucket, req.sort]);
    const kept = this.views.get(viewKey);
    if (kept) {
      this.views.delete(viewKey);
      this.views.set(viewKey, kept);
      return kept;
    }
    const search = req.search.trim().toLowerCase();
    let rows = all;
    if (req.status) rows = rows.filter((r) => r.status === req.status);
    if (req.profile) rows = rows.filter((r) => r.profile === req.profile);
    if (req.collector) rows = rows.filter((r) => (r.collector ?? '').toLowerCase() === req.collector!.toLowerCase());
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
    const view = { asOf: report.asOf, basis: report.basis, buckets: report.buckets, rows: sorted, rowCount: rows.length, totals };
    this.views.set(viewKey, view);
    for (const old of this.views.keys()) {
      if (this.views.size <= KEPT_VIEWS) break;
      this.views.delete(old);
    }
    return view;
  }

  /**
   * total_changes moves when this connection writes (the clerk's own edits: the report is made
   * again). data_version moves when another connection commits; then the stamp of what the grid
   * reads says whether that changed it. A policy run or a letters batch in a job worker writes
   * tasks and settings, which the grid does not show, so the grid keeps its cache while they run.
   */
  private report(req: Pick<AgingPageRequest, 'asOf' | 'basis' | 'limits'>): { key: string; report: AgingReport; rows: AgingGridRow[] } {
    const others = String(this.db.pragma('data_version', { simple: true }));
    if (others !== this.seenDataVersion) {
      this.seenDataVersion = others;
      this.stamp = agingInputsStamp(this.db);
    }
    const key = `${this.stamp}|${this.db.prepare('SELECT total_changes()').pluck().get()}|${req.asOf}|${req.basis}|${req.limits.join(',')}`;
    if (this.cached?.key !== key) {
      const report = agingReport(this.db, { asOf: req.asOf, basis: req.basis, limits: req.limits });
      const standing = this.standing(req.asOf);
      const rows = report.rows.map((r) => {
        const s = standing.get(r.customerId);
        const next =
          s?.nextFollowUp && (!s.nextPromise || s.nextFollowUp <= s.nextPromise)
            ? `Follow up ${s.nextFollowUp}`
            : s?.nextPromise
              ? `Promise due ${s.nextPromise}`
              : null;
        return { ...r, status: s?.status ?? 'active', profile: s?.profile ?? null, collector: s?.collector ?? null, lastContact: s?.lastContact ?? null, nextAction: next };
      });
      this.cached = { key, report, rows };
    }
    return this.cached;
  }

  /**
   * Status, profile, collector and the last and next touch, for the customers that have any:
   * each query reads only the rows that exist (activities, promises, customers off the default),
   * never one lookup per customer, so a ledger of 100,000 quiet customers costs nothing here.
   */
  private standing(asOf: string): Map<number, Standing> {
    const out = new Map<number, Standing>();
    const get = (id: number): Standing => {
      let s = out.get(id);
      if (!s) out.set(id, (s = { status: 'active', profile: null, collector: null, lastContact: null, nextFollowUp: null, nextPromise: null }));
      return s;
    };
    const rows = <T>(sql: string) => this.db.prepare(sql).all({ asOf }) as T[];
    for (const r of rows<{ id: number; status: string; profile: string | null; collector: string | null }>(
      `SELECT id, status, profile, collector FROM customer WHERE status <> 'active' OR profile IS NOT NULL OR collector IS NOT NULL`,
    )) {
      Object.assign(get(r.id), { status: r.status, profile: r.profile, collector: r.collector });
    }
    for (const r of rows<{ c: number; v: string }>(`SELECT customer_id AS c, MAX(occurred_at) AS v FROM activity GROUP BY customer_id`)) get(r.c).lastContact = r.v;
    for (const r of rows<{ c: number; v: string }>(
      `SELECT customer_id AS c, MIN(follow_up_date) AS v FROM activity WHERE follow_up_date >= @asOf GROUP BY customer_id`,
    )) {
      get(r.c).nextFollowUp = r.v;
    }
    for (const r of rows<{ c: number; v: string }>(`SELECT customer_id AS c, MIN(promised_date) AS v FROM promise WHERE promised_date >= @asOf GROUP BY customer_id`)) {
      get(r.c).nextPromise = r.v;
    }
    return out;
  }
}

function comparator(field: AgingSortField, direction: 'asc' | 'desc'): (a: AgingGridRow, b: AgingGridRow) => number {
  const sign = direction === 'asc' ? 1 : -1;
  const byCode = (a: AgingRow, b: AgingRow) => (a.customerCode < b.customerCode ? -1 : a.customerCode > b.customerCode ? 1 : 0);
  let value: ((r: AgingGridRow) => number | string) | null = null;
  if (field === 'customerName') value = (r) => r.customerName.toLowerCase();
  else if (field === 'lastContact') value = (r) => r.lastContact ?? '';
  else if (field === 'nextAction') value = (r) => r.nextAction?.slice(-10) ?? '9999';
  else if (field === 'status' || field === 'profile' || field === 'collector') value = (r) => r[field] ?? '';
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

/**
 * Everything the grid shows comes from rows that are only ever added (history is append-only:
 * entries, allocations, activities, promises, status and profile changes) or from customer rows,
 * whose edits move updated_at; so the AUTOINCREMENT counters and the newest edit say whether any
 * of it changed.
 */
function agingInputsStamp(db: Database): string {
  return db
    .prepare(
      `SELECT coalesce((SELECT group_concat(name || '=' || seq) FROM sqlite_sequence
                         WHERE name IN ('customer', 'invoice', 'instalment', 'payment', 'credit_note', 'allocation', 'write_off',
                                        'activity', 'promise', 'status_change', 'profile_change')), '')
              || '|' || (SELECT coalesce(max(updated_at), '') FROM customer)`,
    )
    .pluck()
    .get() as string;
}
