import type { AgingReportData, FeePreview, FeeRules, Handlers, TimelinePage } from '../../src-main/contract';
import { createHandlers } from '../../src-main/services/create-services';
import { openTempLedger } from '../support/temp-ledger';
import { serviceCaller } from '../support/service-caller';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok, refused } = serviceCaller(() => handlers, () => t.ledger);
let acme: number;

const NO_CHARGES: FeeRules = { lateFee: null, interest: null, graceDays: 10, capBasisPoints: null, applyToConsumers: false };
const rules = (r: Partial<FeeRules>) => ok<FeeRules>('fees.rulesUpdate', { rules: { ...NO_CHARGES, ...r } });
const preview = (asOf: string, customerId?: number) => ok<FeePreview>('fees.preview', customerId ? { asOf, customerId } : { asOf });
const invoice = (customerId: number, number: string, dueDate: string, amount: number) =>
  ok<{ id: number }>('invoices.create', { number, customerId, issueDate: '2024-01-01', dueDate, amount });
const customer = async (code: string, kind: 'business' | 'consumer' = 'business') => (await ok<{ id: number }>('customers.create', { code, name: `${code} Ltd`, kind })).id;

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger);
  acme = await customer('ACME');
});
afterEach(() => t.cleanup());

describe('fee rules', () => {
  it('charge nothing until a business sets them, and refuse bad rules with a message per field', async () => {
    expect(await ok('fees.rulesGet', {})).toEqual(NO_CHARGES);
    await invoice(acme, 'INV-1', '2024-01-31', 100_000);
    expect(await preview('2025-01-01')).toEqual({ asOf: '2025-01-01', lines: [], total: 0 });

    const bad = await refused('fees.rulesUpdate', {
      rules: { lateFee: { kind: 'percent', basisPoints: 2501 }, interest: { annualRateBasisPoints: 0 }, graceDays: 91, capBasisPoints: 10_001, applyToConsumers: false },
    });
    expect(bad.fields).toEqual({
      'rules.lateFee.basisPoints': 'The late fee rate (basis points) must be at most 2500',
      'rules.interest.annualRateBasisPoints': 'The annual interest rate (basis points) must be at least 1',
      'rules.graceDays': 'Grace days must be at most 90',
      'rules.capBasisPoints': 'The cap (basis points) must be at most 10000',
    });
    expect((await refused('fees.rulesUpdate', { rules: { ...NO_CHARGES, lateFee: { kind: 'flat', amount: 0 } } })).fields).toEqual({
      'rules.lateFee.amount': 'The late fee must be more than zero',
    });
    expect((await refused('fees.rulesUpdate', { rules: { ...NO_CHARGES, lateFee: { kind: 'daily', amount: 5 } } })).code).toBe('validation');

    const saved = await rules({ lateFee: { kind: 'flat', amount: 2_500 }, interest: { annualRateBasisPoints: 1800 }, graceDays: 5, capBasisPoints: 1000 });
    expect(await ok('fees.rulesGet', {})).toEqual(saved);
    expect(saved).toMatchObject({ lateFee: { kind: 'flat', amount: 2_500 }, graceDays: 5, applyToConsumers: false });
  });
});

