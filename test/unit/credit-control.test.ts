import type {  Handlers } from '../../src-main/contract';
import { createHandlers } from '../../src-main/services/create-services';
import { dispatch } from '../../src-main/services/dispatch';
import { openTempLedger, snapshot } from '../support/temp-ledger';
import { serviceCaller } from '../support/service-caller';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok } = serviceCaller(() => handlers, () => t.ledger);
let id: number;

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger);
  id = (await ok<{ id: number }>('customers.create', { code: 'ACME', name: 'Acme', creditLimit: 50_000 })).id;
  await ok('invoices.create', { number: 'INV-1', customerId: id, issueDate: '2026-01-01', dueDate: '2026-01-31', amount: 80_000 });
});
afterEach(() => t.cleanup());

describe('credit control', () => {
  it('a status change records who, when and why, on the card and on the timeline', async () => {
    const c = await ok<{ status: string }>('customers.setStatus', { id, status: 'credit_hold', reason: 'Two broken promises; over the limit.', by: 'Sam' });
    expect(c.status).toBe('credit_hold');
    const card = await ok<{ statusHistory: unknown[]; overCreditLimit: number }>('customers.card', { id, asOf: '2026-03-01' });
    expect(card.statusHistory).toMatchObject([{ status: 'credit_hold', previous: 'active', reason: 'Two broken promises; over the limit.', changedBy: 'Sam' }]);
    expect(card.overCreditLimit).toBe(30_000);
    const timeline = await ok<{ items: { summary?: string }[] }>('timeline.list', { customerId: id, kinds: ['note'] });
    expect(timeline.items[0].summary).toBe('Status changed from active to credit hold: Two broken promises; over the limit.');
  });

  it('refuses a change without a reason, to an unknown status or to the same status, changing nothing', async () => {
    const before = snapshot(t.ledger);
    for (const bad of [
      { id, status: 'credit_hold', reason: ' ' },
      { id, status: 'blacklisted', reason: 'x' },
      { id, status: 'active', reason: 'x' },
      { id: 999, status: 'cod_only', reason: 'x' },
    ]) {
      expect((await dispatch(handlers, 'customers.setStatus', bad, () => undefined)).ok).toBe(false);
    }
    expect(snapshot(t.ledger)).toEqual(before);
  });
});
