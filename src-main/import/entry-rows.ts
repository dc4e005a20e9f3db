import type { InvoiceRow } from '../ledger/postings';
import { diff, type ImportContext, type RowOutcome } from './import-context';
import type { RowReader } from './row-reader';
import { CREDIT_COLUMNS, PAYMENT_COLUMNS, readCashFields, readInvoiceFields, type CashColumns } from './row-fields';

// Invoices, payments and credits: each row is validated completely, then posted through the
// same Postings the app uses, so allocation rules cannot differ between import and app.

/** The key is already taken: checked only then, so new rows cost one statement, not two. */
function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: string })?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}


export function invoiceRows(ctx: ImportContext) {
  const find = ctx.db.prepare(`SELECT id, customer_id, issue_date, due_date, amount, currency, po_number, description, delivery_date FROM invoice WHERE number = ?`);
  const maxBefore = ctx.maxId('invoice');

  return (r: RowReader): RowOutcome => {
    const { number, customerId, issueDate, dueDate, amount, currency, poNumber, description, deliveryDate } = readInvoiceFields(r, ctx.currency, (r) =>
      ctx.customerId(r),
    );
    if (!r.ok || customerId === null) return 'failed';
    try {
      ctx.postings.addInvoice({ number, customerId, issueDate, dueDate, amount, currency, poNumber, description, deliveryDate });
      return 'inserted';
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }

    const existing = find.get(number) as
      | {
          id: number;
          customer_id: number;
          issue_date: string;
          due_date: string;
          amount: number;
          currency: string;
          po_number: string | null;
          description: string | null;
          delivery_date: string | null;
        }
      | undefined;
    if (existing) {
      return ctx.existing(
        r,
        'number',
        number,
        existing.id > maxBefore,
        diff(r, [
          ['customer_code', ctx.customerCode(existing.customer_id), ctx.customerCode(customerId)],
          ['issue_date', existing.issue_date, issueDate],
          ['due_date', existing.due_date, dueDate],
          ['amount', existing.amount, amount],
          ['currency', existing.currency, currency],
          ['po_number', existing.po_number, poNumber],
          ['description', existing.description, description],
          ['delivery_date', existing.delivery_date, deliveryDate],
        ]),
      );
    }
    throw new Error(`Invoice ${number} clashed with a key that cannot be found`);
  };
}

interface CashKind extends CashColumns {
  table: 'payment' | 'credit_note';
  label: string;
  post(ctx: ImportContext, x: { key: string; customerId: number; date: string; amount: number; note: string | null; invoice: InvoiceRow | null }): void;
}

const PAYMENTS: CashKind = {
  table: 'payment',
  label: 'Payment',
  ...PAYMENT_COLUMNS,
  post: (ctx, x) =>
    void ctx.postings.addPayment(
      { reference: x.key, customerId: x.customerId, date: x.date, amount: x.amount, method: x.note, invoiceId: x.invoice?.id ?? null },
      x.invoice ?? undefined,
    ),
};

const CREDITS: CashKind = {
  table: 'credit_note',
  label: 'Credit note',
  ...CREDIT_COLUMNS,
  post: (ctx, x) =>
    void ctx.postings.addCredit(
      { number: x.key, customerId: x.customerId, date: x.date, amount: x.amount, reason: x.note, invoiceId: x.invoice?.id ?? null },
      x.invoice ?? undefined,
    ),
};

/** Payments and credits: the same shape of row, applied to the named invoice or (payments) oldest first. */
function cashRows(ctx: ImportContext, kind: CashKind) {
  const find = ctx.db.prepare(`SELECT x.id, x.customer_id, x.date, x.amount, x.${kind.noteColumn} AS note, i.number AS invoice_number
                                 FROM ${kind.table} x LEFT JOIN invoice i ON i.id = x.invoice_id WHERE x.${kind.keyColumn} = ?`);
  const maxBefore = ctx.maxId(kind.table);

  return (r: RowReader): RowOutcome => {
    const { key, customerId, date, amount, invoice, note } = readCashFields(
      r,
      kind,
      (r) => ctx.customerId(r),
      (r, customerId) => ctx.invoiceFor(r, customerId),
    );
    if (!r.ok || customerId === null) return 'failed';
    try {
      kind.post(ctx, { key, customerId, date, amount, note, invoice });
      return 'inserted';
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }

    const existing = find.get(key) as
      | { id: number; customer_id: number; date: string; amount: number; note: string | null; invoice_number: string | null }
      | undefined;
    if (!existing) throw new Error(`${kind.label} ${key} clashed with a key that cannot be found`);
    return ctx.existing(
      r,
      kind.keyColumn,
      key,
      existing.id > maxBefore,
      diff(r, [
        ['customer_code', ctx.customerCode(existing.customer_id), ctx.customerCode(customerId)],
        ['date', existing.date, date],
        ['amount', existing.amount, amount],
        ['invoice_number', existing.invoice_number?.toUpperCase() ?? null, r.raw('invoice_number').toUpperCase() || null],
        [kind.noteColumn, existing.note, note],
      ]),
    );
  };
}

export const paymentRows = (ctx: ImportContext) => cashRows(ctx, PAYMENTS);
export const creditRows = (ctx: ImportContext) => cashRows(ctx, CREDITS);
