import { diff, type ImportContext, type RowOutcome } from './import-context';
import type { RowReader } from './row-reader';

// Invoices, payments and credits: each row is validated completely, then posted through the
// same Postings the app uses, so allocation rules cannot differ between import and app.

/** The key is already taken: checked only then, so new rows cost one statement, not two. */
function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: string })?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function maxId(ctx: ImportContext, table: string): number {
  return ctx.db.prepare(`SELECT IFNULL(MAX(id), 0) FROM ${table}`).pluck().get() as number;
}

export function invoiceRows(ctx: ImportContext) {
  const find = ctx.db.prepare(`SELECT id, customer_id, issue_date, due_date, amount, currency, po_number, description FROM invoice WHERE number = ?`);
  const maxBefore = maxId(ctx, 'invoice');

  return (r: RowReader): RowOutcome => {
    const number = r.text('number', 64);
    const customerId = r.raw('customer_code') === '' ? (r.fail('customer_code', 'is required'), null) : ctx.customerId(r);
    const issueDate = r.date('issue_date');
    const dueDate = r.date('due_date');
    if (r.ok && dueDate < issueDate) r.fail('due_date', `is before the issue date ${issueDate}`);
    const amount = r.amount('amount');
    const currencyText = r.raw('currency').toUpperCase();
    if (currencyText !== '' && !/^[A-Z]{3}$/.test(currencyText)) r.fail('currency', `is not a three-letter currency code: ${currencyText}`);
    else if (currencyText !== '' && currencyText !== ctx.currency) {
      r.fail('currency', `is ${currencyText}, but this ledger keeps its accounts in ${ctx.currency}`);
    }
    const currency = ctx.currency;
    const poNumber = r.optionalText('po_number', 64);
    const description = r.optionalText('description', 500);
    if (!r.ok || customerId === null) return 'failed';
    try {
      ctx.postings.addInvoice({ number, customerId, issueDate, dueDate, amount, currency, poNumber, description });
      return 'inserted';
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }

    const existing = find.get(number) as
      | { id: number; customer_id: number; issue_date: string; due_date: string; amount: number; currency: string; po_number: string | null; description: string | null }
      | undefined;
    if (existing) {
      if (existing.id > maxBefore) {
        r.fail('number', `${number} appears more than once in this file`);
        return 'failed';
      }
      return ctx.existing(
        r,
        'number',
        number,
        diff(r, [
          ['customer_code', ctx.customerCode(existing.customer_id), ctx.customerCode(customerId)],
          ['issue_date', existing.issue_date, issueDate],
          ['due_date', existing.due_date, dueDate],
          ['amount', existing.amount, amount],
          ['currency', existing.currency, currency],
          ['po_number', existing.po_number, poNumber],
          ['description', existing.description, description],
        ]),
      );
    }
    throw new Error(`Invoice ${number} clashed with a key that cannot be found`);
  };
}

export function paymentRows(ctx: ImportContext) {
  const find = ctx.db.prepare(`SELECT p.id, p.customer_id, p.date, p.amount, p.method, i.number AS invoice_number
                                 FROM payment p LEFT JOIN invoice i ON i.id = p.invoice_id WHERE p.reference = ?`);
  const maxBefore = maxId(ctx, 'payment');

  return (r: RowReader): RowOutcome => {
    const reference = r.text('reference', 64);
    const customerId = r.raw('customer_code') === '' ? (r.fail('customer_code', 'is required'), null) : ctx.customerId(r);
    const date = r.date('date');
    const amount = r.amount('amount');
    const invoice = ctx.invoiceFor(r, customerId);
    const method = r.optionalText('method', 40);
    if (!r.ok || customerId === null) return 'failed';
    try {
      ctx.postings.addPayment({ reference, customerId, date, amount, method, invoiceId: invoice?.id ?? null }, invoice ?? undefined);
      return 'inserted';
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }

    const existing = find.get(reference) as
      | { id: number; customer_id: number; date: string; amount: number; method: string | null; invoice_number: string | null }
      | undefined;
    if (existing) {
      if (existing.id > maxBefore) {
        r.fail('reference', `${reference} appears more than once in this file`);
        return 'failed';
      }
      return ctx.existing(
        r,
        'reference',
        reference,
        diff(r, [
          ['customer_code', ctx.customerCode(existing.customer_id), ctx.customerCode(customerId)],
          ['date', existing.date, date],
          ['amount', existing.amount, amount],
          ['invoice_number', existing.invoice_number?.toUpperCase() ?? null, r.raw('invoice_number').toUpperCase() || null],
          ['method', existing.method, method],
        ]),
      );
    }
    throw new Error(`Payment ${reference} clashed with a key that cannot be found`);
  };
}

export function creditRows(ctx: ImportContext) {
  const find = ctx.db.prepare(`SELECT c.id, c.customer_id, c.date, c.amount, c.reason, i.number AS invoice_number
                                 FROM credit_note c LEFT JOIN invoice i ON i.id = c.invoice_id WHERE c.number = ?`);
  const maxBefore = maxId(ctx, 'credit_note');

  return (r: RowReader): RowOutcome => {
    const number = r.text('number', 64);
    const customerId = r.raw('customer_code') === '' ? (r.fail('customer_code', 'is required'), null) : ctx.customerId(r);
    const date = r.date('date');
    const amount = r.amount('amount');
    const invoice = ctx.invoiceFor(r, customerId);
    const reason = r.optionalText('reason', 200);
    if (!r.ok || customerId === null) return 'failed';
    try {
      ctx.postings.addCredit({ number, customerId, date, amount, reason, invoiceId: invoice?.id ?? null }, invoice ?? undefined);
      return 'inserted';
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }

    const existing = find.get(number) as
      | { id: number; customer_id: number; date: string; amount: number; reason: string | null; invoice_number: string | null }
      | undefined;
    if (existing) {
      if (existing.id > maxBefore) {
        r.fail('number', `${number} appears more than once in this file`);
        return 'failed';
      }
      return ctx.existing(
        r,
        'number',
        number,
        diff(r, [
          ['customer_code', ctx.customerCode(existing.customer_id), ctx.customerCode(customerId)],
          ['date', existing.date, date],
          ['amount', existing.amount, amount],
          ['invoice_number', existing.invoice_number?.toUpperCase() ?? null, r.raw('invoice_number').toUpperCase() || null],
          ['reason', existing.reason, reason],
        ]),
      );
    }
    throw new Error(`Credit note ${number} clashed with a key that cannot be found`);
  };
}
