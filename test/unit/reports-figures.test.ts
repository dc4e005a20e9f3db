import type { AgingReportData, AgingTrend, CeiResult, DsoResult, Handlers } from '../../src-main/contract';
import { oneDecimal } from '../../src-main/reports/ratio';
import { createHandlers } from '../../src-main/services/create-services';
import { serviceCaller } from '../support/service-caller';
import { openTempLedger } from '../support/temp-ledger';

/*
 * DSO, CEI and the aging trend on a small ledger built through the services, every expected
 * figure worked out by hand below. Amounts in minor units.
 *
 *   A  INV-1  issued 2026-01-10, due 2026-02-09   30,000   paid 25,000 on 02-20 (P-1), 5,000 written off on 03-10
 *   A  INV-2  issued 2026-02-15, due 2026-03-17   20,000
 *   B  INV-3  issued 2026-03-05, due 2026-04-04   40,000   paid 8,000 on 03-28 (P-2)
 *   B  INV-4  issued 2026-03-20, due 2026-04-19   10,000
 *   C  payment P-3 of 2,000 on 03-30 with nothing to pay: unapplied
 *   D  FEE-1  a late fee issued and due 2025-12-01   1,500 (in receivables, never a credit sale)
 *
 * Credit sales by month: Jan 30,000 · Feb 20,000 · Mar 50,000 (the fee is not a sale).
 */

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok, refused } = serviceCaller(() => handlers, () => t.ledger);

const dso = (input: Record<string, unknown>) => ok<DsoResult>('reports.dso', input);
const cei = (from: string, to: string) => ok<CeiResult>('reports.cei', { from, to });
const APPROVAL = { approvedBy: 'J. Ortiz', approvalNote: 'Approved by email on 9 March' };

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger, { dailyBackups: false });
  const id: Record<string, number> = {};
  for (const code of ['A', 'B', 'C', 'D']) id[code] = (await ok<{ id: number }>('customers.create', { code, name: `Customer ${code}` })).id;
  const inv = async (number: string, customer: string, issueDate: string, dueDate: string, amount: number, kind = 'invoice') =>
    (await ok<{ id: number }>('invoices.create', { number, customerId: id[customer], issueDate, dueDate, amount, kind })).id;
  const inv1 = await inv('INV-1', 'A', '2026-01-10', '2026-02-09', 30_000);
  await inv('INV-2', 'A', '2026-02-15', '2026-03-17', 20_000);
  const inv3 = await inv('INV-3', 'B', '2026-03-05', '2026-04-04', 40_000);
  await inv('INV-4', 'B', '2026-03-20', '2026-04-19', 10_000);
  await inv('FEE-1', 'D', '2025-12-01', '2025-12-01', 1_500, 'late_fee');
  await ok('payments.record', { reference: 'P-1', customerId: id.A, date: '2026-02-20', amount: 25_000, invoiceId: inv1 });
  await ok('writeOffs.record', { invoiceId: inv1, amount: 5_000, date: '2026-03-10', reason: 'Short payment not worth chasing', ...APPROVAL });
  await ok('payments.record', { reference: 'P-2', customerId: id.B, date: '2026-03-28', amount: 8_000, invoiceId: inv3 });
  await ok('payments.record', { reference: 'P-3', customerId: id.C, date: '2026-03-30', amount: 2_000 });
});
afterEach(() => t.cleanup());

describe('receivables, as the aging report has them', () => {
  it('on 2026-03-31 and 2026-03-25', async () => {
    // 03-31: INV-2 20,000 is 14 days late (1-30); INV-3 32,000 and INV-4 10,000 not yet due;
    // FEE-1 is 120 days late (91-120); C's 2,000 unapplied. Open 63,500, total 61,500.
    const end = await ok<AgingReportData>('aging.report', { asOf: '2026-03-31' });
    expect(end.totals).toEqual({ buckets: [42_000, 20_000, 0, 0, 1_500, 0], unapplied: -2_000, total: 61_500 });
    // 03-25: before P-2 and P-3; INV-2 8 days late; FEE-1 114 days. 20,000 + 40,000 + 10,000 + 1,500.
    expect((await ok<AgingReportData>('aging.report', { asOf: '2026-03-25' })).totals.total).toBe(71_500);
  });
});

