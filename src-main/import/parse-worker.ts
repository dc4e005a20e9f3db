import { parentPort, workerData } from 'node:worker_threads';
import { readCsv } from './csv-records';
import { headerIndex } from './header-index';
import { BATCH_ROWS, MAX_BATCHES_WAITING, type CashBatch, type ParseJob, type ParseMessage } from './parse-protocol';
import { CREDIT_COLUMNS, PAYMENT_COLUMNS, readCashFields, readInvoiceFields } from './row-fields';
import { RowReader } from './row-reader';

// The bulk import's parsing thread: reads the CSV and checks every field that needs no ledger,
// with the same readers as the row-by-row path, and hands the writer batches it can pass to
// SQLite nearly as they are. The first bad row ends it: the row-by-row path then reports them all.

const job = workerData as ParseJob;
const flow = new Int32Array(job.flow);

class Stop extends Error {}

function post(message: ParseMessage): void {
  if (message.type === 'invoices' || message.type === 'cash') {
    for (let waiting = Atomics.load(flow, 0); waiting >= MAX_BATCHES_WAITING; waiting = Atomics.load(flow, 0)) {
      Atomics.wait(flow, 0, waiting, 1000);
      if (Atomics.load(flow, 1) !== 0) throw new Stop();
    }
    if (Atomics.load(flow, 1) !== 0) throw new Stop();
    Atomics.add(flow, 0, 1);
  }
  parentPort!.postMessage(message);
}

/** Collects rows into one batch message of the job's kind. */
function batcher() {
  if (job.kind === 'invoices') {
    let values: (string | number | null)[] = [];
    let rows = 0;
    let latest = '';
    let newCodes: string[] = [];
    const seen = new Set<string>();
    return {
      add(r: RowReader): boolean {
        const f = readInvoiceFields(r, job.currency, () => 0);
        if (!r.ok) return false;
        const code = r.raw('customer_code');
        if (!seen.has(code)) {
          seen.add(code);
          newCodes.push(code);
        }
        if (f.issueDate > latest) latest = f.issueDate;
        // INVOICE_VALUES' order.
        values.push(f.number, code, f.issueDate, f.dueDate, f.amount, f.poNumber, f.description, f.deliveryDate, f.amount);
        rows++;
        return true;
      },
      size: () => rows,
      flush() {
        if (rows === 0) return;
        post({ type: 'invoices', rows, values, newCodes, latest });
        values = [];
        rows = 0;
        newCodes = [];
        latest = '';
      },
    };
  }
  const columns = job.kind === 'payments' ? PAYMENT_COLUMNS : CREDIT_COLUMNS;
  const empty = (): CashBatch => ({ type: 'cash', rows: 0, keys: [], codes: [], dates: [], amounts: [], invoices: [], notes: [] });
  let b = empty();
  return {
    add(r: RowReader): boolean {
      const f = readCashFields(r, columns, () => 0, (r) => r.raw('invoice_number') || null);
      if (!r.ok) return false;
      b.keys.push(f.key);
      b.codes.push(r.raw('customer_code'));
      b.dates.push(f.date);
      b.amounts.push(f.amount);
      b.invoices.push(f.invoice);
      b.notes.push(f.note);
      b.rows++;
      return true;
    },
    size: () => b.rows,
    flush() {
      if (b.rows === 0) return;
      post(b);
      b = empty();
    },
  };
}

async function main(): Promise<ParseMessage> {
  let reader: RowReader | null = null;
  let width = 0;
  let problem = false;
  const batch = batcher();
  const { records } = await readCsv(job.source, {
    header({ columns }) {
      const header = headerIndex(job.kind, columns, job.rename ? new Map(job.rename) : undefined);
      if (header.errors.length > 0) return void (problem = true);
      width = header.columns.length;
      reader = new RowReader(header.index);
    },
    records(records) {
      if (!reader) return 'stop';
      for (const rec of records) {
        reader.reset(rec.line, rec.fields);
        if (rec.fields.length > width || !batch.add(reader)) {
          problem = true;
          return 'stop';
        }
        if (batch.size() >= BATCH_ROWS) batch.flush();
      }
    },
  });
  if (problem || !reader || records === 0) return { type: 'problem' };
  batch.flush();
  return { type: 'end' };
}

main().then(
  (last) => parentPort!.postMessage(last),
  (err: unknown) => {
    if (err instanceof Stop) return;
    parentPort!.postMessage({ type: 'failed', message: (err as Error)?.message ?? String(err) } satisfies ParseMessage);
  },
);
