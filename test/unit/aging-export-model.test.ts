import fc from 'fast-check';
import Papa from 'papaparse';
import type { Handlers } from '../../src-main/contract';
import { addDays } from '../../src-main/money/dates';
import { createHandlers } from '../../src-main/services/create-services';
import { serviceCaller } from '../support/service-caller';
import { openTempLedger } from '../support/temp-ledger';

/*
 * Property test of an exported aging view's totals. Random customers with invoices at random
 * ages go into a real ledger; a view filtered to "k+ buckets late" is exported as CSV. The oracle
 * ages each invoice from its own days late, with nothing but the bucket edges, and says which
 * customers the export must list and what the k+ column and every total must be: sums over
 * exactly the rows exported, the k+ amount apart from the whole balance.
 */

const AS_OF = '2026-06-30';
const LIMITS = [30, 60, 90, 120];
const bucketOf = (daysLate: number) => (daysLate <= 0 ? 0 : 1 + LIMITS.filter((l) => daysLate > l).length);
const dec = (minor: number) => `${minor < 0 ? '-' : ''}${Math.trunc(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;

describe('an exported aging view (model-based)', () => {
  it('lists exactly the customers with something in the chosen buckets, and totals exactly them', async () => {
    const invoice = fc.record({ daysLate: fc.integer({ min: -20, max: 200 }), amount: fc.integer({ min: 1, max: 5_000_000 }) });
    const customers = fc.array(fc.array(invoice, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(customers, fc.integer({ min: 1, max: 5 }), async (book, minBucket) => {
        const t = await openTempLedger();
        try {
          const handlers: Handlers = createHandlers(t.ledger, { dailyBackups: false });
          const { ok } = serviceCaller(() => handlers, () => t.ledger);
          let n = 0;
          for (const [c, invoices] of book.entries()) {
            const id = (await ok<{ id: number }>('customers.create', { code: `C${c}`, name: `Customer ${c}` })).id;
            for (const inv of invoices) {
              const due = addDays(AS_OF, -inv.daysLate);
              await ok('invoices.create', { number: `INV-${++n}`, customerId: id, issueDate: due < '2026-01-01' ? due : '2026-01-01', dueDate: due, amount: inv.amount });
            }
          }
          const file = await ok<{ base64: string }>('aging.export', { asOf: AS_OF, limits: LIMITS, minBucket, format: 'csv' });
          const rows = Papa.parse<string[]>(Buffer.from(file.base64, 'base64').toString('utf8'), { skipEmptyLines: true }).data;

          const shown = book
            .map((invoices, c) => ({ code: `C${c}`, invoices }))
            .filter((x) => x.invoices.some((i) => bucketOf(i.daysLate) >= minBucket));
          const late = (x: (typeof shown)[number]) => x.invoices.filter((i) => bucketOf(i.daysLate) >= minBucket).reduce((s, i) => s + i.amount, 0);
          const balance = (x: (typeof shown)[number]) => x.invoices.reduce((s, i) => s + i.amount, 0);
          const bucketSum = (k: number) => shown.reduce((s, x) => s + x.invoices.filter((i) => bucketOf(i.daysLate) === k).reduce((a, i) => a + i.amount, 0), 0);

          expect(rows[0][8]).toMatch(/\+ days$|^Over 120 days$/);
          expect(rows.slice(1, -1).map((r) => r[0]).sort()).toEqual(shown.map((x) => x.code).sort());
          for (const x of shown) expect(rows.find((r) => r[0] === x.code)!.slice(8)).toEqual([dec(late(x)), '0.00', dec(balance(x))]);
          expect(rows.at(-1)).toEqual([
            '',
            'Total',
            ...[0, 1, 2, 3, 4, 5].map((k) => dec(bucketSum(k))),
            dec(shown.reduce((s, x) => s + late(x), 0)),
            '0.00',
            dec(shown.reduce((s, x) => s + balance(x), 0)),
          ]);
        } finally {
          await t.cleanup();
        }
      }),
      { numRuns: 25 },
    );
  });
});
