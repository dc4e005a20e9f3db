import fs from 'node:fs';
import path from 'node:path';
import { agingReport } from '../../src-main/aging/aging-report';
import { DEFAULT_BUCKET_LIMITS } from '../../src-main/aging/buckets';
import { formatRowError } from '../../src-main/import/import-kinds';
import { detectPreset } from '../../src-main/import/presets/preset-registry';
import type { PresetName } from '../../src-main/import/presets/preset-types';
import { parseSourceAmount, parseSourceDate } from '../../src-main/import/presets/source-values';
import { importSource, SourceRejected, type SourceImportInput } from '../../src-main/import/sync/source-import';
import { openTempLedger, snapshot } from '../support/temp-ledger';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'import');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const NOW = () => new Date('2026-12-01T09:00:00Z');

let t: Awaited<ReturnType<typeof openTempLedger>>;
beforeEach(async () => {
  t = await openTempLedger();
});
afterEach(() => t.cleanup());

function run(preset: PresetName, text: string, extra: Partial<SourceImportInput> = {}) {
  return importSource(t.ledger.db, { preset, text, fallbackExportDate: '2026-12-01', now: NOW, ...extra });
}

/** Aging on 2026-12-01 by due date: [Current, 1-30, 31-60, 61-90, 91-120, Over 120], unapplied, total, per customer code. */
function aging(): Record<string, { buckets: number[]; unapplied: number; total: number }> {
  const report = agingReport(t.ledger.db, { asOf: '2026-12-01', basis: 'due', limits: DEFAULT_BUCKET_LIMITS });
  return Object.fromEntries(report.rows.map((r) => [r.customerCode, { buckets: [...r.buckets], unapplied: r.unapplied, total: r.total }]));
}

