import type { Database } from 'better-sqlite3';
import { prepared } from '../ledger/prepared';
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

/** Filtered sets and filtered orders kept: the grid, the letters dialog's overdue list and an export each keep theirs. */
const KEPT_VIEWS = 4;

/** One report, made into grid rows, with what sorting and filtering it needs, built once each. */
interface Prepared {
  key: string;
  report: AgingReport;
  rows: AgingGridRow[];
  /** Each row's place in code order (the tie-breaker of every sort), and the rows in that order. */
  codeRank: Uint32Array;
  byCode: Uint32Array;
  /** Per sort column, each row's key ranked among the distinct keys: shared by both directions. */
  keyRanks: Map<string, { ranks: Uint32Array; top: number }>;
  searchable?: { codes: string[]; names: string[] };
  /** Whether the other sort columns are being ranked in the background (prepareLater). */
  preparing?: boolean;
  /** Row indices per sort (`field|direction`), over every row: at most two per column (400 kB each at 100,000 customers). */
  orders: Map<string, Uint32Array>;
  /** Which rows pass a set of filters, with their totals; null rows = every row. */
  filters: Map<string, { rows: Uint8Array | null; count: number; totals: AgingReport['totals'] }>;
  /** Row indices per filters and sort. */
  views: Map<string, Uint32Array>;
  /** Every row of a view, for export and the letters dialog; the same object while nothing changed. */
  whole: Map<string, AgingPage>;
}

/**
 * Pages of the aging grid. The report for one (as-of, basis, buckets) is computed once and
 * kept until the ledger changes. Each sort is kept as a permutation of row indices, built once
 * from precomputed keys, and each filtered view as the indices that pass; so a page change only
 * slices, a re-sort is at worst one sort of numbers, and the renderer only ever receives one page.
 */
export class AgingPages {
  private cached: Prepared | null = null;
  private seenWrites = '';
  private stamp = '';

  constructor(private readonly db: Database) {}

  page(req: AgingPageRequest): AgingPage {
    const p = this.report(req);
    if (!p.preparing) this.prepareLater(p);
    const { order, filter } = this.indices(p, req);
    const rows: AgingGridRow[] = [];
    for (let i = req.offset; i < Math.min(order.length, req.offset + req.limit); i++) rows.push(p.rows[order[i]]);
    return { asOf: p.report.asOf, basis: p.report.basis, buckets: p.report.buckets, rows, rowCount: filter.count, totals: filter.totals };
  }

  /** Every row of the current view (filters and sort applied), for export. */
  view(req: Omit<AgingPageRequest, 'offset' | 'limit'>): AgingPage {
    const p = this.report(req);
    const key = viewKey(req);
    const kept = remember(p.whole, key, null);
    if (kept) return kept;
    const { order, filter } = this.indices(p, req);
    const view = { asOf: p.report.asOf, basis: p.report.basis, buckets: p.report.buckets, rows: Array.from(order, (i) => p.rows[i]), rowCount: filter.count, totals: filter.totals };
    return remember(p.whole, key, view)!;
  }

  /**
   * After the grid's first page of a report, ranks every other sort column, then sorts by each
   * in both directions, then lowers the search text, one step at a time between calls
   * (a timer lets a waiting call in between): the clerk's first click on a column header
   * then only slices a kept order, where sorting 100,000 rows took 5–25 ms of the 100 ms a
   * re-sort may take on screen. Stops as soon as the report is replaced or the ledger closed.
   */
  private prepareLater(p: Prepared): void {
    p.preparing = true;
    const fields: AgingSortField[] = ['total', 'customerName', 'lastContact', 'nextAction', 'unapplied', 'collector', 'status', 'profile', ...p.report.buckets.map((_, k) => `bucket${k}` as const)];
    const steps: (() => void)[] = [
      ...fields.map((field) => () => void (p.keyRanks.has(field) || p.keyRanks.set(field, denseRanks(p.rows.map(sortKey(field)!))))),
      ...fields.flatMap((field) =>
        (['desc', 'asc'] as const).map((direction) => () => void (p.orders.has(`${field}|${direction}`) || p.orders.set(`${field}|${direction}`, sortRows(p, field, direction)))),
      ),
      () => void searchable(p),
    ];
    // An unref'd timer, not setImmediate: an unref'd immediate does not wake an idle process, so
    // the steps only crept on as other calls came in; a timer wakes it, and neither keeps a CLI alive.
    const next = () => {
      if (this.cached !== p || !this.db.open) return;
      steps.shift()?.();
      if (steps.length > 0) setTimeout(next, 0).unref();
    };
    setTimeout(next, 0).unref();
  }

