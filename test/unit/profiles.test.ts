import type {  Handlers, Profile, ProfileSuggestion, TimelinePage } from '../../src-main/contract';
import { addDays } from '../../src-main/money/dates';
import { PROFILE_STRATEGIES, adjustStep } from '../../src-main/profiles/profile-strategy';
import { createHandlers } from '../../src-main/services/create-services';
import { openTempLedger } from '../support/temp-ledger';
import { serviceCaller } from '../support/service-caller';

const TODAY = '2026-06-30';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok, refused } = serviceCaller(() => handlers, () => t.ledger);
let seq = 0;

const customer = async (code: string) => (await ok<{ id: number }>('customers.create', { code, name: `${code} Ltd` })).id;
const invoice = async (c: number, due: string, amount = 10_000) =>
  (await ok<{ id: number }>('invoices.create', { number: `INV-${++seq}`, customerId: c, issueDate: addDays(due, -30), dueDate: due, amount })).id;
const pay = (c: number, date: string, amount: number, invoiceId?: number) =>
  ok('payments.record', { reference: `P-${++seq}`, customerId: c, date, amount, invoiceId });
/** An invoice due on `due`, paid in full `late` days after it. */
async function paidLate(c: number, due: string, late: number, amount = 10_000) {
  const id = await invoice(c, due, amount);
  await pay(c, addDays(due, late), amount, id);
  return id;
}
const call = (c: number, day: string, outcome: string, extra: Record<string, unknown> = {}) =>
  ok<{ dispute: { id: number } | null }>('activities.record', { customerId: c, occurredAt: `${day}T10:00`, summary: `Call: ${outcome}.`, outcome, ...extra });
const suggest = (c: number, today = TODAY) => ok<ProfileSuggestion>('profiles.suggest', { customerId: c, today });

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger);
});
afterEach(() => t.cleanup());

