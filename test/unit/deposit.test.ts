import Database from 'better-sqlite3';
import type { DepositPosted, DepositPreview, Handlers } from '../../src-main/contract';
import { createHandlers } from '../../src-main/services/create-services';
import { openTempLedger, snapshot } from '../support/temp-ledger';
import { serviceCaller } from '../support/service-caller';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok, refused } = serviceCaller(() => handlers, () => t.ledger);
let acme: number;
let beta: number;
const inv: Record<string, number> = {};

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger, { dailyBackups: false });
  acme = (await ok<{ id: number }>('customers.create', { code: 'ACME', name: 'Acme Supply' })).id;
  beta = (await ok<{ id: number }>('customers.create', { code: 'BETA', name: 'Beta Foods' })).id;
  const add = async (number: string, customerId: number, dueDate: string, amount: number) =>
    (inv[number] = (await ok<{ id: number }>('invoices.create', { number, customerId, issueDate: '2026-01-01', dueDate, amount })).id);
  await add('A-1', acme, '2026-01-31', 10_000);
  await add('A-2', acme, '2026-02-28', 20_000);
  await add('A-3', acme, '2026-03-31', 30_000);
  await add('B-1', beta, '2026-01-31', 5_000);
});
afterEach(() => t.cleanup());

const open = (number: string) => t.ledger.db.prepare('SELECT open_amount FROM invoice WHERE number = ?').pluck().get(number);

