import type { Handlers } from '../../src-main/contract';
import { createHandlers } from '../../src-main/services/create-services';
import { serviceCaller } from '../support/service-caller';
import { openTempLedger } from '../support/temp-ledger';

// The cases of issue 10 in which Settle asked for money that was not collectable, each replayed
// through dispatch on a fresh ledger. Fees and letters have their own in fees.test.ts and the
// letters suites; these are the policy's, the plans' and the card's.

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok } = serviceCaller(() => handlers, () => t.ledger);
let acme: number;

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger);
  acme = (await ok<{ id: number }>('customers.create', { code: 'ACME', name: 'Acme Supply' })).id;
});
afterEach(() => t.cleanup());

const invoice = (number: string, issueDate: string, dueDate: string, amount: number) =>
  ok<{ id: number }>('invoices.create', { number, customerId: acme, issueDate, dueDate, amount });
const run = (today: string) => ok<{ created: number; closed: number }>('policy.run', { today });
const openTasks = () =>
  t.ledger.db.prepare(`SELECT dedupe_key AS key, action, amount, reason FROM task WHERE status = 'open' ORDER BY id`).all() as {
    key: string;
    action: string;
    amount: number | null;
    reason: string;
  }[];
const card = (asOf: string) => ok<{ collectable: { overdue: number; onPlan: number; disputed: number } }>('customers.card', { id: acme, asOf });

