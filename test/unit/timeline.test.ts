import type {  Handlers, TimelinePage } from '../../src-main/contract';
import { createHandlers } from '../../src-main/services/create-services';
import { openTempLedger } from '../support/temp-ledger';
import { serviceCaller } from '../support/service-caller';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok, refused } = serviceCaller(() => handlers, () => t.ledger);
let acme: { id: number; contacts: { id: number }[] };
let beta: { id: number; contacts: { id: number }[] };

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger);
  acme = await ok('customers.create', { code: 'ACME', name: 'Acme Supply', contacts: [{ name: 'Dana Reyes', role: 'accounts_payable' }] });
  beta = await ok('customers.create', { code: 'BETA', name: 'Beta Foods', contacts: [{ name: 'Lee Park', role: 'principal' }] });
});
afterEach(() => t.cleanup());

describe('the customer timeline', () => {
  it('records a call with a promise and a follow-up, and lists it with payments and credits, newest first', async () => {
    await ok('invoices.create', { number: 'INV-1', customerId: acme.id, issueDate: '2026-03-01', dueDate: '2026-03-31', amount: 50_000 });
    await ok('payments.record', { reference: 'CHK-7', customerId: acme.id, date: '2026-04-02', amount: 20_000, method: 'check' });
    const call = await ok('activities.record', {
      customerId: acme.id,
      occurredAt: '2026-04-10T09:30',
      contactId: acme.contacts[0].id,
      direction: 'outbound',
      outcome: 'promise_to_pay',
      summary: 'Dana confirmed the goods arrived; the rest will go out on Friday.',
      promise: { amount: 30_000, date: '2026-04-17' },
      followUpDate: '2026-04-18',
      author: 'Sam',
    });
    expect(call).toMatchObject({ contactName: 'Dana Reyes', promise: { amount: 30_000, date: '2026-04-17' }, followUpDate: '2026-04-18' });
    await ok('credits.record', { number: 'CN-1', customerId: acme.id, date: '2026-04-12', amount: 1_000, reason: 'Short shipment' });

    const page = await ok<TimelinePage>('timeline.list', { customerId: acme.id });
    expect(page.total).toBe(3);
    expect(page.items.map((i) => [i.type, i.at])).toEqual([
      ['credit', '2026-04-12'],
      ['activity', '2026-04-10T09:30'],
      ['payment', '2026-04-02'],
    ]);
    const calls = await ok<TimelinePage>('timeline.list', { customerId: acme.id, kinds: ['call'] });
    expect(calls.items).toHaveLength(1);
    expect((await ok<TimelinePage>('timeline.list', { customerId: beta.id })).total).toBe(0);
  });

  it('never edits or deletes: a correction is a new entry shown with the one it corrects', async () => {
    const first = await ok<{ id: number }>('activities.record', { customerId: acme.id, kind: 'note', occurredAt: '2026-04-10T09:30', summary: 'Spoke to Dana.' });
    const fix = await ok<{ id: number }>('activities.record', { customerId: acme.id, kind: 'note', occurredAt: '2026-04-10T09:45', summary: 'Correction: it was Sam, not Dana.', correctsId: first.id });
    await ok('activities.record', { customerId: acme.id, kind: 'note', occurredAt: '2026-04-10T10:00', summary: 'Correction of the correction: Sam Reyes.', correctsId: fix.id });
    const page = await ok<TimelinePage>('timeline.list', { customerId: acme.id });
    expect(page.total).toBe(1);
    const item = page.items[0];
    expect(item.type === 'activity' && [item.summary, ...item.corrections.map((c) => c.summary)]).toEqual([
      'Spoke to Dana.',
      'Correction: it was Sam, not Dana.',
      'Correction of the correction: Sam Reyes.',
    ]);
    expect(() => t.ledger.db.prepare('UPDATE activity SET summary = ? WHERE id = ?').run('rewritten', first.id)).toThrow(/append-only/);
    expect(() => t.ledger.db.prepare('DELETE FROM activity WHERE id = ?').run(first.id)).toThrow(/append-only/);
  });

  it('refuses entries that do not add up, changing nothing', async () => {
    const base = { customerId: acme.id, occurredAt: '2026-04-10T09:30', summary: 'Called.' };
    expect((await refused('activities.record', { ...base, summary: '  ' })).fields).toEqual({ summary: 'Write what was said or done' });
    expect((await refused('activities.record', { ...base, outcome: 'promise_to_pay' })).fields).toEqual({ promise: 'Enter the promised amount and date' });
    expect((await refused('activities.record', { ...base, promise: { amount: 100, date: '2026-04-09' } })).fields).toEqual({
      'promise.date': 'A promise is for the day of the call or later',
    });
    expect((await refused('activities.record', { ...base, contactId: beta.contacts[0].id })).fields).toEqual({ contactId: 'Not a contact of this customer' });
    const other = await ok<{ id: number }>('activities.record', { customerId: beta.id, occurredAt: '2026-04-10T09:30', summary: 'Beta call.' });
    expect((await refused('activities.record', { ...base, correctsId: other.id })).fields).toEqual({ correctsId: 'Not on this timeline' });
    expect((await refused('activities.record', { ...base, occurredAt: '2026-04-10 09:30' })).code).toBe('validation');
  });
});

