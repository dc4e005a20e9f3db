import type { Database, Transaction } from 'better-sqlite3';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Every write to a ledger starts `BEGIN IMMEDIATE`: it takes the write lock first, waiting up to
 * the busy timeout for another program (an import, a second window) to finish. A deferred
 * transaction would read first and then, wanting to write after someone else committed, fail at
 * once with "database is locked" whatever the timeout: SQLite cannot let it continue on a stale
 * snapshot. Nested calls become savepoints, as with better-sqlite3's own transactions.
 */
export function writeTransaction<F extends (...args: never[]) => unknown>(db: Database, fn: F): (...args: Parameters<F>) => ReturnType<F> {
  const tx = db.transaction(fn as never) as Transaction<F>;
  return (...args) => (tx.immediate as unknown as (...a: Parameters<F>) => ReturnType<F>)(...args);
}

/**
 * The same for TypeORM's entity manager (customer forms), which only begins deferred
 * transactions: its first statement is a write that changes nothing, which takes the write lock
 * (waiting out the busy timeout) before anything is read.
 */
export function writeTransactionOrm<T>(ds: DataSource, fn: (m: EntityManager) => Promise<T>): Promise<T> {
  return ds.transaction(async (m) => {
    await m.query('DELETE FROM ledger_setting WHERE 1 = 0');
    return fn(m);
  });
}