describe('DSO', () => {
  it('standard: receivables ÷ the credit sales of the last `days` days × days', async () => {
    // Sales in (2025-12-31, 2026-03-31]: 30,000 + 20,000 + 40,000 + 10,000 = 100,000 (not the fee).
    // 61,500 × 90 ÷ 100,000 = 55.35 → 55.4.
    expect(await dso({ asOf: '2026-03-31' })).toEqual({ asOf: '2026-03-31', days: 90, method: 'standard', receivables: 61_500, creditSales: 100_000, dso: 55.4 });
    // Sales in (2026-03-01, 2026-03-31]: 50,000. 61,500 × 30 ÷ 50,000 = 36.9.
    expect(await dso({ asOf: '2026-03-31', days: 30, method: 'standard' })).toMatchObject({ creditSales: 50_000, dso: 36.9 });
    // 71,500 × 90 ÷ 100,000 = 64.35: exactly a half, so 64.4 (a double's toFixed(1) says 64.3).
    expect(await dso({ asOf: '2026-03-25' })).toMatchObject({ receivables: 71_500, creditSales: 100_000, dso: 64.4 });
  });

  it('countback: walks back whole months from the as-of month, the last one in part', async () => {
    // 03-31: March (31 days) sold 50,000 ≤ 61,500 → 11,500 left, 31 days. February (28 days)
    // sold 20,000 > 11,500 → 31 + 11,500 ÷ 20,000 × 28 = 31 + 16.1 = 47.1. Months walked: 59 days, 70,000 of sales.
    expect(await dso({ asOf: '2026-03-31', method: 'countback' })).toEqual({
      asOf: '2026-03-31',
      days: 59,
      method: 'countback',
      receivables: 61_500,
      creditSales: 70_000,
      dso: 47.1,
    });
    // 03-25: March counts 1st–25th (25 days), sold 50,000 ≤ 71,500 → 21,500 left. February:
    // 20,000 ≤ 21,500 → 1,500 left, 53 days. January sold 30,000 > 1,500 →
    // 53 + 1,500 ÷ 30,000 × 31 = 53 + 1.55 = 54.55 → 54.6 (toFixed(1) on the double says 54.5).
    expect(await dso({ asOf: '2026-03-25', method: 'countback' })).toEqual({
      asOf: '2026-03-25',
      days: 84,
      method: 'countback',
      receivables: 71_500,
      creditSales: 100_000,
      dso: 54.6,
    });
  });

  it('is null with the reason when there is nothing to divide by', async () => {
    // 2025-12-31: only the fee is owed (1,500) and nothing was sold in the 90 days before.
    const standard = await dso({ asOf: '2025-12-31' });
    expect(standard).toEqual({ asOf: '2025-12-31', days: 90, method: 'standard', receivables: 1_500, creditSales: 0, dso: null, reason: expect.stringContaining('No credit sales') });
    // Countback cannot place 1,500 on any sale: the first is in January 2026.
    expect(await dso({ asOf: '2025-12-31', method: 'countback' })).toMatchObject({ receivables: 1_500, dso: null, reason: expect.stringContaining('no credit sale was made by 2025-12-31') });
    // 01-31: January's 30,000 of sales leaves 1,500 (the fee) with no earlier sale to place it on.
    expect(await dso({ asOf: '2026-01-31', method: 'countback' })).toMatchObject({
      receivables: 31_500,
      dso: null,
      reason: 'Receivables exceed every credit sale on record (credit sales since 2026-01-10 do not cover them): countback cannot place them',
    });
    // Nothing owed at all: countback takes no days.
    expect(await dso({ asOf: '2025-11-30', method: 'countback' })).toMatchObject({ receivables: 0, dso: 0, days: 0 });
  });

  it('refuses bad input and changes nothing', async () => {
    expect((await refused('reports.dso', { asOf: '2026-02-30' })).fields).toEqual({ asOf: 'As-of date must be a real date like 2026-03-31' });
    expect((await refused('reports.dso', { asOf: '2026-03-31', method: 'weekly' })).fields).toEqual({ method: 'The method must be standard or countback' });
    expect((await refused('reports.dso', { asOf: '2026-03-31', days: 0 })).fields).toEqual({ days: 'Days must be at least 1' });
    expect((await refused('reports.dso', { asOf: '2026-03-31', days: 3661 })).fields).toEqual({ days: 'Days must be at most 3660' });
    // Countback does not use a window: one given is accepted and makes no difference.
    expect(await dso({ asOf: '2026-03-31', method: 'countback', days: 90 })).toEqual(await dso({ asOf: '2026-03-31', method: 'countback' }));
  });
});

