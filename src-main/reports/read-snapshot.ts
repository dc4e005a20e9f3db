import type { Database } from 'better-sqlite3';

/**
 * Runs `fn` in one read transaction, so a report that reads the ledger several times (the aging
 * on two dates for CEI, on each month-end for the trend) sees one state of it, even while a clerk
 * posts a payment. Inside a transaction already, it simply runs.
 */
export function readSnapshot<T>(db: Database, fn: () => T): T {
  if (db.inTransaction) return fn();
  return db.transaction(fn).deferred();
}
