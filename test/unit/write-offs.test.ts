import type { AgingReportData, Handlers, TimelinePage, WriteOffSummary } from '../../src-main/contract';
import { createHandlers } from '../../src-main/services/create-services';
import { openTempLedger, snapshot } from '../support/temp-ledger';
import { serviceCaller } from '../support/service-caller';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok, refused } = serviceCaller(() => handlers, () => t.ledger);
let acme: number;
let inv: number;

const notes = async () =>
  (await ok<TimelinePage>('timeline.list', { customerId: acme, kinds: ['note'] })).items.map((i) => (i.type === 'activity' ? i.summary : ''));

const APPROVAL = { approvedBy: 'J. Ortiz', approvalNote: 'Approved by J. Ortiz, email 3 March' };

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger);
  acme = (await ok<{ id: number }>('customers.create', { code: 'ACME', name: 'Acme Supply' })).id;
  inv = (await ok<{ id: number }>('invoices.create', { number: 'INV-1', customerId: acme, issueDate: '2026-01-01', dueDate: '2026-01-31', amount: 10_000 })).id;
  await ok('payments.record', { reference: 'P-1', customerId: acme, date: '2026-02-15', amount: 4_000, invoiceId: inv });
});
afterEach(() => t.cleanup());

describe('write-off approval', () => {
  it('is required: who approved it and a record of the approval', async () => {
    const base = { invoiceId: inv, date: '2026-06-30', amount: 6_000, reason: 'Customer ceased trading' };
    expect((await refused('writeOffs.record', base)).fields).toEqual({
      approvedBy: 'Name who approved the write-off',
      approvalNote: 'Record the approval (e.g. "Approved by J. Ortiz, email 3 March")',
    });
    expect((await refused('writeOffs.record', { ...base, approvedBy: '  ', approvalNote: 'x'.repeat(501) })).fields).toEqual({
      approvedBy: 'Name who approved the write-off',
      approvalNote: 'The approval note is too long (at most 500 characters)',
    });
    expect((await refused('writeOffs.record', { ...base, ...APPROVAL, approvedBy: 'x'.repeat(81) })).fields).toEqual({
      approvedBy: 'Name who approved the write-off (at most 80 characters)',
    });

    const { id } = await ok<{ id: number }>('writeOffs.record', { ...base, ...APPROVAL });
    expect(t.ledger.db.prepare('SELECT approved_by, approval_note FROM write_off WHERE id = ?').get(id)).toEqual({
      approved_by: 'J. Ortiz',
      approval_note: 'Approved by J. Ortiz, email 3 March',
    });
    expect(await ok('writeOffs.list', { customerId: acme })).toEqual([
      { id, invoiceId: inv, invoiceNumber: 'INV-1', date: '2026-06-30', amount: 6_000, reason: 'Customer ceased trading', ...APPROVAL, recovered: 0, recoverable: 6_000 },
    ]);
    expect(await notes()).toEqual(['Written off $60.00 on INV-1: Customer ceased trading (approved by J. Ortiz: Approved by J. Ortiz, email 3 March)']);
    expect((await refused('writeOffs.list', { customerId: 999 })).code).toBe('not_found');
  });
});

