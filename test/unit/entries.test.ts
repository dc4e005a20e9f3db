import type {  Handlers } from '../../src-main/contract';
import { createHandlers } from '../../src-main/services/create-services';
import { openTempLedger } from '../support/temp-ledger';
import { serviceCaller } from '../support/service-caller';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok, refused } = serviceCaller(() => handlers, () => t.ledger);
let acme: number;
let beta: number;

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger);
  acme = (await ok<{ id: number }>('customers.create', { code: 'ACME', name: 'Acme Supply' })).id;
  beta = (await ok<{ id: number }>('customers.create', { code: 'BETA', name: 'Beta Foods' })).id;
});
afterEach(() => t.cleanup());

describe('recording entries through the service contract', () => {
  it('an invoice with a schedule, paid oldest instalment first, then aged per instalment', async () => {
    const inv = await ok<{ id: number; openAmount: number }>('invoices.create', {
      number: 'INV-100',
      customerId: acme,
      issueDate: '2026-01-01',
      dueDate: '2026-01-31',
      amount: 30_000,
      schedule: [
        { dueDate: '2026-01-31', amount: 10_000 },
        { dueDate: '2026-02-28', amount: 10_000 },
        { dueDate: '2026-03-31', amount: 10_000 },
      ],
    });
    expect(inv.openAmount).toBe(30_000);
    expect(await ok('payments.record', { reference: 'CHK-1', customerId: acme, date: '2026-02-05', amount: 12_500, invoiceId: inv.id })).toEqual({
      id: expect.any(Number),
      applied: 12_500,
      unapplied: 0,
    });
    const aging = await ok<{ rows: { buckets: number[] }[] }>('aging.report', { asOf: '2026-03-15' });
    // First instalment paid; second 7,500 open and 15 days late; third not yet due.
    expect(aging.rows[0].buckets).toEqual([10_000, 7_500, 0, 0, 0, 0]);
  });

  it('cash received before an invoice is applied when it arrives, from its issue date; a credit and a write-off reduce the invoice', async () => {
    const pay = await ok<{ id: number; unapplied: number }>('payments.record', { reference: 'ACH-9', customerId: acme, date: '2025-12-20', amount: 3_000 });
    expect(pay.unapplied).toBe(3_000); // nothing to pay yet
    const inv = await ok<{ id: number }>('invoices.create', { number: 'INV-1', customerId: acme, issueDate: '2026-01-01', dueDate: '2026-01-31', amount: 10_000 });
    expect(t.ledger.db.prepare('SELECT date, amount FROM allocation').all()).toEqual([{ date: '2026-01-01', amount: 3_000 }]);
    // Before the invoice existed the money was a credit on the account.
    expect((await ok<{ totals: { unapplied: number } }>('aging.report', { asOf: '2025-12-31' })).totals.unapplied).toBe(-3_000);
    expect(await ok('credits.record', { number: 'CN-1', customerId: acme, date: '2026-02-01', amount: 1_000, invoiceId: inv.id, reason: 'Short shipment' })).toMatchObject({
      applied: 1_000,
    });
    await ok('writeOffs.record', { invoiceId: inv.id, date: '2026-06-30', amount: 6_000, reason: 'Customer ceased trading', approvedBy: 'J. Ortiz', approvalNote: 'Approved by J. Ortiz, email 3 March' });
    const aging = await ok<{ rows: unknown[]; totals: { total: number } }>('aging.report', { asOf: '2026-07-01' });
    expect(aging.rows).toEqual([]);
    const before = await ok<{ totals: { total: number; buckets: number[] } }>('aging.report', { asOf: '2026-06-29' });
    expect(before.totals.total).toBe(6_000);
  });

  it('with automatic application off, a credit naming no invoice waits until it is applied by hand', async () => {
    t.ledger.db.prepare(`INSERT INTO ledger_setting (key, value) VALUES ('auto_apply_cash', '0')`).run();
    const inv = await ok<{ id: number }>('invoices.create', { number: 'INV-1', customerId: acme, issueDate: '2026-01-01', dueDate: '2026-01-31', amount: 10_000 });
    const cn = await ok<{ id: number; unapplied: number }>('credits.record', { number: 'CN-1', customerId: acme, date: '2026-02-01', amount: 4_000, reason: 'Goodwill' });
    expect(cn.unapplied).toBe(4_000);
    await ok('invoices.create', { number: 'INV-2', customerId: acme, issueDate: '2026-02-01', dueDate: '2026-03-01', amount: 1_000 });
    expect(t.ledger.db.prepare('SELECT COUNT(*) FROM allocation').pluck().get()).toBe(0);
    expect(await ok('allocations.apply', { source: 'credit', sourceId: cn.id, invoiceId: inv.id, amount: 2_500 })).toEqual({ id: cn.id, applied: 2_500, unapplied: 1_500 });
    expect(await refused('allocations.apply', { source: 'credit', sourceId: cn.id, invoiceId: 999 })).toMatchObject({ code: 'not_found' });
  });

  it('refuses what the ledger cannot accept, changing nothing', async () => {
    const inv = await ok<{ id: number }>('invoices.create', { number: 'INV-1', customerId: acme, issueDate: '2026-01-01', dueDate: '2026-01-31', amount: 10_000 });
    expect(await refused('invoices.create', { number: 'inv-1', customerId: acme, issueDate: '2026-01-01', dueDate: '2026-01-31', amount: 5 })).toMatchObject({
      code: 'conflict',
      fields: { number: 'inv-1 is already used' },
    });
    expect(
      (await refused('invoices.create', { number: 'INV-2', customerId: acme, issueDate: '2026-02-30', dueDate: '2026-01-31', amount: 10.5 })).fields,
    ).toEqual({ issueDate: 'Issue date must be a real date like 2026-03-31', amount: 'Amount must be in whole minor units (cents)' });
    expect(
      (await refused('invoices.create', { number: 'INV-2', customerId: acme, issueDate: '2026-02-01', dueDate: '2026-01-31', amount: 100, schedule: [{ dueDate: '2026-03-01', amount: 99 }] }))
        .fields,
    ).toEqual({ dueDate: 'Due date cannot be before the issue date', schedule: 'The instalments must add up to the invoice amount' });
    expect(await refused('invoices.create', { number: 'INV-3', customerId: 999, issueDate: '2026-01-01', dueDate: '2026-01-31', amount: 1 })).toMatchObject({
      code: 'not_found',
    });
    expect(await refused('payments.record', { reference: 'P-1', customerId: beta, date: '2026-02-01', amount: 100, invoiceId: inv.id })).toMatchObject({
      fields: { invoiceId: 'Belongs to another customer' },
    });
    expect(await refused('payments.record', { reference: 'P-1', customerId: acme, date: '2026-02-01', amount: -100 })).toMatchObject({ code: 'validation' });
    expect(await refused('writeOffs.record', { invoiceId: inv.id, date: '2026-02-01', amount: 10_001, reason: 'Too much', approvedBy: 'J. Ortiz', approvalNote: 'Email 3 March' })).toMatchObject({
      fields: { amount: 'At most $100.00 can be written off' },
    });
    expect(await refused('writeOffs.record', { invoiceId: inv.id, date: '2026-02-01', amount: 100, reason: ' ', approvedBy: 'J. Ortiz', approvalNote: 'Email 3 March' })).toMatchObject({ fields: { reason: 'Say why it is written off' } });
    expect(await refused('aging.report', { asOf: '2026-01-01', limits: [60, 30] })).toMatchObject({ code: 'validation' });
  });
});
