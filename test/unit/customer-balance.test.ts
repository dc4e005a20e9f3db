import type { CustomerCard, CustomerPage, Handlers } from '../../src-main/contract';
import { createHandlers } from '../../src-main/services/create-services';
import { openTempLedger } from '../support/temp-ledger';
import { serviceCaller } from '../support/service-caller';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok } = serviceCaller(() => handlers, () => t.ledger);

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger, { dailyBackups: false });
});
afterEach(() => t.cleanup());

describe('the customers list’s balance', () => {
  it('is the card’s balance for every customer: open invoices and instalments less unapplied cash and credits', async () => {
    await ok('demo.load', { today: '2026-05-10' });
    // Instalments and an overpayment, which the demo does not make.
    const c = await ok<{ id: number }>('customers.create', { code: 'ZZ-PLAN', name: 'Instalment Buyer' });
    await ok('invoices.create', {
      number: 'INV-SCHED',
      customerId: c.id,
      issueDate: '2026-03-01',
      dueDate: '2026-05-01',
      amount: 30_000,
      schedule: [
        { dueDate: '2026-04-01', amount: 10_000 },
        { dueDate: '2026-05-01', amount: 20_000 },
      ],
    });
    await ok('payments.record', { reference: 'P-OVER', customerId: c.id, date: '2026-04-02', amount: 45_000 });
    const list = await ok<CustomerPage>('customers.list', { limit: 500 });
    expect(list.rows.find((r) => r.id === c.id)!.balance).toBe(-15_000);
    for (const row of list.rows) {
      const card = await ok<CustomerCard>('customers.card', { id: row.id, asOf: '2026-05-10' });
      expect([row.code, row.balance]).toEqual([row.code, card.balance.total]);
      expect(card.balance.total).toBe(card.balance.buckets.reduce((s, v) => s + v, 0) + card.balance.unapplied);
    }
  });
});
