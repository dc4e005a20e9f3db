import type { Database } from 'better-sqlite3';
import { readCsv, sourceBytes, type CsvRecord, type CsvSource } from './csv-records';
import { customerRows } from './customer-rows';
import { creditRows, invoiceRows, paymentRows } from './entry-rows';
import os from 'node:os';
import { deferIndexes } from './bulk-indexes';
import { importInBulk } from './bulk-import';
import { importCustomersInBulk } from './bulk-customers';
import { ImportContext, type RowOutcome } from './import-context';
import { headerIndex } from './header-index';
import { ImportRejected, type ImportKind, type ImportSummary, type RowError } from './import-kinds';
import { RowReader } from './row-reader';
import type { JobContext } from '../contract/jobs';

/** Page cache during an import; sized to keep a million-row import under 400 MB in all. */
const IMPORT_CACHE_KIB = 64 * 1024;

export interface ImportOptions {
  now?: () => Date;
  /** Rows read so far, for a progress line; a cancel throws and the import rolls back. */
  job?: JobContext;
  /**
   * The clerk's mapping, as a rename of the header: each of the file's columns (lower case) to
   * the Settle column it holds. With it, a column left out is ignored, so the rows are read
   * exactly as if the file had Settle's own header.
   */
  rename?: ReadonlyMap<string, string>;
  /**
   * A preview: only the first `rows` rows are read and checked, each handed to `row` with its
   * problems, and everything is rolled back whatever happens; nothing is written.
   */
  preview?: { rows: number; row(r: PreviewedRow): void };
  /** Runs inside the import's transaction just before it commits (what else the import keeps). */
  beforeCommit?: () => void;
  /**
   * Only the row-by-row path, never the bulk one (importInBulk): the reference the property test
   * holds the bulk path to.
   */
  rowByRow?: boolean;
}

export interface PreviewedRow {
  line: number;
  /** The row's fields by Settle column, as the engine reads them. */
  values: Record<string, string>;
  errors: RowError[];
}

/** Thrown inside a preview's transaction so it always rolls back. */
class PreviewEnd extends Error {}

/**
 * A big import appends far more than it changes, so a rollback journal (which saves only the
 * few pages that existed before) writes each new page once, where WAL writes it twice (log, then
 * checkpoint): ~13% faster for a million invoices. Only possible while nobody else has the file
 * open; otherwise the import simply stays in WAL mode. Both modes commit atomically.
 */
function useRollbackJournal(db: Database): { restore(): void } {
  const before = String(db.pragma('journal_mode', { simple: true }));
  if (before !== 'wal') return { restore: () => undefined };
  try {
    if (String(db.pragma('journal_mode = DELETE', { simple: true })) !== 'delete') return { restore: () => undefined };
  } catch {
    return { restore: () => undefined };
  }
  return { restore: () => void db.pragma('journal_mode = WAL') };
}

/** Settings given back after an import; failing to give one back must not hide why it ended. */
function ignoreFailure(fn: () => unknown): void {
  try {
    fn();
  } catch {
    // The import's own outcome is what gets reported.
  }
}

function handlerFor(kind: ImportKind, ctx: ImportContext): (r: RowReader, now: string) => RowOutcome {
  switch (kind) {
    case 'customers':
      return customerRows(ctx);
    case 'invoices':
      return invoiceRows(ctx);
    case 'payments':
      return paymentRows(ctx);
    case 'credits':
      return creditRows(ctx);
  }
}

/**
 * Imports one CSV file all or nothing: any bad row means nothing is written and every bad row is
 * reported. A file that is clean and all new goes in bulk (bulk-import.ts; customers
 * bulk-customers.ts); otherwise, and for previews, row by row.
 */
export async function importCsvFile(db: Database, kind: ImportKind, file: CsvSource, options: ImportOptions = {}): Promise<ImportSummary> {
  const now = (options.now ?? (() => new Date()))().toISOString();
  // A big page cache keeps the indexes being filled in memory instead of spilling to disk
  // on every batch; it is given back when the import ends.
  // Helper threads let SQLite sort in parallel when it rebuilds deferred indexes.
  const cacheBefore = db.pragma('cache_size', { simple: true }) as number;
  const threadsBefore = db.pragma('threads', { simple: true }) as number;
  db.pragma(`cache_size = ${-IMPORT_CACHE_KIB}`);
  db.pragma(`threads = ${Math.min(4, os.availableParallelism())}`);
  // A preview reads a few rows: neither the journal nor the indexes are worth touching for it.
  const journal = options.preview ? { restore: () => undefined } : useRollbackJournal(db);
  try {
    if (!options.preview && !options.rowByRow) {
      const summary = kind === 'customers' ? await importCustomersInBulk(db, file, options, now) : await importInBulk(db, kind, file, options, now);
      if (summary) return summary;
    }
    return await importRowByRow(db, kind, file, options, now);
  } finally {
    ignoreFailure(() => db.pragma(`cache_size = ${cacheBefore}`));
    ignoreFailure(() => db.pragma(`threads = ${threadsBefore}`));
    ignoreFailure(() => journal.restore());
  }
}

