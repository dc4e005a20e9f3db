import type { Database } from 'better-sqlite3';
import type { ImportKind } from './import-kinds';

// Indexes an import of each kind never reads while it runs. For a file that is large next to
// the ledger, maintaining them row by row costs more than building them once at the end.
const DEFERRABLE: Record<ImportKind, string[]> = {
  customers: ['customer_name_ix', 'customer_updated_ix'],
  invoices: ['invoice_customer_ix', 'invoice_open_ix', 'invoice_history_ix', 'invoice_delivery_ix', 'invoice_open_due_ix'],
  payments: [
    'invoice_history_ix',
    'invoice_open_due_ix',
    'payment_customer_ix',
    'payment_unapplied_ix',
    'payment_history_ix',
    'allocation_invoice_ix',
    'allocation_instalment_ix',
    'allocation_source_ix',
  ],
  credits: [
    'invoice_history_ix',
    'invoice_open_due_ix',
    'credit_note_customer_ix',
    'credit_note_unapplied_ix',
    'credit_note_history_ix',
    'allocation_invoice_ix',
    'allocation_instalment_ix',
    'allocation_source_ix',
  ],
};

/**
 * The unique key of the rows each kind adds, which only the bulk path can leave to the end: it
 * never looks a key up, and a key already on the ledger or twice in the file then makes the
 * rebuild fail, which sends the file row by row like a clash on insert would. The row-by-row path
 * reads these indexes to tell a re-imported row from a new one.
 */
const UNIQUE_KEYS: Record<ImportKind, string> = {
  customers: 'customer_code_uq',
  invoices: 'invoice_number_uq',
  payments: 'payment_reference_uq',
  credits: 'credit_note_number_uq',
};

/**
 * Deferred indexes that matching cash to open items (Postings.flush) reads: rebuilt before it.
 * The others are rebuilt after it, so that its allocations and reductions do not keep them up.
 */
const READ_BY_SETTLE = new Set(['invoice_open_ix', 'payment_unapplied_ix', 'credit_note_unapplied_ix']);

export interface DeferredIndexes {
  /** Before Postings.flush(): the indexes it reads. */
  beforeSettle(): void;
  /** After it: the rest. */
  afterSettle(): void;
}

/** A CSV row of any kind is at least this many bytes, so this over-estimates the row count. */
const MIN_BYTES_PER_ROW = 40;

/**
 * Inside the import's transaction: drops each deferrable index whose table the file could grow
 * by at least a quarter (rebuilding a big table's index for a small file would cost more than it
 * saves), and returns how to rebuild them, in two steps around the flush. A rollback restores them by itself
 * (SQLite DDL is transactional). `bulk`: the unique key of the kind's rows too (UNIQUE_KEYS), whose
 * rebuild then throws SQLITE_CONSTRAINT_UNIQUE when a key is there twice.
 */
export function deferIndexes(db: Database, kind: ImportKind, fileBytes: number, bulk = false): DeferredIndexes {
  const names = bulk ? [...DEFERRABLE[kind], UNIQUE_KEYS[kind]] : DEFERRABLE[kind];
  const maxRows = fileBytes / MIN_BYTES_PER_ROW;
  const all = db
    .prepare(`SELECT name, tbl_name AS tableName, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND name IN (${names.map(() => '?').join(', ')})`)
    .all(...names) as { name: string; tableName: string; sql: string }[];
  const rowsIn = new Map<string, number>();
  const ddl = all.filter(({ tableName }) => {
    // The highest rowid, not COUNT(*): as many rows or more in these append-only tables, and read
    // from one B-tree page where counting walks a million-row table for a small file.
    if (!rowsIn.has(tableName)) rowsIn.set(tableName, db.prepare(`SELECT IFNULL(MAX(rowid), 0) FROM "${tableName}"`).pluck().get() as number);
    return maxRows >= rowsIn.get(tableName)! / 4;
  });
  for (const { name } of ddl) db.exec(`DROP INDEX "${name}"`);
  const rebuild = (settleReads: boolean) => {
    for (const { name, sql } of ddl) if (READ_BY_SETTLE.has(name) === settleReads) db.exec(sql);
  };
  return { beforeSettle: () => rebuild(true), afterSettle: () => rebuild(false) };
}
