import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Database, Statement } from 'better-sqlite3';
import { BulkClash, BulkPostings, INVOICE_VALUES, isUniqueClash, type BulkCash } from '../ledger/bulk-postings';
import { Postings, type InvoiceRow } from '../ledger/postings';
import { ledgerCurrency } from '../money/ledger-money';
import { deferIndexes } from './bulk-indexes';
import { sourceBytes, type CsvSource } from './csv-records';
import type { ImportSummary } from './import-kinds';
import type { ImportOptions } from './importer';
import type { BulkKind, CashBatch, InvoiceBatch, ParseJob, ParseMessage } from './parse-protocol';

// The fast path of an import: a worker thread parses and checks the file while this thread
// writes it a batch at a time (ledger/bulk-postings.ts). It takes only files that import
// cleanly as new rows; anything else — a bad row, an unknown customer or invoice, a key already
// on the ledger, an invoice with instalments — rolls it back and the row-by-row path runs
// instead, which alone words every problem and handles re-imports. Both give identical ledgers.

/** The row-by-row path is needed for this file; nothing has been written. */
class NotBulk extends Error {}

function workerScript(): string | null {
  const beside = path.join(__dirname, 'parse-worker.js');
  if (fs.existsSync(beside)) return beside;
  // Under jest the sources are TypeScript; the compiled worker is in build/.
  const built = path.resolve(__dirname, '..', '..', 'build', 'main', 'import', 'parse-worker.js');
  return fs.existsSync(built) ? built : null;
}

/** Writes the file in bulk inside its own transaction; null when the row-by-row path must do it. */
export async function importInBulk(db: Database, kind: BulkKind, file: CsvSource, options: ImportOptions, now: string): Promise<ImportSummary | null> {
  const script = workerScript();
  if (!script) return null;
  db.exec('BEGIN IMMEDIATE');
  try {
    const indexes = deferIndexes(db, kind, sourceBytes(file), true);
    const postings = new Postings(db, () => now, true);
    const currency = ledgerCurrency(db);
    const bulk = new BulkPostings(db, postings, now, currency);
    const customers = customerIds(db);
    const findInvoices = db.prepare(`SELECT j.value AS number, i.id, i.customer_id, i.issue_date, i.open_amount, i.has_schedule
                                       FROM json_each(?) j JOIN invoice i ON i.number = j.value`).raw();
    let rows = 0;

    const write = (batch: InvoiceBatch | CashBatch) => {
      options.job?.checkCancelled();
      if (batch.type === 'invoices') {
        const width = INVOICE_VALUES.length;
        for (let i = 1; i < batch.values.length; i += width) batch.values[i] = customers(batch.values[i] as string);
        bulk.insertInvoices(batch.values);
        for (const code of batch.newCodes) postings.expectSettle(customers(code));
        postings.noteEntryDate(batch.latest);
      } else {
        bulk.postCash(kind === 'payments' ? 'payment' : 'credit', cashRows(batch, customers, findInvoices));
      }
      rows += batch.rows;
      options.job?.progress(rows, 0, 'Rows read');
    };

    const job: ParseJob = {
      source: file,
      kind,
      rename: options.rename ? [...options.rename] : null,
      currency,
      flow: new SharedArrayBuffer(8),
    };
    if ((await parse(script, job, write)) === 'problem') throw new NotBulk('a row has a problem');
    options.job?.checkCancelled();
    options.job?.progress(1, 3, 'Rebuilding indexes');
    indexes.beforeSettle();
    options.job?.progress(2, 3, 'Matching cash to invoices');
    postings.flush();
    indexes.afterSettle();
    options.beforeCommit?.();
    options.job?.progress(3, 3, 'Saving');
    db.exec('COMMIT');
    return { kind, inserted: rows, unchanged: 0 };
  } catch (err) {
    try {
      if (db.inTransaction) db.exec('ROLLBACK');
    } catch {
      // The failure that ended the import is the one to report.
    }
    // A key twice shows when the deferred unique index is rebuilt.
    if (err instanceof NotBulk || err instanceof BulkClash || isUniqueClash(err)) return null;
    throw err;
  }
}

/** Customer code to id, cached: customers are few next to the rows that name them. */
function customerIds(db: Database): (code: string) => number {
  const byCode = db.prepare(`SELECT id FROM customer WHERE code = ?`).pluck();
  // Keyed as ImportContext.customerId keys its cache, so both paths name the same customer.
  const cache = new Map<string, number>();
  return (code) => {
    const key = code.toUpperCase();
    let id = cache.get(key);
    if (id === undefined) {
      id = byCode.get(code) as number | undefined;
      if (id === undefined) throw new NotBulk(`no customer with code ${code}`);
      cache.set(key, id);
    }
    return id;
  };
}

/** A batch's rows with their customer and named invoice looked up (all the batch's invoices in one query). */
function cashRows(batch: CashBatch, customers: (code: string) => number, findInvoices: Statement): BulkCash[] {
  const named = [...new Set(batch.invoices.filter((n): n is string => n !== null))];
  const invoices = new Map<string, InvoiceRow>();
  if (named.length > 0) {
    for (const [number, id, customer_id, issue_date, open_amount, has_schedule] of findInvoices.all(JSON.stringify(named)) as [string, number, number, string, number, number][]) {
      invoices.set(number, { id, customer_id, issue_date, open_amount, has_schedule });
    }
  }
  const out: BulkCash[] = new Array(batch.rows);
  for (let i = 0; i < batch.rows; i++) {
    const customerId = customers(batch.codes[i]);
    const number = batch.invoices[i];
    let invoice: InvoiceRow | null = null;
    if (number !== null) {
      const inv = invoices.get(number);
      if (!inv || inv.customer_id !== customerId) throw new NotBulk(`invoice ${number} is not this customer's`);
      // Instalments are allocated oldest due first by Postings; such invoices come from the app, never in bulk.
      if (inv.has_schedule) throw new NotBulk(`invoice ${number} has instalments`);
      invoice = inv;
    }
    out[i] = { key: batch.keys[i], customerId, date: batch.dates[i], amount: batch.amounts[i], note: batch.notes[i], invoice };
  }
  return out;
}

/** Runs the parsing worker, writing each batch as it arrives; resolves with how the file ended. */
function parse(script: string, job: ParseJob, write: (batch: InvoiceBatch | CashBatch) => void): Promise<'end' | 'problem'> {
  const flow = new Int32Array(job.flow);
  const worker = new Worker(script, { workerData: job });
  return new Promise<'end' | 'problem'>((resolve, reject) => {
    let done = false;
    const finish = (err: unknown, outcome?: 'end' | 'problem') => {
      if (done) return;
      done = true;
      // A worker waiting for room is told to stop rather than left waiting.
      Atomics.store(flow, 1, 1);
      Atomics.notify(flow, 0);
      void worker.terminate();
      if (err) reject(err);
      else resolve(outcome!);
    };
    worker.on('message', (msg: ParseMessage) => {
      if (done) return;
      try {
        switch (msg.type) {
          case 'invoices':
          case 'cash':
            write(msg);
            Atomics.sub(flow, 0, 1);
            Atomics.notify(flow, 0);
            return;
          case 'end':
          case 'problem':
            return finish(null, msg.type);
          case 'failed':
            return finish(new Error(msg.message));
        }
      } catch (err) {
        finish(err);
      }
    });
    worker.on('error', (err) => finish(err));
    worker.on('exit', () => finish(new Error('The import stopped reading the file before its end')));
  });
}
