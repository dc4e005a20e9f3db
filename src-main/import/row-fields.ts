import type { RowReader } from './row-reader';

// What a row of invoices, payments or credits holds, read and checked field by field in the
// order the errors are reported. The lookups that need the ledger (the customer, the named
// invoice) are passed in, so the same reading runs on the main thread for the row-by-row path
// and, without a ledger, in the parsing worker of the bulk path.

export interface InvoiceFields {
  number: string;
  customerId: number | null;
  issueDate: string;
  dueDate: string;
  amount: number;
  currency: string;
  poNumber: string | null;
  description: string | null;
  deliveryDate: string | null;
}

export function readInvoiceFields(r: RowReader, currency: string, customer: (r: RowReader) => number | null): InvoiceFields {
  const number = r.text('number', 64);
  const customerId = r.raw('customer_code') === '' ? (r.fail('customer_code', 'is required'), null) : customer(r);
  const issueDate = r.date('issue_date');
  const dueDate = r.date('due_date');
  if (r.ok && dueDate < issueDate) r.fail('due_date', `is before the issue date ${issueDate}`);
  const amount = r.amount('amount');
  const currencyText = r.raw('currency').toUpperCase();
  if (currencyText !== '' && !/^[A-Z]{3}$/.test(currencyText)) r.fail('currency', `is not a three-letter currency code: ${currencyText}`);
  else if (currencyText !== '' && currencyText !== currency) {
    r.fail('currency', `is ${currencyText}, but this ledger keeps its accounts in ${currency}`);
  }
  const poNumber = r.optionalText('po_number', 64);
  const description = r.optionalText('description', 500);
  // The policy's delivery-confirmation call counts from it (goods may go out before or after the invoice).
  const deliveryDate = r.optionalDate('delivery_date');
  return { number, customerId, issueDate, dueDate, amount, currency, poNumber, description, deliveryDate };
}

/** Where a payment's and a credit's rows differ: the key's column and the free-text one. */
export interface CashColumns {
  keyColumn: 'reference' | 'number';
  /** A payment's method, a credit's reason. */
  noteColumn: 'method' | 'reason';
  noteMax: number;
}

export const PAYMENT_COLUMNS: CashColumns = { keyColumn: 'reference', noteColumn: 'method', noteMax: 40 };
export const CREDIT_COLUMNS: CashColumns = { keyColumn: 'number', noteColumn: 'reason', noteMax: 200 };

export interface CashFields<I> {
  key: string;
  customerId: number | null;
  date: string;
  amount: number;
  invoice: I | null;
  note: string | null;
}

export function readCashFields<I>(
  r: RowReader,
  columns: CashColumns,
  customer: (r: RowReader) => number | null,
  invoice: (r: RowReader, customerId: number | null) => I | null,
): CashFields<I> {
  const key = r.text(columns.keyColumn, 64);
  const customerId = r.raw('customer_code') === '' ? (r.fail('customer_code', 'is required'), null) : customer(r);
  const date = r.date('date');
  const amount = r.amount('amount');
  const inv = invoice(r, customerId);
  const note = r.optionalText(columns.noteColumn, columns.noteMax);
  return { key, customerId, date, amount, invoice: inv, note };
}