describe('the customer card', () => {
  it('shows open items oldest due first with days past due, the aging bar, cash, credits and promises', async () => {
    await ok('invoices.create', {
      number: 'INV-2',
      customerId: acme.id,
      issueDate: '2026-02-01',
      dueDate: '2026-03-01',
      amount: 20_000,
      schedule: [
        { dueDate: '2026-03-01', amount: 10_000 },
        { dueDate: '2026-04-01', amount: 10_000 },
      ],
    });
    await ok('invoices.create', { number: 'INV-1', customerId: acme.id, issueDate: '2026-01-01', dueDate: '2026-01-31', amount: 5_000 });
    await ok('payments.record', { reference: 'P-1', customerId: acme.id, date: '2026-03-05', amount: 6_000, method: 'ACH' });
    await ok('credits.record', { number: 'CN-9', customerId: acme.id, date: '2026-03-06', amount: 500, reason: 'Goodwill' });
    await ok('activities.record', { customerId: acme.id, occurredAt: '2026-03-10T10:00', summary: 'Will pay the March instalment.', promise: { amount: 9_000, date: '2026-03-20' } });

    const card = await ok<{
      customer: { code: string; status: string };
      balance: { buckets: number[]; unapplied: number; total: number };
      openItems: { number: string; seq: number | null; openAmount: number; daysPastDue: number }[];
      recentPayments: { reference: string; unapplied: number }[];
      openCredits: { number: string }[];
      promises: { amount: number; promisedDate: string }[];
    }>('customers.card', { id: acme.id, asOf: '2026-04-15' });
    expect(card.customer).toMatchObject({ code: 'ACME', status: 'active' });
    // P-1 paid INV-1 (oldest due) and 1,000 of the first instalment; the goodwill credit 500 more of it.
    expect(card.openItems.map((o) => [o.number, o.seq, o.openAmount, o.daysPastDue])).toEqual([
      ['INV-2', 1, 8_500, 45],
      ['INV-2', 2, 10_000, 14],
    ]);
    expect(card.balance).toEqual({ labels: ['Current', '1-30', '31-60', '61-90', '91-120', 'Over 120'], buckets: [0, 10_000, 8_500, 0, 0, 0], unapplied: 0, total: 18_500 });
    expect(card.recentPayments).toMatchObject([{ reference: 'P-1', unapplied: 0 }]);
    expect(card.openCredits).toEqual([]);
    expect(card.promises).toMatchObject([{ amount: 9_000, promisedDate: '2026-03-20' }]);
  });
});

