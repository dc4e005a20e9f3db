import type { Database } from 'better-sqlite3';
import { isUniqueClash } from '../ledger/bulk-postings';
import { MultiRowStatement } from '../ledger/multi-row';
import { deferIndexes } from './bulk-indexes';
import { readCsv, sourceBytes, type CsvSource } from './csv-records';
import { CUSTOMER_COLUMNS, customerValues, readCustomer } from './customer-rows';
import { headerIndex } from './header-index';
import type { ImportSummary } from './import-kinds';
import type { ImportOptions } from './importer';
import { RowReader } from './row-reader';

// The fast path for a customers file: every row checked by the customer form's own rules
// (readCustomer), then written many rows a statement, with no lookup first. It takes only files
// that import cleanly as new customers; a bad row, or a code already on the ledger or twice in
// the file (which shows when its deferred unique index is rebuilt), rolls it back and the
// row-by-row path runs instead, which words every problem and handles re-imports. Both give
// identical ledgers (the bulk import's property test).
//
// No parsing thread, unlike invoices and payments (bulk-import.ts): customers are a tenth of the
// rows, and the worker's own start-up (loading zod and the contract again) cost what it saved.

/** Rows checked before they are written: keeps memory flat without a statement per few rows. */
const ROWS_A_WRITE = 2048;

/** The row-by-row path is needed for this file; nothing has been written. */
class NotBulk extends Error {}

/** Writes the customers in bulk inside their own transaction; null when the row-by-row path must do it. */
export async function importCustomersInBulk(db: Database, file: CsvSource, options: ImportOptions, now: string): Promise<ImportSummary | null> {
  const width = CUSTOMER_COLUMNS.split(',').length;
  const insert = new MultiRowStatement(db, `INSERT INTO customer (${CUSTOMER_COLUMNS}) VALUES`, `(${Array<string>(width).fill('?').join(', ')})`, width);
  db.exec('BEGIN IMMEDIATE');
  try {
    const indexes = deferIndexes(db, 'customers', sourceBytes(file), true);
    let reader: RowReader | null = null;
    let headerWidth = 0;
    let clean = true;
    let rows = 0;
    let values: unknown[] = [];
    const write = () => {
      insert.run(values);
      values = [];
      options.job?.progress(rows, 0, 'Rows read');
    };
    const { records } = await readCsv(file, {
      header({ columns }) {
        const header = headerIndex('customers', columns, options.rename);
        if (header.errors.length > 0) return void (clean = false);
        headerWidth = header.columns.length;
        reader = new RowReader(header.index);
      },
      records(batch) {
        if (!reader) return 'stop';
        options.job?.checkCancelled();
        for (const rec of batch) {
          const c = rec.fields.length > headerWidth ? null : readCustomer(reader.reset(rec.line, rec.fields));
          if (!c) {
            clean = false;
            return 'stop';
          }
          values.push(...customerValues(c, now));
          if (++rows % ROWS_A_WRITE === 0) write();
        }
      },
    });
    if (!clean || !reader || records === 0) throw new NotBulk();
    write();
    options.job?.progress(0, 1, 'Rebuilding indexes');
    indexes.beforeSettle();
    indexes.afterSettle();
    options.beforeCommit?.();
    options.job?.progress(1, 1, 'Saving');
    db.exec('COMMIT');
    return { kind: 'customers', inserted: rows, unchanged: 0 };
  } catch (err) {
    try {
      if (db.inTransaction) db.exec('ROLLBACK');
    } catch {
      // The failure that ended the import is the one to report.
    }
    if (err instanceof NotBulk || isUniqueClash(err)) return null;
    throw err;
  }
}
