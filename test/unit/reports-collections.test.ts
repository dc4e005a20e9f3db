import type { ActivityReport, Handlers, PromiseReport, WriteOffReport } from '../../src-main/contract';
import { createHandlers } from '../../src-main/services/create-services';
import { serviceCaller } from '../support/service-caller';
import { openTempLedger } from '../support/temp-ledger';

/*
 * Promises, collector activity and write-offs on a small hand-made ledger. E's collector is Sam;
 * F has none. Promises (the grace is the default two days):
 *
 *   P1  call 02-03 by Priya on E: 10,000 by 02-10; 10,000 paid 02-11 (in the grace)   → kept
 *   P2  call 02-20 by nobody on E (so Sam's): 20,000 by 03-01; 5,000 paid 03-02        → partly kept
 *   P3  call 03-05 by Priya on E: 7,000 by 03-09; nothing paid after the call          → broken by 03-12
 *   P4  call 03-30 by nobody on F (no collector: Unassigned): 4,000 by 03-31           → open on 03-31
 */

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok, refused } = serviceCaller(() => handlers, () => t.ledger);
let e: number;
let f: number;
let activity: (x: Record<string, unknown>) => Promise<{ id: number }>;
const APPROVAL = { approvedBy: 'J. Ortiz', approvalNote: 'Approved in the March review' };

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger, { dailyBackups: false });
  e = (await ok<{ id: number }>('customers.create', { code: 'E', name: 'Echo Ltd', collector: 'Sam' })).id;
  f = (await ok<{ id: number }>('customers.create', { code: 'F', name: '=Foxtrot', })).id;
  await ok('invoices.create', { number: 'E-1', customerId: e, issueDate: '2026-01-01', dueDate: '2026-01-31', amount: 100_000 });
  await ok('invoices.create', { number: 'F-1', customerId: f, issueDate: '2026-01-01', dueDate: '2026-01-31', amount: 50_000 });
  activity = (x) => ok<{ id: number }>('activities.record', { kind: 'call', summary: 'Spoke.', ...x });
  const promise = (customerId: number, day: string, author: string | null, amount: number, date: string) =>
    activity({ customerId, occurredAt: `${day}T10:00`, author, outcome: 'promise_to_pay', promise: { amount, date } });
  const pay = (reference: string, day: string, amount: number) => ok('payments.record', { reference, customerId: e, date: day, amount });

  await promise(e, '2026-02-03', 'Priya', 10_000, '2026-02-10');
  await pay('E-P1', '2026-02-11', 10_000);
  await promise(e, '2026-02-20', null, 20_000, '2026-03-01');
  await pay('E-P2', '2026-03-02', 5_000);
  await promise(e, '2026-03-05', 'Priya', 7_000, '2026-03-09');
  await promise(f, '2026-03-30', null, 4_000, '2026-03-31');
});
afterEach(() => t.cleanup());

const tally = (made: number, kept: number, partlyKept: number, broken: number, open: number, promised: number, received: number, keptRate: number | null) => ({
  made,
  kept,
  partlyKept,
  broken,
  open,
  promised,
  received,
  keptRate,
});

describe('the promise report', () => {
  it('counts promises made in the period by month and by collector, judged at its end', async () => {
    const r = await ok<PromiseReport>('reports.promises', { from: '2026-02-01', to: '2026-03-31' });
    expect(r.months).toEqual([
      // P1 kept, P2 partly kept: 1 kept of 2 judged = 50.0 %.
      { month: '2026-02', ...tally(2, 1, 1, 0, 0, 30_000, 15_000, 50) },
      // P3 broken, P4 still open: 0 of 1 judged.
      { month: '2026-03', ...tally(2, 0, 0, 1, 1, 11_000, 0, 0) },
    ]);
    expect(r.collectors).toEqual([
      { collector: 'Priya', ...tally(2, 1, 0, 1, 0, 17_000, 10_000, 50) },
      // P2 was recorded by nobody: E's collector.
      { collector: 'Sam', ...tally(1, 0, 1, 0, 0, 20_000, 5_000, 0) },
      // Nothing judged yet: no rate.
      { collector: 'Unassigned', ...tally(1, 0, 0, 0, 1, 4_000, 0, null) },
    ]);
    // 1 kept of 3 judged = 33.33… → 33.3.
    expect(r.total).toEqual(tally(4, 1, 1, 1, 1, 41_000, 15_000, 33.3));
  });

  it('judges each promise as it stood on the last day: money paid later does not count', async () => {
    // On 03-01 P2 is within its grace and E-P2 (03-02) has not come yet.
    const r = await ok<PromiseReport>('reports.promises', { from: '2026-02-01', to: '2026-03-01' });
    expect(r.total).toEqual(tally(2, 1, 0, 0, 1, 30_000, 10_000, 100));
    expect((await refused('reports.promises', { from: '2026-03-02', to: '2026-03-01' })).fields).toEqual({ from: 'The period must start on or before its end' });
  });
});

