import type { RowError } from '../import-kinds';
import { addDays } from '../../money/dates';
import { columnIndex, delimitedRows, isBlank } from './preset-csv';
import type { Preset, SourceCustomer, SourceFile } from './preset-types';
import { missingColumns, SourceRowReader } from './source-row';

// QuickBooks Desktop's Intuit Interchange Format: tab-separated; a row starting "!KEYWORD" names
// the columns of the rows starting "KEYWORD" below it. A transaction is a TRNS row (the
// customer, date, document number and the A/R side's amount), its SPL distribution lines and an
// ENDTRNS row. Only the TRNS row matters for receivables; the splits say which income accounts
// the invoice went to.

const TRANSACTION_TYPES: Record<string, 'invoice' | 'payment' | 'credit'> = { INVOICE: 'invoice', PAYMENT: 'payment', 'CREDIT MEMO': 'credit' };

/** "Net 30", "Net30", "Due in 15 days": the days the terms give, if they say. */
function termsDays(terms: string): number | null {
  const m = /(\d{1,3})/.exec(terms);
  return m && /net|due|days/i.test(terms) ? Number(m[1]) : null;
}

function parseIif(text: string, options: { dateOrder: 'dmy' | 'mdy' }): SourceFile {
  const errors: RowError[] = [];
  const out: SourceFile = { customers: [], invoices: [], cash: [], errors, skipped: 0 };
  const customers = new Map<string, SourceCustomer>();
  const headers = new Map<string, { line: number; index: Map<string, number> }>();
  let inBlock = false;
  let transactions = 0;
  let lastLine = 1;

  for (const { line, fields } of delimitedRows(text, '\t')) {
    if (isBlank(fields)) continue;
    lastLine = line;
    const keyword = fields[0].trim().toUpperCase();
    if (keyword.startsWith('!')) {
      headers.set(keyword.slice(1), { line, index: columnIndex(fields) });
      if (keyword === '!TRNS') errors.push(...missingColumns(columnIndex(fields), line, ['TRNSTYPE', 'DATE', 'NAME', 'AMOUNT']));
      continue;
    }
    if (keyword === 'ENDTRNS') {
      if (!inBlock) errors.push({ line, column: 'ENDTRNS', message: 'ends a transaction that was never begun with TRNS' });
      inBlock = false;
      continue;
    }
    if (keyword === 'SPL') {
      if (!inBlock) errors.push({ line, column: 'SPL', message: 'is a split line outside a transaction (no TRNS row above it)' });
      continue;
    }
    if (keyword === 'CUST') {
      // The customer list, when the file carries it: addresses and emails for customers it names.
      const header = headers.get('CUST');
      if (!header) continue;
      const r = new SourceRowReader(header.index, errors, options.dateOrder, line, fields);
      const name = r.raw('NAME').split(':')[0].trim();
      if (name !== '' && !customers.has(name.toLowerCase())) {
        // BADDR1–5 are free lines of the billing address; Settle keeps two.
        const address2 = ['BADDR2', 'BADDR3', 'BADDR4', 'BADDR5'].map((c) => r.raw(c)).filter((v) => v !== '').join(', ');
        customers.set(name.toLowerCase(), { line, name, email: r.raw('EMAIL'), address1: r.raw('BADDR1'), address2 });
      }
      continue;
    }
    if (keyword !== 'TRNS') continue; // Lists Settle has no use for (accounts, items, vendors).
    if (inBlock) errors.push({ line, column: 'TRNS', message: 'begins a transaction before the one above it ended (ENDTRNS missing)' });
    inBlock = true;
    const header = headers.get('TRNS');
    if (!header) {
      errors.push({ line, column: 'TRNS', message: 'comes before the !TRNS header row that names its columns' });
      continue;
    }
    transactions++;
    const r = new SourceRowReader(header.index, errors, options.dateOrder, line, fields);
    const type = TRANSACTION_TYPES[r.raw('TRNSTYPE').toUpperCase()];
    if (!type) {
      out.skipped++;
      continue;
    }
    // "Customer:Job": jobs are QuickBooks' sub-accounts of a customer; Settle collects from the customer.
    const name = r.raw('NAME').split(':')[0].trim();
    if (name === '') r.fail('NAME', 'is required');
    else if (name.length > 200) r.fail('NAME', 'is longer than 200 characters');
    const date = r.date('DATE');
    // The A/R side of an invoice is positive, of a payment or credit memo negative; some programs
    // writing IIF put the bank side on the TRNS row instead, so the size is what is read.
    const amount = Math.abs(r.amount('AMOUNT'));
    if (r.ok && amount === 0) r.fail('AMOUNT', 'must not be zero');
    const docnum = r.raw('DOCNUM');
    if (docnum.length > 64) r.fail('DOCNUM', 'is longer than 64 characters');
    const memo = r.raw('MEMO').slice(0, 200) || null;

    if (type === 'invoice') {
      if (docnum === '') r.fail('DOCNUM', 'is required for an invoice (its number)');
      const days = termsDays(r.raw('TERMS'));
      const dueDate = r.date('DUEDATE', date && days !== null ? addDays(date, days) : date);
      if (date && dueDate && dueDate < date) r.fail('DUEDATE', `is before the invoice date ${date}`);
      if (!r.ok) continue;
      out.invoices.push({ line, number: docnum, customer: name, issueDate: date, dueDate, amount, amountDue: null, description: memo });
    } else {
      if (!r.ok) continue;
      // A payment without a cheque number still needs a key that is the same when the file is imported again.
      const key = docnum || `${r.raw('TRNSID') ? `IIF ${r.raw('TRNSID')}` : `${name} ${date} ${amount}`}`.slice(0, 200);
      out.cash.push({ line, kind: type, key, customer: name, date, amount, note: type === 'payment' ? r.raw('PAYMETH') || null : memo });
    }
    if (!customers.has(name.toLowerCase())) customers.set(name.toLowerCase(), { line, name });
  }
  if (inBlock) errors.push({ line: lastLine, column: 'ENDTRNS', message: 'the last transaction has no ENDTRNS row' });
  if (!headers.has('TRNS') && errors.length === 0) errors.push({ line: 1, column: '!TRNS', message: 'the file has no !TRNS header row: is it an IIF export?' });
  else if (transactions === 0 && errors.length === 0) errors.push({ line: 1, column: 'file', message: 'the file has no transactions' });
  out.customers = [...customers.values()];
  return out;
}

