import type { ClockState, FeePreview, Handlers, TimelinePage } from '../../src-main/contract';
import { localDateTime, localToday } from '../../src-main/money/dates';
import { createHandlers } from '../../src-main/services/create-services';
import { openTempLedger } from '../support/temp-ledger';
import { serviceCaller } from '../support/service-caller';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok, refused } = serviceCaller(() => handlers, () => t.ledger);

// Well after the machine's today whenever the test runs, so only a pinned clock makes it "today".
const year = new Date().getFullYear() + 2;
const pinnedAt = new Date(year, 2, 13, 9, 30); // 13 March, 09:30 local
const pinnedDay = `${year}-03-13`;

beforeEach(async () => {
  t = await openTempLedger();
});
afterEach(() => t.cleanup());

describe('the services clock', () => {
  it('is the machine clock, and cannot be set without clock control; a refusal changes nothing', async () => {
    handlers = createHandlers(t.ledger);
    const before = await ok<ClockState>('clock.get', {});
    expect(before).toMatchObject({ today: localToday(), pinned: false });
    expect(Math.abs(Date.parse(before.now) - Date.now())).toBeLessThan(60_000);

    const error = await refused('clock.set', { now: pinnedAt.toISOString() });
    expect(error.code).toBe('unauthorized');
    expect(error.message).toMatch(/SETTLE_CLOCK_CONTROL=1/);
    expect((await refused('clock.set', { now: null })).code).toBe('unauthorized');
    expect(await ok<ClockState>('clock.get', {})).toMatchObject({ today: localToday(), pinned: false });
  });

  it('refuses a time without an offset or that is not a time, even with clock control', async () => {
    handlers = createHandlers(t.ledger, { clockControl: true });
    for (const now of ['2026-03-13', '2026-03-13T09:00:00', 'yesterday', 0]) {
      expect((await refused('clock.set', { now })).code).toBe('validation');
    }
    expect((await ok<ClockState>('clock.get', {})).pinned).toBe(false);
  });

  it('once pinned, is the services’ today: fees apply up to it, and notes carry its time', async () => {
    handlers = createHandlers(t.ledger, { clockControl: true });
    const acme = (await ok<{ id: number }>('customers.create', { code: 'ACME', name: 'Acme Ltd' })).id;
    await ok('invoices.create', { number: 'INV-1', customerId: acme, issueDate: `${year}-01-01`, dueDate: `${year}-01-31`, amount: 100_000 });
    await ok('fees.rulesUpdate', { rules: { lateFee: { kind: 'flat', amount: 2_500 }, interest: null, graceDays: 10, capBasisPoints: null, applyToConsumers: false } });
    const { total } = await ok<FeePreview>('fees.preview', { asOf: pinnedDay });
    expect(total).toBe(2_500);

    // On the machine's clock the day has not come yet.
    expect((await refused('fees.apply', { asOf: pinnedDay, expectedTotal: total })).fields).toEqual({ asOf: 'Cannot be after today' });

    expect(await ok<ClockState>('clock.set', { now: pinnedAt.toISOString() })).toEqual({ now: pinnedAt.toISOString(), today: pinnedDay, pinned: true });
    expect(await ok<ClockState>('clock.get', {})).toEqual({ now: pinnedAt.toISOString(), today: pinnedDay, pinned: true });
    expect((await refused('fees.apply', { asOf: `${year}-03-14`, expectedTotal: total })).fields).toEqual({ asOf: 'Cannot be after today' });
    expect(await ok('fees.apply', { asOf: pinnedDay, expectedTotal: total })).toEqual({ posted: 1, total: 2_500 });

    const notes = await ok<TimelinePage>('timeline.list', { customerId: acme, kinds: ['note'] });
    expect(notes.items).toHaveLength(1);
    expect(notes.items[0]).toMatchObject({ occurredAt: localDateTime(pinnedAt), recordedAt: pinnedAt.toISOString() });
    expect(notes.items[0].at.slice(0, 10)).toBe(pinnedDay);
    // The ledger's own record stamps follow the same clock.
    expect(t.ledger.db.prepare(`SELECT created_at FROM invoice WHERE number <> 'INV-1'`).pluck().all()).toEqual([pinnedAt.toISOString()]);

    // Unpinned, it is the machine's clock again.
    expect(await ok<ClockState>('clock.set', { now: null })).toMatchObject({ today: localToday(), pinned: false });
  });
});