describe('profile suggestions from behaviour', () => {
  it('good: pays within a few days, no broken promises, at least three paid invoices', async () => {
    const c = await customer('GOOD');
    for (const [due, late] of [['2026-01-31', 0], ['2026-02-28', 3], ['2026-03-31', -2], ['2026-04-30', 2]] as const) await paidLate(c, due, late);
    const s = await suggest(c);
    expect(s).toMatchObject({ current: null, suggested: 'good', label: 'Good customer', strategy: PROFILE_STRATEGIES.good.strategy });
    // Paying early counts as on time: (0 + 3 + 0 + 2) / 4.
    expect(s.signals).toMatchObject({ paidInvoices: 4, averageDaysLate: 1.3, averageDaysToPay: 30.8, promisesBroken: 0, trendDays: null });
    expect(s.reasons).toEqual(['4 invoices paid in full, on average 1.3 days late', 'No broken promises in the last 12 months']);
  });

  it('disorganised: pays in full but 5 to 45 days late, with no disputes', async () => {
    const c = await customer('MESSY');
    for (const [due, late] of [['2026-01-31', 10], ['2026-02-28', 20], ['2026-03-31', 15], ['2026-04-30', 25]] as const) await paidLate(c, due, late);
    const s = await suggest(c);
    expect(s.suggested).toBe('disorganised');
    expect(s.reasons).toEqual(['4 invoices paid in full, on average 17.5 days late', 'No part payments and no disputes in the last 12 months']);
  });

  it('cash_flow: pays in parts, but pays', async () => {
    const c = await customer('TIGHT');
    for (const due of ['2026-02-28', '2026-03-31']) {
      const id = await invoice(c, due, 10_000);
      await pay(c, addDays(due, 5), 4_000, id);
      await pay(c, addDays(due, 20), 6_000, id);
    }
    const s = await suggest(c);
    expect(s.suggested).toBe('cash_flow');
    expect(s.signals).toMatchObject({ partialPayments: 4, paidInvoices: 2 });
    expect(s.reasons).toEqual(['4 payments were smaller than the invoice they paid', '2 invoices were still paid in full in the last 12 months']);
  });

  it('cash_flow: promises only partly kept count too', async () => {
    const c = await customer('PARTLY');
    await paidLate(c, '2026-01-31', 10);
    await invoice(c, '2026-03-31', 50_000);
    await call(c, '2026-04-05', 'promise_to_pay', { promise: { amount: 10_000, date: '2026-04-10' } });
    await pay(c, '2026-04-10', 10_000); // one full payment of a larger invoice: partial, but only one
    await call(c, '2026-05-05', 'promise_to_pay', { promise: { amount: 10_000, date: '2026-05-10' } });
    await pay(c, '2026-05-10', 4_000);
    await call(c, '2026-06-05', 'promise_to_pay', { promise: { amount: 10_000, date: '2026-06-10' } });
    await pay(c, '2026-06-10', 3_000);
    const s = await suggest(c);
    expect(s.signals).toMatchObject({ promisesKept: 1, promisesPartlyKept: 2, promisesBroken: 0, partialPayments: 3 });
    expect(s.suggested).toBe('cash_flow');
    expect(s.reasons).toContain('2 of the last 3 promises were only partly kept');
  });

  it('disputing: an open dispute, or two disputes in a year, come before anything else but failing', async () => {
    const c = await customer('DISP');
    const inv = await invoice(c, '2026-05-31', 20_000);
    const first = (await call(c, '2026-06-02', 'dispute_raised', { dispute: { reason: 'damaged', invoiceIds: [inv], amount: 5_000 } })).dispute!.id;
    await call(c, '2026-06-03', 'refused'); // would be angry, but the dispute explains it
    let s = await suggest(c);
    expect(s.suggested).toBe('disputing');
    expect(s.reasons).toEqual(['1 dispute raised in the last 12 months', '1 dispute is still open']);

    await ok('disputes.resolve', { id: first, resolution: 'no_credit', date: '2026-06-10' });
    expect((await suggest(c)).suggested).toBe('angry');
    // Before the resolution the dispute was open: the suggestion reads the ledger as of today.
    expect((await suggest(c, '2026-06-05')).suggested).toBe('disputing');

    const second = (await call(c, '2026-06-12', 'dispute_raised', { dispute: { reason: 'pricing', invoiceIds: [inv], amount: 1_000 } })).dispute!.id;
    await ok('disputes.resolve', { id: second, resolution: 'no_credit', date: '2026-06-15' });
    s = await suggest(c);
    expect(s).toMatchObject({ suggested: 'disputing', reasons: ['2 disputes raised in the last 12 months'] });
    expect(s.signals).toMatchObject({ disputesRaised: 2, openDisputes: 0 });
  });

  it('angry: a refusal, or three unanswered calls in a row with no promise since', async () => {
    const c = await customer('QUIET');
    await paidLate(c, '2026-01-31', 2);
    await invoice(c, '2026-04-30');
    await call(c, '2026-05-05', 'reached');
    await call(c, '2026-05-10', 'no_answer');
    await call(c, '2026-05-12', 'voicemail');
    let s = await suggest(c);
    expect(s.signals.unansweredInARow).toBe(2);
    expect(s.suggested).toBeNull();
    await call(c, '2026-05-14', 'no_answer');
    s = await suggest(c);
    expect(s).toMatchObject({ suggested: 'angry', reasons: ['The last 3 calls went unanswered, with no promise to pay since'] });
    // A promise by email after the silence: not avoidance after all.
    await ok('activities.record', { customerId: c, kind: 'email', occurredAt: '2026-05-16T09:00', summary: 'Will pay on the 20th.', promise: { amount: 10_000, date: '2026-05-20' } });
    expect((await suggest(c)).signals).toMatchObject({ unansweredInARow: 3, promiseSinceUnanswered: true });
    expect((await suggest(c)).suggested).not.toBe('angry');

    const d = await customer('CROSS');
    await call(d, '2026-06-01', 'refused');
    expect(await suggest(d)).toMatchObject({ suggested: 'angry', reasons: ['1 call ended in a refusal'] });
  });

  it('failing: paying later and later, breaking promises, and owing more', async () => {
    const c = await customer('SLIDE');
    for (const due of ['2025-08-01', '2025-09-01', '2025-10-01']) await paidLate(c, due, 5);
    for (const due of ['2025-11-01', '2025-12-01', '2026-01-01']) await paidLate(c, due, 35);
    await invoice(c, '2026-03-01', 10_000); // overdue a quarter ago
    const later = await invoice(c, '2026-05-01', 20_000); // overdue since
    await call(c, '2026-04-10', 'promise_to_pay', { promise: { amount: 5_000, date: '2026-04-20' } });
    await call(c, '2026-05-10', 'promise_to_pay', { promise: { amount: 5_000, date: '2026-05-20' } });
    const s = await suggest(c);
    expect(s.signals).toMatchObject({ trendDays: 30, promisesBroken: 2, overdueNow: 30_000, overdue90DaysAgo: 10_000, overdueGrew: true });
    expect(s.suggested).toBe('failing');
    expect(s.reasons).toEqual([
      'The 3 latest paid invoices were paid 30 days later on average than the 3 before them',
      '2 of the last 2 promises were broken',
      'The overdue balance grew from $100.00 to $300.00 in 90 days',
    ]);

    // Once the newer invoice is paid the overdue balance no longer grows: not failing.
    await pay(c, '2026-06-20', 20_000, later);
    const after = await suggest(c);
    expect(after.signals.overdueGrew).toBe(false);
    expect(after.suggested).not.toBe('failing');
  });

  it('suggests nothing when there is too little history, and looks back 12 months only', async () => {
    const c = await customer('NEW');
    for (const due of ['2024-01-31', '2024-02-28', '2024-03-31']) await paidLate(c, due, 0); // over two years ago
    await paidLate(c, '2026-05-31', 0);
    const s = await suggest(c);
    expect(s).toMatchObject({ suggested: null, label: null, strategy: null });
    expect(s.signals.paidInvoices).toBe(1);
    expect(s.reasons).toEqual(['Too little history to suggest a profile: 1 invoice paid in the last 12 months (at least 3 are needed)']);
    // As of 2024 the old invoices are recent history.
    expect((await suggest(c, '2024-06-30')).suggested).toBe('good');
  });

  it('refuses an unknown customer or a bad date', async () => {
    expect((await refused('profiles.suggest', { customerId: 999, today: TODAY })).code).toBe('not_found');
    expect((await refused('profiles.suggest', { customerId: 1, today: '2026-02-30' })).fields).toEqual({ today: 'Today must be a real date like 2026-03-31' });
  });
});

