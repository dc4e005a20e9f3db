import type {  DisputeReport, Handlers } from '../../src-main/contract';
import { createHandlers } from '../../src-main/services/create-services';
import { dispatch } from '../../src-main/services/dispatch';
import { openTempLedger, snapshot } from '../support/temp-ledger';
import { serviceCaller } from '../support/service-caller';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok } = serviceCaller(() => handlers, () => t.ledger);
const ids: Record<string, number> = {};

const raise = async (customer: string, day: string, reason: string, invoices: string[], amount: number) =>
  (
    await ok<{ dispute: { id: number } }>('activities.record', {
      customerId: ids[customer],
      occurredAt: `${day}T11:00`,
      summary: 'Raised a problem with the order.',
      outcome: 'dispute_raised',
      dispute: { reason, invoiceIds: invoices.map((n) => ids[n]), amount },
    })
  ).dispute.id;
const report = (asOf: string) => ok<DisputeReport>('reports.disputes', { asOf });

beforeAll(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger);
  for (const code of ['ACME', 'BETA']) ids[code] = (await ok<{ id: number }>('customers.create', { code, name: `${code} Trading` })).id;
  for (const [number, customer, amount] of [['INV-A1', 'ACME', 50_000], ['INV-A2', 'ACME', 30_000], ['INV-B1', 'BETA', 20_000]] as const) {
    ids[number] = (await ok<{ id: number }>('invoices.create', { number, customerId: ids[customer], issueDate: '2026-01-01', dueDate: '2026-01-31', amount })).id;
  }
  ids.d1 = await raise('ACME', '2026-01-10', 'damaged', ['INV-A2', 'INV-A1'], 5_000);
  ids.d6 = await raise('ACME', '2026-03-01', 'damaged', ['INV-A1'], 4_000);
  await ok('disputes.resolve', { id: ids.d6, resolution: 'credit_note', date: '2026-03-15', creditNumber: 'CN-1', amount: 4_000 });
  ids.d2 = await raise('BETA', '2026-03-20', 'pricing', ['INV-B1'], 2_000);
  await ok('disputes.resolve', { id: ids.d2, resolution: 'no_credit', date: '2026-04-20' });
  ids.d3 = await raise('ACME', '2026-04-10', 'pricing', ['INV-A2'], 3_000);
  await ok('disputes.update', { id: ids.d3, status: 'investigating', owner: 'Priya' });
  ids.d4 = await raise('BETA', '2026-04-25', 'not_received', ['INV-B1'], 1_000);
  ids.d5 = await raise('ACME', '2026-05-05', 'quality', ['INV-A1'], 500);
});
afterAll(() => t.cleanup());

describe('disputes ageing report', () => {
  it('ages the open disputes into buckets, by reason, oldest first, with what was resolved in the last 90 days', async () => {
    const r = await report('2026-04-30');
    expect(r.total).toEqual({ count: 3, amount: 9_000 });
    expect(r.buckets).toEqual([
      { label: '0-15', count: 1, amount: 1_000 },
      { label: '16-30', count: 1, amount: 3_000 },
      { label: '31-60', count: 0, amount: 0 },
      { label: '61+', count: 1, amount: 5_000 },
    ]);
    expect(r.byReason).toEqual([
      { reason: 'damaged', count: 1, amount: 5_000 },
      { reason: 'pricing', count: 1, amount: 3_000 },
      { reason: 'not_received', count: 1, amount: 1_000 },
    ]);
    expect(r.open).toEqual([
      {
        id: ids.d1,
        customerId: ids.ACME,
        customerCode: 'ACME',
        customerName: 'ACME Trading',
        reason: 'damaged',
        amount: 5_000,
        status: 'open',
        owner: null,
        openedOn: '2026-01-10',
        daysOpen: 110,
        invoices: ['INV-A1', 'INV-A2'],
      },
      expect.objectContaining({ id: ids.d3, status: 'investigating', owner: 'Priya', daysOpen: 20, invoices: ['INV-A2'] }),
      expect.objectContaining({ id: ids.d4, customerCode: 'BETA', daysOpen: 5 }),
    ]);
    // Resolved on 2026-03-15 after 14 days and on 2026-04-20 after 31.
    expect(r.resolved).toEqual({ count: 2, amount: 6_000, averageDaysToResolve: 22.5 });
  });

  it('works for a past date: a dispute resolved after it was still open then, one opened after it is not there yet', async () => {
    const r = await report('2026-04-01');
    expect(r.open.map((d) => [d.id, d.daysOpen, d.status])).toEqual([
      [ids.d1, 81, 'open'],
      [ids.d2, 12, 'open'],
    ]);
    expect(r.buckets.map((b) => b.count)).toEqual([1, 0, 0, 1]);
    expect(r.resolved).toEqual({ count: 1, amount: 4_000, averageDaysToResolve: 14 });

    const after = await report('2026-05-05');
    expect(after.open.map((d) => d.id)).toEqual([ids.d1, ids.d3, ids.d4, ids.d5]);
    expect(after.open.at(-1)).toMatchObject({ daysOpen: 0 });
  });

  it('is empty before the first dispute', async () => {
    expect(await report('2025-12-31')).toEqual({
      asOf: '2025-12-31',
      total: { count: 0, amount: 0 },
      buckets: ['0-15', '16-30', '31-60', '61+'].map((label) => ({ label, count: 0, amount: 0 })),
      byReason: [],
      open: [],
      resolved: { count: 0, amount: 0, averageDaysToResolve: null },
    });
  });

  it('refuses a date that does not exist, changing nothing', async () => {
    const before = snapshot(t.ledger);
    for (const bad of [{ asOf: '2026-02-30' }, {}, { asOf: '2026-04-30', extra: true }]) {
      const r = await dispatch(handlers, 'reports.disputes', bad, () => undefined);
      expect(r).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(await dispatch(handlers, 'reports.disputes', { asOf: '2026-02-30' }, () => undefined)).toMatchObject({
      error: { fields: { asOf: 'As-of date must be a real date like 2026-03-31' } },
    });
    expect(snapshot(t.ledger)).toEqual(before);
  });
});
