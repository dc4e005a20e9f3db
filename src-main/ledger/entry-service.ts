import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type {
  AllocateSchema,
  CreatedInvoice,
  CreditRecordSchema,
  DepositPosted,
  DepositPreview,
  InvoiceCreateSchema,
  PaymentApplication,
  PaymentDepositSchema,
  PaymentPreviewSchema,
  PaymentRecordSchema,
  PostedEntry,
  WriteOffSchema,
  WriteOffManySchema,
} from '../contract/entries';
import { ledgerCurrency, ledgerMoney } from '../money/ledger-money';
import { ServiceError } from '../contract/service-error';
import { appendNote } from '../timeline/append-note';
import { Postings, type InvoiceRow } from './postings';
import { writeTransaction } from './write-transaction';
import { isBusy } from './writer-note';

type Out<S extends z.ZodType> = z.output<S>;

/** Thrown to undo a preview's postings. */
const ROLL_BACK = Symbol('roll back the preview');

function withoutId<T extends { id: number }>(r: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = r;
  return rest;
}

/**
 * Single ledger entries from the app. Checks what the schemas cannot (the customer exists, the
 * invoice is this customer's, keys are free, a write-off is not more than is open), then posts
 * through the same Postings an import uses, in one transaction.
 */
export class EntryService {
  private readonly postings: Postings;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.postings = new Postings(db, () => now().toISOString());
  }

  /** Amounts in sentences read as on every screen: in the ledger's currency. */
  private money(minor: number): string {
    return ledgerMoney(this.db)(minor);
  }

  createInvoice(x: Out<typeof InvoiceCreateSchema>): CreatedInvoice {
    return this.write(() => {
      this.customer(x.customerId);
      this.keyFree('invoice', 'number', x.number, 'number', 'Invoice');
      const currency = ledgerCurrency(this.db);
      const id = this.postings.addInvoice({ ...x, currency, schedule: x.schedule.length ? x.schedule : undefined });
      return { id, number: x.number, openAmount: x.amount };
    });
  }

  recordPayment(x: Out<typeof PaymentRecordSchema>): PostedEntry {
    return this.write(() => {
      this.customer(x.customerId);
      this.keyFree('payment', 'reference', x.reference, 'reference', 'Payment');
      if (x.invoiceId !== null) this.invoiceOf(x.customerId, x.invoiceId);
      const { rows, problems } = this.postPayments([x]);
      const fields = Object.fromEntries(Object.entries(problems).map(([k, v]) => [k.replace(/^payments\.0\./, ''), v]));
      if (Object.keys(fields).length > 0) {
        throw new ServiceError('validation', Object.keys(fields).length === 1 ? Object.values(fields)[0] : 'Please correct the highlighted fields.', fields);
      }
      const r = rows[0]!;
      return { id: r.id, applied: r.applied, unapplied: r.unapplied };
    });
  }

  /**
   * A deposit of several payments in one transaction: every row is checked and posted in order
   * (a later cheque sees what the earlier ones paid), and if any row is refused nothing is kept
   * and every row's problems are reported at that row.
   */
  deposit(x: Out<typeof PaymentDepositSchema>): DepositPosted {
    return this.write(() => {
      const { rows, problems } = this.postPayments(x.payments);
      const keys = Object.keys(problems);
      if (keys.length > 0) {
        const rowsWrong = new Set(keys.map((k) => k.split('.')[1])).size;
        throw new ServiceError('validation', rowsWrong === 1 ? `Payment ${Number(keys[0].split('.')[1]) + 1} cannot be posted: ${problems[keys[0]]}` : `${rowsWrong} payments cannot be posted; nothing was saved.`, problems);
      }
      const payments = rows.map((r) => r!);
      return { payments, total: payments.reduce((s, p) => s + p.amount, 0) };
    });
  }

  /**
   * How a deposit would be applied if it were saved now: the same postings as deposit(), in a
   * transaction that is always rolled back, so the preview cannot drift from what is posted.
   */
  previewDeposit(x: Out<typeof PaymentPreviewSchema>): DepositPreview {
    let preview: DepositPreview | undefined;
    try {
      this.write(() => {
        // A row not yet given its reference is previewed under one no real reference can have.
        const { rows, problems } = this.postPayments(x.payments.map((p, i) => ({ ...p, reference: p.reference || `\u0000preview-${i}` })));
        preview = {
          payments: rows.map((r, i) => (r ? { ...withoutId(r), reference: x.payments[i].reference } : null)),
          problems,
        };
        throw ROLL_BACK;
      });
    } catch (err) {
      if (isBusy(err)) {
        return { payments: x.payments.map(() => null), problems: {}, unavailable: 'Another program is writing to this ledger; the preview comes back when it has finished.' };
      }
      if (err !== ROLL_BACK) throw err;
    }
    return preview!;
  }

  /**
   * Checks and posts each payment in turn, inside the caller's transaction. A refused row is
   * skipped (the caller rolls everything back) so that the rows after it are still checked.
   */
  private postPayments(
    payments: Out<typeof PaymentRecordSchema>[],
  ): { rows: ((PaymentApplication & { id: number }) | null)[]; problems: Record<string, string> } {
    const problems: Record<string, string> = {};
    const ids: (number | null)[] = payments.map((p, i) => {
      const at = (field: string) => `payments.${i}.${field}`;
      const before = Object.keys(problems).length;
      if (!this.db.prepare('SELECT 1 FROM customer WHERE id = ?').get(p.customerId)) problems[at('customerId')] = 'No such customer';
      else {
        const twice = payments.slice(0, i).some((q) => q.reference.toLowerCase() === p.reference.toLowerCase());
        if (twice) problems[at('reference')] = 'This reference is already in the deposit';
        else if (this.db.prepare('SELECT 1 FROM payment WHERE reference = ?').get(p.reference)) problems[at('reference')] = `${p.reference} is already used`;
        if (p.invoiceId !== null) this.checkInvoice(p.customerId, p.invoiceId, null, at('invoiceId'), problems);
        p.allocations.forEach((a, j) => this.checkInvoice(p.customerId, a.invoiceId, a.amount, at(`allocations.${j}`), problems));
      }
      if (Object.keys(problems).length > before) return null;
      const invoice = p.invoiceId === null ? undefined : this.invoiceOf(p.customerId, p.invoiceId);
      return this.postings.addPayment(p, invoice).id;
    });
    this.postings.flush();
    // Read back once everything is posted: the allocation rows are what the ledger will keep.
    const lines = this.db.prepare(
      `SELECT a.invoice_id AS invoiceId, i.number, SUM(a.amount) AS amount FROM allocation a JOIN invoice i ON i.id = a.invoice_id
        WHERE a.source_kind = 'payment' AND a.source_id = ? GROUP BY a.invoice_id ORDER BY MIN(a.id)`,
    );
    const rows = ids.map((paymentId, i) => {
      if (paymentId === null) return null;
      const p = payments[i];
      const paid = lines.all(paymentId) as PaymentApplication['lines'];
      const applied = paid.reduce((s, l) => s + l.amount, 0);
      return { id: paymentId, reference: p.reference, customerId: p.customerId, amount: p.amount, lines: paid, applied, unapplied: p.amount - applied };
    });
    return { rows, problems };
  }

  /** An invoice a payment names: the customer's own, and (for a chosen amount) with that much open. */
  private checkInvoice(customerId: number, invoiceId: number, amount: number | null, at: string, problems: Record<string, string>): void {
    const inv = this.db.prepare('SELECT customer_id, number, open_amount FROM invoice WHERE id = ?').get(invoiceId) as
      | { customer_id: number; number: string; open_amount: number }
      | undefined;
    const field = amount === null ? at : `${at}.invoiceId`;
    if (!inv) problems[field] = 'No such invoice';
    else if (inv.customer_id !== customerId) problems[field] = 'Belongs to another customer';
    else if (amount !== null && amount > inv.open_amount) {
      problems[`${at}.amount`] = inv.open_amount === 0 ? `Nothing is open on ${inv.number}` : `At most ${this.money(inv.open_amount)} is open on ${inv.number}`;
    }
  }

  recordCredit(x: Out<typeof CreditRecordSchema>): PostedEntry {
    return this.write(() => {
      this.customer(x.customerId);
      this.keyFree('credit_note', 'number', x.number, 'number', 'Credit note');
      const invoice = x.invoiceId === null ? undefined : this.invoiceOf(x.customerId, x.invoiceId);
      return this.postings.addCredit(x, invoice);
    });
  }

  writeOff(x: Out<typeof WriteOffSchema>): { id: number } {
    return this.write(() => ({ id: this.writeOffLine(x, '') }));
  }

  /** Several invoices of one customer in one transaction: a refusal of any line keeps none. */
  writeOffMany(x: Out<typeof WriteOffManySchema>): { ids: number[] } {
    return this.write(() => {
      const customers = new Set<number>();
      const ids = x.lines.map((l, n) => {
        const owner = this.db.prepare('SELECT customer_id FROM invoice WHERE id = ?').pluck().get(l.invoiceId) as number | undefined;
        if (owner !== undefined) customers.add(owner);
        if (customers.size > 1) {
          throw new ServiceError('validation', 'One write-off is for one customer’s invoices.', { [`lines.${n}.invoiceId`]: 'Another customer’s invoice' });
        }
        const { lines: _lines, ...decision } = x;
        return this.writeOffLine({ ...decision, invoiceId: l.invoiceId, amount: l.amount }, `lines.${n}.`);
      });
      return { ids };
    });
  }

  /** One invoice's write-off, inside the caller's transaction; `field` prefixes the invoice's and amount's error keys. */
  private writeOffLine(x: Out<typeof WriteOffSchema>, field: string): number {
    const inv = this.db.prepare('SELECT id, number, customer_id, issue_date, open_amount FROM invoice WHERE id = ?').get(x.invoiceId) as
      | { id: number; number: string; customer_id: number; issue_date: string; open_amount: number }
      | undefined;
    if (!inv) throw new ServiceError('not_found', `Invoice ${x.invoiceId} does not exist.`, { [`${field}invoiceId`]: 'No such invoice' });
    if (x.amount > inv.open_amount) {
      throw new ServiceError('validation', `A write-off cannot be more than is open on the invoice${field ? ` (${inv.number})` : ''}.`, {
        [`${field}amount`]: `At most ${this.money(inv.open_amount)} can be written off`,
      });
    }
    if (x.date < inv.issue_date) throw new ServiceError('validation', 'Please correct the highlighted field.', { date: `Cannot be before the invoice was issued${field ? ` (${inv.number})` : ''}` });
    const id = this.postings.writeOff({ ...x, customerId: inv.customer_id });
    appendNote(
      this.db,
      inv.customer_id,
      `Written off ${this.money(x.amount)} on ${inv.number}: ${x.reason} (approved by ${x.approvedBy}: ${x.approvalNote})`,
      null,
      this.now(),
    );
    return id;
  }

  allocate(x: Out<typeof AllocateSchema>): PostedEntry {
    return this.write(() => {
      const table = x.source === 'payment' ? 'payment' : 'credit_note';
      const src = this.db.prepare(`SELECT customer_id, unapplied FROM ${table} WHERE id = ?`).get(x.sourceId) as
        | { customer_id: number; unapplied: number }
        | undefined;
      if (!src) throw new ServiceError('not_found', `That ${x.source} does not exist.`, { sourceId: 'Not found' });
      if (src.unapplied === 0) throw new ServiceError('validation', `Nothing of this ${x.source} is left to apply.`, { sourceId: 'Fully applied' });
      this.invoiceOf(src.customer_id, x.invoiceId);
      const applied = this.postings.applyExisting(x.source, x.sourceId, x.invoiceId, x.amount);
      return { id: x.sourceId, applied, unapplied: src.unapplied - applied };
    });
  }

  private write<T>(fn: () => T): T {
    return writeTransaction(this.db, () => {
      const result = fn();
      this.postings.flush();
      return result;
    })();
  }

  private customer(id: number): void {
    if (!this.db.prepare('SELECT 1 FROM customer WHERE id = ?').get(id)) {
      throw new ServiceError('not_found', `Customer ${id} does not exist.`, { customerId: 'No such customer' });
    }
  }

  private keyFree(table: string, column: string, value: string, field: string, label: string): void {
    if (this.db.prepare(`SELECT 1 FROM ${table} WHERE ${column} = ?`).get(value)) {
      throw new ServiceError('conflict', `${label} ${value} is already in the ledger.`, { [field]: `${value} is already used` });
    }
  }

  private invoiceOf(customerId: number, invoiceId: number): InvoiceRow {
    const inv = this.db.prepare('SELECT id, customer_id, issue_date, open_amount, has_schedule FROM invoice WHERE id = ?').get(invoiceId) as
      | InvoiceRow
      | undefined;
    if (!inv) throw new ServiceError('not_found', `Invoice ${invoiceId} does not exist.`, { invoiceId: 'No such invoice' });
    if (inv.customer_id !== customerId) {
      throw new ServiceError('validation', 'That invoice belongs to another customer.', { invoiceId: 'Belongs to another customer' });
    }
    return inv;
  }
}
