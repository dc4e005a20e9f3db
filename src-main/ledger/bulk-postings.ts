import type { Database } from 'better-sqlite3';
import { maxDate } from '../money/dates';
import { MultiRowStatement } from './multi-row';
import { OPEN_DATE, type InvoiceRow, type Postings } from './postings';

// A big import's write path: the same entries Postings writes one statement at a time, written
// many rows a statement, with named cash applied to its invoice in memory. Allocation follows
// Postings exactly — a payment or credit naming an invoice takes up to what is still open on it,
// dated the later of the cash and the invoice; whatever is left is matched oldest first by
// Postings at flush — and the import's property test holds the two paths to identical ledgers.

/** An invoice row's values, in this order, as insertInvoices takes them (a new invoice is all open). */
export const INVOICE_VALUES = ['number', 'customerId', 'issueDate', 'dueDate', 'amount', 'poNumber', 'description', 'deliveryDate', 'openAmount'] as const;

export interface BulkCash {
  key: string;
  customerId: number;
  date: string;
  amount: number;
  note: string | null;
  /** The named invoice as the ledger has it now; never one with instalments. */
  invoice: InvoiceRow | null;
}

/** A batch holds a key already on the ledger or twice in the file: the caller falls back to row by row. */
export class BulkClash extends Error {}

/** A row whose key is already taken, on insert or when a unique index is rebuilt. */
export function isUniqueClash(err: unknown): boolean {
  return (err as { code?: string })?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export class BulkPostings {
  private readonly invoices: MultiRowStatement;
  private readonly payments: MultiRowStatement;
  private readonly credits: MultiRowStatement;
  private readonly allocations: MultiRowStatement;
  private readonly reduceInvoices: MultiRowStatement;

  constructor(
    db: Database,
    private readonly postings: Postings,
    stamp: string,
    currency: string,
  ) {
    const q = (text: string) => `'${text.replace(/'/g, "''")}'`;
    this.invoices = new MultiRowStatement(
      db,
      `INSERT INTO invoice (number, customer_id, kind, issue_date, due_date, amount, po_number, description, delivery_date,
                            has_schedule, open_amount, currency, settled_date, created_at) VALUES`,
      `(?, ?, 'invoice', ?, ?, ?, ?, ?, ?, 0, ?, ${q(currency)}, '${OPEN_DATE}', ${q(stamp)})`,
      INVOICE_VALUES.length,
    );
    const cash = (table: string, key: string, note: string) =>
      new MultiRowStatement(
        db,
        `INSERT INTO ${table} (${key}, customer_id, date, amount, ${note}, invoice_id, unapplied, applied_through, settled_date, created_at) VALUES`,
        `(?, ?, ?, ?, ?, ?, ?, ?, ?, ${q(stamp)})`,
        9,
      );
    this.payments = cash('payment', 'reference', 'method');
    this.credits = cash('credit_note', 'number', 'reason');
    this.allocations = new MultiRowStatement(db, `INSERT INTO allocation (customer_id, source_kind, source_id, invoice_id, instalment_id, date, amount) VALUES`, `(?, ?, ?, ?, NULL, ?, ?)`, 6);
    // Postings.reduceInvoice, once for a batch's reductions of an invoice: the earlier ones only
    // raised applied_through, which the latest date does at once.
    this.reduceInvoices = new MultiRowStatement(
      db,
      `UPDATE invoice SET open_amount = u.column2, applied_through = max(applied_through, u.column3),
                          settled_date = CASE WHEN u.column2 = 0 THEN max(applied_through, u.column3) ELSE settled_date END
         FROM (VALUES`,
      `(?, ?, ?)`,
      3,
      `) u WHERE invoice.id = u.column1`,
    );
  }

  /** Invoice rows' values in INVOICE_VALUES order, flat. */
  insertInvoices(values: unknown[]): void {
    unique(() => this.invoices.run(values));
  }

  /** Payments or credits, in file order. */
  postCash(kind: 'payment' | 'credit', rows: BulkCash[]): void {
    const open = new Map<number, { open: number; through: string }>();
    const entries: unknown[] = [];
    const unapplied: number[] = [];
    const allocated: { row: number; invoiceId: number; date: string; amount: number }[] = [];
    let latest = '';
    for (let i = 0; i < rows.length; i++) {
      const x = rows[i];
      let take = 0;
      let through = '';
      const inv = x.invoice;
      if (inv) {
        let state = open.get(inv.id);
        if (!state) open.set(inv.id, (state = { open: inv.open_amount, through: '' }));
        take = Math.max(0, Math.min(x.amount, state.open));
        if (take > 0) {
          through = maxDate(x.date, inv.issue_date);
          state.open -= take;
          state.through = maxDate(state.through, through);
          allocated.push({ row: i, invoiceId: inv.id, date: through, amount: take });
        }
      }
      latest = maxDate(latest, maxDate(x.date, through));
      unapplied.push(x.amount - take);
      entries.push(x.key, x.customerId, x.date, x.amount, x.note, inv?.id ?? null, x.amount - take, through, take === x.amount ? through : OPEN_DATE);
    }
    const last = unique(() => (kind === 'payment' ? this.payments : this.credits).run(entries));
    // One transaction's rows get consecutive ids, in the order they were inserted.
    const firstId = last - rows.length + 1;
    if (allocated.length > 0) {
      const values: unknown[] = [];
      for (const a of allocated) values.push(rows[a.row].customerId, kind, firstId + a.row, a.invoiceId, a.date, a.amount);
      this.allocations.run(values);
      const reductions: unknown[] = [];
      for (const [id, state] of open) if (state.through !== '') reductions.push(id, state.open, state.through);
      this.reduceInvoices.run(reductions);
    }
    for (let i = 0; i < rows.length; i++) {
      if (unapplied[i] !== 0) this.postings.expectSettle(rows[i].customerId, kind === 'payment' ? firstId + i : undefined);
    }
    this.postings.noteEntryDate(latest);
  }
}

function unique<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (isUniqueClash(err)) throw new BulkClash('a key is already on the ledger or twice in the file');
    throw err;
  }
}
