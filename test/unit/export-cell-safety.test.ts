import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { CustomerDetail, Handlers } from '../../src-main/contract';
import { agingCsv } from '../../src-main/aging/aging-format';
import { agingXlsx } from '../../src-main/aging/aging-xlsx';
import { safeText } from '../../src-main/exports/cell-safety';
import { createHandlers } from '../../src-main/services/create-services';
import { serviceCaller } from '../support/service-caller';
import { openTempLedger } from '../support/temp-ledger';

// Text a spreadsheet would run as a formula, per OWASP's CSV-injection list.
const FORMULAS = ['=HYPERLINK("http://evil.example","Click")', '+SUM(A1:A9)', '-2+3', '@SUM(1)', '\t=1+1', '\r=1+1'];

describe('safeText', () => {
  it('puts an apostrophe before text that starts like a formula, and leaves other text alone', () => {
    expect(FORMULAS.map(safeText)).toEqual(FORMULAS.map((f) => `'${f}`));
    for (const plain of ['Acme Supply Co', 'O’Brien & Sons', '1-30', 'a=b', ' =not at the start', '', "'already quoted"]) expect(safeText(plain)).toBe(plain);
    expect(safeText(null)).toBeNull();
  });
});

const report = {
  asOf: '2026-03-31',
  basis: 'due' as const,
  buckets: ['Current', '1-30'],
  rows: FORMULAS.map((name, i) => ({ customerId: i + 1, customerCode: i === 0 ? '=CODE' : `C${i}`, customerName: name, buckets: [1_250, 0], unapplied: -1_250, total: 0 })),
  totals: { buckets: [7_500, 0], unapplied: -7_500, total: 0 },
};

describe('aging exports', () => {
  it('CSV: names and codes that look like formulas are text; negative amounts stay plain numbers', () => {
    const rows = Papa.parse<string[]>(agingCsv(report), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['customer_code', 'customer_name', 'Current', '1-30', 'unapplied', 'total']);
    expect(rows[1]).toEqual(["'=CODE", `'${FORMULAS[0]}`, '12.50', '0.00', '-12.50', '0.00']);
    expect(rows.slice(1, -1).map((r) => r[1])).toEqual(FORMULAS.map((f) => `'${f}`));
    expect(rows.at(-1)).toEqual(['', 'Total', '75.00', '0.00', '-75.00', '0.00']);
  });

  it('XLSX: the same text cells are neutralised, amounts are numbers (negative ones too)', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await agingXlsx(report)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    // Two title rows and the header come first.
    const first = sheet.getRow(4);
    expect([first.getCell(1).value, first.getCell(2).value]).toEqual(["'=CODE", `'${FORMULAS[0]}`]);
    expect(first.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect([first.getCell(3).value, first.getCell(5).value]).toEqual([12.5, -12.5]);
    expect(first.getCell(5).type).toBe(ExcelJS.ValueType.Number);
    const names = FORMULAS.map((_, i) => sheet.getRow(4 + i).getCell(2).value);
    // XML reads a carriage return back as a line feed.
    expect(names).toEqual(FORMULAS.map((f) => `'${f.replace('\r', '\n')}`));
  });

  describe('through aging.export', () => {
    let t: Awaited<ReturnType<typeof openTempLedger>>;
    let handlers: Handlers;
    const { ok } = serviceCaller(() => handlers, () => t.ledger);
    beforeEach(async () => {
      t = await openTempLedger();
      handlers = createHandlers(t.ledger);
    });
    afterEach(() => t.cleanup());

    it('a customer named like a formula comes out as text in both formats', async () => {
      const c = await ok<CustomerDetail>('customers.create', { code: 'EVIL', name: '=HYPERLINK("http://evil.example","Click")' });
      await ok('invoices.create', { number: 'INV-1', customerId: c.id, issueDate: '2026-01-01', dueDate: '2026-01-31', amount: 10_000 });
      await ok('payments.record', { reference: 'P-1', customerId: c.id, date: '2026-02-01', amount: 12_550 });
      const csv = await ok<{ base64: string }>('aging.export', { asOf: '2026-03-31', format: 'csv' });
      const rows = Papa.parse<string[]>(Buffer.from(csv.base64, 'base64').toString('utf8'), { skipEmptyLines: true }).data;
      expect(rows[1][1]).toBe(`'=HYPERLINK("http://evil.example","Click")`);
      expect(rows[1].slice(-2)).toEqual(['-25.50', '-25.50']);

      const xlsx = await ok<{ base64: string }>('aging.export', { asOf: '2026-03-31', format: 'xlsx' });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
      const row = book.worksheets[0].getRow(4);
      expect(row.getCell(2).value).toBe(`'=HYPERLINK("http://evil.example","Click")`);
      expect(row.getCell(row.cellCount).value).toBe(-25.5);
    });
  });
});
