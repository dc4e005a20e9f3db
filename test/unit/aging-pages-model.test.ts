import fc from 'fast-check';
import type { AgingPageData, Handlers } from '../../src-main/contract';
import { addDays } from '../../src-main/money/dates';
import { createHandlers } from '../../src-main/services/create-services';
import { serviceCaller } from '../support/service-caller';
import { openTempLedger } from '../support/temp-ledger';

/*
 * Model-based test of the aging grid's kept sorts and filters (aging-pages.ts keeps each sort as
 * a permutation and each filtered view as indices). A real ledger of customers with tied
 * amounts, names differing only in case, collectors, profiles and contacts; then random
 * sequences of page requests — any column either way, filters, page offsets — with payments in
 * between. The oracle takes every row of the report (one unfiltered page of everything) and
 * filters, sorts (ties in code order) and slices it with plain array code; each page must be
 * exactly its slice, with the same row count and totals.
 */

const AS_OF = '2026-06-30';
const FIELDS = ['customerCode', 'customerName', 'total', 'unapplied', 'lastContact', 'nextAction', 'status', 'profile', 'collector', 'bucket0', 'bucket1', 'bucket2', 'bucket3', 'bucket4', 'bucket5'] as const;
type Row = AgingPageData['rows'][number];

interface Request {
  sort: { field: (typeof FIELDS)[number]; direction: 'asc' | 'desc' };
  search: string;
  minBucket?: number;
  collector?: string;
  profile?: string;
  offset: number;
  limit: number;
}

function oracle(all: Row[], req: Request): { rows: Row[]; rowCount: number; total: number; buckets: number[] } {
  const search = req.search.trim().toLowerCase();
  const shown = all.filter(
    (r) =>
      (!req.profile || r.profile === req.profile) &&
      (!req.collector || (r.collector ?? '').toLowerCase() === req.collector.toLowerCase()) &&
      (!search || r.customerCode.toLowerCase().includes(search) || r.customerName.toLowerCase().includes(search)) &&
      (!req.minBucket || r.buckets.slice(req.minBucket).some((v) => v > 0)),
  );
  const f = req.sort.field;
  const key = (r: Row): string | number =>
    f === 'customerName'
      ? r.customerName.toLowerCase()
      : f === 'lastContact'
        ? (r.lastContact ?? '')
        : f === 'nextAction'
          ? (r.nextAction?.slice(-10) ?? '9999')
          : f === 'status' || f === 'profile' || f === 'collector'
            ? (r[f] ?? '')
            : f === 'total' || f === 'unapplied'
              ? r[f]
              : f.startsWith('bucket')
                ? r.buckets[Number(f.slice(6))]
                : '';
  const sign = req.sort.direction === 'asc' ? 1 : -1;
  const sorted = [...shown].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x < y) return -sign;
    if (x > y) return sign;
    // customerCode sorts by itself, either way; every other column breaks ties in ascending code order.
    const byCode = a.customerCode < b.customerCode ? -1 : a.customerCode > b.customerCode ? 1 : 0;
    return f === 'customerCode' ? sign * byCode : byCode;
  });
  return {
    rows: sorted.slice(req.offset, req.offset + req.limit),
    rowCount: shown.length,
    total: shown.reduce((s, r) => s + r.total, 0),
    buckets: shown.reduce((s, r) => s.map((v, k) => v + r.buckets[k]), [0, 0, 0, 0, 0, 0]),
  };
}

describe('aging grid pages (model-based)', () => {
  it('every page is the slice of all rows filtered and sorted by plain array code, across sorts, filters and payments', async () => {
    const customer = fc.record({
      name: fc.constantFrom('Acme', 'acme', 'Beta', 'Zed', 'beta co'),
      amounts: fc.array(fc.record({ daysLate: fc.integer({ min: -10, max: 150 }), amount: fc.constantFrom(100, 250, 1_000) }), { minLength: 1, maxLength: 3 }),
      collector: fc.constantFrom(undefined, 'Priya', 'sam'),
      called: fc.option(fc.integer({ min: 0, max: 20 })),
    });
    const request: fc.Arbitrary<Request> = fc.record({
      sort: fc.record({ field: fc.constantFrom(...FIELDS), direction: fc.constantFrom('asc' as const, 'desc' as const) }),
      search: fc.constantFrom('', 'acme', ' BETA ', 'c0'),
      minBucket: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      collector: fc.constantFrom(undefined, 'priya', 'Sam'),
      profile: fc.constantFrom(undefined, undefined, 'good'),
      offset: fc.integer({ min: 0, max: 8 }),
      limit: fc.integer({ min: 1, max: 6 }),
    });
    const step = fc.oneof({ weight: 4, arbitrary: request.map((r) => ({ op: 'page' as const, r })) }, { weight: 1, arbitrary: fc.record({ op: fc.constant('pay' as const), who: fc.nat(11), amount: fc.constantFrom(100, 250) }) });
    await fc.assert(
      fc.asyncProperty(fc.array(customer, { minLength: 2, maxLength: 12 }), fc.array(step, { minLength: 1, maxLength: 12 }), async (book, steps) => {
        const t = await openTempLedger();
        try {
          const handlers: Handlers = createHandlers(t.ledger, { dailyBackups: false });
          const { ok } = serviceCaller(() => handlers, () => t.ledger);
          const ids: number[] = [];
          for (const [i, c] of book.entries()) {
            const id = (await ok<{ id: number }>('customers.create', { code: `C${String(i).padStart(2, '0')}`, name: c.name, collector: c.collector })).id;
            ids.push(id);
            for (const [k, a] of c.amounts.entries()) {
              await ok('invoices.create', { number: `I${i}-${k}`, customerId: id, issueDate: addDays(AS_OF, -a.daysLate - 30), dueDate: addDays(AS_OF, -a.daysLate), amount: a.amount });
            }
            if (c.called !== null) await ok('activities.record', { customerId: id, occurredAt: `${addDays(AS_OF, -c.called)}T09:00`, summary: 'Called', followUpDate: addDays(AS_OF, c.called % 3) });
            if (i % 3 === 0) await ok('profiles.set', { customerId: id, profile: 'good', reason: 'Pays on time.' });
          }
          let serial = 0;
          for (const s of steps) {
            if (s.op === 'pay') {
              await ok('payments.record', { reference: `P${serial++}`, customerId: ids[s.who % ids.length], date: AS_OF, amount: s.amount });
              continue;
            }
            const base = { asOf: AS_OF, basis: 'due', limits: [30, 60, 90, 120] };
            const all = (await ok<AgingPageData>('aging.page', { ...base, search: '', sort: { field: 'customerCode', direction: 'asc' }, offset: 0, limit: 500 })).rows;
            const got = await ok<AgingPageData>('aging.page', { ...base, ...s.r });
            const want = oracle(all, s.r);
            expect({ request: s.r, rows: got.rows.map((r) => r.customerCode), rowCount: got.rowCount, total: got.totals.total, buckets: got.totals.buckets }).toEqual({
              request: s.r,
              rows: want.rows.map((r) => r.customerCode),
              rowCount: want.rowCount,
              total: want.total,
              buckets: want.buckets,
            });
            expect(got.rows).toEqual(want.rows);
          }
        } finally {
          await t.cleanup();
        }
      }),
      { numRuns: Number(process.env.MODEL_RUNS ?? 25) },
    );
  }, 300_000);
});
