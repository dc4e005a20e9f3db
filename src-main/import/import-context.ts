import type { Database, Statement } from 'better-sqlite3';
import { ledgerCurrency } from '../money/ledger-money';
import { formatDecimal } from '../money/amounts';
import { Postings, type InvoiceRow } from '../ledger/postings';
import type { RowReader } from './row-reader';

export type RowOutcome = 'inserted' | 'unchanged' | 'failed';

/** What every row handler shares during one import: lookups, the write path, duplicate tracking. */
export class ImportContext {
  readonly postings: Postings;
  readonly currency: string;
  private readonly customerByCode: Statement;
  private readonly customerCodeById: Statement;
  private readonly invoiceByNumber: Statement;
  private readonly markSeen: Statement;

  private readonly customerIds = new Map<string, number | null>();

  constructor(
    readonly db: Database,
    stamp: string,
  ) {
    this.postings = new Postings(db, () => stamp, true);
    this.currency = ledgerCurrency(db);
    this.customerByCode = db.prepare(`SELECT id FROM customer WHERE code = ?`).pluck();
    this.customerCodeById = db.prepare(`SELECT code FROM customer WHERE id = ?`).pluck();
    this.invoiceByNumber = db.prepare(`SELECT id, customer_id, issue_date, open_amount, has_schedule FROM invoice WHERE number = ?`);
    // Keys of rows that were already on the ledger, to catch the same key twice in one file.
    // A temp table lives in a temp file, so a re-import of a huge file does not grow memory.
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS import_seen (key TEXT PRIMARY KEY COLLATE NOCASE) WITHOUT ROWID; DELETE FROM import_seen;`);
    this.markSeen = db.prepare(`INSERT OR IGNORE INTO temp.import_seen (key) VALUES (?)`);
  }

  customerId(r: RowReader, column = 'customer_code'): number | null {
    const code = r.raw(column);
    if (code === '') return null;
    // Cached per import: customers are few next to the rows that name them, and an import of
    // invoices or payments adds no customers.
    const key = code.toUpperCase();
    let id = this.customerIds.get(key);
    if (id === undefined) {
      id = (this.customerByCode.get(code) as number | undefined) ?? null;
      this.customerIds.set(key, id);
    }
    if (id === null) r.fail(column, `no customer with code ${code}`);
    return id;
  }

  customerCode(id: number): string {
    return this.customerCodeById.get(id) as string;
  }

  /** An invoice named by a payment or credit: it must exist and belong to the same customer. */
  invoiceFor(r: RowReader, customerId: number | null, column = 'invoice_number'): InvoiceRow | null {
    const number = r.raw(column);
    if (number === '') return null;
    const inv = this.invoiceByNumber.get(number) as InvoiceRow | undefined;
    if (!inv) {
      r.fail(column, `no invoice numbered ${number}`);
      return null;
    }
    if (customerId !== null && inv.customer_id !== customerId) {
      r.fail(column, `invoice ${number} belongs to customer ${this.customerCode(inv.customer_id)}, not ${r.raw('customer_code')}`);
      return null;
    }
    return inv;
  }

  /** The highest id in a table before this import wrote to it: rows above it came from this file. */
  maxId(table: string): number {
    return this.db.prepare(`SELECT IFNULL(MAX(id), 0) FROM ${table}`).pluck().get() as number;
  }

  /**
   * A key already on the ledger: the same values again are "unchanged", different ones are an
   * error, and the same key twice in this file is an error too — whether the first copy was
   * inserted by this file (`addedByThisFile`) or was already there.
   */
  existing(r: RowReader, keyColumn: string, key: string, addedByThisFile: boolean, differences: [string, string, string][]): RowOutcome {
    if (addedByThisFile || this.markSeen.run(key).changes === 0) {
      r.fail(keyColumn, `${key} appears more than once in this file`);
      return 'failed';
    }
    if (differences.length === 0) return 'unchanged';
    const [column, there, here] = differences[0];
    r.fail(column, `${key} is already in the ledger with ${column} ${there || '(empty)'}; this file has ${here || '(empty)'}`);
    return 'failed';
  }
}

/** Pairs that differ, as [column, ledger value, file value]; only columns the file has are compared. */
export function diff(r: RowReader, pairs: [column: string, ledger: string | number | null, file: string | number | null][]) {
  const out: [string, string, string][] = [];
  for (const [column, ledger, file] of pairs) {
    if (!r.has(column)) continue;
    if ((ledger ?? '') !== (file ?? '')) out.push([column, show(column, ledger), show(column, file)]);
  }
  return out;
}

function show(column: string, v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number' && (column === 'amount' || column === 'credit_limit')) return formatDecimal(v);
  return String(v);
}
