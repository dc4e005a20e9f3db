import fc from 'fast-check';
import type {  Handlers, PaymentPlan, PlanProposal, ServiceErrorData } from '../../src-main/contract';
import { instalmentDueDate, monthlyEquivalent, splitTotal } from '../../src-main/plans/plan-schedule';
import { collectableOf } from '../../src-main/collectable/collectable';
import { closeCompletedPlans, completedPlans, instalmentStates, missedInstalments } from '../../src-main/plans/plan-tracking';
import { createHandlers } from '../../src-main/services/create-services';
import { pdfInfo, pdfPages, pdfText } from '../support/pdf-text';
import { openTempLedger, snapshot } from '../support/temp-ledger';
import { serviceCaller } from '../support/service-caller';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok, refused } = serviceCaller(() => handlers, () => t.ledger);
let cust: number;
let refs = 0;

const TODAY = '2026-03-01';

const pay = (date: string, amount: number, customerId = cust) => ok('payments.record', { reference: `PAY-${++refs}`, customerId, date, amount });
const setting = (key: string, value: string) =>
  t.ledger.db.prepare('INSERT INTO ledger_setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
const terms = (over: Record<string, unknown> = {}) => ({ customerId: cust, total: 300_000, count: 3, frequency: 'monthly', startDate: '2026-03-15', today: TODAY, ...over });
const propose = (over: Record<string, unknown> = {}) => ok<PlanProposal>('plans.propose', terms(over));
const check = (p: PlanProposal, code: string) => p.fairness.checks.find((c) => c.code === code)!;
const customerStatus = () => t.ledger.db.prepare('SELECT status FROM customer WHERE id = ?').pluck().get(cust) as string;
const statusChanges = () =>
  t.ledger.db.prepare('SELECT status, previous, reason, changed_by AS changedBy FROM status_change WHERE customer_id = ? ORDER BY id').all(cust);
const notes = () => t.ledger.db.prepare(`SELECT summary FROM activity WHERE customer_id = ? AND kind = 'note' ORDER BY id`).pluck().all(cust) as string[];
const planOf = async (id: number, today: string) => (await ok<PaymentPlan[]>('plans.list', { customerId: cust, today })).find((p) => p.id === id)!;

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger);
  refs = 0;
  cust = (
    await ok<{ id: number }>('customers.create', {
      code: 'ACME',
      name: 'Acme Trading Pty',
      address1: '12 Harbour Street',
      city: 'Springfield',
      region: 'NSW',
      postalCode: '2000',
      country: 'Australia',
    })
  ).id;
  await ok('invoices.create', { number: 'INV-1', customerId: cust, issueDate: '2026-01-01', dueDate: '2026-01-31', amount: 600_000 });
});
afterEach(() => t.cleanup());

describe('the schedule', () => {
  it('splits any total into whole cents that add up exactly, the odd cents on the first instalment', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000_000_000_000 }), fc.integer({ min: 1, max: 120 }), (total, count) => {
        fc.pre(count <= total);
        const parts = splitTotal(total, count);
        expect(parts).toHaveLength(count);
        expect(parts.reduce((s, p) => s + p, 0)).toBe(total);
        expect(parts.every((p) => Number.isInteger(p) && p > 0)).toBe(true);
        expect(new Set(parts.slice(1)).size).toBeLessThanOrEqual(1);
        expect(parts[0] - parts[parts.length - 1]).toBeGreaterThanOrEqual(0);
        expect(parts[0] - parts[parts.length - 1]).toBeLessThan(count);
      }),
    );
  });

  it('proposes the schedule through the service', async () => {
    const p = await propose({ total: 100_000 });
    expect(p.schedule).toEqual([
      { seq: 1, dueDate: '2026-03-15', amount: 33_334 },
      { seq: 2, dueDate: '2026-04-15', amount: 33_333 },
      { seq: 3, dueDate: '2026-05-15', amount: 33_333 },
    ]);
    expect(p.balance).toBe(600_000);
    expect(p.overdue).toBe(600_000);
  });

  it('keeps the start day each month, clamped to the month end, counted from the start each time', async () => {
    expect([1, 2, 3, 4, 13, 14].map((k) => instalmentDueDate('2026-01-31', 'monthly', k))).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2027-01-31',
      '2027-02-28',
    ]);
    expect(instalmentDueDate('2028-01-31', 'monthly', 2)).toBe('2028-02-29');
    expect(instalmentDueDate('2026-03-30', 'weekly', 3)).toBe('2026-04-13');
    expect(instalmentDueDate('2026-12-25', 'fortnightly', 2)).toBe('2027-01-08');
    const p = await propose({ startDate: '2026-03-31', total: 400_000, count: 4 });
    expect(p.schedule.map((s) => s.dueDate)).toEqual(['2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30']);
  });

  it('converts weekly and fortnightly instalments to a monthly figure', () => {
    expect(monthlyEquivalent(12_000, 'weekly')).toBe(52_000);
    expect(monthlyEquivalent(12_000, 'fortnightly')).toBe(26_000);
    expect(monthlyEquivalent(12_000, 'monthly')).toBe(12_000);
  });
});