describe('confirming a profile', () => {
  it('sets the profile, logs the change with the suggestion, and notes it on the timeline', async () => {
    const c = await customer('ACME');
    const set = await ok('profiles.set', { customerId: c, profile: 'cash_flow', reason: 'Told us a big client pays them late.', suggested: 'disorganised', by: 'Sam' });
    expect(set).toMatchObject({ customerId: c, profile: 'cash_flow', previous: null, label: 'Cash-flow squeeze' });
    expect((await ok<{ profile: string }>('customers.get', { id: c })).profile).toBe('cash_flow');
    await ok('profiles.set', { customerId: c, profile: null, reason: 'Back on track.' });

    const log = t.ledger.db.prepare('SELECT profile, previous, suggested, reason, changed_by FROM profile_change WHERE customer_id = ? ORDER BY id').all(c);
    expect(log).toEqual([
      { profile: 'cash_flow', previous: null, suggested: 'disorganised', reason: 'Told us a big client pays them late.', changed_by: 'Sam' },
      { profile: null, previous: 'cash_flow', suggested: null, reason: 'Back on track.', changed_by: null },
    ]);
    const notes = await ok<TimelinePage>('timeline.list', { customerId: c, kinds: ['note'] });
    expect(notes.items.map((i) => (i.type === 'activity' ? i.summary : ''))).toEqual(
      expect.arrayContaining(['Profile set to Cash-flow squeeze: Told us a big client pays them late.', 'Profile cleared (was Cash-flow squeeze): Back on track.']),
    );
    const s = await suggest(c);
    expect(s.current).toBeNull();
    expect(s.history.map((h) => h.profile)).toEqual([null, 'cash_flow']);
  });

  it('a suggestion awaits the clerk until they decide with it in view, choosing it or another profile', async () => {
    const c = await customer('DECIDE');
    for (const [due, late] of [['2026-01-31', 0], ['2026-02-28', 3], ['2026-03-31', -2], ['2026-04-30', 2]] as const) await paidLate(c, due, late);
    expect(await suggest(c)).toMatchObject({ suggested: 'good', awaitsDecision: true });
    // Chosen without the suggestion in view (the field left out): it still waits.
    await ok('profiles.set', { customerId: c, profile: 'cash_flow', reason: 'Said so on the phone.' });
    expect(await suggest(c)).toMatchObject({ current: 'cash_flow', suggested: 'good', awaitsDecision: true });
    // Another profile chosen with the suggestion in view answers it.
    await ok('profiles.set', { customerId: c, profile: 'disorganised', reason: 'Loses our invoices.', suggested: 'good' });
    expect(await suggest(c)).toMatchObject({ current: 'disorganised', suggested: 'good', awaitsDecision: false });
    // So does confirming it.
    await ok('profiles.set', { customerId: c, profile: 'good', reason: 'Pays on time after all.', suggested: 'good' });
    expect(await suggest(c)).toMatchObject({ current: 'good', awaitsDecision: false });
  });

  it('shows the current profile’s strategy when nothing is suggested', async () => {
    const c = await customer('ACME');
    await ok('profiles.set', { customerId: c, profile: 'angry', reason: 'Shouted at Priya.' });
    expect(await suggest(c)).toMatchObject({ current: 'angry', suggested: null, label: 'Angry / avoidant', strategy: PROFILE_STRATEGIES.angry.strategy });
  });

  it('refuses an unchanged profile, an unknown customer, a missing reason or an unknown profile, changing nothing', async () => {
    const c = await customer('ACME');
    await ok('profiles.set', { customerId: c, profile: 'good', reason: 'Always pays.' });
    expect((await refused('profiles.set', { customerId: c, profile: 'good', reason: 'Again.' })).fields).toEqual({ profile: 'Already the profile' });
    expect((await refused('profiles.set', { customerId: 999, profile: 'failing', reason: 'x' })).code).toBe('not_found');
    expect((await refused('profiles.set', { customerId: c, profile: 'failing', reason: '  ' })).fields).toEqual({ reason: 'Say why' });
    expect((await refused('profiles.set', { customerId: c, profile: 'failing', reason: 'x'.repeat(501) })).fields).toEqual({
      reason: 'Keep the reason under 500 characters',
    });
    expect((await refused('profiles.set', { customerId: c, profile: 'deadbeat', reason: 'x' })).fields).toEqual({ profile: 'Choose a profile' });
    expect((await refused('profiles.set', { customerId: c, profile: 'failing', reason: 'x', suggested: 'rich' })).fields).toEqual({ suggested: 'Choose a profile' });
    expect((await refused('profiles.set', { customerId: c, profile: 'failing', reason: 'x', extra: 1 })).code).toBe('validation');
    await ok('profiles.set', { customerId: c, profile: null, reason: 'Unsure now.' });
    expect((await refused('profiles.set', { customerId: c, profile: null, reason: 'Again.' })).fields).toEqual({ profile: 'No profile set' });
  });

  it('lists every profile’s label, strategy and policy adjustment', async () => {
    const all = await ok<Record<Profile, { label: string; strategy: string; adjustment: string }>>('profiles.strategies', {});
    expect(Object.keys(all).sort()).toEqual(['angry', 'cash_flow', 'disorganised', 'disputing', 'failing', 'good']);
    for (const s of Object.values(all)) {
      expect(s.label.length).toBeGreaterThan(0);
      expect(s.strategy.length).toBeGreaterThan(100);
      expect(s.adjustment.length).toBeGreaterThan(0);
    }
  });
});