describe('fees.preview', () => {
  it('rounds a percentage late fee half up to the cent and drops lines that round to nothing', async () => {
    await rules({ lateFee: { kind: 'percent', basisPoints: 150 } });
    await invoice(acme, 'INV-1', '2024-01-31', 333); // 1.5 % = 4.995 → 5
    await invoice(acme, 'INV-2', '2024-01-31', 299); // 4.485 → 4
    await invoice(acme, 'INV-3', '2024-01-31', 33); // 0.495 → 0: no line
    expect((await preview('2024-02-10')).lines).toEqual([]); // the 10th grace day: nothing yet
    const p = await preview('2024-02-11');
    expect(p.lines.map((l) => [l.invoiceNumber, l.kind, l.amount])).toEqual([
      ['INV-1', 'late_fee', 5],
      ['INV-2', 'late_fee', 4],
    ]);
    expect(p.total).toBe(9);
    expect(p.lines[0]).toMatchObject({ customerId: acme, customerCode: 'ACME', fromDate: null, throughDate: '2024-02-11', days: 0 });
    expect(p.lines[0].explanation).toBe(
      'Late fee of 1.5% of the 3.33 open, 0.05: INV-1 is still unpaid after the 10-day grace period following the due date 2024-01-31.',
    );
  });

  it('counts interest days across a month end and a leap day, keeping the grace days free of interest', async () => {
    await rules({ interest: { annualRateBasisPoints: 1800 }, graceDays: 0 });
    const inv = await invoice(acme, 'INV-1', '2024-01-31', 1_000_000);
    // 1 Feb to 1 Mar 2024 inclusive is 30 days (29 in February); 10,000.00 × 18 % × 30 / 365 = 147.945… → 147.95.
    const p = await preview('2024-03-01');
    expect(p.lines).toEqual([
      expect.objectContaining({ invoiceId: inv.id, kind: 'interest', fromDate: '2024-02-01', throughDate: '2024-03-01', days: 30, amount: 14_795 }),
    ]);
    expect(p.lines[0].explanation).toBe(
      'Interest at 18% a year on INV-1, 2024-02-01 to 2024-03-01 (30 days) on the 10,000.00 open: simple interest on a 365-day year, 147.95; ' +
        'interest runs from the day after the due date 2024-01-31.',
    );

    await rules({ interest: { annualRateBasisPoints: 1800 }, graceDays: 10 });
    expect((await preview('2024-02-10')).lines).toEqual([]);
    // The ten grace days are not charged: 11 Feb to 1 Mar is 20 days → 98.63.
    const graced = await preview('2024-03-01');
    expect(graced.lines[0]).toMatchObject({ fromDate: '2024-02-11', days: 20, amount: 9_863 });
    expect(graced.lines[0].explanation).toContain('the 10 grace days following the due date 2024-01-31 are not charged');
  });

  it('charges interest on each day’s open balance: a part payment stops interest on what it paid from its date', async () => {
    await rules({ interest: { annualRateBasisPoints: 1825 }, graceDays: 0 }); // 0.05 % a day
    const inv = await invoice(acme, 'INV-1', '2026-01-31', 100_000);
    await ok('payments.record', { reference: 'P-1', customerId: acme, date: '2026-02-11', amount: 40_000, invoiceId: inv.id });
    const p = await preview('2026-02-20');
    // 10 days on 1,000.00 (5.00) + 10 days on 600.00 (3.00).
    expect(p.lines).toEqual([expect.objectContaining({ fromDate: '2026-02-01', days: 20, amount: 800 })]);
    expect(p.lines[0].explanation).toContain('on the daily open balance (1,000.00 for 10 days, 600.00 for 10 days)');
  });

  it('clips a line to the cap on fees and interest, and charges nothing once the cap is reached', async () => {
    await rules({ lateFee: { kind: 'flat', amount: 800 }, interest: { annualRateBasisPoints: 1825 }, graceDays: 0, capBasisPoints: 1000 });
    await invoice(acme, 'INV-1', '2026-01-31', 10_000); // cap: 10 % of 100.00 = 10.00
    const p = await preview('2026-04-01'); // 60 days of interest would be 3.00
    expect(p.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['late_fee', 800],
      ['interest', 200],
    ]);
    expect(p.lines[1].explanation).toContain('capped: fees and interest on INV-1 may come to at most 10% of its 100.00, so 2.00 of 3.00 is charged.');
    await ok('fees.apply', { asOf: '2026-04-01', expectedTotal: 1_000 });
    expect((await preview('2026-06-30')).lines).toEqual([]);
  });

  it('skips invoices in an open dispute and customers on a signed payment plan; after a dispute is resolved the grace starts again', async () => {
    await rules({ lateFee: { kind: 'flat', amount: 1_000 }, interest: { annualRateBasisPoints: 1825 }, graceDays: 10 });
    const disputed = await invoice(acme, 'INV-A', '2026-01-31', 100_000);
    const plan = await customer('PLAN');
    await invoice(plan, 'INV-P', '2026-01-31', 100_000);
    const delta = await customer('DELTA');
    await invoice(delta, 'INV-D', '2026-01-31', 100_000);
    const call = await ok<{ dispute: { id: number } }>('activities.record', {
      customerId: acme,
      occurredAt: '2026-02-05T10:00',
      summary: 'Says the goods arrived damaged.',
      outcome: 'dispute_raised',
      dispute: { reason: 'damaged', invoiceIds: [disputed.id], amount: 100_000 },
    });
    t.ledger.db
      .prepare(
        `INSERT INTO payment_plan (customer_id, status, total, instalment_count, frequency, start_date, fairness, created_on, signed_on)
         VALUES (?, 'signed', 100000, 4, 'monthly', '2026-02-15', 'fair', '2026-02-10', '2026-02-12')`,
      )
      .run(plan);

    expect((await preview('2026-03-02')).lines.map((l) => l.invoiceNumber)).toEqual(['INV-D', 'INV-D']);
    await ok('disputes.update', { id: call.dispute.id, status: 'investigating', owner: 'Priya' });
    expect((await preview('2026-03-02', acme)).lines).toEqual([]);

    await ok('disputes.resolve', { id: call.dispute.id, resolution: 'no_credit', date: '2026-02-20' });
    expect((await preview('2026-03-02', acme)).lines).toEqual([]); // grace: 21 Feb to 2 Mar
    const after = await preview('2026-03-05', acme);
    expect(after.lines.map((l) => [l.kind, l.fromDate, l.days, l.amount])).toEqual([
      ['late_fee', null, 0, 1_000],
      ['interest', '2026-03-03', 3, 150],
    ]);
    expect(after.lines[0].explanation).toContain('following the resolution of its dispute on 2026-02-20');
  });

  it('charges consumers only when the rules say so', async () => {
    const person = await customer('JSMITH', 'consumer');
    await invoice(person, 'INV-C', '2026-01-31', 50_000);
    await rules({ lateFee: { kind: 'flat', amount: 1_000 } });
    expect((await preview('2026-03-01')).lines).toEqual([]);
    await rules({ lateFee: { kind: 'flat', amount: 1_000 }, applyToConsumers: true });
    expect((await preview('2026-03-01')).lines).toEqual([expect.objectContaining({ customerCode: 'JSMITH', amount: 1_000 })]);
  });

  it('charges only ordinary invoices, never a fee on a fee', async () => {
    await rules({ lateFee: { kind: 'flat', amount: 1_000 }, interest: { annualRateBasisPoints: 1825 } });
    await ok('invoices.create', { number: 'OLD-FEE', customerId: acme, kind: 'late_fee', issueDate: '2024-01-01', dueDate: '2024-01-31', amount: 5_000 });
    expect((await preview('2026-03-01')).lines).toEqual([]);
  });
});