describe('fairness', () => {
  it('passes a plan inside the limits, and writes nothing when proposing', async () => {
    const before = snapshot(t.ledger);
    const p = await propose({ total: 600_000, count: 6 });
    expect(p.fairness.fair).toBe(true);
    expect(p.fairness.checks.map((c) => [c.code, c.severity, c.ok])).toEqual([
      ['length', 'limit', true],
      ['minimum', 'limit', true],
      ['covers_balance', 'warning', true],
      ['history_capacity', 'warning', true],
      ['promises', 'warning', true],
      ['previous_plan', 'warning', true],
    ]);
    expect(check(p, 'covers_balance').text).toBe('The plan covers all $6,000.00 that may be asked for.');
    expect(check(p, 'history_capacity').text).toMatch(/no payments in the last 12 months/);
    expect(snapshot(t.ledger)).toEqual(before);
  });

  it('length: the last instalment may fall at most plan_max_months after the start', async () => {
    expect(check(await propose({ total: 600_000, count: 13 }), 'length').ok).toBe(true); // 12 months after
    const long = await propose({ total: 600_000, count: 14 });
    expect(check(long, 'length')).toMatchObject({ ok: false, severity: 'limit' });
    expect(check(long, 'length').text).toBe(
      'The last instalment would be due 2027-04-15, more than 12 months after the start on 2026-03-15 (the latest allowed is 2027-03-15). Use fewer or larger instalments.',
    );
    expect(long.fairness.fair).toBe(false);
    setting('plan_max_months', '3');
    expect(check(await propose({ total: 600_000, count: 4 }), 'length').ok).toBe(true);
    expect(check(await propose({ total: 600_000, count: 5 }), 'length').ok).toBe(false);
    expect(check(await propose({ total: 600_000, count: 14, frequency: 'weekly' }), 'length').ok).toBe(true);
  });

  it('minimum: every instalment at least plan_min_instalment', async () => {
    expect(check(await propose({ total: 50_000, count: 10, frequency: 'weekly' }), 'minimum').ok).toBe(true); // exactly $50.00
    const small = await propose({ total: 49_999, count: 10, frequency: 'weekly' });
    expect(check(small, 'minimum')).toMatchObject({ ok: false, text: 'Instalments of $49.99 are below the minimum of $50.00. Use fewer instalments.' });
    expect(small.fairness.fair).toBe(false);
    setting('plan_min_instalment', '1000');
    expect(check(await propose({ total: 49_999, count: 10, frequency: 'weekly' }), 'minimum').ok).toBe(true);
  });

  it('covers_balance: a plan for part of the balance says what stays in normal collections (a warning only)', async () => {
    const p = await propose({ total: 500_000, count: 5 });
    expect(check(p, 'covers_balance')).toEqual({
      code: 'covers_balance',
      severity: 'warning',
      ok: false,
      text: 'The plan covers $5,000.00 of the $6,000.00 that may be asked for; the remaining $1,000.00 stays in normal collections.',
    });
    expect(p.fairness.fair).toBe(true);
  });

  it('history_capacity: warns when one instalment a month is more than 1.5 times their average monthly payments', async () => {
    await ok('invoices.create', { number: 'INV-0', customerId: cust, issueDate: '2025-03-01', dueDate: '2025-03-31', amount: 1_200_000 });
    await pay('2025-02-15', 500_000); // before the 12 months: not counted
    for (let m = 0; m < 12; m++) await pay(`${m < 10 ? 2025 : 2026}-${String(((m + 2) % 12) + 1).padStart(2, '0')}-15`, 100_000);
    // 1,200,000 paid in the 12 months: 100,000 a month on average.
    expect((await propose({ total: 100_000, count: 1 })).balance).toBe(600_000 + 1_200_000 - 500_000 - 1_200_000);
    await ok('invoices.create', { number: 'INV-2', customerId: cust, issueDate: '2026-02-01', dueDate: '2026-02-28', amount: 900_000 });
    // 600,000 over 4 months is 150,000 a month: exactly 1.5 times, not more.
    expect(check(await propose({ total: 600_000, count: 4 }), 'history_capacity')).toMatchObject({
      ok: true,
      text: 'One instalment is $1,500.00 a month; over the last 12 months they have paid $1,000.00 a month on average.',
    });
    const steep = await propose({ total: 600_000, count: 3 });
    expect(check(steep, 'history_capacity')).toMatchObject({
      ok: false,
      severity: 'warning',
      text: 'One instalment is $2,000.00 a month, much larger than they have paid on average: $1,000.00 a month over the last 12 months.',
    });
    expect(steep.fairness.fair).toBe(true);
    // Weekly: 34,616 × 52 / 12 = 150,003 a month, just over; 34,615 → 149,998.
    expect(check(await propose({ total: 34_616 * 4, count: 4, frequency: 'weekly' }), 'history_capacity').ok).toBe(false);
    const weekly = await propose({ total: 34_615 * 4, count: 4, frequency: 'weekly' });
    expect(check(weekly, 'history_capacity')).toMatchObject({ ok: true });
    expect(check(weekly, 'history_capacity').text).toMatch(/^One instalment of \$346\.15 comes to about \$1,499\.98 a month;/);
    expect(check(await propose({ total: 600_000, count: 6, frequency: 'fortnightly' }), 'history_capacity').ok).toBe(false); // 216,667 a month
  });

  it('promises: two or more broken in the last 12 months suggest a shorter plan or money up front', async () => {
    const promise = (madeOn: string, date: string) =>
      ok('activities.record', { customerId: cust, occurredAt: `${madeOn}T10:00`, summary: 'Promised to pay.', promise: { amount: 10_000, date } });
    await promise('2025-01-05', '2025-01-10'); // more than 12 months ago
    await promise('2026-01-05', '2026-01-10');
    const one = await propose();
    expect(check(one, 'promises')).toMatchObject({ ok: true, text: 'One promise to pay in the last 12 months was broken or only partly kept.' });
    await promise('2026-02-01', '2026-02-05');
    const two = await propose();
    expect(check(two, 'promises')).toMatchObject({
      ok: false,
      severity: 'warning',
      text: '2 promises to pay in the last 12 months were broken or only partly kept. Consider a shorter plan, or a first payment up front.',
    });
    expect(two.fairness.fair).toBe(true);
  });

  it('previous_plan: warns when an earlier plan was cancelled after a missed instalment', async () => {
    const withdrawn = await ok<PaymentPlan>('plans.create', terms());
    await ok('plans.cancel', { id: withdrawn.id, reason: 'Customer chose to pay in full.', today: '2026-03-02' });
    expect(check(await propose({ today: '2026-03-02' }), 'previous_plan')).toMatchObject({ ok: true });

    const failed = await ok<PaymentPlan>('plans.create', terms({ today: '2026-03-02' }));
    await ok('plans.sign', { id: failed.id, signedOn: '2026-03-02', signedBy: 'Jo Acme' });
    await ok('plans.cancel', { id: failed.id, reason: 'Nothing paid.', today: '2026-04-20' });
    const p = await propose({ today: '2026-04-20', startDate: '2026-05-01' });
    expect(check(p, 'previous_plan')).toEqual({
      code: 'previous_plan',
      severity: 'warning',
      ok: false,
      text: `Payment plan ${failed.id} was cancelled on 2026-04-20 after instalment 1 ($1,000.00 due 2026-03-15) was missed.`,
    });
  });
});

