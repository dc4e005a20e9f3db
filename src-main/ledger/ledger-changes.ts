import type { Database } from 'better-sqlite3';
import { prepared } from './prepared';

/*
 * Which customers' money or standing changed since a moment, so that work kept between calls
 * (the escalation policy's next run, the worklist's weights) redoes only those customers.
 *
 * Every ledger table is AUTOINCREMENT and history is append-only (migration HistoryKept), so a
 * change to what a customer owes always arrives as a new row: an invoice, a payment, an
 * allocation that moves a running balance, a credit, a write-off, a dispute, a plan, a status
 * change. The moment is the high-water mark of each table in `sqlite_sequence`, plus the latest
 * `customer.updated_at` for edits of the customer row itself (profile, collector, kind), which
 * every edit moves (customerEditStamp).
 * The few updates that come without a new row — a dispute resolved, a plan signed or closed —
 * are the readers' to cover: they are date-stamped and read whole (see policy/policy-scope.ts).
 */

export interface LedgerMarks {
  /** Highest id handed out per table (absent: none yet). */
  seq: Record<string, number>;
  /** Latest customer.updated_at, '' for none. */
  customerUpdatedAt: string;
}

/** Customer ids of the rows added to a table since its mark, as SQL over `@since`. */
const CUSTOMER_OF_NEW_ROWS: Record<string, string> = {
  customer: `SELECT id FROM customer WHERE id > @since`,
  invoice: `SELECT customer_id FROM invoice WHERE id > @since`,
  instalment: `SELECT customer_id FROM instalment WHERE id > @since`,
  payment: `SELECT customer_id FROM payment WHERE id > @since`,
  credit_note: `SELECT customer_id FROM credit_note WHERE id > @since`,
  write_off: `SELECT customer_id FROM write_off WHERE id > @since`,
  recovery: `SELECT customer_id FROM recovery WHERE id > @since`,
  allocation: `SELECT customer_id FROM allocation WHERE id > @since`,
  dispute: `SELECT customer_id FROM dispute WHERE id > @since`,
  payment_plan: `SELECT customer_id FROM payment_plan WHERE id > @since`,
  plan_instalment: `SELECT p.customer_id FROM plan_instalment pi JOIN payment_plan p ON p.id = pi.plan_id WHERE pi.id > @since`,
  promise: `SELECT customer_id FROM promise WHERE id > @since`,
  activity: `SELECT customer_id FROM activity WHERE id > @since`,
  status_change: `SELECT customer_id FROM status_change WHERE id > @since`,
  profile_change: `SELECT customer_id FROM profile_change WHERE id > @since`,
};

/** The tables whose new rows can change a customer's money or standing. */
export const TRACKED_TABLES = Object.keys(CUSTOMER_OF_NEW_ROWS);

export function ledgerMarks(db: Database): LedgerMarks {
  const seq: Record<string, number> = {};
  for (const r of prepared(db, 'SELECT name, seq FROM sqlite_sequence').all() as { name: string; seq: number }[]) {
    if (r.name in CUSTOMER_OF_NEW_ROWS) seq[r.name] = r.seq;
  }
  return { seq, customerUpdatedAt: latestCustomerEdit(db) };
}

/** The latest `customer.updated_at` ('' with no customer yet), from its index. */
function latestCustomerEdit(db: Database): string {
  return prepared(db, `SELECT coalesce(max(updated_at), '') FROM customer`).pluck().get() as string;
}

/**
 * The `updated_at` to write on a customer row edited at `now`: `now`, unless an edit already
 * carries that instant or a later one (a clock pinned for tests, two edits in one millisecond,
 * a machine clock set back), then one millisecond after the latest. Readers see an edit only as
 * a newer max(updated_at) (customersChangedSince, the policy stamp, the aging pages' stamp), so
 * every edit must move it; an edit stamped at or before the latest is otherwise never seen.
 */
export function customerEditStamp(db: Database, now: Date): string {
  const latest = latestCustomerEdit(db);
  const stamp = now.toISOString();
  const after = Date.parse(latest) + 1;
  return stamp > latest || Number.isNaN(after) ? stamp : new Date(after).toISOString();
}

/** How many rows were added to the tracked tables between two marks (a cheap size check before reading them). */
export function rowsAddedSince(since: LedgerMarks, now: LedgerMarks): number {
  return TRACKED_TABLES.reduce((n, t) => n + Math.max(0, (now.seq[t] ?? 0) - (since.seq[t] ?? 0)), 0);
}

/**
 * The customers with a new row in a tracked table, or whose own row was edited, since `since`
 * (`now`: the marks as the caller has just read them, to skip the tables that did not grow).
 * Rows are read by primary key from the mark on, so the cost follows what changed, not the
 * ledger's size (apart from the customer edit check, one pass over the customer table's dates).
 */
export function customersChangedSince(db: Database, since: LedgerMarks, now: LedgerMarks = ledgerMarks(db)): Set<number> {
  const changed = new Set<number>();
  for (const table of TRACKED_TABLES) {
    const from = since.seq[table] ?? 0;
    if ((now.seq[table] ?? 0) <= from) continue;
    for (const id of prepared(db, CUSTOMER_OF_NEW_ROWS[table]).pluck().iterate({ since: from }) as IterableIterator<number>) changed.add(id);
  }
  if (now.customerUpdatedAt > since.customerUpdatedAt) {
    for (const id of prepared(db, 'SELECT id FROM customer WHERE updated_at > ?').pluck().iterate(since.customerUpdatedAt) as IterableIterator<number>) changed.add(id);
  }
  return changed;
}