export const IIF: Preset = {
  name: 'iif',
  label: 'QuickBooks Desktop (IIF)',
  source: 'QuickBooks Desktop',
  // Transactions, not amounts owed: payments are rows of their own, so there is nothing to sync.
  snapshot: false,
  // QuickBooks Desktop's IIF reference: "The date is always in MM/DD/YY format".
  defaultDateOrder: 'mdy',
  columns: { customer: 'NAME', number: 'DOCNUM', issueDate: 'DATE', dueDate: 'DUEDATE', amount: 'AMOUNT', key: 'DOCNUM' },
  customerColumns: { name: 'NAME', email: 'EMAIL', address1: 'BADDR1', address2: 'BADDR2' },
  mapping: [
    { source: 'TRNSTYPE', settle: 'INVOICE → invoice, PAYMENT → payment, CREDIT MEMO → credit note' },
    { source: 'NAME', settle: 'customer name (before any “:Job”; code made from it)' },
    { source: 'DATE', settle: 'issue date / payment date / credit date' },
    { source: 'DOCNUM', settle: 'invoice number / payment reference / credit note number' },
    { source: 'AMOUNT', settle: 'amount (its size; the sign says which side of A/R)' },
    { source: 'DUEDATE (or DATE + TERMS “Net N”)', settle: 'due date' },
    { source: 'MEMO / PAYMETH', settle: 'description / payment method' },
  ],
  parse: parseIif,
};