describe('adjustStep: how a profile changes an escalation step', () => {
  const step = (action: string, days: number, trigger = 'days_from_due') => ({ action, days, trigger });

  it('leaves every step alone without a profile', () => {
    expect(adjustStep(null, step('letter', 10))).toEqual({ action: 'letter', days: 10, note: null });
  });

  it('disorganised: reminders on or before the due date come 4 days earlier', () => {
    expect(adjustStep('disorganised', step('call', -3))).toEqual({ action: 'call', days: -7, note: 'reminded early: disorganised' });
    expect(adjustStep('disorganised', step('letter', 0))).toEqual({ action: 'letter', days: -4, note: 'reminded early: disorganised' });
    expect(adjustStep('disorganised', step('letter', 10))).toEqual({ action: 'letter', days: 10, note: null });
    expect(adjustStep('disorganised', step('call', 0, 'promise_broken'))).toEqual({ action: 'call', days: 0, note: null });
  });

  it('cash_flow: letters unchanged, with a payment plan to offer', () => {
    expect(adjustStep('cash_flow', step('letter', 15))).toEqual({ action: 'letter', days: 15, note: 'offer a payment plan on this contact' });
    expect(adjustStep('cash_flow', step('certified_letter', 45))).toEqual({ action: 'certified_letter', days: 45, note: 'offer a payment plan on this contact' });
    expect(adjustStep('cash_flow', step('agency', 120))).toEqual({ action: 'agency', days: 120, note: null });
  });

  it('disputing: same timing, problem first', () => {
    expect(adjustStep('disputing', step('letter', 30))).toEqual({ action: 'letter', days: 30, note: 'fix the open problem first' });
  });

  it('failing: credit hold, agency and write-off review 30 days earlier, never before day 1', () => {
    const note = 'brought forward: the customer may be failing';
    expect(adjustStep('failing', step('credit_hold', 60))).toEqual({ action: 'credit_hold', days: 30, note });
    expect(adjustStep('failing', step('agency', 120))).toEqual({ action: 'agency', days: 90, note });
    expect(adjustStep('failing', step('write_off_review', 20))).toEqual({ action: 'write_off_review', days: 1, note });
    expect(adjustStep('failing', step('credit_hold', 0, 'promise_broken'))).toEqual({ action: 'credit_hold', days: 0, note });
    expect(adjustStep('failing', step('letter', 30))).toEqual({ action: 'letter', days: 30, note: null });
  });

  it('angry: letters go certified', () => {
    expect(adjustStep('angry', step('letter', 15))).toEqual({ action: 'certified_letter', days: 15, note: 'in writing, by certified mail, keep full records' });
    expect(adjustStep('angry', step('call', 5))).toEqual({ action: 'call', days: 5, note: null });
  });

  it('good: early letters become courtesy calls', () => {
    expect(adjustStep('good', step('letter', 30))).toEqual({ action: 'call', days: 30, note: 'a courtesy call is enough for a good customer' });
    expect(adjustStep('good', step('letter', 31))).toEqual({ action: 'letter', days: 31, note: null });
    expect(adjustStep('good', step('certified_letter', 20))).toEqual({ action: 'certified_letter', days: 20, note: null });
  });
});
