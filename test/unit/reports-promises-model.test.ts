import fc from 'fast-check';
import type { Handlers, PromiseReport, PromiseTally } from '../../src-main/contract';
import { addDays } from '../../src-main/money/dates';
import { createHandlers } from '../../src-main/services/create-services';
import { dispatch } from '../../src-main/services/dispatch';
import { openTempLedger } from '../support/temp-ledger';

/*
 * Model-based test of the promise report. Random promises (by Priya, by Sam, or by nobody on a
 * customer whose collector is Sam or on one without a collector) and payments go through
 * dispatch. The oracle keeps the promises as made and says, without the kept/broken rule, what
 * every report must show: which promises were made in the period, in which month and for whom,
 * and for how much. The report must agree, its months and collectors must each add up to its
 * total, and, being judged as at the end of the period, it must not change when payments dated
 * after the period are added.
 */

const START = '2026-01-01';
const day = (n: number) => addDays(START, n);

type Cmd =
  | { op: 'promise'; c: number; day: number; amount: number; wait: number; author: 'Priya' | 'Sam' | null }
  | { op: 'payment'; c: number; day: number; amount: number };

interface Made {
  month: string;
  collector: string;
  amount: number;
  madeOn: string;
}

const sum = (ts: PromiseTally[]) =>
  ts.reduce((a, t) => ({ made: a.made + t.made, kept: a.kept + t.kept, partlyKept: a.partlyKept + t.partlyKept, broken: a.broken + t.broken, open: a.open + t.open, promised: a.promised + t.promised, received: a.received + t.received }), {
    made: 0,
    kept: 0,
    partlyKept: 0,
    broken: 0,
    open: 0,
    promised: 0,
    received: 0,
  });
const counts = ({ keptRate: _, ...t }: PromiseTally) => t;

describe('the promise report (model-based)', () => {
  it('counts what the oracle made, adds up, and is blind to payments after the period', async () => {
    const command: fc.Arbitrary<Cmd> = fc.oneof(
      fc.record({ op: fc.constant('promise' as const), c: fc.nat(1), day: fc.nat(120), amount: fc.integer({ min: 1, max: 20_000 }), wait: fc.nat(20), author: fc.constantFrom<'Priya' | 'Sam' | null>('Priya', 'Sam', null) }),
      fc.record({ op: fc.constant('payment' as const), c: fc.nat(1), day: fc.nat(140), amount: fc.integer({ min: 1, max: 20_000 }) }),
    );
    const period = fc.record({ fromDay: fc.nat(120), length: fc.nat(60) });
    const later = fc.array(fc.record({ c: fc.nat(1), after: fc.integer({ min: 1, max: 20 }), amount: fc.integer({ min: 1, max: 20_000 }) }), { minLength: 1, maxLength: 4 });

    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), period, later, async (commands, p, afterwards) => {
        const t = await openTempLedger();
        try {
          const handlers: Handlers = createHandlers(t.ledger, { dailyBackups: false });
          const call = async <T>(m: string, i: unknown) => {
            const r = await dispatch(handlers, m, i, () => undefined);
            if (!r.ok) throw new Error(`${m}: ${JSON.stringify(r.error)}`);
            return r.value as T;
          };
          // Customer 0's collector is Sam; customer 1 has none.
          const customers = [
            (await call<{ id: number }>('customers.create', { code: 'C0', name: 'Zero', collector: 'Sam' })).id,
            (await call<{ id: number }>('customers.create', { code: 'C1', name: 'One' })).id,
          ];
          for (const [i, id] of customers.entries()) await call('invoices.create', { number: `I-${i}`, customerId: id, issueDate: '2025-12-01', dueDate: '2025-12-31', amount: 10_000_000 });
          const made: Made[] = [];
          let n = 0;
          for (const cmd of commands) {
            n++;
            if (cmd.op === 'promise') {
              const on = day(cmd.day);
              await call('activities.record', {
                customerId: customers[cmd.c],
                occurredAt: `${on}T09:30`,
                author: cmd.author,
                outcome: 'promise_to_pay',
                summary: 'Promised.',
                promise: { amount: cmd.amount, date: addDays(on, cmd.wait) },
              });
              made.push({ month: on.slice(0, 7), collector: cmd.author ?? (cmd.c === 0 ? 'Sam' : 'Unassigned'), amount: cmd.amount, madeOn: on });
            } else {
              await call('payments.record', { reference: `P-${n}`, customerId: customers[cmd.c], date: day(cmd.day), amount: cmd.amount });
            }
          }

          const from = day(p.fromDay);
          const to = addDays(from, p.length);
          const report = await call<PromiseReport>('reports.promises', { from, to });
          const inPeriod = made.filter((m) => m.madeOn >= from && m.madeOn <= to);
          const group = (key: (m: Made) => string) => {
            const g = new Map<string, { made: number; promised: number }>();
            for (const m of inPeriod) {
              const x = g.get(key(m)) ?? { made: 0, promised: 0 };
              g.set(key(m), { made: x.made + 1, promised: x.promised + m.amount });
            }
            return [...g].sort(([a], [b]) => a.localeCompare(b));
          };
          expect(report.months.map((m) => [m.month, { made: m.made, promised: m.promised }])).toEqual(group((m) => m.month));
          expect(report.collectors.map((c) => [c.collector, { made: c.made, promised: c.promised }])).toEqual(group((m) => m.collector));
          expect(sum(report.months)).toEqual(counts(report.total));
          expect(sum(report.collectors)).toEqual(counts(report.total));
          for (const tally of [...report.months, ...report.collectors, report.total]) {
            expect(tally.kept + tally.partlyKept + tally.broken + tally.open).toBe(tally.made);
            expect(tally.received).toBeLessThanOrEqual(tally.promised);
            const judged = tally.kept + tally.partlyKept + tally.broken;
            expect(tally.keptRate).toBe(judged === 0 ? null : Math.round((tally.kept * 1000) / judged) / 10);
          }

          for (const [k, x] of afterwards.entries()) {
            await call('payments.record', { reference: `LATER-${k}`, customerId: customers[x.c], date: addDays(to, x.after), amount: x.amount });
          }
          expect(await call<PromiseReport>('reports.promises', { from, to })).toEqual(report);
        } finally {
          await t.cleanup();
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