describe('fees.apply', () => {
  beforeEach(() => rules({ lateFee: { kind: 'flat', amount: 2_500 }, interest: { annualRateBasisPoints: 1825 }, graceDays: 0 }));

  it('posts the previewed lines as fee and interest invoices, visible in aging and on the timeline; a second run the same day charges nothing', async () => {
    const inv = await invoice(acme, 'INV-1', '2026-01-31', 100_000);
    const before = await ok<AgingReportData>('aging.report', { asOf: '2026-03-02' });
    const p = await preview('2026-03-02'); // 30 days × 0.50 = 15.00
    expect(p.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['late_fee', 2_500],
      ['interest', 1_500],
    ]);
    expect(await ok('fees.apply', { asOf: '2026-03-02', expectedTotal: 4_000 })).toEqual({ posted: 2, total: 4_000 });

    const posted = t.ledger.db
      .prepare(`SELECT number, kind, issue_date, due_date, amount, open_amount, description FROM invoice WHERE kind <> 'invoice' ORDER BY id`)
      .all();
    expect(posted).toEqual([
      { number: 'LF-INV-1', kind: 'late_fee', issue_date: '2026-03-02', due_date: '2026-04-01', amount: 2_500, open_amount: 2_500, description: p.lines[0].explanation },
      { number: 'INT-INV-1-2026-03-02', kind: 'interest', issue_date: '2026-03-02', due_date: '2026-04-01', amount: 1_500, open_amount: 1_500, description: p.lines[1].explanation },
    ]);
    expect(t.ledger.db.prepare('SELECT source_invoice_id, kind, from_date, through_date, amount FROM fee_charge ORDER BY id').all()).toEqual([
      { source_invoice_id: inv.id, kind: 'late_fee', from_date: null, through_date: '2026-03-02', amount: 2_500 },
      { source_invoice_id: inv.id, kind: 'interest', from_date: '2026-02-01', through_date: '2026-03-02', amount: 1_500 },
    ]);

    const aging = await ok<AgingReportData>('aging.report', { asOf: '2026-03-02' });
    expect(aging.totals.total).toBe(before.totals.total + 4_000);
    expect(aging.rows[0].buckets[0]).toBe(4_000); // the charges are current: due in 30 days

    const notes = await ok<TimelinePage>('timeline.list', { customerId: acme, kinds: ['note'] });
    expect(notes.items.map((i) => (i.type === 'activity' ? i.summary : ''))).toEqual([
      'Charged as of 2026-03-02 under the fee rules: late fee LF-INV-1, 25.00, on INV-1; ' +
        'interest INT-INV-1-2026-03-02, 15.00, on INV-1 for 2026-02-01 to 2026-03-02. Total 40.00, due 2026-04-01.',
    ]);

    expect(await preview('2026-03-02')).toEqual({ asOf: '2026-03-02', lines: [], total: 0 });
    expect(await ok('fees.apply', { asOf: '2026-03-02', expectedTotal: 0 })).toEqual({ posted: 0, total: 0 });
    expect(t.ledger.db.prepare('SELECT COUNT(*) FROM fee_charge').pluck().get()).toBe(2);
  });

  it('continues interest from the day after the last charge, without a second late fee', async () => {
    await invoice(acme, 'INV-1', '2026-01-31', 100_000);
    await ok('fees.apply', { asOf: '2026-03-02', expectedTotal: 4_000 });
    const next = await preview('2026-03-12');
    expect(next.lines).toEqual([expect.objectContaining({ kind: 'interest', fromDate: '2026-03-03', throughDate: '2026-03-12', days: 10, amount: 500 })]);
    expect(next.lines[0].explanation).toContain('continuing from the last interest charged through 2026-03-02');
    await ok('fees.apply', { asOf: '2026-03-12', expectedTotal: 500 });
    expect(t.ledger.db.prepare(`SELECT number FROM invoice WHERE kind = 'interest' ORDER BY id`).pluck().all()).toEqual([
      'INT-INV-1-2026-03-02',
      'INT-INV-1-2026-03-12',
    ]);
  });

  it('numbers around an invoice number that is already taken', async () => {
    await invoice(acme, 'INV-1', '2026-01-31', 100_000);
    await ok('invoices.create', { number: 'lf-inv-1', customerId: acme, issueDate: '2026-03-01', dueDate: '2026-03-31', amount: 100 });
    await ok('fees.apply', { asOf: '2026-03-02', customerId: acme, expectedTotal: 4_000 });
    expect(t.ledger.db.prepare(`SELECT number FROM invoice WHERE kind = 'late_fee'`).pluck().all()).toEqual(['LF-INV-1-2']);
  });

  it('refuses a total that differs from the preview, an unknown customer and future days, changing nothing', async () => {
    await invoice(acme, 'INV-1', '2026-01-31', 100_000);
    expect(await refused('fees.apply', { asOf: '2026-03-02', expectedTotal: 3_999 })).toEqual({
      code: 'conflict',
      message: 'The charges have changed since the preview: they now come to 40.00, not 39.99. Please preview again and check them before applying.',
      fields: { expectedTotal: 'The charges now come to 40.00' },
    });
    expect((await refused('fees.apply', { asOf: '2026-03-02', customerId: 999, expectedTotal: 0 })).code).toBe('not_found');
    expect((await refused('fees.preview', { asOf: '2026-03-02', customerId: 999 })).code).toBe('not_found');
    expect((await refused('fees.apply', { asOf: '2999-01-01', expectedTotal: 0 })).fields).toEqual({ asOf: 'Cannot be after today' });
    expect((await refused('fees.apply', { asOf: '2026-02-30', expectedTotal: 0 })).fields).toEqual({ asOf: 'As-of date must be a real date like 2026-03-31' });
    expect((await refused('fees.apply', { asOf: '2026-03-02' })).fields).toEqual({ expectedTotal: 'Send the total shown in the preview' });
  });
});
