import type { RowError } from '../import-kinds';
import { columnIndex, delimitedRows, isBlank, squash } from './preset-csv';
import type { Preset, SourceCash, SourceCustomer, SourceFile, SourceInvoice } from './preset-types';
import { missingColumns, SourceRowReader } from './source-row';

// Xero's invoice export (Business › Invoices › Export): one row per invoice line, the invoice's
// own columns repeated on each of its lines, amounts as plain decimals, dates in the
// organisation's regional format.

const REQUIRED = ['ContactName', 'InvoiceNumber', 'InvoiceDate', 'DueDate', 'Total', 'InvoiceAmountDue'];
const SALES_INVOICE = new Set(['', 'salesinvoice', 'accrec', 'invoice']);
const SALES_CREDIT = new Set(['salescreditnote', 'accreccredit', 'creditnote']);
/** Not (or no longer) owed: drafts awaiting approval, voided and deleted invoices. */
const NOT_OWED = new Set(['draft', 'submitted', 'awaitingapproval', 'voided', 'deleted']);

/** The invoice's own columns, which every line of one invoice must repeat unchanged. */
const INVOICE_COLUMNS = ['ContactName', 'InvoiceDate', 'DueDate', 'Total', 'InvoiceAmountDue', 'Type'];

function parseXero(text: string, options: { dateOrder: 'dmy' | 'mdy'; currency: string }): SourceFile {
  const rows = delimitedRows(text, ',');
  const errors: RowError[] = [];
  const out: SourceFile = { customers: [], invoices: [], cash: [], errors, skipped: 0 };
  const headerAt = rows.findIndex((r) => !isBlank(r.fields));
  if (headerAt < 0) return { ...out, errors: [{ line: 1, column: 'file', message: 'the file is empty' }] };
  const header = rows[headerAt];
  const index = columnIndex(header.fields);
  errors.push(...missingColumns(index, header.line, REQUIRED));
  if (errors.length) return out;

  const customers = new Map<string, SourceCustomer>();
  /** First line of each invoice number, with the values its other lines must repeat. */
  const seen = new Map<string, { line: number; values: string[] }>();
  let rowsRead = 0;
  for (const { line, fields } of rows.slice(headerAt + 1)) {
    if (isBlank(fields)) continue;
    rowsRead++;
    const r = new SourceRowReader(index, errors, options.dateOrder, line, fields);
    const type = squash(r.raw('Type'));
    const status = squash(r.raw('Status'));
    if (!SALES_INVOICE.has(type) && !SALES_CREDIT.has(type)) {
      out.skipped++;
      continue;
    }
    if (NOT_OWED.has(status)) {
      out.skipped++;
      continue;
    }
    const number = r.text('InvoiceNumber', 64);
    const first = seen.get(number.toUpperCase());
    if (first) {
      // A further line of an invoice already read: only its invoice columns are checked.
      INVOICE_COLUMNS.forEach((c, i) => {
        if (r.raw(c) !== first.values[i]) r.fail(c, `is “${r.raw(c)}” but line ${first.line} of invoice ${number} says “${first.values[i]}”`);
      });
      continue;
    }
    if (number !== '') seen.set(number.toUpperCase(), { line, values: INVOICE_COLUMNS.map((c) => r.raw(c)) });

    const name = r.text('ContactName', 200);
    const issueDate = r.date('InvoiceDate');
    const dueDate = r.date('DueDate');
    if (issueDate && dueDate && dueDate < issueDate) r.fail('DueDate', `is before the invoice date ${issueDate}`);
    // Xero writes a credit note's total either way round; its size is what counts.
    const total = Math.abs(r.amount('Total'));
    if (r.ok && total === 0) r.fail('Total', 'must be more than zero');
    const due = Math.abs(r.amount('InvoiceAmountDue'));
    if (r.ok && due > total) r.fail('InvoiceAmountDue', `is more than the total ${r.raw('Total')}`);
    if (r.has('InvoiceAmountPaid') && r.raw('InvoiceAmountPaid') !== '') {
      const paid = Math.abs(r.amount('InvoiceAmountPaid'));
      if (r.ok && paid + due > total) r.fail('InvoiceAmountPaid', `and InvoiceAmountDue add up to more than the total ${r.raw('Total')}`);
    }
    const currency = r.raw('Currency').toUpperCase();
    if (currency !== '' && currency !== options.currency) r.fail('Currency', `is ${currency}, but this ledger keeps its accounts in ${options.currency}`);
    const reference = r.raw('Reference');
    if (reference.length > 500) r.fail('Reference', 'is longer than 500 characters');
    if (!r.ok) continue;

    if (!customers.has(name.toLowerCase())) {
      const address = ['POAddressLine1', 'POAddressLine2', 'POAddressLine3', 'POAddressLine4'].map((c) => r.raw(c)).filter((v) => v !== '');
      customers.set(name.toLowerCase(), {
        line,
        name,
        email: r.raw('EmailAddress'),
        // Settle keeps two address lines: lines 3 and 4 join the second.
        address1: address[0] ?? '',
        address2: address.slice(1).join(', '),
        city: r.raw('POCity'),
        region: r.raw('PORegion'),
        postalCode: r.raw('POPostalCode'),
        country: r.raw('POCountry'),
      });
    }
    if (SALES_CREDIT.has(type)) {
      // What is left of the credit note stands against the customer; a used-up one changes nothing.
      if (due === 0) out.skipped++;
      else out.cash.push({ line, kind: 'credit', key: number, customer: name, date: issueDate, amount: due, note: reference || null } satisfies SourceCash);
      continue;
    }
    out.invoices.push({ line, number, customer: name, issueDate, dueDate, amount: total, amountDue: due, description: reference || null } satisfies SourceInvoice);
  }
  if (rowsRead === 0) errors.push({ line: header.line + 1, column: 'file', message: 'the file has a header but no rows' });
  out.customers = [...customers.values()];
  return out;
}

export const XERO: Preset = {
  name: 'xero',
  label: 'Xero',
  source: 'Xero',
  snapshot: true,
  // Xero's home markets (New Zealand, Australia, the UK) write the day first.
  defaultDateOrder: 'dmy',
  columns: { customer: 'ContactName', number: 'InvoiceNumber', issueDate: 'InvoiceDate', dueDate: 'DueDate', amount: 'Total', key: 'InvoiceNumber' },
  customerColumns: {
    name: 'ContactName',
    email: 'EmailAddress',
    address1: 'POAddressLine1',
    address2: 'POAddressLine2',
    city: 'POCity',
    region: 'PORegion',
    postalCode: 'POPostalCode',
    country: 'POCountry',
  },
  mapping: [
    { source: 'ContactName', settle: 'customer name (code made from it)' },
    { source: 'EmailAddress, POAddressLine1–4, POCity, PORegion, POPostalCode, POCountry', settle: 'customer email and address' },
    { source: 'InvoiceNumber', settle: 'invoice or credit note number' },
    { source: 'InvoiceDate', settle: 'issue date' },
    { source: 'DueDate', settle: 'due date' },
    { source: 'Total', settle: 'amount' },
    { source: 'InvoiceAmountDue', settle: 'open amount (the rest is settled in Xero)' },
    { source: 'Reference', settle: 'description' },
    { source: 'Type', settle: 'invoice or credit note' },
    { source: 'Currency', settle: 'checked against the ledger’s currency' },
  ],
  parse: parseXero,
};