describe('the activity report', () => {
  it('counts calls with their outcomes, emails, visits and letters per collector; a corrected entry as corrected', async () => {
    await activity({ customerId: f, occurredAt: '2026-03-06T09:00', author: 'Priya', outcome: 'no_answer' });
    const wrong = await activity({ customerId: e, occurredAt: '2026-03-07T09:00', author: 'Sam', outcome: 'voicemail' });
    await activity({ customerId: e, occurredAt: '2026-03-07T09:00', author: 'Sam', outcome: 'reached', correctsId: wrong.id, summary: 'Correction: reached the AP clerk.' });
    await activity({ customerId: e, kind: 'email', occurredAt: '2026-03-08T09:00', author: 'Sam', direction: 'outbound' });
    await activity({ customerId: f, kind: 'letter', occurredAt: '2026-03-09T09:00', author: 'Priya', direction: 'outbound' });
    await activity({ customerId: e, kind: 'visit', occurredAt: '2026-01-15T09:00', author: 'Sam' }); // before the period
    await activity({ customerId: e, kind: 'note', occurredAt: '2026-03-10T09:00', author: 'Sam' }); // not contact

    const r = await ok<ActivityReport>('reports.activity', { from: '2026-02-01', to: '2026-03-31' });
    expect(r.collectors).toEqual([
      { collector: 'Priya', calls: 3, emails: 0, visits: 0, letters: 1, outcomes: { promise_to_pay: 2, no_answer: 1 } },
      // P2 (recorded by nobody, E's collector) and the corrected call, counted once, as reached.
      { collector: 'Sam', calls: 2, emails: 1, visits: 0, letters: 0, outcomes: { promise_to_pay: 1, reached: 1 } },
      { collector: 'Unassigned', calls: 1, emails: 0, visits: 0, letters: 0, outcomes: { promise_to_pay: 1 } },
    ]);
    expect(r.total).toEqual({ calls: 6, emails: 1, visits: 0, letters: 1, outcomes: { promise_to_pay: 4, no_answer: 1, reached: 1 } });
    expect((await ok<ActivityReport>('reports.activity', { from: '2026-01-01', to: '2026-01-31' })).total).toMatchObject({ calls: 0, visits: 1 });
  });
});

describe('the write-off report', () => {
  it('lists write-offs and recoveries in the period with totals by month and net', async () => {
    const invoiceId = (n: string) => t.ledger.db.prepare('SELECT id FROM invoice WHERE number = ?').pluck().get(n) as number;
    const wf = await ok<{ id: number }>('writeOffs.record', { invoiceId: invoiceId('F-1'), amount: 2_000, date: '2026-02-10', reason: 'Bankrupt', ...APPROVAL });
    const we = await ok<{ id: number }>('writeOffs.record', { invoiceId: invoiceId('E-1'), amount: 3_000, date: '2026-03-15', reason: 'Goodwill', ...APPROVAL });
    await ok('recoveries.record', { writeOffId: we.id, date: '2026-03-20', amount: 1_000, reference: 'REC-1' });
    await ok('recoveries.record', { writeOffId: wf.id, date: '2026-04-02', amount: 500, reference: 'REC-2' }); // after the period

    const r = await ok<WriteOffReport>('reports.writeOffs', { from: '2026-02-01', to: '2026-03-31' });
    expect(r.rows).toEqual([
      { kind: 'write_off', date: '2026-02-10', customerCode: 'F', customerName: '=Foxtrot', invoiceNumber: 'F-1', amount: 2_000, detail: 'Bankrupt' },
      { kind: 'write_off', date: '2026-03-15', customerCode: 'E', customerName: 'Echo Ltd', invoiceNumber: 'E-1', amount: 3_000, detail: 'Goodwill' },
      { kind: 'recovery', date: '2026-03-20', customerCode: 'E', customerName: 'Echo Ltd', invoiceNumber: 'E-1', amount: 1_000, detail: 'REC-1' },
    ]);
    expect(r.months).toEqual([
      { month: '2026-02', writtenOff: 2_000, recovered: 0 },
      { month: '2026-03', writtenOff: 3_000, recovered: 1_000 },
    ]);
    expect(r.total).toEqual({ writtenOff: 5_000, recovered: 1_000, net: 4_000, writeOffs: 2, recoveries: 1 });
    expect((await ok<WriteOffReport>('reports.writeOffs', { from: '2026-04-01', to: '2026-04-30' })).total).toEqual({ writtenOff: 0, recovered: 500, net: -500, writeOffs: 0, recoveries: 1 });
  });
});