describe('disputes raised on a call', () => {
  it('records the reason, invoices and amount, shows them on the timeline and the card, and checks them', async () => {
    const inv = await ok<{ id: number }>('invoices.create', { number: 'INV-7', customerId: acme.id, issueDate: '2026-03-01', dueDate: '2026-03-31', amount: 12_000 });
    const theirs = await ok<{ id: number }>('invoices.create', { number: 'B-1', customerId: beta.id, issueDate: '2026-03-01', dueDate: '2026-03-31', amount: 500 });
    const base = { customerId: acme.id, occurredAt: '2026-04-10T09:30', summary: 'Two cases arrived crushed.', outcome: 'dispute_raised' };
    expect((await refused('activities.record', base)).fields).toEqual({ dispute: 'Say what is disputed: reason, invoices and amount' });
    expect((await refused('activities.record', { ...base, dispute: { reason: 'damaged', invoiceIds: [theirs.id], amount: 100 } })).fields).toEqual({
      'dispute.invoiceIds': 'Not all of these are this customer’s invoices',
    });
    expect((await refused('activities.record', { ...base, dispute: { reason: 'damaged', invoiceIds: [inv.id], amount: 12_001 } })).fields).toEqual({
      'dispute.amount': 'At most 12000 is open on the chosen invoices',
    });
    const entry = await ok<{ dispute: unknown }>('activities.record', { ...base, dispute: { reason: 'damaged', invoiceIds: [inv.id], amount: 3_000 } });
    expect(entry.dispute).toMatchObject({ reason: 'damaged', amount: 3_000, status: 'open', invoiceNumbers: ['INV-7'] });
    const card = await ok<{ openDisputes: unknown[] }>('customers.card', { id: acme.id, asOf: '2026-04-20' });
    expect(card.openDisputes).toMatchObject([{ reason: 'damaged', amount: 3_000, daysOpen: 10, invoiceNumbers: ['INV-7'] }]);
  });
});

describe('resolving a dispute', () => {
  it('a credit resolution posts the credit note against the disputed invoice; no-credit posts nothing; both close it', async () => {
    const inv = await ok<{ id: number }>('invoices.create', { number: 'INV-8', customerId: acme.id, issueDate: '2026-03-01', dueDate: '2026-03-31', amount: 12_000 });
    const raise = (amount: number) =>
      ok<{ dispute: { id: number } }>('activities.record', {
        customerId: acme.id,
        occurredAt: '2026-04-10T09:30',
        summary: 'Price differs from the quote.',
        outcome: 'dispute_raised',
        dispute: { reason: 'pricing', invoiceIds: [inv.id], amount },
      });
    const first = (await raise(2_000)).dispute.id;
    const second = (await raise(1_000)).dispute.id;

    expect((await refused('disputes.resolve', { id: first, resolution: 'price_correction', date: '2026-04-15', creditNumber: 'CN-50', amount: 2_001 })).fields).toEqual({
      amount: 'At most 2000',
    });
    expect((await refused('disputes.resolve', { id: first, resolution: 'no_credit', date: '2026-04-15', amount: 5 })).fields).toEqual({
      resolution: 'This resolution posts no credit',
    });
    await ok('disputes.update', { id: first, owner: 'Priya' });
    // Moving it along without naming an owner keeps the owner it has.
    await ok('disputes.update', { id: first, status: 'investigating' });
    expect(t.ledger.db.prepare('SELECT owner, status FROM dispute WHERE id = ?').get(first)).toEqual({ owner: 'Priya', status: 'investigating' });
    expect(await ok('disputes.resolve', { id: first, resolution: 'price_correction', date: '2026-04-15', creditNumber: 'CN-50', amount: 2_000 })).toMatchObject({
      resolution: 'price_correction',
      creditNoteId: expect.any(Number),
    });
    expect(t.ledger.db.prepare('SELECT open_amount FROM invoice WHERE id = ?').pluck().get(inv.id)).toBe(10_000);
    await ok('disputes.resolve', { id: second, resolution: 'no_credit', date: '2026-04-16', note: 'Quote was for a smaller order.' });
    expect(t.ledger.db.prepare('SELECT open_amount FROM invoice WHERE id = ?').pluck().get(inv.id)).toBe(10_000);
    expect((await refused('disputes.resolve', { id: first, resolution: 'no_credit', date: '2026-04-17' })).fields).toEqual({ id: 'Already resolved' });

    const card = await ok<{ openDisputes: unknown[] }>('customers.card', { id: acme.id, asOf: '2026-04-20' });
    expect(card.openDisputes).toEqual([]);
    const notes = await ok<TimelinePage>('timeline.list', { customerId: acme.id, kinds: ['note'] });
    expect(notes.items.map((i) => (i.type === 'activity' ? i.summary : ''))).toEqual(
      expect.arrayContaining(['Dispute resolved: price corrected', 'Dispute resolved: no credit due. Quote was for a smaller order.', 'Dispute under investigation, owner Priya.']),
    );
  });
});
