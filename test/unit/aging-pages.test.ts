import ExcelJS from 'exceljs';
import type { AgingPageData, Handlers } from '../../src-main/contract';
import { createHandlers } from '../../src-main/services/create-services';
import { dispatch } from '../../src-main/services/dispatch';
import { openTempLedger } from '../support/temp-ledger';
import { serviceCaller } from '../support/service-caller';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok } = serviceCaller(() => handlers, () => t.ledger);
const ids: Record<string, number> = {};

const page = (input: Record<string, unknown>) => ok<AgingPageData>('aging.page', { asOf: '2026-06-30', ...input });

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger);
  // Twelve customers; C01 owes 100 due 10 days ago, C02 200 due 40 days ago … spread over buckets.
  for (let i = 1; i <= 12; i++) {
    const code = `C${String(i).padStart(2, '0')}`;
    ids[code] = (await ok<{ id: number }>('customers.create', { code, name: i === 7 ? 'Seventh Street Deli' : `Customer ${i}` })).id;
    const due = new Date(Date.UTC(2026, 5, 30 - ((i - 1) % 6) * 30 - 10)).toISOString().slice(0, 10);
    await ok('invoices.create', { number: `INV-${i}`, customerId: ids[code], issueDate: '2026-01-01', dueDate: due < '2026-01-01' ? '2026-01-01' : due, amount: i * 100 });
  }
});
afterEach(() => t.cleanup());

