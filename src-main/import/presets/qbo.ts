import type { RowError } from '../import-kinds';
import { columnIndex, delimitedRows, isBlank, squash } from './preset-csv';
import type { Preset, SourceCustomer, SourceFile } from './preset-types';
import { missingColumns, SourceRowReader } from './source-row';
import { parseSourceDate } from './source-values';

// QuickBooks Online's A/R Aging Detail and Open Invoices reports, exported as CSV: a few title
// rows (report name, company, "As of December 1, 2026"), a blank row, the header, then rows
// grouped under section headings (an aging bucket, or the customer in the Open Invoices
// report), each section closed by a "Total for …" row, a grand "TOTAL" row and a footer with
// the time it was run. Amounts carry thousands separators and, in some layouts, a "$".

/** Each thing the report gives, under the names QuickBooks Online has used for it (squashed). */
const ALIASES: Record<string, string[]> = {
  Date: ['date', 'transactiondate'],
  'Transaction Type': ['transactiontype', 'type'],
  Num: ['num', 'no', 'number'],
  Customer: ['customer', 'name', 'customerfullname', 'customername'],
  'Due Date': ['duedate'],
  Amount: ['amount', 'originalamount'],
  'Open Balance': ['openbalance', 'balance'],
};

/** Section headings that are aging buckets, not customers. */
const BUCKET = /^(current|\d+\s*-\s*\d+ days past due|\d+ or more days past due|over \d+ days|past due)$/i;

function findHeader(fields: string[]): Map<string, number> | null {
  const index = columnIndex(fields);
  if (!index.has('transactiontype') || !(index.has('openbalance') || index.has('balance'))) return null;
  // The report's names are resolved once, so rows are read by the names this file uses.
  const resolved = new Map<string, number>();
  for (const [name, aliases] of Object.entries(ALIASES)) {
    const found = aliases.find((a) => index.has(a));
    if (found !== undefined) resolved.set(squash(name), index.get(found)!);
  }
  return resolved;
}

function parseQbo(text: string, options: { dateOrder: 'dmy' | 'mdy' }): SourceFile {
  const rows = delimitedRows(text, ',');
  const errors: RowError[] = [];
  const out: SourceFile = { customers: [], invoices: [], cash: [], errors, skipped: 0 };
  let index: Map<string, number> | null = null;
  let headerLine = 0;
  for (const { line, fields } of rows) {
    const title = fields.filter((f) => f.trim() !== '');
    if (title.length === 1 && !index) {
      const asOf = /^as of (.+)$/i.exec(title[0].trim());
      const date = asOf ? parseSourceDate(asOf[1].trim(), options.dateOrder) : null;
      if (date) out.exportDate = date;
    }
    index = index ?? findHeader(fields);
    if (index) {
      headerLine = line;
      break;
    }
  }
  if (!index) {
    errors.push({ line: 1, column: 'header', message: 'no header row with Transaction Type and Open Balance: is this an A/R Aging Detail or Open Invoices report?' });
    return out;
  }
  errors.push(...missingColumns(index, headerLine, ['Date', 'Transaction Type', 'Open Balance']));
  const customerInSection = !index.has('customer');
  if (errors.length) return out;

  const customers = new Map<string, SourceCustomer>();
  let section = '';
  let dataRows = 0;
  for (const { line, fields } of rows.filter((r) => r.line > headerLine)) {
    if (isBlank(fields)) continue;
    const cells = fields.map((f) => f.trim());
    const filled = cells.filter((c) => c !== '');
    const first = filled[0] ?? '';
    // Subtotals and the grand total are QuickBooks' sums of the rows: nothing to import.
    if (/^total\b/i.test(first)) continue;
    const r = new SourceRowReader(index, errors, options.dateOrder, line, fields);
    if (r.raw('Transaction Type') === '') {
      // A section heading (bucket or customer), or the footer saying when the report was run.
      if (filled.length === 1) section = first;
      continue;
    }
    dataRows++;
    const type = squash(r.raw('Transaction Type'));
    const name = customerInSection ? (BUCKET.test(section) ? '' : section) : r.raw('Customer');
    if (name === '') r.fail('Customer', 'is required (no customer column and no customer heading above the row)');
    else if (name.length > 200) r.fail('Customer', 'is longer than 200 characters');
    const date = r.date('Date');
    const open = r.amount('Open Balance');
    const number = r.raw('Num');
    if (number.length > 64) r.fail('Num', 'is longer than 64 characters');
    if (type === 'invoice') {
      if (number === '') r.fail('Num', 'is required for an invoice (its number)');
      const dueDate = r.date('Due Date', date);
      if (date && dueDate && dueDate < date) r.fail('Due Date', `is before the invoice date ${date}`);
      // Without an Amount column (Open Invoices shows only what is open) the invoice is its open balance.
      const amount = r.has('Amount') && r.raw('Amount') !== '' ? r.amount('Amount') : open;
      if (r.ok && amount <= 0) r.fail('Amount', `must be more than zero for an invoice: ${r.raw('Amount')}`);
      if (r.ok && open < 0) r.fail('Open Balance', `must not be negative for an invoice: ${r.raw('Open Balance')}`);
      if (r.ok && open > amount) r.fail('Open Balance', `is more than the invoice's amount ${r.raw('Amount')}`);
      if (!r.ok) continue;
      out.invoices.push({ line, number, customer: name, issueDate: date, dueDate, amount, amountDue: open });
    } else if (type === 'creditmemo' || type === 'payment') {
      // What is left of a credit memo or an unapplied payment: a negative open balance.
      if (r.ok && open > 0) r.fail('Open Balance', `must be negative or zero for a ${r.raw('Transaction Type')}: ${r.raw('Open Balance')}`);
      if (!r.ok) continue;
      if (open === 0) {
        out.skipped++;
        continue;
      }
      const kind = type === 'payment' ? 'payment' : 'credit';
      const key = number || `${name} ${kind} of ${date}`.slice(0, 200);
      out.cash.push({ line, kind, key, customer: name, date, amount: -open, note: null });
    } else {
      r.fail('Transaction Type', `is “${r.raw('Transaction Type')}”: this report's invoices, credit memos and payments are imported, nothing else`);
      continue;
    }
    if (!customers.has(name.toLowerCase())) customers.set(name.toLowerCase(), { line, name });
  }
  if (dataRows === 0 && errors.length === 0) errors.push({ line: headerLine + 1, column: 'file', message: 'the report has a header but no transactions' });
  out.customers = [...customers.values()];
  return out;
}

export const QBO: Preset = {
  name: 'qbo',
  label: 'QuickBooks Online report',
  source: 'QuickBooks Online',
  snapshot: true,
  // QuickBooks Online is set up in the US format unless the company changes it.
  defaultDateOrder: 'mdy',
  columns: { customer: 'Customer', number: 'Num', issueDate: 'Date', dueDate: 'Due Date', amount: 'Amount', key: 'Num' },
  customerColumns: { name: 'Customer' },
  mapping: [
    { source: 'Customer (or the customer heading above the rows)', settle: 'customer name (code made from it)' },
    { source: 'Transaction Type', settle: 'Invoice → invoice, Credit Memo → credit note, Payment → unapplied payment' },
    { source: 'Num', settle: 'invoice / credit note number, payment reference' },
    { source: 'Date', settle: 'issue date' },
    { source: 'Due Date', settle: 'due date' },
    { source: 'Amount', settle: 'amount' },
    { source: 'Open Balance', settle: 'open amount (the rest is settled in QuickBooks Online)' },
    { source: '“As of …” title row', settle: 'export date' },
  ],
  parse: parseQbo,
};