describe('recoveries', () => {
  let writeOff: number;
  beforeEach(async () => {
    writeOff = (await ok<{ id: number }>('writeOffs.record', { invoiceId: inv, date: '2026-06-30', amount: 6_000, reason: 'Customer ceased trading', ...APPROVAL })).id;
  });

  it('are limited to what was written off and not yet recovered, on or after the write-off, each reference once', async () => {
    const rec = { writeOffId: writeOff, date: '2026-08-01', amount: 2_500, reference: 'LIQ-1', method: 'bank transfer' };
    expect((await refused('recoveries.record', { ...rec, amount: 6_001 })).fields).toEqual({ amount: 'At most $60.00 can still be recovered' });
    expect((await refused('recoveries.record', { ...rec, date: '2026-06-29' })).fields).toEqual({ date: 'Cannot be before the write-off on 2026-06-30' });
    expect((await refused('recoveries.record', { ...rec, writeOffId: 999 })).code).toBe('not_found');
    expect((await refused('recoveries.record', { ...rec, amount: 0, reference: ' ' })).fields).toEqual({
      amount: 'Amount must be more than zero',
      reference: 'Reference is required',
    });

    expect(await ok('recoveries.record', rec)).toEqual({ id: expect.any(Number), writeOffId: writeOff, recovered: 2_500, recoverable: 3_500 });
    expect(await refused('recoveries.record', { ...rec, reference: 'liq-1', amount: 100 })).toMatchObject({ code: 'conflict', fields: { reference: 'liq-1 is already used' } });
    expect((await refused('recoveries.record', { ...rec, reference: 'LIQ-2', amount: 3_501 })).fields).toEqual({ amount: 'At most $35.00 can still be recovered' });
    await ok('recoveries.record', { ...rec, reference: 'LIQ-2', amount: 3_500, method: null });
    expect((await refused('recoveries.record', { ...rec, reference: 'LIQ-3', amount: 1 })).fields).toEqual({ amount: 'At most $0.00 can still be recovered' });

    expect(await ok<WriteOffSummary[]>('writeOffs.list', { customerId: acme })).toMatchObject([{ id: writeOff, recovered: 6_000, recoverable: 0 }]);
    expect((await notes()).slice(0, 2)).toEqual([
      'Recovered $35.00 on 2026-08-01 of the $60.00 written off on INV-1 (reference LIQ-2). All of it is now recovered.',
      'Recovered $25.00 on 2026-08-01 of the $60.00 written off on INV-1 (reference LIQ-1, bank transfer). $35.00 is still outstanding.',
    ]);
  });

  it('leave receivables exactly as they were: every invoice, payment and allocation row and the aging', async () => {
    const ledgerTables = () => {
      const s = snapshot(t.ledger);
      return ['invoice', 'instalment', 'payment', 'credit_note', 'write_off', 'allocation', 'ledger_setting'].map((name) => s[name]);
    };
    const agings = () => Promise.all(['2026-06-29', '2026-06-30', '2026-08-01', '2026-12-31'].map((asOf) => ok<AgingReportData>('aging.report', { asOf })));
    const rowsBefore = ledgerTables();
    const agingBefore = await agings();
    expect(agingBefore[0].totals.total).toBe(6_000);
    expect(agingBefore[3].totals.total).toBe(0);

    await ok('recoveries.record', { writeOffId: writeOff, date: '2026-08-01', amount: 6_000, reference: 'LIQ-1' });

    expect(ledgerTables()).toEqual(rowsBefore);
    expect(await agings()).toEqual(agingBefore);
    expect(t.ledger.db.prepare('SELECT write_off_id, customer_id, date, amount, reference, method FROM recovery').all()).toEqual([
      { write_off_id: writeOff, customer_id: acme, date: '2026-08-01', amount: 6_000, reference: 'LIQ-1', method: null },
    ]);
  });
});

describe('several invoices in one write-off', () => {
  const decision = { date: '2026-06-30', reason: 'Customer ceased trading', ...APPROVAL };
  const open = (id: number) => t.ledger.db.prepare('SELECT open_amount FROM invoice WHERE id = ?').pluck().get(id) as number;

  it('writes off each chosen invoice in one transaction, each with its note on the timeline', async () => {
    const inv2 = (await ok<{ id: number }>('invoices.create', { number: 'INV-2', customerId: acme, issueDate: '2026-02-01', dueDate: '2026-03-03', amount: 2_500 })).id;
    const { ids } = await ok<{ ids: number[] }>('writeOffs.recordMany', { lines: [{ invoiceId: inv, amount: 6_000 }, { invoiceId: inv2, amount: 1_000 }], ...decision });
    expect(ids).toHaveLength(2);
    expect([open(inv), open(inv2)]).toEqual([0, 1_500]);
    expect(await notes()).toEqual(
      expect.arrayContaining([
        'Written off $60.00 on INV-1: Customer ceased trading (approved by J. Ortiz: Approved by J. Ortiz, email 3 March)',
        'Written off $10.00 on INV-2: Customer ceased trading (approved by J. Ortiz: Approved by J. Ortiz, email 3 March)',
      ]),
    );
  });

  it('is all-or-nothing: one line too large, another customer’s invoice or a repeated invoice keeps none', async () => {
    const inv2 = (await ok<{ id: number }>('invoices.create', { number: 'INV-2', customerId: acme, issueDate: '2026-02-01', dueDate: '2026-03-03', amount: 2_500 })).id;
    const other = (await ok<{ id: number }>('customers.create', { code: 'OTHER', name: 'Other Ltd' })).id;
    const inv3 = (await ok<{ id: number }>('invoices.create', { number: 'INV-3', customerId: other, issueDate: '2026-02-01', dueDate: '2026-03-03', amount: 900 })).id;
    expect(await refused('writeOffs.recordMany', { lines: [{ invoiceId: inv, amount: 6_000 }, { invoiceId: inv2, amount: 2_501 }], ...decision })).toMatchObject({
      code: 'validation',
      fields: { 'lines.1.amount': 'At most $25.00 can be written off' },
    });
    expect(await refused('writeOffs.recordMany', { lines: [{ invoiceId: inv, amount: 6_000 }, { invoiceId: inv3, amount: 900 }], ...decision })).toMatchObject({
      fields: { 'lines.1.invoiceId': 'Another customer’s invoice' },
    });
    expect(await refused('writeOffs.recordMany', { lines: [{ invoiceId: inv2, amount: 500 }, { invoiceId: inv2, amount: 500 }], ...decision })).toMatchObject({
      fields: { 'lines.1.invoiceId': 'This invoice is already in the list' },
    });
    expect(await refused('writeOffs.recordMany', { lines: [], ...decision })).toMatchObject({ fields: { lines: 'Choose the invoices to write off' } });
    expect([open(inv), open(inv2), open(inv3)]).toEqual([6_000, 2_500, 900]);
  });
});