describe('CEI', () => {
  it('(begin + sales − end) ÷ (begin + sales − end Current) × 100', async () => {
    // Begin = receivables on 02-28: INV-1 5,000 + INV-2 20,000 + FEE-1 1,500 = 26,500. March sales 50,000.
    // End 61,500, of which Current 42,000. (26,500 + 50,000 − 61,500) ÷ (26,500 + 50,000 − 42,000)
    // = 15,000 ÷ 34,500 × 100 = 43.478… → 43.5.
    expect(await cei('2026-03-01', '2026-03-31')).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
      beginReceivables: 26_500,
      creditSales: 50_000,
      endReceivables: 61_500,
      endCurrent: 42_000,
      cei: 43.5,
    });
    // One day, 2026-02-20 (P-1 day): begin on 02-19 = 30,000 + 20,000 + 1,500 = 51,500, no sales,
    // end 26,500 with INV-2's 20,000 Current: 25,000 ÷ 31,500 × 100 = 79.365… → 79.4.
    expect(await cei('2026-02-20', '2026-02-20')).toMatchObject({ beginReceivables: 51_500, creditSales: 0, endReceivables: 26_500, endCurrent: 20_000, cei: 79.4 });
  });

  it('is null with the reason when nothing was collectable, and refuses a period that ends before it starts', async () => {
    expect(await cei('2025-11-01', '2025-11-30')).toEqual({
      from: '2025-11-01',
      to: '2025-11-30',
      beginReceivables: 0,
      creditSales: 0,
      endReceivables: 0,
      endCurrent: 0,
      cei: null,
      reason: expect.stringContaining('Nothing was collectable'),
    });
    expect((await refused('reports.cei', { from: '2026-04-01', to: '2026-03-31' })).fields).toEqual({ from: 'The period must start on or before its end' });
  });
});

describe('the aging trend', () => {
  it('month-ends by bucket, the last point the as-of date, with the share over 60 days', async () => {
    const trend = await ok<AgingTrend>('reports.trend', { asOf: '2026-03-25', months: 4 });
    expect(trend.buckets).toEqual(['Current', '1-30', '31-60', '61-90', '91-120', 'Over 120']);
    expect(trend.points.map((p) => [p.date, p.buckets, p.unapplied, p.total, p.over60, p.over60Share])).toEqual([
      // Only the fee, 30 days late.
      ['2025-12-31', [0, 1_500, 0, 0, 0, 0], 0, 1_500, 0, 0],
      // INV-1 not yet due; the fee 61 days late: 1,500 ÷ 31,500 = 4.76 % → 4.8.
      ['2026-01-31', [30_000, 0, 0, 1_500, 0, 0], 0, 31_500, 1_500, 4.8],
      // INV-1's 5,000 left 19 days late; INV-2 not yet due; the fee 89 days: 1,500 ÷ 26,500 = 5.66 % → 5.7.
      ['2026-02-28', [20_000, 5_000, 0, 1_500, 0, 0], 0, 26_500, 1_500, 5.7],
      // The as-of date, not March's end: INV-1 written off; INV-2 8 days late; the fee 114 days: 1,500 ÷ 71,500 = 2.10 % → 2.1.
      ['2026-03-25', [50_000, 20_000, 0, 0, 1_500, 0], 0, 71_500, 1_500, 2.1],
    ]);
  });

  it('has no share where nothing is open, and bounds the months', async () => {
    const trend = await ok<AgingTrend>('reports.trend', { asOf: '2025-11-30', months: 1 });
    expect(trend.points).toEqual([{ date: '2025-11-30', buckets: [0, 0, 0, 0, 0, 0], unapplied: 0, total: 0, over60: 0, over60Share: null }]);
    expect((await refused('reports.trend', { asOf: '2026-03-31', months: 61 })).fields).toEqual({ months: 'Months must be at most 60' });
    expect((await refused('reports.trend', { asOf: '2026-03-31', months: 0 })).fields).toEqual({ months: 'Months must be at least 1' });
  });
});

describe('rounding', () => {
  it('is half-up to one decimal on exact integers, halves away from zero', () => {
    expect(oneDecimal(29, 20)).toBe(1.5); // 1.45
    expect(oneDecimal(-29, 20)).toBe(-1.5);
    expect(oneDecimal(29, -20)).toBe(-1.5);
    expect(oneDecimal(1_636_500, 30_000)).toBe(54.6); // 54.55
    expect(oneDecimal(1_636_499, 30_000)).toBe(54.5);
    expect(oneDecimal(1, 3)).toBe(0.3);
    expect(oneDecimal(2, 3)).toBe(0.7);
    expect(oneDecimal(0, 7)).toBe(0);
    // Past 2^53 a double would lose the half; BigInt does not.
    expect(oneDecimal(10n ** 18n * 3n + 5n * 10n ** 16n, 10n ** 18n)).toBe(3.1); // 3.05
    expect(() => oneDecimal(1, 0)).toThrow(/divisor is 0/);
  });
});
