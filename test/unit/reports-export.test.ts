import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { AgingTrend, CeiResult, DsoResult, ExportedFile, Handlers, JobState } from '../../src-main/contract';
import { createHandlers } from '../../src-main/services/create-services';
import { pdfText } from '../support/pdf-text';
import { serviceCaller } from '../support/service-caller';
import { openTempLedger } from '../support/temp-ledger';

/*
 * The reports as files (CSV, XLSX, PDF through the letters renderer) and through the built CLI:
 * each carries its dates and method, and says exactly what `reports.*` and the CLI JSON say.
 *
 *   ACME  INV-1  issued 2026-01-15, due 02-14  40,000, paid 10,000 on 03-01
 *   ACME  INV-2  issued 2026-03-10, due 04-09  25,000
 *   =HACK INV-3  issued 2026-02-01, due 03-03   9,000, 4,000 written off on 03-20
 * On 03-31: receivables 30,000 + 25,000 + 5,000 = 60,000; Current 25,000. Sales Jan–Mar 74,000.
 */

const CLI = path.resolve(__dirname, '..', '..', 'build', 'main', 'cli', 'settle.js');

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok, refused } = serviceCaller(() => handlers, () => t.ledger);
const file = async (input: Record<string, unknown>) => ok<ExportedFile>('reports.export', input);
const bytes = (f: ExportedFile) => Buffer.from(f.base64, 'base64');
const ids: Record<string, number> = {};

beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:main first`);
});
beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger, { dailyBackups: false });
  const acme = (await ok<{ id: number }>('customers.create', { code: 'ACME', name: 'Acme Supply' })).id;
  const hack = (await ok<{ id: number }>('customers.create', { code: 'HACK', name: '=HYPERLINK("http://x")' })).id;
  const inv1 = (await ok<{ id: number }>('invoices.create', { number: 'INV-1', customerId: acme, issueDate: '2026-01-15', dueDate: '2026-02-14', amount: 40_000 })).id;
  ids.acme = acme;
  ids.inv2 = (await ok<{ id: number }>('invoices.create', { number: 'INV-2', customerId: acme, issueDate: '2026-03-10', dueDate: '2026-04-09', amount: 25_000 })).id;
  const inv3 = (await ok<{ id: number }>('invoices.create', { number: 'INV-3', customerId: hack, issueDate: '2026-02-01', dueDate: '2026-03-03', amount: 9_000 })).id;
  await ok('payments.record', { reference: 'P-1', customerId: acme, date: '2026-03-01', amount: 10_000, invoiceId: inv1 });
  await ok('writeOffs.record', { invoiceId: inv3, amount: 4_000, date: '2026-03-20', reason: '+Disputed forever', approvedBy: 'J. Ortiz', approvalNote: 'Approved' });
});
afterEach(() => t.cleanup());

describe('exports', () => {
  it('a DSO CSV is the JSON as one row, named for its method and date', async () => {
    const dso = await ok<DsoResult>('reports.dso', { asOf: '2026-03-31' });
    // 60,000 × 90 ÷ 74,000 = 72.97… → 73.0.
    expect(dso).toEqual({ asOf: '2026-03-31', days: 90, method: 'standard', receivables: 60_000, creditSales: 74_000, dso: 73 });
    const f = await file({ report: 'dso', format: 'csv', asOf: '2026-03-31' });
    expect(f).toMatchObject({ fileName: 'dso-standard-2026-03-31.csv', mimeType: 'text/csv' });
    expect(bytes(f).toString('utf8')).toBe('asOf,days,method,receivables,creditSales,dso,reason\n2026-03-31,90,standard,600.00,740.00,73.0,\n');
    const cb = await file({ report: 'dso', format: 'csv', asOf: '2026-03-31', method: 'countback' });
    expect(cb.fileName).toBe('dso-countback-2026-03-31.csv');
  });

  it('a trend workbook has its title, amounts as numbers in the ledger currency and ratios to one decimal', async () => {
    const f = await file({ report: 'trend', format: 'xlsx', asOf: '2026-03-31', months: 3 });
    expect(f.fileName).toBe('aging-trend-3-months-to-2026-03-31.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes(f) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.getCell('A1').value).toBe('Aging trend: 3 month-ends to 31 March 2026');
    const header = sheet.getRow(4).values as unknown[];
    expect(header.slice(1)).toEqual(['Date', 'Current', '1-30', '31-60', '61-90', '91-120', 'Over 120', 'Unapplied', 'Total', 'Over 60', 'Over 60 (%)']);
    // 03-31: INV-1's 30,000 is 45 days late, INV-3's 5,000 28 days, INV-2's 25,000 not due.
    const last = sheet.getRow(7);
    expect((last.values as unknown[]).slice(1)).toEqual(['2026-03-31', 250, 50, 300, 0, 0, 0, 0, 600, 0, 0]);
    expect(last.getCell(2).numFmt).toContain('#,##0.00');
    expect(last.getCell(11).numFmt).toBe('0.0');
  });

  it('text that looks like a formula stays text in CSV and XLSX', async () => {
    const csv = bytes(await file({ report: 'writeOffs', format: 'csv', from: '2026-03-01', to: '2026-03-31' })).toString('utf8');
    const rows = Papa.parse<string[]>(csv.split('\n\n')[0].trim()).data;
    expect(rows).toEqual([
      ['kind', 'date', 'customerCode', 'customerName', 'invoiceNumber', 'amount', 'detail'],
      ['write-off', '2026-03-20', 'HACK', `'=HYPERLINK("http://x")`, 'INV-3', '40.00', "'+Disputed forever"],
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes(await file({ report: 'writeOffs', format: 'xlsx', from: '2026-03-01', to: '2026-03-31' })) as unknown as ArrayBuffer);
    const values = book.worksheets[0].getSheetValues().flat().filter((v) => typeof v === 'string');
    expect(values).toContain(`'=HYPERLINK("http://x")`);
    expect(values).toContain('Write-offs and recoveries, 1 March 2026 to 31 March 2026');
  });

  it('a PDF prints through the letters renderer with its title, the figures in money and page numbers', async () => {
    await ok('letters.settingsUpdate', { companyName: 'Northwind Traders' });
    const f = await file({ report: 'cei', format: 'pdf', from: '2026-03-01', to: '2026-03-31' });
    expect(f).toMatchObject({ fileName: 'cei-2026-03-01-to-2026-03-31.pdf', mimeType: 'application/pdf' });
    const text = pdfText(bytes(f));
    // Begin (02-28) 40,000 + 9,000 = 49,000; sales 25,000; end 60,000; Current 25,000:
    // (49,000 + 25,000 − 60,000) ÷ (49,000 + 25,000 − 25,000) = 14,000 ÷ 49,000 = 28.57… → 28.6.
    expect(text).toContain('Northwind Traders');
    expect(text).toContain('Collection effectiveness index, 1 March 2026 to 31 March 2026');
    expect(text).toMatch(/\$490\.00 \$250\.00 \$600\.00 \$250\.00 28\.6/);
    expect(text).toContain('Page 1 of 1');
    const trend = pdfText(bytes(await file({ report: 'trend', format: 'pdf', asOf: '2026-03-31', months: 3 })));
    expect(trend).toContain('Aging trend: 3 month-ends to 31 March 2026');
    // The chart's legend names the buckets.
    expect(trend).toMatch(/Current 1-30 31-60 61-90 91-120 Over 120/);
  });

  it('the disputes report exports too: its buckets, reasons and every open dispute, as of the date', async () => {
    await ok('activities.record', {
      customerId: ids.acme,
      occurredAt: '2026-03-20T11:00',
      summary: 'The second delivery arrived damaged.',
      outcome: 'dispute_raised',
      dispute: { reason: 'damaged', invoiceIds: [ids.inv2], amount: 5_000 },
    });
    const csv = bytes(await file({ report: 'disputes', format: 'csv', asOf: '2026-03-31' })).toString('utf8');
    const [ageing, reasons, open] = csv.trim().split('\n\n').map((block) => Papa.parse<string[]>(block).data);
    // Opened 03-20, so 11 days open on 03-31: the 0–15 bucket.
    expect(ageing).toEqual([['openFor', 'count', 'amount'], ['0-15', '1', '50.00'], ['16-30', '0', '0.00'], ['31-60', '0', '0.00'], ['61+', '0', '0.00'], ['Total', '1', '50.00']]);
    expect(reasons).toEqual([['reason', 'count', 'amount'], ['damaged', '1', '50.00']]);
    expect(open[1]).toEqual(['2026-03-20', '11', 'ACME', 'Acme Supply', 'damaged', 'open', '', 'INV-2', '50.00']);
    // Before it was raised there is nothing open, and the file says so by its date.
    const before = await file({ report: 'disputes', format: 'csv', asOf: '2026-03-19' });
    expect(before.fileName).toBe('disputes-2026-03-19.csv');
    expect(bytes(before).toString('utf8')).toContain('Total,0,0.00');
  });

  it('runs as a job, and refuses what it cannot make', async () => {
    const started = await ok<JobState>('jobs.start', { method: 'reports.export', input: { report: 'promises', format: 'csv', from: '2026-01-01', to: '2026-03-31' } });
    let state = started;
    while (state.state === 'running') state = await ok<JobState>('jobs.poll', { jobId: started.jobId, waitMs: 200 });
    expect(state.result).toMatchObject({ ok: true, value: { fileName: 'promises-2026-01-01-to-2026-03-31.csv' } });
    expect((await refused('reports.export', { report: 'dso', format: 'doc', asOf: '2026-03-31' })).fields).toEqual({ format: 'The format must be csv, xlsx or pdf' });
    expect((await refused('reports.export', { report: 'sales', format: 'csv' })).code).toBe('validation');
    expect((await refused('reports.export', { report: 'cei', format: 'csv', from: '2026-03-31', to: '2026-03-01' })).fields).toEqual({ from: 'The period must start on or before its end' });
    // A window sent with countback is not used: the same file as without it.
    expect(await file({ report: 'dso', format: 'csv', asOf: '2026-03-31', method: 'countback', days: 30 })).toEqual(await file({ report: 'dso', format: 'csv', asOf: '2026-03-31', method: 'countback' }));
    expect((await refused('reports.export', { report: 'trend', format: 'xlsx', asOf: '2026-03-31', months: 61 })).fields).toEqual({ months: 'Months must be at most 60' });
  });
});

