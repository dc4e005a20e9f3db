import type {  Handlers } from '../../src-main/contract';
import { promiseStates } from '../../src-main/promises/promise-status';
import { createHandlers } from '../../src-main/services/create-services';
import { dispatch } from '../../src-main/services/dispatch';
import { openTempLedger } from '../support/temp-ledger';
import { serviceCaller } from '../support/service-caller';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok } = serviceCaller(() => handlers, () => t.ledger);
let cust: number;
let seq = 0;

const promise = (madeOn: string, amount: number, date: string) =>
  ok('activities.record', { customerId: cust, occurredAt: `${madeOn}T10:00`, summary: 'Promised.', promise: { amount, date } });
const pay = (date: string, amount: number) => ok('payments.record', { reference: `P-${++seq}`, customerId: cust, date, amount });
const states = (today: string) => promiseStates(t.ledger.db, today, cust).map((p) => [p.promisedDate, p.received, p.status]);

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger);
  cust = (await ok<{ id: number }>('customers.create', { code: 'ACME', name: 'Acme' })).id;
  await ok('invoices.create', { number: 'INV-1', customerId: cust, issueDate: '2026-01-01', dueDate: '2026-01-31', amount: 1_000_000 });
});
afterEach(() => t.cleanup());

describe('promises to pay', () => {
  it('are open until the promised date plus two grace days, then kept, partly kept or broken', async () => {
    await promise('2026-03-01', 10_000, '2026-03-10');
    expect(states('2026-03-12')).toEqual([['2026-03-10', 0, 'open']]);
    expect(states('2026-03-13')).toEqual([['2026-03-10', 0, 'broken']]);
    await pay('2026-03-11', 4_000); // inside the grace
    expect(states('2026-03-13')).toEqual([['2026-03-10', 4_000, 'partly_kept']]);
    await pay('2026-03-12', 6_000);
    expect(states('2026-03-13')).toEqual([['2026-03-10', 10_000, 'kept']]);
  });

  it('count money only from the call on and until the grace runs out, each payment once, oldest promise first', async () => {
    await pay('2026-02-27', 50_000); // before any promise
    await promise('2026-03-01', 10_000, '2026-03-05');
    await promise('2026-03-02', 10_000, '2026-03-20');
    await pay('2026-03-04', 15_000);
    await pay('2026-03-30', 5_000); // after both deadlines
    expect(states('2026-04-01')).toEqual([
      ['2026-03-05', 10_000, 'kept'],
      ['2026-03-20', 5_000, 'partly_kept'],
    ]);
  });

  it('follow the grace setting of the ledger, which refuses nonsense', async () => {
    await promise('2026-03-01', 10_000, '2026-03-10');
    expect(await ok('settings.get', {})).toEqual({ currency: 'USD', promiseGraceDays: 2, planMaxMonths: 12, planMinInstalment: 5000, autoApplyCash: true });
    expect(await ok('settings.update', { promiseGraceDays: 0 })).toEqual({ currency: 'USD', promiseGraceDays: 0, planMaxMonths: 12, planMinInstalment: 5000, autoApplyCash: true });
    expect(await ok('settings.update', { planMaxMonths: 6, planMinInstalment: 2500 })).toMatchObject({ promiseGraceDays: 0, planMaxMonths: 6, planMinInstalment: 2500, autoApplyCash: true });
    expect((await dispatch(handlers, 'settings.update', { planMaxMonths: 0 }, () => undefined)).ok).toBe(false);
    expect(states('2026-03-11')).toEqual([['2026-03-10', 0, 'broken']]);
    const bad = await dispatch(handlers, 'settings.update', { promiseGraceDays: -1 }, () => undefined);
    expect(bad).toMatchObject({ ok: false, error: { fields: { promiseGraceDays: 'Grace cannot be negative' } } });
    expect(await ok('settings.get', {})).toEqual({ currency: 'USD', promiseGraceDays: 0, planMaxMonths: 6, planMinInstalment: 2500, autoApplyCash: true });
  });

  it('give the customer a record on the card', async () => {
    await promise('2026-03-01', 10_000, '2026-03-05');
    await pay('2026-03-05', 10_000);
    await promise('2026-03-10', 10_000, '2026-03-12');
    await promise('2026-03-20', 10_000, '2026-04-30');
    const card = await ok<{ promiseRecord: unknown; promises: { status: string }[] }>('customers.card', { id: cust, asOf: '2026-04-01' });
    expect(card.promiseRecord).toEqual({ kept: 1, partlyKept: 0, broken: 1, open: 1 });
    expect(card.promises.map((p) => p.status)).toEqual(['open', 'broken', 'kept']);
  });
});