describe('making, signing and cancelling a plan', () => {
  it('creates a proposed plan with its instalments and fairness, and notes it on the timeline', async () => {
    const plan = await ok<PaymentPlan>('plans.create', { ...terms({ total: 100_000 }), by: 'Sam' });
    expect(plan).toMatchObject({
      customerId: cust,
      status: 'proposed',
      total: 100_000,
      count: 3,
      frequency: 'monthly',
      startDate: '2026-03-15',
      createdOn: TODAY,
      createdBy: 'Sam',
      signedOn: null,
      overrideReason: null,
      paidToDate: 0,
      nextDue: { seq: 1, dueDate: '2026-03-15', amount: 33_334 },
    });
    expect(plan.fairness.fair).toBe(true);
    expect(plan.instalments.map((i) => [i.seq, i.dueDate, i.amount, i.paid, i.state])).toEqual([
      [1, '2026-03-15', 33_334, 0, 'upcoming'],
      [2, '2026-04-15', 33_333, 0, 'upcoming'],
      [3, '2026-05-15', 33_333, 0, 'upcoming'],
    ]);
    expect(notes()).toEqual(['Payment plan 1 proposed: $1,000.00 in 3 monthly instalments from 2026-03-15, covering INV-1.']);
  });

  it('refuses a plan outside the limits unless a reason is given, and keeps the reason', async () => {
    const before = snapshot(t.ledger);
    const e = await refused('plans.create', terms({ total: 600_000, count: 14 }));
    expect(e).toMatchObject({ code: 'validation', fields: { overrideReason: 'Say why this plan is right despite the limits' } });
    expect(e.message).toMatch(/more than 12 months after the start/);
    expect(snapshot(t.ledger)).toEqual(before);

    const plan = await ok<PaymentPlan>('plans.create', { ...terms({ total: 600_000, count: 14 }), overrideReason: 'Seasonal business; the owner asked for 14 months.' });
    expect(plan.overrideReason).toBe('Seasonal business; the owner asked for 14 months.');
    expect(plan.fairness.fair).toBe(false);
    expect(notes()[0]).toMatch(/Agreed outside the limits because: Seasonal business/);
  });

  it('refuses bad input with a clear message and changes nothing', async () => {
    await pay('2026-02-01', 100_000);
    const other = (await ok<{ id: number }>('customers.create', { code: 'ZED', name: 'Zed Ltd' })).id;
    let before = snapshot(t.ledger);
    expect(await refused('plans.create', { ...terms(), total: 500_001 })).toMatchObject({
      code: 'validation',
      message: 'The plan total is more than the $5,000.00 of what may be asked for (open items less disputed amounts and unapplied cash).',
      fields: { total: 'At most $5,000.00' },
    });
    expect(snapshot(t.ledger)).toEqual(before);

    const proposed = await ok<PaymentPlan>('plans.create', terms({ total: 100_000 }));
    before = snapshot(t.ledger);
    const cases: [string, unknown, Partial<ServiceErrorData>][] = [
      ['plans.propose', terms({ total: 0 }), { code: 'validation', fields: { total: 'The plan total must be more than zero' } }],
      ['plans.propose', terms({ total: 12.5 }), { code: 'validation', fields: { total: 'The total must be in whole cents' } }],
      ['plans.propose', terms({ count: 0 }), { code: 'validation', fields: { count: 'At least one instalment' } }],
      ['plans.propose', terms({ count: 121 }), { code: 'validation', fields: { count: 'At most 120 instalments' } }],
      ['plans.propose', terms({ total: 5, count: 6 }), { code: 'validation', fields: { count: 'Too many instalments for this amount: each must be at least one cent' } }],
      ['plans.propose', terms({ frequency: 'daily' }), { code: 'validation', fields: { frequency: 'Choose weekly, fortnightly or monthly' } }],
      ['plans.propose', terms({ startDate: '2026-02-28' }), { code: 'validation', fields: { startDate: 'The first instalment cannot fall before today' } }],
      ['plans.propose', terms({ startDate: '2026-02-30' }), { code: 'validation', fields: { startDate: 'Start date must be a real date like 2026-03-31' } }],
      ['plans.propose', { ...terms(), extra: 1 }, { code: 'validation' }],
      ['plans.propose', terms({ customerId: 999 }), { code: 'not_found', fields: { customerId: 'Not found' } }],
      ['plans.propose', terms({ customerId: other }), { code: 'validation', message: 'The customer owes nothing, so there is nothing to plan.' }],
      ['plans.create', terms({ customerId: other, total: 100 }), { code: 'validation', fields: { total: 'Nothing is owed' } }],
      ['plans.sign', { id: proposed.id, signedOn: '2026-02-28', signedBy: 'Jo' }, { code: 'validation', fields: { signedOn: 'On or after 2026-03-01' } }],
      ['plans.sign', { id: proposed.id, signedOn: TODAY, signedBy: '  ' }, { code: 'validation', fields: { signedBy: 'Say who signed for the customer' } }],
      ['plans.sign', { id: 999, signedOn: TODAY, signedBy: 'Jo' }, { code: 'not_found' }],
      ['plans.cancel', { id: proposed.id, reason: '', today: TODAY }, { code: 'validation', fields: { reason: 'Say why the plan is cancelled' } }],
      ['plans.list', { customerId: 999, today: TODAY }, { code: 'not_found' }],
      ['plans.agreement', { id: 999 }, { code: 'not_found' }],
    ];
    for (const [method, input, expected] of cases) expect([method, input, await refused(method, input)]).toMatchObject([method, input, expected]);
    // A second plan while one is proposed (or signed) is a conflict.
    expect(await refused('plans.create', terms({ total: 100_000 }))).toMatchObject({ code: 'conflict', fields: { customerId: `Plan ${proposed.id} is proposed` } });
    expect(await refused('plans.propose', terms({ total: 100_000 }))).toMatchObject({ code: 'conflict' });
    expect(snapshot(t.ledger)).toEqual(before);
  });

  it('signing puts the customer on payment plan, logged like any status change; only a proposed plan can be signed', async () => {
    const plan = await ok<PaymentPlan>('plans.create', terms());
    const signed = await ok<PaymentPlan>('plans.sign', { id: plan.id, signedOn: '2026-03-02', signedBy: 'Jo Acme' });
    expect(signed).toMatchObject({ status: 'signed', signedOn: '2026-03-02', signedBy: 'Jo Acme' });
    expect(customerStatus()).toBe('payment_plan');
    expect(statusChanges()).toEqual([{ status: 'payment_plan', previous: 'active', reason: `Payment plan ${plan.id} signed`, changedBy: 'Jo Acme' }]);
    const card = await ok<{ statusHistory: { status: string; reason: string }[] }>('customers.card', { id: cust, asOf: '2026-03-02' });
    expect(card.statusHistory[0]).toMatchObject({ status: 'payment_plan', reason: `Payment plan ${plan.id} signed` });
    expect(notes().slice(1)).toEqual([
      `Payment plan ${plan.id} signed by Jo Acme on 2026-03-02.`,
      `Status changed from active to payment plan: Payment plan ${plan.id} signed`,
    ]);
    // The plan's items are held out of what may be asked for, by exactly what it covers.
    expect(collectableOf(t.ledger.db, cust, '2026-03-02').onPlan).toBe(plan.total);

    const before = snapshot(t.ledger);
    expect(await refused('plans.sign', { id: plan.id, signedOn: '2026-03-03', signedBy: 'Jo' })).toMatchObject({
      code: 'conflict',
      message: `Only a proposed plan can be signed; plan ${plan.id} is signed.`,
    });
    expect(await refused('plans.create', terms({ total: 100_000 }))).toMatchObject({ code: 'conflict', fields: { customerId: `Plan ${plan.id} is signed` } });
    expect(snapshot(t.ledger)).toEqual(before);

    // The clerk's own status changes still work through the shared function.
    await ok('customers.setStatus', { id: cust, status: 'credit_hold', reason: 'Testing the shared path.', by: 'Sam' });
    expect(statusChanges()[1]).toEqual({ status: 'credit_hold', previous: 'payment_plan', reason: 'Testing the shared path.', changedBy: 'Sam' });
  });

  it('cancelling a signed plan returns the customer to active, logged; cancelling a proposal leaves the status alone', async () => {
    const plan = await ok<PaymentPlan>('plans.create', terms());
    await ok('plans.sign', { id: plan.id, signedOn: TODAY, signedBy: 'Jo' });
    const cancelled = await ok<PaymentPlan>('plans.cancel', { id: plan.id, reason: 'Customer sold the business.', today: '2026-03-20' });
    expect(cancelled).toMatchObject({ status: 'cancelled', closedOn: '2026-03-20', closedReason: 'Customer sold the business.' });
    expect(customerStatus()).toBe('active');
    expect(statusChanges()[1]).toEqual({ status: 'active', previous: 'payment_plan', reason: `Payment plan ${plan.id} cancelled: Customer sold the business.`, changedBy: null });
    expect(notes()).toContain(`Payment plan ${plan.id} cancelled: Customer sold the business.`);
    expect(collectableOf(t.ledger.db, cust, '2026-03-20').onPlan).toBe(0);

    const before = snapshot(t.ledger);
    expect(await refused('plans.cancel', { id: plan.id, reason: 'Again.', today: '2026-03-21' })).toMatchObject({ code: 'conflict', message: `Plan ${plan.id} is already cancelled.` });
    expect(snapshot(t.ledger)).toEqual(before);

    const proposal = await ok<PaymentPlan>('plans.create', terms({ today: '2026-03-20', startDate: '2026-04-01' }));
    await ok('plans.cancel', { id: proposal.id, reason: 'Not agreed.', today: '2026-03-21' });
    expect(statusChanges()).toHaveLength(2);
    const list = await ok<PaymentPlan[]>('plans.list', { customerId: cust, today: '2026-03-21' });
    expect(list.map((p) => [p.id, p.status])).toEqual([
      [proposal.id, 'cancelled'],
      [plan.id, 'cancelled'],
    ]);
  });
});