describe('settle report (the built CLI)', () => {
  const settle = (args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, '--ledger', path.join(t.dir, 'ledger.sqlite'), 'report', ...args], { encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('prints the same JSON as the services, and the trend CSV is the export byte for byte', async () => {
    const dso = await ok<DsoResult>('reports.dso', { asOf: '2026-03-31', days: 60 });
    const countback = await ok<DsoResult>('reports.dso', { asOf: '2026-03-31', method: 'countback' });
    const cei = await ok<CeiResult>('reports.cei', { from: '2026-03-01', to: '2026-03-31' });
    const trend = await ok<AgingTrend>('reports.trend', { asOf: '2026-03-31', months: 4 });
    const trendCsv = bytes(await file({ report: 'trend', format: 'csv', asOf: '2026-03-31', months: 4 })).toString('utf8');
    await t.ledger.close();

    const run = (args: string[]) => {
      const r = settle(args);
      expect({ args, code: r.code, err: r.err }).toEqual({ args, code: 0, err: '' });
      return r.out;
    };
    const json = (args: string[]) => JSON.parse(run([...args, '--format', 'json'])) as Record<string, unknown>;
    const dsoJson = json(['dso', '--as-of', '2026-03-31', '--days', '60']);
    expect(Object.keys(dsoJson)).toEqual(['asOf', 'days', 'method', 'receivables', 'creditSales', 'dso']);
    expect(dsoJson).toEqual(dso);
    expect(json(['dso', '--as-of', '2026-03-31', '--method', 'countback'])).toEqual(countback);
    const ceiJson = json(['cei', '--from', '2026-03-01', '--to', '2026-03-31']);
    expect(Object.keys(ceiJson)).toEqual(['from', 'to', 'beginReceivables', 'creditSales', 'endReceivables', 'endCurrent', 'cei']);
    expect(ceiJson).toEqual(cei);
    expect(json(['trend', '--as-of', '2026-03-31', '--months', '4'])).toEqual(trend);
    expect(run(['trend', '--as-of', '2026-03-31', '--months', '4', '--format', 'csv'])).toBe(trendCsv);
    expect(run(['dso', '--as-of', '2026-03-31'])).toContain('Days sales outstanding (standard) as of 31 March 2026');
    for (const which of ['promises', 'activity', 'writeoffs']) expect(json([which, '--from', '2026-01-01', '--to', '2026-03-31'])).toMatchObject({ from: '2026-01-01', to: '2026-03-31' });
  });

  it('refuses bad input with one line and exit 2', async () => {
    await t.ledger.close();
    const cases: [string[], string][] = [
      [['cei', '--from', '2026-03-31', '--to', '2026-03-01'], 'settle: --from: The period must start on or before its end\n'],
      [['dso', '--as-of', '2026-02-30'], 'settle: --as-of: As-of date must be a real date like 2026-03-31\n'],
      [['dso', '--method', 'weekly'], 'settle: --method: The method must be standard or countback\n'],
      [['dso', '--days', 'ninety'], 'settle: --days must be a whole number, not "ninety"\n'],
      [['trend', '--months', '0'], 'settle: --months: Months must be at least 1\n'],
      [['trend', '--from', '2026-01-01'], 'settle: settle report trend does not take --from\n'],
      [['cei', '--to', '2026-03-01'], 'settle: --from: From date is required\n'],
      [['dso', '--format', 'xml'], 'settle: --format must be json, csv or table, not "xml"\n'],
      [['sales'], 'settle: Name a report: settle report dso|cei|trend|promises|activity|writeoffs|disputes (got "sales")\n'],
    ];
    for (const [args, err] of cases) expect({ args, ...settle(args) }).toEqual({ args, code: 2, out: '', err });
  });
});