describe('a deposit of several cheques (payments.deposit)', () => {
  it('posts every cheque in one go: oldest first, chosen invoices, and what is left unapplied', async () => {
    const deposit = {
      payments: [
        // Oldest first: all of A-1, then part of A-2.
        { reference: 'CHK-101', customerId: acme, date: '2026-03-05', amount: 15_000, method: 'Cheque' },
        // The remittance says A-3: it pays that first; the rest meets what is still open oldest first.
        { reference: 'CHK-102', customerId: acme, date: '2026-03-05', amount: 40_000, method: 'Cheque', allocations: [{ invoiceId: inv['A-3'], amount: 30_000 }] },
        // More than Beta owes: the rest stays on the account.
        { reference: 'CHK-103', customerId: beta, date: '2026-03-05', amount: 7_500, method: 'Cheque' },
      ],
    };
    const preview = await ok<DepositPreview>('payments.preview', deposit);
    const posted = await ok<DepositPosted>('payments.deposit', deposit);
    expect(posted.total).toBe(62_500);
    expect(posted.payments.map((p) => ({ ref: p.reference, lines: p.lines.map((l) => `${l.number}:${l.amount}`), unapplied: p.unapplied }))).toEqual([
      { ref: 'CHK-101', lines: ['A-1:10000', 'A-2:5000'], unapplied: 0 },
      { ref: 'CHK-102', lines: ['A-3:30000', 'A-2:10000'], unapplied: 0 },
      { ref: 'CHK-103', lines: ['B-1:5000'], unapplied: 2_500 },
    ]);
    // What was shown before saving is what was posted.
    expect(preview).toEqual({ payments: posted.payments.map(({ id: _id, ...p }) => p), problems: {} });
    expect([open('A-1'), open('A-2'), open('A-3'), open('B-1')]).toEqual([0, 5_000, 0, 0]);
    const aging = await ok<{ rows: { customerCode: string; unapplied: number; total: number }[] }>('aging.report', { asOf: '2026-03-06' });
    expect(aging.rows.map((r) => [r.customerCode, r.total, r.unapplied])).toEqual([
      ['ACME', 5_000, 0],
      ['BETA', -2_500, -2_500],
    ]);
  });

  it('refuses the whole deposit when one cheque is wrong, naming each wrong row, and writes nothing', async () => {
    await ok('payments.record', { reference: 'CHK-OLD', customerId: acme, date: '2026-02-01', amount: 100 });
    const error = await refused('payments.deposit', {
      payments: [
        { reference: 'CHK-1', customerId: acme, date: '2026-03-05', amount: 1_000 },
        { reference: 'CHK-OLD', customerId: acme, date: '2026-03-05', amount: 1_000 },
        { reference: 'CHK-3', customerId: acme, date: '2026-03-05', amount: 50_000, allocations: [{ invoiceId: inv['A-2'], amount: 25_000 }] },
        { reference: 'CHK-4', customerId: beta, date: '2026-03-05', amount: 1_000, allocations: [{ invoiceId: inv['A-1'], amount: 1_000 }] },
        { reference: 'CHK-5', customerId: 999, date: '2026-03-05', amount: 1_000 },
        { reference: 'chk-1', customerId: beta, date: '2026-03-05', amount: 1_000 },
      ],
    });
    expect(error).toMatchObject({
      code: 'validation',
      message: '5 payments cannot be posted; nothing was saved.',
      fields: {
        'payments.1.reference': 'CHK-OLD is already used',
        'payments.2.allocations.0.amount': 'At most $200.00 is open on A-2',
        'payments.3.allocations.0.invoiceId': 'Belongs to another customer',
        'payments.4.customerId': 'No such customer',
        'payments.5.reference': 'This reference is already in the deposit',
      },
    });
    expect(t.ledger.db.prepare(`SELECT COUNT(*) FROM payment WHERE reference = 'CHK-1'`).pluck().get()).toBe(0);
  });

  it('a later cheque sees what the earlier ones paid: choosing an invoice an earlier row settled is refused at that row', async () => {
    const error = await refused('payments.deposit', {
      payments: [
        { reference: 'CHK-1', customerId: acme, date: '2026-03-05', amount: 10_000 },
        { reference: 'CHK-2', customerId: acme, date: '2026-03-05', amount: 10_000, allocations: [{ invoiceId: inv['A-1'], amount: 10_000 }] },
      ],
    });
    expect(error.fields).toEqual({ 'payments.1.allocations.0.amount': 'Nothing is open on A-1' });
    expect(error.message).toBe('Payment 2 cannot be posted: Nothing is open on A-1');
  });

  it('the contract refuses what no ledger could accept: more applied than paid, an invoice twice, one invoice and a list', async () => {
    const error = await refused('payments.deposit', {
      payments: [
        { reference: 'CHK-1', customerId: acme, date: '2026-03-05', amount: 1_000, allocations: [{ invoiceId: inv['A-1'], amount: 600 }, { invoiceId: inv['A-2'], amount: 600 }] },
        { reference: 'CHK-2', customerId: acme, date: '2026-03-05', amount: 1_000, allocations: [{ invoiceId: inv['A-1'], amount: 1 }, { invoiceId: inv['A-1'], amount: 1 }] },
        { reference: 'CHK-3', customerId: acme, date: '2026-03-05', amount: 1_000, invoiceId: inv['A-1'], allocations: [{ invoiceId: inv['A-2'], amount: 1 }] },
      ],
    });
    expect(error).toMatchObject({
      code: 'validation',
      fields: {
        'payments.0.allocations': 'Cannot apply more than the payment',
        'payments.1.allocations.1.invoiceId': 'This invoice is already in the list',
        'payments.2.invoiceId': 'Name one invoice or a list of allocations, not both',
      },
    });
  });

  it('a preview writes nothing, previews a row without its reference, and reports a refused row beside the good ones', async () => {
    const before = snapshot(t.ledger);
    const preview = await ok<DepositPreview>('payments.preview', {
      payments: [
        { customerId: acme, date: '2026-03-05', amount: 12_000 },
        { reference: 'CHK-9', customerId: beta, date: '2026-03-05', amount: 9_000, allocations: [{ invoiceId: inv['B-1'], amount: 6_000 }] },
      ],
    });
    expect(snapshot(t.ledger)).toEqual(before);
    expect(preview.payments[0]).toEqual({
      reference: '',
      customerId: acme,
      amount: 12_000,
      lines: [
        { invoiceId: inv['A-1'], number: 'A-1', amount: 10_000 },
        { invoiceId: inv['A-2'], number: 'A-2', amount: 2_000 },
      ],
      applied: 12_000,
      unapplied: 0,
    });
    expect(preview.payments[1]).toBeNull();
    expect(preview.problems).toEqual({ 'payments.1.allocations.0.amount': 'At most $50.00 is open on B-1' });
  });

  it('a preview kept waiting by another program says so quietly instead of failing', async () => {
    t.ledger.db.pragma('busy_timeout = 200');
    const other = new Database(t.ledger.path);
    other.exec('BEGIN IMMEDIATE');
    try {
      expect(await ok('payments.preview', { payments: [{ customerId: acme, date: '2026-03-05', amount: 100 }] })).toEqual({
        payments: [null],
        problems: {},
        unavailable: 'Another program is writing to this ledger; the preview comes back when it has finished.',
      });
      // A save is still refused as busy, for the clerk to retry.
      expect(await refused('payments.deposit', { payments: [{ reference: 'X-1', customerId: acme, date: '2026-03-05', amount: 100 }] })).toMatchObject({ code: 'busy' });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });

  it('payments.record takes chosen invoices too, through the same checks', async () => {
    expect(await ok('payments.record', { reference: 'P-1', customerId: acme, date: '2026-03-05', amount: 25_000, allocations: [{ invoiceId: inv['A-2'], amount: 20_000 }] })).toEqual({
      id: expect.any(Number),
      applied: 25_000,
      unapplied: 0,
    });
    expect([open('A-1'), open('A-2')]).toEqual([5_000, 0]);
    expect(await refused('payments.record', { reference: 'P-2', customerId: beta, date: '2026-03-05', amount: 100, allocations: [{ invoiceId: inv['A-3'], amount: 100 }] })).toMatchObject({
      code: 'validation',
      fields: { 'allocations.0.invoiceId': 'Belongs to another customer' },
    });
  });
});
