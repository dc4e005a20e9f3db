import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { AllocateSchema, CreatedInvoice, CreditRecordSchema, InvoiceCreateSchema, PaymentRecordSchema, PostedEntry, WriteOffSchema, WriteOffManySchema } from '../contract/entries';
import { formatGrouped } from '../money/amounts';
import { ServiceError } from '../contract/service-error';
import { appendNote } from '../timeline/append-note';
import { Postings, type InvoiceRow } from './postings';
import { writeTransaction } from './write-transaction';

type Out<S extends z.ZodType> = z.output<S>;

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

  createInvoice(x: Out<typeof InvoiceCreateSchema>): CreatedInvoice {
    return this.write(() => {
      this.customer(x.customerId);
      this.keyFree('invoice', 'number', x.number, 'number', 'Invoice');
      const currency = this.db.prepare(`SELECT value FROM ledger_setting WHERE key = 'currency'`).pluck().get() as string;
      const id = this.postings.addInvoice({ ...x, currency, schedule: x.schedule.length ? x.schedule : undefined });
      return { id, number: x.number, openAmount: x.amount };
    });
  }

  recordPayment(x: Out<typeof PaymentRecordSchema>): PostedEntry {
    return this.write(() => {
      this.customer(x.customerId);
      this.keyFree('payment', 'reference', x.reference, 'reference', 'Payment');
      const invoice = x.invoiceId === null ? undefined : this.invoiceOf(x.customerId, x.invoiceId);
      return this.postings.addPayment(x, invoice);
    });
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
        [`${field}amount`]: `At most ${formatGrouped(inv.open_amount)} can be written off`,
      });
    }
    if (x.date < inv.issue_date) throw new ServiceError('validation', 'Please correct the highlighted field.', { date: `Cannot be before the invoice was issued${field ? ` (${inv.number})` : ''}` });
    const id = this.postings.writeOff({ ...x, customerId: inv.customer_id });
    appendNote(
      this.db,
      inv.customer_id,
      `Written off ${formatGrouped(x.amount)} on ${inv.number}: ${x.reason} (approved by ${x.approvedBy}: ${x.approvalNote})`,
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
