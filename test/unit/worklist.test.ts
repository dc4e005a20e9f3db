import type {  Handlers, Worklist } from '../../src-main/contract';
import { createHandlers } from '../../src-main/services/create-services';
import { dispatch } from '../../src-main/services/dispatch';
import { openTempLedger, snapshot } from '../support/temp-ledger';
import { serviceCaller } from '../support/service-caller';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok, refused } = serviceCaller(() => handlers, () => t.ledger);
const id: Record<string, number> = {};

const list = (today = '2026-05-10', collector?: string) => ok<Worklist>('worklist.list', { today, collector });

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger);
  // The worklist's own mechanics, with a policy of one step; policy.test.ts covers the policy.
  await ok('policy.save', { name: 'Promises only', steps: [{ name: 'Call about the broken promise', trigger: 'promise_broken', days: 0, action: 'call' }] });
  for (const [code, amount] of [['SMALL', 1_000], ['BIG', 90_000], ['KEPT', 5_000]] as const) {
    id[code] = (await ok<{ id: number }>('customers.create', { code, name: `${code} Ltd` })).id;
    await ok('invoices.create', { number: `INV-${code}`, customerId: id[code], issueDate: '2026-03-01', dueDate: '2026-03-31', amount });
  }
  // BIG promised and paid nothing; KEPT promised and paid in time; SMALL only has a follow-up due.
  await ok('activities.record', { customerId: id.BIG, occurredAt: '2026-04-20T10:00', summary: 'Will pay Friday.', promise: { amount: 90_000, date: '2026-04-24' } });
  await ok('activities.record', { customerId: id.KEPT, occurredAt: '2026-04-20T10:00', summary: 'Paying today.', promise: { amount: 5_000, date: '2026-04-21' } });
  await ok('payments.record', { reference: 'P-K', customerId: id.KEPT, date: '2026-04-21', amount: 5_000 });
  await ok('activities.record', { customerId: id.SMALL, occurredAt: '2026-05-01T09:00', summary: 'Asked for a copy of the invoice; call back when sent.', followUpDate: '2026-05-09' });
  await ok('activities.record', { customerId: id.KEPT, occurredAt: '2026-05-01T09:00', summary: 'Check next month.', followUpDate: '2026-06-01' });
});
afterEach(() => t.cleanup());