/**
 * Rows are posted inside one transaction as the file streams past (so memory stays flat and
 * later rows see earlier ones); any bad row means the whole transaction is rolled back.
 */
async function importRowByRow(db: Database, kind: ImportKind, file: CsvSource, options: ImportOptions, now: string): Promise<ImportSummary> {
  const errors: RowError[] = [];
  let inserted = 0;
  let unchanged = 0;
  let handle: ((r: RowReader, now: string) => RowOutcome) | null = null;
  let reader: RowReader | null = null;
  let ctx: ImportContext | null = null;
  let headerWidth = 0;
  let headerProblem = false;
  let previewFailed = 0;
  const preview = options.preview;
  let columnsRead: string[] = [];
  try {
    db.exec('BEGIN IMMEDIATE');
    const indexes = preview ? null : deferIndexes(db, kind, sourceBytes(file));
    const { records } = await readCsv(file, {
      header({ columns: fileColumns }) {
        const header = headerIndex(kind, fileColumns, options.rename);
        columnsRead = header.columns;
        headerWidth = header.columns.length;
        const index = header.index;
        errors.push(...header.errors);
        headerProblem = header.errors.length > 0;
        if (headerProblem) return;
        ctx = new ImportContext(db, now);
        handle = handlerFor(kind, ctx);
        reader = new RowReader(index);
      },
      records(batch: CsvRecord[]) {
        if (!handle || !reader) return preview ? 'stop' : undefined;
        options.job?.checkCancelled();
        options.job?.progress(inserted + unchanged + errors.length, 0, 'Rows read');
        for (const rec of batch) {
          if (preview && inserted + unchanged + previewFailed >= preview.rows) return 'stop';
          reader.reset(rec.line, rec.fields);
          if (rec.fields.length > headerWidth) {
            reader.fail('row', `has ${rec.fields.length} fields but the header has ${headerWidth}`);
          } else {
            const outcome = handle(reader, now);
            if (outcome === 'inserted') inserted++;
            else if (outcome === 'unchanged') unchanged++;
          }
          if (preview) {
            if (!reader.ok) previewFailed++;
            preview.row({ line: rec.line, values: rowValues(columnsRead, rec.fields), errors: [...reader.errors] });
          }
          if (!reader.ok) errors.push(...reader.errors);
        }
      },
    });
    if (headerWidth === 0) errors.push({ line: 1, column: 'file', message: 'the file is empty' });
    else if (records === 0 && !headerProblem) errors.push({ line: 2, column: 'file', message: 'the file has a header but no rows' });
    if (errors.length > 0) throw new ImportRejected(kind, errors);
    if (preview) throw new PreviewEnd();
    // Cash is matched to open items once the whole file is in, with the indexes it reads rebuilt.
    options.job?.progress(1, 3, 'Rebuilding indexes');
    indexes?.beforeSettle();
    options.job?.progress(2, 3, 'Matching cash to invoices');
    (ctx as ImportContext | null)?.postings.flush();
    indexes?.afterSettle();
    options.beforeCommit?.();
    options.job?.progress(3, 3, 'Saving');
    db.exec('COMMIT');
  } catch (err) {
    // The first failure is the one to report; one while undoing it (SQLite may already have
    // rolled back after an I/O error) would only hide it.
    ignoreFailure(() => {
      if (db.inTransaction) db.exec('ROLLBACK');
    });
    if (err instanceof PreviewEnd) return { kind, inserted, unchanged };
    throw err;
  }
  return { kind, inserted, unchanged };
}

function rowValues(columns: string[], fields: string[]): Record<string, string> {
  // No prototype: a file's column may be called anything, `__proto__` included.
  const values = Object.create(null) as Record<string, string>;
  columns.forEach((c, i) => {
    if (c !== '' && !Object.hasOwn(values, c)) values[c] = (fields[i] ?? '').trim();
  });
  return values;
}
