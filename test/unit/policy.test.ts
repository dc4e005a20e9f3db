import type {  Handlers, Policy, PolicyRunResult, Worklist } from '../../src-main/contract';
import { createHandlers } from '../../src-main/services/create-services';
import { dispatch } from '../../src-main/services/dispatch';
import { openTempLedger, snapshot } from '../support/temp-ledger';
import { serviceCaller } from '../support/service-caller';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok } = serviceCaller(() => handlers, () => t.ledger);
let acme: number;

const run = (today: string) => ok<PolicyRunResult>('policy.run', { today });
const tasks = async (today: string, customerId = acme) => (await ok<Worklist>('worklist.list', { today, customerId })).items.filter((i) => i.source === 'task');
const taskRows = () => t.ledger.db.prepare('SELECT dedupe_key, action, status, closed_note FROM task ORDER BY id').all() as { dedupe_key: string; action: string; status: string; closed_note: string | null }[];

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger);
  acme = (await ok<{ id: number }>('customers.create', { code: 'ACME', name: 'Acme Ltd' })).id;
  await ok('invoices.create', { number: 'INV-1', customerId: acme, issueDate: '2026-01-01', dueDate: '2026-01-31', amount: 80_000 });
});
afterEach(() => t.cleanup());

describe('the escalation policy', () => {
  it('a new ledger starts with the standard policy, in order, from delivery check to write-off review', async () => {
    const p = await ok<Policy>('policy.get', {});
    expect(p.name).toBe('Standard policy');
    expect(p.steps.map((s) => [s.seq, s.trigger, s.days, s.action])).toEqual([
      [1, 'delivery', 1, 'delivery_check'],
      [2, 'days_from_due', -3, 'letter'],
      [3, 'days_from_due', 0, 'call'],
      [4, 'days_from_due', 10, 'letter'],
      [5, 'days_from_due', 30, 'letter'],
      [6, 'days_from_due', 45, 'call'],
      [7, 'days_from_due', 60, 'escalate_principal'],
      [8, 'days_from_due', 60, 'credit_hold'],
      [9, 'days_from_due', 90, 'certified_letter'],
      [10, 'days_from_due', 120, 'write_off_review'],
      [11, 'promise_broken', 0, 'call'],
      [12, 'instalment_missed', 0, 'call'],
      [13, 'dispute_resolved', 1, 'call'],
    ]);
  });

  it('makes each task once however often it runs, and explains it', async () => {
    expect(await run('2026-02-10')).toMatchObject({ today: '2026-02-10', created: 1, closed: 0, ran: true, looked: { everyone: true } });
    expect(await run('2026-02-10')).toMatchObject({ created: 0, closed: 0 });
    expect(await run('2026-02-11')).toMatchObject({ created: 0, closed: 0 });
    const [task] = await tasks('2026-02-11');
    expect(task).toMatchObject({
      action: 'letter',
      template: 'Polite past-due letter',
      dueDate: '2026-02-10',
      reason: 'Step 4 of Standard policy: $800.00 is 10 days late (INV-1 due 2026-01-31); $800.00 overdue in all',
      amount: 80_000,
    });
  });

  it('writes the amounts of its reasons in the ledger’s currency', async () => {
    // As `settle init --currency EUR` records it, before any entry is made in that currency.
    t.ledger.db.prepare(`UPDATE ledger_setting SET value = 'EUR' WHERE key = 'currency'`).run();
    const euro = (await ok<{ id: number }>('customers.create', { code: 'EURO', name: 'Euro GmbH' })).id;
    await ok('invoices.create', { number: 'EU-1', customerId: euro, issueDate: '2026-01-01', dueDate: '2026-01-31', amount: 123_456 });
    await run('2026-02-10');
    expect((await tasks('2026-02-10', euro)).map((i) => i.reason)).toEqual([
      'Step 4 of Standard policy: €1,234.56 is 10 days late (EU-1 due 2026-01-31); €1,234.56 overdue in all',
    ]);
  });

  it('fires only the furthest step reached, and a later step replaces the earlier open one', async () => {
    await run('2026-01-31');
    expect((await tasks('2026-01-31')).map((i) => i.action)).toEqual(['call']);
    await run('2026-03-02'); // 30 days: firmer letter; the courtesy call is replaced
    expect((await tasks('2026-03-02')).map((i) => i.reason)).toEqual(['Step 5 of Standard policy: $800.00 is 30 days late (INV-1 due 2026-01-31); $800.00 overdue in all']);
    expect(taskRows().map((r) => r.status)).toEqual(['open', 'superseded'].reverse());
    // A ledger that arrives 75 days late gets both 60-day steps, not four letters at once.
    await run('2026-04-16');
    expect((await tasks('2026-04-16')).map((i) => i.action).sort()).toEqual(['credit_hold', 'escalate_principal']);
  });

  it('closes open dunning tasks when the money arrives', async () => {
    await run('2026-02-10');
    await ok('payments.record', { reference: 'P-1', customerId: acme, date: '2026-02-12', amount: 80_000 });
    expect(await run('2026-02-12')).toMatchObject({ created: 0, closed: 1 });
    expect(taskRows()[0]).toMatchObject({ status: 'resolved', closed_note: 'Nothing that may be asked for is overdue any more' });
    expect(await tasks('2026-02-12')).toEqual([]);
  });

  it('holds disputed invoices out of dunning while the dispute is open, and calls once it is resolved', async () => {
    await run('2026-02-10');
    const inv = t.ledger.db.prepare(`SELECT id FROM invoice WHERE number = 'INV-1'`).pluck().get() as number;
    const call = await ok<{ dispute: { id: number } }>('activities.record', {
      customerId: acme,
      occurredAt: '2026-02-11T10:00',
      outcome: 'dispute_raised',
      summary: 'The whole order arrived damaged.',
      dispute: { reason: 'damaged', invoiceIds: [inv], amount: 80_000 },
    });
    expect(await run('2026-02-11')).toMatchObject({ created: 0, closed: 1 });
    expect(taskRows()[0].closed_note).toBe('Held out of dunning: what is due is disputed');
    expect(await run('2026-03-15')).toMatchObject({ created: 0 });
    await ok('disputes.resolve', { id: call.dispute.id, resolution: 'credit_note', date: '2026-03-16', creditNumber: 'CN-1', amount: 40_000 });
    await run('2026-03-17');
    expect((await tasks('2026-03-17')).map((i) => i.reason).sort()).toEqual([
      'Step 13 of Standard policy: dispute 1 was resolved 2026-03-16 (credit note)',
      'Step 6 of Standard policy: $400.00 is 45 days late (INV-1 due 2026-01-31); $400.00 overdue in all',
    ]);
  });

  it('reminds before the due date, and earlier for a disorganised customer', async () => {
    await ok('invoices.create', { number: 'INV-2', customerId: acme, issueDate: '2026-01-01', dueDate: '2026-03-31', amount: 10_000 });
    await ok('payments.record', { reference: 'P-1', customerId: acme, date: '2026-01-20', amount: 80_000 });
    await run('2026-03-24');
    expect(await tasks('2026-03-24')).toEqual([]);
    await ok('profiles.set', { customerId: acme, profile: 'disorganised', reason: 'Pays when reminded; lost two invoices.' });
    await run('2026-03-24');
    const [reminder] = await tasks('2026-03-24');
    expect(reminder).toMatchObject({ action: 'letter', template: 'Pre-due reminder', dueDate: '2026-03-24', reason: 'Step 2 of Standard policy: $100.00 falls due 2026-03-31, in 7 days (INV-2)' });
    expect(reminder.strategy).toMatch(/disorganised/);
  });

  it('adjusts steps to the profile: certified for an angry customer, a call for a good one', async () => {
    await ok('profiles.set', { customerId: acme, profile: 'angry', reason: 'Hung up twice.' });
    await run('2026-02-10');
    expect((await tasks('2026-02-10')).map((i) => i.action)).toEqual(['certified_letter']);
    const good = (await ok<{ id: number }>('customers.create', { code: 'GOOD', name: 'Good Co' })).id;
    await ok('invoices.create', { number: 'INV-G', customerId: good, issueDate: '2026-01-01', dueDate: '2026-01-31', amount: 5_000 });
    await ok('profiles.set', { customerId: good, profile: 'good', reason: 'Always pays.' });
    await run('2026-02-10');
    expect((await tasks('2026-02-10', good)).map((i) => [i.action, i.strategy])).toEqual([['call', expect.stringMatching(/courtesy call/)]]);
  });

  it('holds a customer on a signed payment plan out of dunning', async () => {
    await run('2026-02-10');
    const plan = await ok<{ id: number }>('plans.create', { customerId: acme, total: 80_000, count: 4, frequency: 'monthly', startDate: '2026-02-15', today: '2026-02-10' });
    await ok('plans.sign', { id: plan.id, signedOn: '2026-02-11', signedBy: 'Jo Acme' });
    expect(await run('2026-02-11')).toMatchObject({ created: 0, closed: 1 });
    expect(taskRows()[0].closed_note).toBe('Held out of dunning: what is due is covered by a payment plan');
    expect(await run('2026-02-17')).toMatchObject({ created: 0 }); // instalment 1 is in its grace days
    // Missed instalment 1 (due 2026-02-15, grace 2 days): the next task.
    await run('2026-02-18');
    expect((await tasks('2026-02-18')).map((i) => i.reason)).toEqual([expect.stringMatching(/^Step 12 of Standard policy: instalment 1 of payment plan \d+ \(\$200\.00 due 2026-02-15\) was missed$/)]);
  });

  it('a delivery check with a "no" raises a dispute on the invoice and closes the task', async () => {
    await ok('invoices.create', { number: 'INV-D', customerId: acme, issueDate: '2026-02-01', dueDate: '2026-03-03', amount: 30_000, deliveryDate: '2026-02-05' });
    await run('2026-02-06');
    const [check] = (await tasks('2026-02-06')).filter((i) => i.action === 'delivery_check');
    expect(check.reason).toBe('Step 1 of Standard policy: INV-D ($300.00) was delivered 2026-02-05');
    const before = snapshot(t.ledger);
    const answers = { onTime: true, intact: false, invoiceReceived: true, pricingCorrect: true, nothingBlocking: false };
    for (const bad of [
      { taskId: check.sourceId, occurredAt: '2026-02-06T09:00', answers },
      { taskId: check.sourceId, occurredAt: '2026-02-06T09:00', answers: { ...answers, intact: true, nothingBlocking: true }, dispute: { reason: 'damaged', amount: 100 } },
      { taskId: check.sourceId, occurredAt: '2026-02-06T09:00', answers, dispute: { reason: 'damaged', amount: 30_001 } },
      { taskId: 999, occurredAt: '2026-02-06T09:00', answers, notes: 'x' },
    ]) {
      expect((await dispatch(handlers, 'deliveries.confirm', bad, () => undefined)).ok).toBe(false);
    }
    expect(snapshot(t.ledger)).toEqual(before);
    const entry = await ok<{ summary: string; dispute: { amount: number } }>('deliveries.confirm', {
      taskId: check.sourceId,
      occurredAt: '2026-02-06T09:00',
      answers,
      notes: 'Two cartons crushed.',
      dispute: { reason: 'damaged', amount: 12_000 },
    });
    expect(entry.summary).toBe(
      'Delivery check for INV-D: arrived on time: yes; arrived intact: NO; invoice received: yes; pricing correct: yes; nothing stopping payment: NO. Two cartons crushed.',
    );
    expect(entry.dispute.amount).toBe(12_000);
    expect((await tasks('2026-02-06')).filter((i) => i.action === 'delivery_check')).toEqual([]);
  });

  it('skip, snooze and override: the clerk always has the last word, and says why', async () => {
    await run('2026-02-10');
    const [letter] = await tasks('2026-02-10');
    const before = snapshot(t.ledger);
    for (const bad of [
      { source: 'task', sourceId: letter.sourceId, action: 'skip', today: '2026-02-10' },
      { source: 'task', sourceId: letter.sourceId, action: 'override', note: 'x', today: '2026-02-10' },
      { source: 'follow_up', sourceId: letter.sourceId, action: 'skip', note: 'x', today: '2026-02-10' },
    ]) {
      expect((await dispatch(handlers, 'worklist.act', bad, () => undefined)).ok).toBe(false);
    }
    expect(snapshot(t.ledger)).toEqual(before);
    await ok('worklist.act', { source: 'task', sourceId: letter.sourceId, action: 'override', newAction: 'call', note: 'They prefer the phone.', today: '2026-02-10' });
    expect((await tasks('2026-02-10'))[0]).toMatchObject({ action: 'call', template: null, override: { from: 'letter', note: 'They prefer the phone.' } });
    await ok('worklist.act', { source: 'task', sourceId: letter.sourceId, action: 'skip', note: 'Spoke to them yesterday.', today: '2026-02-10' });
    await run('2026-02-11');
    expect(await tasks('2026-02-11')).toEqual([]);
    expect(taskRows()[0]).toMatchObject({ status: 'skipped', closed_note: 'Spoke to them yesterday.' });
  });

  it('the worklist reruns the policy when its inputs change, and not after a restart on the same day', async () => {
    expect((await tasks('2026-02-07')).map((i) => i.action)).toEqual(['call']);
    const p = await ok<Policy>('policy.get', {});
    await ok('policy.save', { name: p.name, steps: p.steps.map(({ seq: _seq, ...s }) => (s.days === 10 ? { ...s, days: 5 } : s)) });
    expect((await tasks('2026-02-07')).map((i) => i.action)).toEqual(['letter']);
    const stamp = t.ledger.db.prepare(`SELECT value FROM ledger_setting WHERE key = 'policy_last_run'`).pluck().get();
    expect(stamp).toMatch(/^2026-02-07\|/);
    handlers = createHandlers(t.ledger);
    await tasks('2026-02-07');
    expect(t.ledger.db.prepare(`SELECT value FROM ledger_setting WHERE key = 'policy_last_run'`).pluck().get()).toBe(stamp);
    await ok('payments.record', { reference: 'P-1', customerId: acme, date: '2026-02-07', amount: 80_000 });
    expect(await tasks('2026-02-07')).toEqual([]);
  });

  it('saves an edited policy in order, keeps step ids so tasks are not made twice, and refuses bad steps whole', async () => {
    const p = await ok<Policy>('policy.get', {});
    await run('2026-02-10');
    const edited = p.steps.filter((s) => s.trigger === 'days_from_due' && s.days >= 0).map((s) => (s.days === 10 ? { ...s, days: 7, name: 'Polite letter at a week' } : s));
    const saved = await ok<Policy>('policy.save', { name: 'Our policy', steps: edited.map(({ seq: _seq, ...s }) => s) });
    expect(saved.steps.map((s) => s.name).slice(0, 2)).toEqual(['Courtesy call on the due date', 'Polite letter at a week']);
    expect(await run('2026-02-10')).toMatchObject({ created: 0 });
    const before = snapshot(t.ledger);
    for (const bad of [
      { name: '', steps: [] },
      { name: 'X', steps: [{ name: 'Too early', trigger: 'promise_broken', days: -2, action: 'call' }] },
      { name: 'X', steps: [{ name: 'Odd', trigger: 'days_from_due', days: 5, action: 'shout' }] },
      { name: 'X', steps: [{ id: 9999, name: 'Ghost', trigger: 'days_from_due', days: 5, action: 'call' }] },
    ]) {
      expect((await dispatch(handlers, 'policy.save', bad, () => undefined)).ok).toBe(false);
    }
    expect(snapshot(t.ledger)).toEqual(before);
    expect((await ok<Policy>('policy.reset', {})).steps).toHaveLength(13);
  });
});