describe('aging grid pages', () => {
  it('keeps its cache while another program writes what the grid does not show, and refreshes when it writes money', async () => {
    const { AgingPages } = await import('../../src-main/aging/aging-pages');
    const { Ledger } = await import('../../src-main/ledger/ledger');
    const grid = new AgingPages(t.ledger.db);
    const request = { asOf: '2026-06-30', basis: 'due' as const, limits: [30, 60, 90, 120], search: '', sort: { field: 'customerCode' as const, direction: 'asc' as const } };
    const first = grid.view(request);
    // Another connection (a job worker, the CLI) runs the policy: tasks and settings only.
    const other = await Ledger.open(t.ledger.path);
    try {
      const elsewhere = createHandlers(other, { dailyBackups: false });
      await dispatch(elsewhere, 'policy.run', { today: '2026-06-30' }, () => undefined);
      expect(other.db.prepare('SELECT COUNT(*) FROM task').pluck().get()).toBeGreaterThan(0);
      expect(grid.view(request)).toBe(first);
      // …then records a payment: the grid shows it at once.
      await dispatch(elsewhere, 'payments.record', { reference: 'ELSEWHERE-1', customerId: ids.C12, date: '2026-06-30', amount: 500 }, () => undefined);
      const after = grid.view(request);
      expect(after).not.toBe(first);
      expect(after.totals.total).toBe(first.totals.total - 500);
    } finally {
      await other.close();
    }
  });

  it('pages in code order with a row count and totals over all matching rows', async () => {
    const p = await page({ offset: 5, limit: 5 });
    expect(p.rowCount).toBe(12);
    expect(p.rows.map((r) => r.customerCode)).toEqual(['C06', 'C07', 'C08', 'C09', 'C10']);
    expect(p.totals.total).toBe(7_800);
    expect(p.buckets).toEqual(['Current', '1-30', '31-60', '61-90', '91-120', 'Over 120']);
  });

  it('sorts by any bucket or total, ties in code order', async () => {
    const byTotal = await page({ sort: { field: 'total', direction: 'desc' }, limit: 3 });
    expect(byTotal.rows.map((r) => r.customerCode)).toEqual(['C12', 'C11', 'C10']);
    const byBucket = await page({ sort: { field: 'bucket1', direction: 'desc' }, limit: 3 });
    expect(byBucket.rows.map((r) => [r.customerCode, r.buckets[1]])).toEqual([
      ['C07', 700],
      ['C01', 100],
      ['C02', 0],
    ]);
  });

  it('filters to 61+ days and by search, with totals of what is shown', async () => {
    const late = await page({ minBucket: 3 });
    expect(late.rows.every((r) => r.buckets.slice(3).some((v) => v > 0))).toBe(true);
    expect(late.rowCount).toBe(8); // 70, 100, 130 and 160 days late, twice each
    expect(late.totals.total).toBe(late.rows.reduce((s, r) => s + r.total, 0));
    const found = await page({ search: 'seventh' });
    expect(found.rows.map((r) => r.customerCode)).toEqual(['C07']);
  });

  it('sees new entries at once, though the report is cached between pages', async () => {
    expect((await page({ search: 'C01' })).rows[0].total).toBe(100);
    await ok('payments.record', { reference: 'P-1', customerId: ids.C01, date: '2026-06-01', amount: 40 });
    expect((await page({ search: 'C01' })).rows[0].total).toBe(60);
  });

  it('exports the current view as CSV and XLSX, with the view’s totals and, in a 61+ view, the 61+ amount beside the whole balance', async () => {
    // C12 also owes something not yet due: part of its balance, not of its 61+ amount.
    await ok('invoices.create', { number: 'INV-NEW', customerId: ids.C12, issueDate: '2026-06-20', dueDate: '2026-07-20', amount: 5_000 });
    const view = await page({ minBucket: 3, sort: { field: 'total', direction: 'desc' } });
    const csv = await ok<{ fileName: string; base64: string }>('aging.export', { asOf: '2026-06-30', minBucket: 3, sort: { field: 'total', direction: 'desc' }, format: 'csv' });
    expect(csv.fileName).toBe('aging-2026-06-30-61-plus-days.csv');
    const lines = Buffer.from(csv.base64, 'base64').toString('utf8').trim().split('\n');
    expect(lines).toHaveLength(view.rowCount + 2);
    expect(lines[0]).toBe('customer_code,customer_name,Current,1-30,31-60,61-90,91-120,Over 120,61+ days,unapplied,total');
    expect(lines[1].startsWith('C12,')).toBe(true);
    const late = view.rows.reduce((s, r) => s + r.buckets.slice(3).reduce((a, v) => a + v, 0), 0);
    expect(late).toBeLessThan(view.totals.total);
    const dec = (v: number) => (v / 100).toFixed(2);
    expect(lines.at(-1)).toBe(`,Total,${view.totals.buckets.map(dec).join(',')},${dec(late)},0.00,${dec(view.totals.total)}`);
    // Each row's 61+ amount is its buckets from 61-90 on.
    for (const [i, r] of view.rows.entries()) expect(lines[i + 1].split(',')[8]).toBe(dec(r.buckets.slice(3).reduce((a, v) => a + v, 0)));

    const xlsx = await ok<{ fileName: string; base64: string }>('aging.export', { asOf: '2026-06-30', minBucket: 3, search: 'customer', format: 'xlsx' });
    expect(xlsx.fileName).toBe('aging-2026-06-30-61-plus-days.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const filtered = await page({ minBucket: 3, search: 'customer' });
    expect(sheet.getRow(1).getCell(1).value).toBe('Aged receivables as of 30 June 2026, aged by due date');
    expect(sheet.getRow(2).getCell(1).value).toBe(
      `Buckets: Current, 1-30, 31-60, 61-90, 91-120, Over 120 days · Showing 61+ days late only; customers matching “customer” · ${filtered.rowCount} customers`,
    );
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(['Code', 'Customer', 'Current', '1-30', '31-60', '61-90', '91-120', 'Over 120', '61+ days', 'Unapplied', 'Total']);
    expect(sheet.rowCount).toBe(3 + filtered.rowCount + 1);
    const filteredLate = filtered.rows.reduce((s, r) => s + r.buckets.slice(3).reduce((a, v) => a + v, 0), 0);
    const last = sheet.getRow(sheet.rowCount).values as unknown[];
    expect(last.slice(2)).toEqual(['Total', ...filtered.totals.buckets.map((v) => v / 100), filteredLate / 100, 0, filtered.totals.total / 100]);
    expect(sheet.getRow(4).getCell(3).numFmt).toBe('"$"#,##0.00;[Red]-"$"#,##0.00;"–"');

    // Every balance, by invoice date: no 61+ column, and the title and name say so.
    const all = await ok<{ fileName: string; base64: string }>('aging.export', { asOf: '2026-06-30', basis: 'issue', format: 'csv' });
    expect(all.fileName).toBe('aging-2026-06-30-by-invoice-date.csv');
    expect(Buffer.from(all.base64, 'base64').toString('utf8').split('\n')[0]).toBe('customer_code,customer_name,Current,1-30,31-60,61-90,91-120,Over 120,unapplied,total');
  });

  it('shows each customer’s last contact, next action and collector, and filters by collector', async () => {
    await ok('activities.record', { customerId: ids.C01, occurredAt: '2026-06-20T11:15', summary: 'Left a message.', followUpDate: '2026-07-03' });
    await ok('activities.record', { customerId: ids.C01, occurredAt: '2026-06-25T09:00', summary: 'Will pay.', promise: { amount: 100, date: '2026-07-01' } });
    await ok('customers.update', { id: ids.C02, customer: { code: 'C02', name: 'Customer 2', collector: 'Priya' } });
    const c01 = (await page({ search: 'C01' })).rows[0];
    expect(c01).toMatchObject({ lastContact: '2026-06-25T09:00', nextAction: 'Promise due 2026-07-01', collector: null, status: 'active' });
    const priya = await page({ collector: 'priya' });
    expect(priya.rows.map((r) => r.customerCode)).toEqual(['C02']);
    expect((await page({ sort: { field: 'lastContact', direction: 'desc' }, limit: 1 })).rows[0].customerCode).toBe('C01');
  });

  it('refuses an unknown sort column', async () => {
    const r = await dispatch(handlers, 'aging.page', { asOf: '2026-06-30', sort: { field: 'name; DROP TABLE', direction: 'asc' } }, () => undefined);
    expect(r).toMatchObject({ ok: false, error: { code: 'validation' } });
  });
});