describe('issue 10, replayed', () => {
  it('1. a payment recorded before its invoice pays it: no dunning, nothing overdue', async () => {
    await ok('payments.record', { reference: 'P-1', customerId: acme, date: '2026-01-03', amount: 50_000 });
    await invoice('INV-1', '2026-01-05', '2026-02-04', 50_000);
    await run('2026-03-20');
    expect(openTasks()).toEqual([]);
    expect((await card('2026-03-20')).collectable.overdue).toBe(0);
    const aging = await ok<{ rows: unknown[] }>('aging.report', { asOf: '2026-03-20' });
    expect(aging.rows).toEqual([]);
  });

  it('2. disputed money is not demanded, and a partial dispute holds only its part', async () => {
    const inv1 = await invoice('INV-1', '2026-01-01', '2026-01-31', 100_000);
    const inv2 = await invoice('INV-2', '2026-01-01', '2026-01-31', 500_000);
    const inv3 = await invoice('INV-3', '2026-01-01', '2026-01-31', 3_850_800);
    const dispute = (invoiceId: number, amount: number) =>
      ok('activities.record', { customerId: acme, occurredAt: '2026-02-01T10:00', outcome: 'dispute_raised', summary: 'Pricing query.', dispute: { reason: 'pricing', invoiceIds: [invoiceId], amount } });
    await dispute(inv2.id, 500_000);
    await dispute(inv3.id, 1_263_555);
    await run('2026-02-10');
    const [task] = openTasks();
    // 1,000.00 + the undisputed 25,872.45 of INV-3; none of INV-2.
    expect(task).toMatchObject({ action: 'letter', amount: 100_000 + 2_587_245 });
    expect(task.reason).toBe('Step 4 of Standard policy: $26,872.45 is 10 days late (INV-1, INV-3 due 2026-01-31); $26,872.45 overdue in all');
    expect(inv1.id).toBeGreaterThan(0);
  });

  it('3. a plan for part of the balance leaves the rest, and later invoices, in normal collections', async () => {
    await invoice('INV-1', '2026-01-01', '2026-01-31', 600_000);
    await invoice('INV-2', '2026-01-01', '2026-02-10', 400_000);
    const proposal = await ok<{ outsidePlan: number; items: { label: string; amount: number }[] }>('plans.propose', {
      customerId: acme,
      total: 600_000,
      count: 6,
      frequency: 'monthly',
      startDate: '2026-03-01',
      today: '2026-02-20',
    });
    expect(proposal).toMatchObject({ outsidePlan: 400_000, items: [{ label: 'INV-1', amount: 600_000 }] });
    const plan = await ok<{ id: number }>('plans.create', { customerId: acme, total: 600_000, count: 6, frequency: 'monthly', startDate: '2026-03-01', today: '2026-02-20' });
    await ok('plans.sign', { id: plan.id, signedOn: '2026-02-20', signedBy: 'Jo Acme' });
    await run('2026-02-20');
    expect(openTasks()).toEqual([expect.objectContaining({ action: 'letter', amount: 400_000, reason: expect.stringContaining('INV-2 due 2026-02-10') })]);
    await invoice('INV-3', '2026-02-20', '2026-03-05', 70_000);
    expect((await card('2026-03-20')).collectable).toMatchObject({ overdue: 470_000, onPlan: 600_000 });
  });

  it('4. paying another invoice does not complete the plan or end its hold', async () => {
    await invoice('INV-1', '2026-01-01', '2026-01-31', 600_000);
    const plan = await ok<{ id: number }>('plans.create', { customerId: acme, total: 600_000, count: 3, frequency: 'monthly', startDate: '2026-03-01', today: '2026-02-20' });
    await ok('plans.sign', { id: plan.id, signedOn: '2026-02-20', signedBy: 'Jo Acme' });
    const inv2 = await invoice('INV-2', '2026-02-21', '2026-03-21', 900_000);
    await ok('payments.record', { reference: 'P-2', customerId: acme, date: '2026-02-25', amount: 900_000, invoiceId: inv2.id });
    await run('2026-02-26');
    const [listed] = await ok<{ status: string; paidToDate: number }[]>('plans.list', { customerId: acme, today: '2026-02-26' });
    expect(listed).toMatchObject({ status: 'signed', paidToDate: 0 });
    const status = t.ledger.db.prepare('SELECT status FROM customer WHERE id = ?').pluck().get(acme);
    expect(status).toBe('payment_plan');
    // Money to the plan's invoice does count.
    await ok('payments.record', { reference: 'P-3', customerId: acme, date: '2026-03-01', amount: 200_000, invoiceId: (await ok<{ openItems: { invoiceId: number }[] }>('customers.card', { id: acme, asOf: '2026-03-01' })).openItems[0].invoiceId });
    const [after] = await ok<{ paidToDate: number }[]>('plans.list', { customerId: acme, today: '2026-03-01' });
    expect(after.paidToDate).toBe(200_000);
  });

  it('5. a customer comes back to the worklist when a plan is cancelled, at the step their age has reached; the plan’s tasks close', async () => {
    await invoice('INV-1', '2025-08-01', '2025-08-31', 300_000);
    await run('2025-12-29'); // 120 days: write-off review
    expect(openTasks().map((x) => x.action)).toEqual(['write_off_review']);
    const plan = await ok<{ id: number }>('plans.create', { customerId: acme, total: 300_000, count: 3, frequency: 'monthly', startDate: '2026-01-01', today: '2025-12-30', overrideReason: 'Last chance.' });
    await ok('plans.sign', { id: plan.id, signedOn: '2025-12-30', signedBy: 'Jo Acme' });
    await run('2025-12-30');
    expect(openTasks()).toEqual([]);
    await run('2026-01-05'); // instalment 1 (due 01-01) missed after the grace days
    expect(openTasks().map((x) => x.key)).toEqual([expect.stringMatching(/^instalment:/)]);
    await ok('plans.cancel', { id: plan.id, reason: 'Customer stopped answering.', today: '2026-01-06' });
    expect(openTasks()).toEqual([]);
    await run('2026-01-06');
    expect(openTasks().map((x) => [x.action, x.amount])).toEqual([['write_off_review', 300_000]]);
  });

  it('found by the model test: an item whose step was superseded when another took the focus is dunned again once that other is disputed', async () => {
    // Two invoices due the same day; the first is planned, so the policy's focus is the second.
    const first = await invoice('INV-1', '2026-01-01', '2026-01-31', 2_501);
    const plan = await ok<{ id: number }>('plans.create', { customerId: acme, total: 2_501, count: 1, frequency: 'monthly', startDate: '2026-02-15', today: '2026-01-20', overrideReason: 'A small balance, one payment.' });
    await ok('plans.sign', { id: plan.id, signedOn: '2026-01-20', signedBy: 'Jo Acme' });
    await invoice('INV-2', '2026-01-01', '2026-01-31', 2_501);
    await run('2026-01-31');
    expect(openTasks().map((x) => x.key)).toEqual([expect.stringMatching(/:i\d+$/)]);
    const second = openTasks()[0].key;
    // The plan is cancelled: the focus moves to INV-1, and INV-2's task is superseded.
    await ok('plans.cancel', { id: plan.id, reason: 'Changed their mind.', today: '2026-01-31' });
    await run('2026-01-31');
    expect(openTasks().map((x) => x.key)).toEqual([expect.stringMatching(new RegExp(`:i${first.id}(@|$)`))]);
    // INV-1 is disputed in full: INV-2 is what may be asked for, so its step is open again.
    await ok('activities.record', { customerId: acme, occurredAt: '2026-01-31T10:00', outcome: 'dispute_raised', summary: 'Wrong goods.', dispute: { reason: 'pricing', invoiceIds: [first.id], amount: 2_501 } });
    await run('2026-01-31');
    expect(openTasks().map((x) => [x.key, x.amount])).toEqual([[second, 2_501]]);
  });

  it('8. one stage per customer: no friendly reminder beside a demand, and the reason says how much is how late', async () => {
    await invoice('INV-340', '2026-01-01', '2026-01-10', 90_700);
    await invoice('INV-341', '2026-03-01', '2026-03-10', 3_013_306);
    await invoice('INV-342', '2026-03-20', '2026-03-28', 50_000);
    await run('2026-03-26');
    const tasks = openTasks();
    expect(tasks.some((x) => x.key.startsWith('due:'))).toBe(false);
    expect(tasks.map((x) => x.action).sort()).toEqual(['credit_hold', 'escalate_principal']);
    expect(tasks.every((x) => x.reason.endsWith('$907.00 is 75 days late (INV-340 due 2026-01-10); $31,040.06 overdue in all'))).toBe(true);
  });
});