describe('the worklist', () => {
  it('lists broken promises first, then due follow-ups by size and age; kept promises and future follow-ups stay off', async () => {
    const w = await list();
    expect(w.items.map((i) => [i.customerCode, i.source, i.reason])).toEqual([
      ['BIG', 'task', 'Step 1 of Promises only: promise broken, $900.00 was promised by 2026-04-24'],
      ['SMALL', 'follow_up', 'Follow up: Asked for a copy of the invoice; call back when sent.'],
    ]);
    expect(w.items[0]).toMatchObject({ overdue: 90_000, weight: 90_000 * 40 });
    expect(w.countsByCollector).toEqual([{ collector: null, count: 2 }]);
  });

  it('done removes an item, snooze hides it until its day, reassign moves it to another collector', async () => {
    const [promise, followUp] = (await list()).items;
    await ok('worklist.act', { source: 'follow_up', sourceId: followUp.sourceId, action: 'snooze', until: '2026-05-12', today: '2026-05-10' });
    expect((await list()).items.map((i) => i.key)).toEqual([promise.key]);
    expect((await list('2026-05-12')).items.map((i) => i.key)).toContain(followUp.key);
    await ok('worklist.act', { source: 'task', sourceId: promise.sourceId, action: 'reassign', collector: 'Priya', today: '2026-05-10' });
    expect((await list('2026-05-10', 'Priya')).items.map((i) => i.key)).toEqual([promise.key]);
    expect((await list()).countsByCollector).toEqual([{ collector: 'Priya', count: 1 }]);
    await ok('worklist.act', { source: 'task', sourceId: promise.sourceId, action: 'done', today: '2026-05-10' });
    expect((await list()).items).toEqual([]);
  });

  it('undoes a Done, a Snooze and a Reassign, latest first, logging each reversal and deleting nothing', async () => {
    const before = await list();
    const [promise, followUp] = before.items;
    const reassigned = await ok<{ actionId: number }>('worklist.act', { source: 'task', sourceId: promise.sourceId, action: 'reassign', collector: 'Priya', today: '2026-05-10' });
    const done = await ok<{ actionId: number }>('worklist.act', { source: 'task', sourceId: promise.sourceId, action: 'done', today: '2026-05-10' });
    const snoozed = await ok<{ actionId: number }>('worklist.act', { source: 'follow_up', sourceId: followUp.sourceId, action: 'snooze', until: '2026-05-20', today: '2026-05-10' });
    expect((await list()).items).toEqual([]);
    // The reassignment is not the latest action on its task: the Done must be undone first.
    expect(await refused('worklist.undo', { actionId: reassigned.actionId, today: '2026-05-10' })).toMatchObject({ code: 'conflict' });

    await ok('worklist.undo', { actionId: done.actionId, today: '2026-05-10' });
    await ok('worklist.undo', { actionId: snoozed.actionId, today: '2026-05-10' });
    const back = await list();
    expect(back.items.map((i) => [i.key, i.collector])).toEqual([
      [promise.key, 'Priya'],
      [followUp.key, null],
    ]);
    expect(t.ledger.db.prepare('SELECT status, closed_on FROM task WHERE id = ?').get(promise.sourceId)).toEqual({ status: 'open', closed_on: null });
    await ok('worklist.undo', { actionId: reassigned.actionId, today: '2026-05-10' });
    expect((await list()).items).toEqual(before.items);
    // Twice is refused; an undo is not itself undone; the log keeps all six entries.
    expect(await refused('worklist.undo', { actionId: done.actionId, today: '2026-05-10' })).toMatchObject({ code: 'conflict' });
    const undoRow = t.ledger.db.prepare(`SELECT id FROM work_action WHERE action = 'undo' ORDER BY id LIMIT 1`).pluck().get() as number;
    expect(await refused('worklist.undo', { actionId: undoRow, today: '2026-05-10' })).toMatchObject({ code: 'not_found' });
    expect(t.ledger.db.prepare('SELECT action, undoes FROM work_action ORDER BY id').all()).toEqual([
      { action: 'reassign', undoes: null },
      { action: 'done', undoes: null },
      { action: 'snooze', undoes: null },
      { action: 'undo', undoes: done.actionId },
      { action: 'undo', undoes: snoozed.actionId },
      { action: 'undo', undoes: reassigned.actionId },
    ]);
  });

  it('serves the prioritised list a page at a time, with the total', async () => {
    const all = await list();
    const first = await ok<Worklist>('worklist.list', { today: '2026-05-10', limit: 1 });
    const second = await ok<Worklist>('worklist.list', { today: '2026-05-10', offset: 1, limit: 1 });
    expect([first.total, second.total]).toEqual([2, 2]);
    expect([...first.items, ...second.items]).toEqual(all.items);
    expect((await dispatch(handlers, 'worklist.list', { today: '2026-05-10', limit: 501 }, () => undefined)).ok).toBe(false);
  });

  it('refuses a snooze into the past or a reassignment to nobody, changing nothing', async () => {
    const [promise] = (await list()).items;
    const before = snapshot(t.ledger);
    for (const bad of [
      { source: 'task', sourceId: promise.sourceId, action: 'snooze', until: '2026-05-10', today: '2026-05-10' },
      { source: 'task', sourceId: promise.sourceId, action: 'reassign', today: '2026-05-10' },
      { source: 'task', sourceId: 999, action: 'done', today: '2026-05-10' },
    ]) {
      expect((await dispatch(handlers, 'worklist.act', bad, () => undefined)).ok).toBe(false);
    }
    expect(snapshot(t.ledger)).toEqual(before);
  });

  it('shows every edit of a customer, also one the clock stamps no later than the last (pinned, or set back)', async () => {
    // The kept list sees an edit only as a newer updated_at: with the clock held still (as the
    // end-to-end tests hold it) or set back, the second edit used to keep the first one's collector.
    handlers = createHandlers(t.ledger, { clockControl: true });
    await ok('clock.set', { now: '2026-05-10T12:00:00Z' });
    const collectorOfBig = async () => (await list()).items.find((i) => i.customerCode === 'BIG')?.collector;
    expect(await collectorOfBig()).toBeNull();
    for (const collector of ['Priya', 'Sam', null]) {
      await ok('customers.update', { id: id.BIG, customer: { code: 'BIG', name: 'BIG Ltd', collector } });
      expect({ collector: await collectorOfBig() }).toEqual({ collector });
    }
  });
});