describe('tracking a signed plan against payments', () => {
  it('counts payments from the signing day cumulatively: paid, part paid, due, missed, upcoming', async () => {
    await pay('2026-02-20', 50_000); // before the plan: not counted
    const plan = await ok<PaymentPlan>('plans.create', terms());
    await ok('plans.sign', { id: plan.id, signedOn: TODAY, signedBy: 'Jo' });
    const states = async (today: string) => (await planOf(plan.id, today)).instalments.map((i) => [i.seq, i.paid, i.state]);

    expect(await states('2026-03-14')).toEqual([[1, 0, 'upcoming'], [2, 0, 'upcoming'], [3, 0, 'upcoming']]);
    expect(await states('2026-03-17')).toEqual([[1, 0, 'due'], [2, 0, 'upcoming'], [3, 0, 'upcoming']]); // grace: 2 days
    expect(await states('2026-03-18')).toEqual([[1, 0, 'missed'], [2, 0, 'upcoming'], [3, 0, 'upcoming']]);
    expect(missedInstalments(t.ledger.db, '2026-03-18')).toEqual([
      { planId: plan.id, instalmentId: plan.instalments[0].id, customerId: cust, seq: 1, dueDate: '2026-03-15', amount: 100_000, paid: 0 },
    ]);

    await pay('2026-03-20', 130_000); // late, and a little ahead
    expect(await states('2026-03-20')).toEqual([[1, 100_000, 'paid'], [2, 30_000, 'part_paid'], [3, 0, 'upcoming']]);
    expect(missedInstalments(t.ledger.db, '2026-03-20')).toEqual([]);
    expect(await states('2026-04-16')).toEqual([[1, 100_000, 'paid'], [2, 30_000, 'part_paid'], [3, 0, 'upcoming']]);
    expect(await states('2026-04-18')).toEqual([[1, 100_000, 'paid'], [2, 30_000, 'missed'], [3, 0, 'upcoming']]);
    expect(missedInstalments(t.ledger.db, '2026-04-18')).toMatchObject([{ planId: plan.id, seq: 2, dueDate: '2026-04-15', amount: 100_000, paid: 30_000 }]);

    await pay('2026-04-19', 70_000);
    const after = await planOf(plan.id, '2026-04-19');
    expect(after.instalments.map((i) => i.state)).toEqual(['paid', 'paid', 'upcoming']);
    expect(after.paidToDate).toBe(200_000);
    expect(after.nextDue).toEqual({ seq: 3, dueDate: '2026-05-15', amount: 100_000 });
    // A payment dated later than the day we look does not count yet.
    await pay('2026-05-10', 100_000);
    expect((await planOf(plan.id, '2026-05-09')).paidToDate).toBe(200_000);
    expect((await planOf(plan.id, '2026-05-10')).nextDue).toBeNull();
  });

  it('the pure rule: money fills instalments in order; missed wins over part paid once the grace is over', () => {
    const rows = [
      { id: 1, seq: 1, dueDate: '2026-01-10', amount: 100 },
      { id: 2, seq: 2, dueDate: '2026-02-10', amount: 100 },
    ];
    expect(instalmentStates(rows, 150, '2026-01-05', 0).map((i) => [i.paid, i.state])).toEqual([[100, 'paid'], [50, 'part_paid']]);
    expect(instalmentStates(rows, 150, '2026-02-11', 0).map((i) => [i.paid, i.state])).toEqual([[100, 'paid'], [50, 'missed']]);
    expect(instalmentStates(rows, 500, '2026-01-05', 0).map((i) => [i.paid, i.state])).toEqual([[100, 'paid'], [100, 'paid']]);
    expect(instalmentStates(rows, 0, '2026-01-10', 0).map((i) => i.state)).toEqual(['due', 'upcoming']);
  });

  it('closeCompletedPlans completes fully paid signed plans, returns the customer to active and notes it, once', async () => {
    const plan = await ok<PaymentPlan>('plans.create', terms({ total: 200_000, count: 2 }));
    await ok('plans.sign', { id: plan.id, signedOn: TODAY, signedBy: 'Jo' });
    await pay('2026-03-15', 100_000);
    expect(completedPlans(t.ledger.db, '2026-03-15')).toEqual([]);
    expect(closeCompletedPlans(t.ledger.db, '2026-03-15')).toEqual([]);
    await pay('2026-04-10', 100_000);
    expect(completedPlans(t.ledger.db, '2026-04-10')).toEqual([{ planId: plan.id, customerId: cust, total: 200_000, count: 2 }]);
    // Not before the money arrived.
    expect(completedPlans(t.ledger.db, '2026-04-09')).toEqual([]);

    expect(closeCompletedPlans(t.ledger.db, '2026-04-10', new Date(2026, 3, 10, 9, 0))).toEqual([plan.id]);
    const done = await planOf(plan.id, '2026-04-10');
    expect(done).toMatchObject({ status: 'completed', closedOn: '2026-04-10', closedReason: 'All instalments paid', paidToDate: 200_000, nextDue: null });
    expect(customerStatus()).toBe('active');
    expect(statusChanges()[1]).toEqual({ status: 'active', previous: 'payment_plan', reason: `Payment plan ${plan.id} completed: all instalments paid`, changedBy: null });
    expect(notes()).toContain(`Payment plan ${plan.id} completed: all 2 instalments paid ($2,000.00).`);
    expect(collectableOf(t.ledger.db, cust, '2026-04-10').onPlan).toBe(0);

    const before = snapshot(t.ledger);
    expect(closeCompletedPlans(t.ledger.db, '2026-04-11')).toEqual([]);
    expect(snapshot(t.ledger)).toEqual(before);
  });

  it('closeCompletedPlans leaves a status the clerk changed since signing alone', async () => {
    const plan = await ok<PaymentPlan>('plans.create', terms({ total: 100_000, count: 1 }));
    await ok('plans.sign', { id: plan.id, signedOn: TODAY, signedBy: 'Jo' });
    await ok('customers.setStatus', { id: cust, status: 'credit_hold', reason: 'Over the limit.', by: 'Sam' });
    await pay('2026-03-10', 100_000);
    expect(closeCompletedPlans(t.ledger.db, '2026-03-10')).toEqual([plan.id]);
    expect(customerStatus()).toBe('credit_hold');
  });
});