  private indices(p: Prepared, req: Omit<AgingPageRequest, 'offset' | 'limit'>): { order: Uint32Array; filter: { rows: Uint8Array | null; count: number; totals: AgingReport['totals'] } } {
    const filterKey = JSON.stringify([req.search.trim().toLowerCase(), req.status, req.profile, req.collector?.toLowerCase(), req.minBucket]);
    const filter = remember(p.filters, filterKey, null) ?? remember(p.filters, filterKey, filterRows(p, req))!;
    const orderKey = `${req.sort.field}|${req.sort.direction}`;
    let order = p.orders.get(orderKey);
    if (!order) p.orders.set(orderKey, (order = sortRows(p, req.sort.field, req.sort.direction)));
    if (!filter.rows) return { order, filter };
    const key = `${filterKey}|${orderKey}`;
    let view = remember(p.views, key, null);
    if (!view) {
      const mask = filter.rows;
      view = new Uint32Array(filter.count);
      let n = 0;
      for (const i of order) if (mask[i]) view[n++] = i;
      remember(p.views, key, view);
    }
    return { order: view, filter };
  }

  /**
   * When this connection wrote (total_changes) or another one committed (data_version), the
   * stamp of what the grid reads says whether that changed it. A policy run or a letters batch
   * writes tasks and settings, which the grid does not show, so the grid keeps its cache while
   * they run, whether in a job worker or (the worklist's first call of the day) on this connection.
   */
  private report(req: Pick<AgingPageRequest, 'asOf' | 'basis' | 'limits'>): Prepared {
    const writes = `${this.db.pragma('data_version', { simple: true })}|${prepared(this.db, 'SELECT total_changes()').pluck().get()}`;
    if (writes !== this.seenWrites) {
      this.seenWrites = writes;
      this.stamp = agingInputsStamp(this.db);
    }
    const key = `${this.stamp}|${req.asOf}|${req.basis}|${req.limits.join(',')}`;
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
      this.cached = { key, report, rows, ...codeRanks(rows), keyRanks: new Map(), orders: new Map(), filters: new Map(), views: new Map(), whole: new Map() };
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

function viewKey(req: Omit<AgingPageRequest, 'offset' | 'limit'>): string {
  return JSON.stringify([req.search.trim().toLowerCase(), req.status, req.profile, req.collector?.toLowerCase(), req.minBucket, req.sort]);
}

/** A small most-recently-used map: with a value, keeps it (dropping the oldest beyond KEPT_VIEWS); without, looks up and refreshes. */
function remember<T>(kept: Map<string, T>, key: string, value: T | null): T | null {
  if (value === null) {
    const found = kept.get(key);
    if (found !== undefined) {
      kept.delete(key);
      kept.set(key, found);
    }
    return found ?? null;
  }
  kept.set(key, value);
  for (const old of kept.keys()) {
    if (kept.size <= KEPT_VIEWS) break;
    kept.delete(old);
  }
  return value;
}

/** The report's rows come in code order (ORDER BY c.code); ranked here anyway, so a tie never depends on that. */
function codeRanks(rows: AgingGridRow[]): { codeRank: Uint32Array; byCode: Uint32Array } {
  const byCode = Uint32Array.from(rows.keys()).sort((a, b) => (rows[a].customerCode < rows[b].customerCode ? -1 : rows[a].customerCode > rows[b].customerCode ? 1 : 0));
  const codeRank = new Uint32Array(rows.length);
  byCode.forEach((row, place) => (codeRank[row] = place));
  return { codeRank, byCode };
}

/** Lower-cased code and name of every row, for the search box: made once, not per row per keystroke. */
function searchable(p: Prepared): { codes: string[]; names: string[] } {
  return (p.searchable ??= { codes: p.rows.map((r) => r.customerCode.toLowerCase()), names: p.rows.map((r) => r.customerName.toLowerCase()) });
}

function filterRows(p: Prepared, req: Omit<AgingPageRequest, 'offset' | 'limit'>): { rows: Uint8Array | null; count: number; totals: AgingReport['totals'] } {
  const search = req.search.trim().toLowerCase();
  const collector = req.collector?.toLowerCase();
  const from = req.minBucket ?? 0;
  const any = !!(req.status || req.profile || collector || search || from > 0);
  const mask = any ? new Uint8Array(p.rows.length) : null;
  const { codes, names } = search ? searchable(p) : { codes: [], names: [] };
  const totals = { buckets: p.report.buckets.map(() => 0), unapplied: 0, total: 0 };
  let count = 0;
  for (let i = 0; i < p.rows.length; i++) {
    const r = p.rows[i];
    if (req.status && r.status !== req.status) continue;
    if (req.profile && r.profile !== req.profile) continue;
    if (collector && (r.collector ?? '').toLowerCase() !== collector) continue;
    if (search && !codes[i].includes(search) && !names[i].includes(search)) continue;
    if (from > 0) {
      let late = false;
      for (let k = from; k < r.buckets.length && !late; k++) late = r.buckets[k] > 0;
      if (!late) continue;
    }
    if (mask) mask[i] = 1;
    count++;
    for (let k = 0; k < r.buckets.length; k++) totals.buckets[k] += r.buckets[k];
    totals.unapplied = totals.unapplied + r.unapplied || 0;
    totals.total += r.total;
  }
  return { rows: mask, count, totals };
}

/** Each row's key for a sort column: what the grid shows, compared as the clerk reads it. */
function sortKey(field: AgingSortField): ((r: AgingGridRow) => number | string) | null {
  if (field === 'customerName') return (r) => r.customerName.toLowerCase();
  if (field === 'lastContact') return (r) => r.lastContact ?? '';
  if (field === 'nextAction') return (r) => r.nextAction?.slice(-10) ?? '9999';
  if (field === 'status' || field === 'profile' || field === 'collector') return (r) => r[field] ?? '';
  if (field === 'total') return (r) => r.total;
  if (field === 'unapplied') return (r) => r.unapplied;
  if (field.startsWith('bucket')) {
    const k = Number(field.slice('bucket'.length));
    return (r) => r.buckets[k] ?? 0;
  }
  return null;
}

/** Each value's place among the distinct values, smallest 0 (numbers by value, strings by UTF-16 code units, as `<` compares them). */
function denseRanks(values: (number | string)[]): { ranks: Uint32Array; top: number } {
  const ranks = new Uint32Array(values.length);
  if (values.length === 0) return { ranks, top: 0 };
  if (typeof values[0] === 'number') {
    // A typed array sorts numbers natively, without a comparison callback; each value then finds its place by binary search.
    const distinct = Float64Array.from(values as number[]).sort();
    let d = 0;
    for (let i = 0; i < distinct.length; i++) if (i === 0 || distinct[i] !== distinct[d - 1]) distinct[d++] = distinct[i];
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      let lo = 0;
      let hi = d;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (distinct[mid] < v) lo = mid + 1;
        else hi = mid;
      }
      ranks[i] = lo;
    }
    return { ranks, top: d - 1 };
  }
  const distinct = [...new Set(values as string[])].sort();
  const place = new Map(distinct.map((v, i) => [v, i]));
  values.forEach((v, i) => (ranks[i] = place.get(v as string)!));
  return { ranks, top: distinct.length - 1 };
}

/**
 * Row indices in the order of one column; ties keep code order, so a page boundary never
 * shuffles rows between requests. Each row's key is ranked among the distinct keys once, and
 * (key rank, code rank) packed into one number, so the sort itself is a native sort of numbers
 * rather than a JavaScript comparison per pair: tens of milliseconds at 100,000 customers.
 */
function sortRows(p: Prepared, field: AgingSortField, direction: 'asc' | 'desc'): Uint32Array {
  const { rows, codeRank, byCode } = p;
  const n = rows.length;
  const key = sortKey(field);
  if (!key) return direction === 'asc' ? byCode : byCode.slice().reverse();
  let ranked = p.keyRanks.get(field);
  if (!ranked) p.keyRanks.set(field, (ranked = denseRanks(rows.map(key))));
  const { ranks, top } = ranked;
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = (direction === 'asc' ? ranks[i] : top - ranks[i]) * n + codeRank[i];
  packed.sort();
  const order = new Uint32Array(n);
  for (let j = 0; j < n; j++) order[j] = byCode[packed[j] % n];
  return order;
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