/** Imports a file that must be refused; proves nothing changed and returns the error lines. */
function refused(preset: PresetName, text: string, extra: Partial<SourceImportInput> = {}): string[] {
  const before = snapshot(t.ledger);
  let err: unknown = null;
  try {
    run(preset, text, extra);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(SourceRejected);
  expect(snapshot(t.ledger)).toEqual(before);
  return (err as SourceRejected).errors.map(formatRowError);
}

const q = (sql: string, ...params: unknown[]) => t.ledger.db.prepare(sql).all(...params);

describe('xero preset', () => {
  it('groups invoice lines, makes customers from the contact columns and leaves open what Xero says is due', () => {
    const result = run('xero', fixture('xero-invoices.csv'));
    expect(result).toMatchObject({ status: 'imported', source: 'Xero', exportDate: '2026-12-01', customersAdded: 3, invoicesAdded: 5, creditsAdded: 1, skipped: 1 });
    expect(q(`SELECT code, name, email, address1, address2, city, postal_code, country FROM customer ORDER BY code`)).toEqual([
      { code: 'HARBOUR-LIGHTS-CAFE', name: 'Harbour Lights Café', email: 'accounts@harbourlights.example', address1: '12 Quay Street', address2: 'Level 2', city: 'Auckland', postal_code: '1010', country: 'New Zealand' },
      { code: 'KIWI-CRATE-CO', name: 'Kiwi Crate Co', email: 'ap@kiwicrate.example', address1: 'PO Box 4417', address2: null, city: 'Wellington', postal_code: '6140', country: 'New Zealand' },
      { code: 'PONSONBY-PRINT-LTD', name: 'Ponsonby Print Ltd', email: null, address1: '88 Ponsonby Road', address2: null, city: 'Auckland', postal_code: '1011', country: 'New Zealand' },
    ]);
    // INV-0101's two lines (300.00 + 150.00) are one invoice of 450.00.
    expect(q(`SELECT number, issue_date, due_date, amount, open_amount FROM invoice ORDER BY number`)).toEqual([
      { number: 'INV-0101', issue_date: '2026-09-01', due_date: '2026-10-01', amount: 45000, open_amount: 25000 },
      { number: 'INV-0102', issue_date: '2026-11-10', due_date: '2026-12-10', amount: 12000, open_amount: 12000 },
      { number: 'INV-0103', issue_date: '2026-10-15', due_date: '2026-11-14', amount: 100000, open_amount: 95000 },
      { number: 'INV-0104', issue_date: '2026-08-20', due_date: '2026-09-19', amount: 8000, open_amount: 0 },
      { number: 'INV-0105', issue_date: '2026-07-01', due_date: '2026-07-31', amount: 7550, open_amount: 7550 },
    ]);
    expect(q(`SELECT reference, amount FROM payment ORDER BY reference`)).toEqual([
      { reference: 'INV-0101 settled in Xero (export of 2026-12-01)', amount: 20000 }, // 450.00 − 250.00 due
      { reference: 'INV-0104 settled in Xero (export of 2026-12-01)', amount: 8000 }, // paid in full
    ]);
    expect(aging()).toEqual({
      // INV-0102 due 10 Dec: Current 120.00; INV-0101 due 1 Oct, 61 days late (31 + 30): 61-90, 450.00 − 200.00 paid = 250.00.
      'HARBOUR-LIGHTS-CAFE': { buckets: [12000, 0, 0, 25000, 0, 0], unapplied: 0, total: 37000 },
      // INV-0103 due 14 Nov, 17 days late: 1000.00 less credit note CN-0007's 50.00 = 950.00; INV-0104 is paid.
      'KIWI-CRATE-CO': { buckets: [0, 95000, 0, 0, 0, 0], unapplied: 0, total: 95000 },
      // INV-0105 due 31 Jul, 123 days late (31 + 30 + 31 + 30 + 1): Over 120; the draft INV-0106 is not imported.
      'PONSONBY-PRINT-LTD': { buckets: [0, 0, 0, 0, 0, 7550], unapplied: 0, total: 7550 },
    });
    expect(result.openBefore).toBe(0);
    expect(result.openAfter).toBe(37000 + 95000 + 7550);
  });

  it('reads month-first dates with --date-order mdy', () => {
    const text = fixture('xero-invoices.csv').replace(/(\d{2})\/(\d{2})\/2026/g, '$2/$1/2026');
    run('xero', text, { dateOrder: 'mdy' });
    expect(q(`SELECT due_date FROM invoice WHERE number = 'INV-0105'`)).toEqual([{ due_date: '2026-07-31' }]);
  });

  it('rejects bad rows with line and Xero column, changing nothing', () => {
    const lines = fixture('xero-invoices.csv').split('\n');
    lines[3] = lines[3].replace('10/12/2026', '31/02/2026'); // INV-0102: no 31 February
    lines[4] = lines[4].replace(',USD,', ',EUR,'); // INV-0103 in another currency
    lines[2] = lines[2].replace('450.00', '460.00'); // INV-0101's second line disagrees with its first on the total
    expect(refused('xero', lines.join('\n'))).toEqual([
      'line 3: Total: is “460.00” but line 2 of invoice INV-0101 says “450.00”',
      'line 4: DueDate: is not a date (day first, or YYYY-MM-DD): 31/02/2026',
      'line 5: Currency: is EUR, but this ledger keeps its accounts in USD',
    ]);
    expect(refused('xero', 'ContactName,InvoiceNumber,InvoiceDate,DueDate,Total\nA,1,01/01/2026,01/02/2026,5.00\n')).toEqual([
      'line 1: InvoiceAmountDue: required column is missing from the header',
    ]);
  });
});

describe('iif preset', () => {
  it('imports invoices, payments and credit memos from TRNS/SPL/ENDTRNS blocks', () => {
    const result = run('iif', fixture('quickbooks-desktop.iif'));
    expect(result).toMatchObject({ source: 'QuickBooks Desktop', customersAdded: 2, invoicesAdded: 3, paymentsAdded: 1, creditsAdded: 1, skipped: 1, settlements: [] });
    expect(q(`SELECT code, name, email, address1, address2 FROM customer ORDER BY code`)).toEqual([
      { code: 'LAKESIDE-DINER', name: 'Lakeside Diner', email: null, address1: null, address2: null },
      { code: 'MAPLE-STREET-BAKERY', name: 'Maple Street Bakery', email: 'orders@maplebakery.example', address1: '410 Maple St', address2: 'Springfield, IL 62701' },
    ]);
    // 3002 has no DUEDATE: 1 Aug + Net 30 = 31 Aug; 3004: 20 Nov + Net 15 = 5 Dec.
    expect(q(`SELECT number, due_date, amount FROM invoice ORDER BY number`)).toEqual([
      { number: '3001', due_date: '2026-11-14', amount: 120000 },
      { number: '3002', due_date: '2026-08-31', amount: 64000 },
      { number: '3004', due_date: '2026-12-05', amount: 30000 },
    ]);
    expect(aging()).toEqual({
      // 3002 due 31 Aug, 92 days late (30 + 31 + 30 + 1): 91-120, 640.00 less credit memo 3003's 40.00 = 600.00.
      'LAKESIDE-DINER': { buckets: [0, 0, 0, 0, 60000, 0], unapplied: 0, total: 60000 },
      // Payment 7781 (500.00) pays the oldest, 3001 (due 14 Nov, 17 days late): 1200.00 − 500.00 = 700.00 in 1-30; 3004 current 300.00.
      'MAPLE-STREET-BAKERY': { buckets: [30000, 70000, 0, 0, 0, 0], unapplied: 0, total: 100000 },
    });
  });

  it('a second import of the same file changes nothing', () => {
    run('iif', fixture('quickbooks-desktop.iif'));
    const before = snapshot(t.ledger);
    expect(run('iif', fixture('quickbooks-desktop.iif'))).toMatchObject({ customersAdded: 0, invoicesAdded: 0, paymentsAdded: 0, creditsAdded: 0, unchanged: 5 });
    expect(snapshot(t.ledger)).toEqual(before);
  });

  it('rejects bad rows with line and IIF column, changing nothing', () => {
    const lines = fixture('quickbooks-desktop.iif').split('\r\n');
    lines[5] = lines[5].replace('1,200.00', '12O0.00'); // a letter O for a zero
    lines[8] = lines[8].replace('08/01/2026', '13/01/2026'); // month 13 (dates are month first)
    lines[15] = lines[15].replace('7781', ''); // a payment with neither number nor TRNSID is still fine…
    lines[18] = lines[18].replace('3004', ''); // …an invoice without a number is not
    expect(refused('iif', lines.join('\r\n'))).toEqual([
      'line 6: AMOUNT: is not an amount: 12O0.00',
      'line 9: DATE: is not a date (month first, or YYYY-MM-DD): 13/01/2026',
      'line 19: DOCNUM: is required for an invoice (its number)',
    ]);
    expect(refused('iif', 'TRNS\tINVOICE\n')).toEqual([
      'line 1: TRNS: comes before the !TRNS header row that names its columns',
      'line 1: ENDTRNS: the last transaction has no ENDTRNS row',
    ]);
  });
});

describe('qbo preset', () => {
  it('reads the aging detail report: title rows, bucket headings, totals, thousands separators and negative balances', () => {
    const result = run('qbo', fixture('quickbooks-online-aging.csv'), { fallbackExportDate: '2026-12-05' });
    // The report's "As of December 1, 2026" is the export date, not the file's date.
    expect(result).toMatchObject({ source: 'QuickBooks Online', exportDate: '2026-12-01', customersAdded: 3, invoicesAdded: 4, paymentsAdded: 1, creditsAdded: 1 });
    expect(result.settlements).toEqual([{ number: '1032', customerCode: 'FERNWOOD-DENTAL', amount: 100000, reason: 'paid' }]); // 1,875.25 − 875.25
    expect(aging()).toEqual({
      // 1041 due 20 Dec: Current 2,450.00; 1019 due 14 Sep, 78 days late (16 + 31 + 30 + 1): 3,100.00 less credit memo 1043's 150.00 = 2,950.00.
      'CEDAR-HILL-HOA': { buckets: [245000, 0, 0, 295000, 0, 0], unapplied: 0, total: 540000 },
      // 1032 due 9 Nov, 22 days late: its open balance 875.25.
      'FERNWOOD-DENTAL': { buckets: [0, 87525, 0, 0, 0, 0], unapplied: 0, total: 87525 },
      // 1007 due 1 Jul, 153 days late: 500.00 less the unapplied payment's 200.00 = 300.00.
      'OAK-ASH-CAFE': { buckets: [0, 0, 0, 0, 0, 30000], unapplied: 0, total: 30000 },
    });
    // The report's own TOTAL: 2,100.00 + 875.25 + 3,100.00 + 500.00 = 6,575.25.
    expect(result.openAfter).toBe(657525);
  });

  it('reads the Open Invoices report: customers as section headings, no Amount column, parenthesised credits', () => {
    const result = run('qbo', fixture('quickbooks-online-open-invoices.csv'), { fallbackExportDate: '2026-12-02' });
    // No "As of" line: the export date is the file's.
    expect(result).toMatchObject({ exportDate: '2026-12-02', customersAdded: 2, invoicesAdded: 2, creditsAdded: 1, settlements: [] });
    expect(aging()).toEqual({
      // 1019 due 14 Sep, 78 days late: 3,100.00 less credit memo 1043's (150.00) = 2,950.00.
      'CEDAR-HILL-HOA': { buckets: [0, 0, 0, 295000, 0, 0], unapplied: 0, total: 295000 },
      // 1032 due 9 Nov, 22 days late: its open balance, the report's only amount, 875.25.
      'FERNWOOD-DENTAL': { buckets: [0, 87525, 0, 0, 0, 0], unapplied: 0, total: 87525 },
    });
  });

  it('rejects bad rows with line and report column, changing nothing', () => {
    const lines = fixture('quickbooks-online-aging.csv').split('\n');
    lines[6] = lines[6].replace('"2,450.00","2,450.00"', '"2,450.00","2,540.00"'); // owes more than the invoice
    lines[11] = lines[11].replace('"Invoice"', '"Journal Entry"');
    lines[14] = lines[14].replace('"1019"', '""');
    expect(refused('qbo', lines.join('\n'))).toEqual([
      "line 7: Open Balance: is more than the invoice's amount 2,450.00",
      'line 12: Transaction Type: is “Journal Entry”: this report\'s invoices, credit memos and payments are imported, nothing else',
      'line 15: Num: is required for an invoice (its number)',
    ]);
  });
});

describe('source dates, amounts and recognising a file', () => {
  it('reads dates in either order, named months and two-digit years, and refuses dates that do not exist', () => {
    expect(parseSourceDate('03/04/2026', 'dmy')).toBe('2026-04-03');
    expect(parseSourceDate('03/04/2026', 'mdy')).toBe('2026-03-04');
    expect(parseSourceDate('1/30/94', 'mdy')).toBe('1994-01-30');
    expect(parseSourceDate('30.01.26', 'dmy')).toBe('2026-01-30');
    expect(parseSourceDate('4 Mar 2026', 'mdy')).toBe('2026-03-04');
    expect(parseSourceDate('December 1, 2026', 'dmy')).toBe('2026-12-01');
    expect(parseSourceDate('2026-02-28', 'dmy')).toBe('2026-02-28');
    expect(parseSourceDate('31/02/2026', 'dmy')).toBeNull();
    expect(parseSourceDate('02/31/2026', 'mdy')).toBeNull();
    expect(parseSourceDate('2026/12/01', 'mdy')).toBeNull();
  });

  it('reads report amounts: separators, currency signs, minus signs and parentheses', () => {
    expect(parseSourceAmount('1,234.50')).toEqual({ ok: true, value: 123450 });
    expect(parseSourceAmount('$2,100.00')).toEqual({ ok: true, value: 210000 });
    expect(parseSourceAmount('(1,250.00)')).toEqual({ ok: true, value: -125000 });
    expect(parseSourceAmount('-$40.5')).toEqual({ ok: true, value: -4050 });
    expect(parseSourceAmount('$-40.50')).toEqual({ ok: true, value: -4050 });
    expect(parseSourceAmount('12.345')).toEqual({ ok: false, message: 'has more than two decimal places: 12.345' });
    expect(parseSourceAmount('1,23.00')).toEqual({ ok: false, message: 'is not an amount: 1,23.00' });
    expect(parseSourceAmount('')).toEqual({ ok: false, message: 'is required' });
  });

  it('recognises each sample file, and nothing else', () => {
    expect(detectPreset(fixture('xero-invoices.csv'))).toBe('xero');
    expect(detectPreset(fixture('quickbooks-desktop.iif'))).toBe('iif');
    expect(detectPreset('anything', 'books.IIF')).toBe('iif');
    expect(detectPreset(fixture('quickbooks-online-aging.csv'))).toBe('qbo');
    expect(detectPreset(fixture('quickbooks-online-open-invoices.csv'))).toBe('qbo');
    expect(detectPreset('number,customer_code,issue_date,due_date,amount\nA,B,2026-01-01,2026-01-31,5.00\n', 'invoices.csv')).toBeNull();
  });
});