describe('the agreement', () => {
  it('is the agreement letter: the company, the customer, each instalment, the total, what to do if a payment will be late, and both signatures', async () => {
    setting('company_name', 'Northwind Supplies');
    const plan = await ok<PaymentPlan>('plans.create', terms({ total: 370_000 }));
    const file = await ok<{ fileName: string; mimeType: string; base64: string }>('plans.agreement', { id: plan.id });
    expect(file.fileName).toBe(`payment-plan-${plan.id}-ACME.pdf`);
    expect(file.mimeType).toBe('application/pdf');
    const pdf = Buffer.from(file.base64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const phrase of [
      'Northwind Supplies',
      'Acme Trading Pty',
      '12 Harbour Street',
      'Springfield, NSW 2000',
      'Payment plan agreement for account ACME',
      'the plan we agreed: $3,700.00 in 3 instalments, paid monthly, the first on 15 March 2026',
      '1 15 March 2026 $1,233.34',
      '3 15 May 2026 $1,233.33',
      'Total $3,700.00',
      'If a payment is going to be late, please call me',
      'For Acme Trading Pty Signature Name Date',
      'For Northwind Supplies Signature Name Date',
    ]) {
      expect(text).toContain(phrase);
    }
    expect(text.match(/\$1,233\.33/g)).toHaveLength(2);
  });

  it('names the company generically without a setting, and runs a long schedule over several pages', async () => {
    const plan = await ok<PaymentPlan>('plans.create', { ...terms({ total: 600_000, count: 120, frequency: 'weekly' }), overrideReason: 'Hardship agreed with the owner.' });
    const pages = pdfPages(Buffer.from((await ok<{ base64: string }>('plans.agreement', { id: plan.id })).base64, 'base64'));
    expect(pages.length).toBeGreaterThan(1);
    const text = pages.join('\n');
    expect(text).toContain('Our company');
    expect(text).toContain('$50.00');
    expect(text).toContain('$6,000.00');
    expect(text).toMatch(/\b120\b/);
  });

  it('is printed on the paper size set for letters, and follows an edit of the agreement template', async () => {
    const plan = await ok<PaymentPlan>('plans.create', terms({ total: 370_000 }));
    const size = async () => pdfInfo(Buffer.from((await ok<{ base64: string }>('plans.agreement', { id: plan.id })).base64, 'base64')).pageSize.map(Math.round);
    expect(await size()).toEqual([612, 792]);
    setting('paper_size', 'a4');
    expect(await size()).toEqual([595, 842]);

    const template = (await ok<{ id: number; name: string }[]>('templates.list', {})).find((t) => t.name === 'Payment plan agreement')!;
    const current = await ok<{ subject: string; body: string; tone: number; addressedTo: string }>('templates.get', { id: template.id });
    await ok('templates.save', { id: template.id, name: template.name, tone: current.tone, addressedTo: current.addressedTo, subject: current.subject, body: `${current.body}\n\nWe are glad we could agree this.` });
    const text = pdfText(Buffer.from((await ok<{ base64: string }>('plans.agreement', { id: plan.id })).base64, 'base64'));
    expect(text).toContain('We are glad we could agree this.');
  });
});
