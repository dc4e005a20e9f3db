import type { CsvSource } from './csv-records';
import type { ImportKind } from './import-kinds';

// What the importer and its parsing worker (parse-worker.ts) say to each other.

export interface ParseJob {
  source: CsvSource;
  kind: 'invoices' | 'payments' | 'credits';
  rename: [string, string][] | null;
  /** The ledger's currency, which an invoice row may repeat but not contradict. */
  currency: string;
  /**
   * [batches posted and not yet written, stop]: the worker waits while too many batches are
   * waiting, so a fast parser cannot pile a file up in memory ahead of the writer.
   */
  flow: SharedArrayBuffer;
}

export const BATCH_ROWS = 2048;
export const MAX_BATCHES_WAITING = 3;

/** Invoice rows' values in INVOICE_VALUES order, flat, with the customer's code where its id goes. */
export interface InvoiceBatch {
  type: 'invoices';
  rows: number;
  values: (string | number | null)[];
  /** Customer codes in the order they first appear in the file, each once. */
  newCodes: string[];
  /** The latest issue date in the batch. */
  latest: string;
}

/** Payment or credit rows, column by column. */
export interface CashBatch {
  type: 'cash';
  rows: number;
  keys: string[];
  codes: string[];
  dates: string[];
  amounts: number[];
  /** The invoice the row names, as written, or null. */
  invoices: (string | null)[];
  notes: (string | null)[];
}

export type ParseMessage =
  | InvoiceBatch
  | CashBatch
  | { type: 'end' }
  /** A row or the header has a problem: the row-by-row import reads the file again to report every one. */
  | { type: 'problem' }
  | { type: 'failed'; message: string };

export type BulkKind = Extract<ImportKind, 'invoices' | 'payments' | 'credits'>;
