import fc from 'fast-check';
import type { AgingTrend, CeiResult, DsoResult, Handlers } from '../../src-main/contract';
import { agingReport } from '../../src-main/aging/aging-report';
import { DEFAULT_BUCKET_LIMITS } from '../../src-main/aging/buckets';
import { addDays } from '../../src-main/money/dates';
import { createHandlers } from '../../src-main/services/create-services';
import { dispatch } from '../../src-main/services/dispatch';
import { openTempLedger } from '../support/temp-ledger';

/*
 * Model-based test of the reports against the ledger's history. Random sequences of invoices
 * (some of them late fees), payments, credit notes and write-offs, dated at random and posted in
 * any order, go through dispatch to a real ledger. Then:
 *
 *  - every point of the aging trend must be exactly `aging.report` on its date, computed the
 *    other way (re-summed from the allocations even where running balances would do);
 *  - the oracle knows nothing of allocation: receivables on a day are what was invoiced by then
 *    less what was paid, credited and written off by then, and credit sales the invoices of kind
 *    invoice; the trend's totals, DSO's and CEI's figures must agree with it, and their ratios
 *    with its own rounding (truncate to two decimals, then round the second away); countback
 *    is walked again from the oracle's month sales with calendar dates of its own.
 */

const START = '2026-01-01';
const SPAN = 180;
const CUSTOMERS = 3;

type Cmd =
  | { op: 'invoice'; c: number; day: number; amount: number; fee: boolean; terms: number }
  | { op: 'payment'; c: number; day: number; amount: number }
  | { op: 'credit'; c: number; day: number; amount: number }
  | { op: 'writeOff'; pick: number; after: number; share: number };

interface Entry {
  date: string;
  amount: number;
}

class Oracle {
  readonly invoices: (Entry & { id: number; sale: boolean; customer: number })[] = [];
  readonly reductions: Entry[] = [];

  receivables(on: string): number {
    const sum = (xs: Entry[]) => xs.filter((x) => x.date <= on).reduce((s, x) => s + x.amount, 0);
    return sum(this.invoices) - sum(this.reductions);
  }

  sales(after: string, through: string): number {
    return this.invoices.filter((i) => i.sale && i.date > after && i.date <= through).reduce((s, i) => s + i.amount, 0);
  }
}

/** Half-up to one decimal, another way than the code: truncate to hundredths, then round the last digit away from zero. */
function roundedOracle(n: bigint, d: bigint): number {
  const negative = n < 0n !== d < 0n;
  const abs = (v: bigint) => (v < 0n ? -v : v);
  const hundredths = (abs(n) * 100n) / abs(d);
  const tenths = (hundredths + 5n) / 10n;
  return Number(negative ? -tenths : tenths) / 10;
}

const day = (n: number) => addDays(START, n);

/**
 * Countback from the oracle's own figures: periods from the as-of month's 1st to the as-of date,
 * then whole calendar months back (dates by JS Date, not the code's month helpers), stopping
 * before the first month with a credit sale.
 */
function countbackOracle(model: Oracle, asOf: string): { days: number; creditSales: number; dso: number | null } {
  let remainder = model.receivables(asOf);
  if (remainder <= 0) return { days: 0, creditSales: 0, dso: 0 };
  const firstSale = model.invoices.filter((i) => i.sale && i.date <= asOf).reduce((d, i) => (i.date < d ? i.date : d), '9999-12-31');
  let end = new Date(`${asOf}T00:00:00Z`);
  let days = 0;
  let walked = 0;
  for (;;) {
    const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), 1));
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    if (iso(end) < firstSale.slice(0, 8) + '01') return { days, creditSales: walked, dso: null };
    const length = end.getUTCDate();
    const sales = model.sales(iso(new Date(start.getTime() - 86_400_000)), iso(end));
    walked += sales;
    if (remainder >= sales) {
      remainder -= sales;
      days += length;
      if (remainder === 0) return { days, creditSales: walked, dso: days };
    } else {
      const dso = roundedOracle(BigInt(days) * BigInt(sales) + BigInt(remainder) * BigInt(length), BigInt(sales));
      return { days: days + length, creditSales: walked, dso };
    }
    end = new Date(start.getTime() - 86_400_000);
  }
}

describe('reports against the ledger history (model-based)', () => {
  it('the trend is aging.report at each month-end; DSO and CEI agree with an allocation-free oracle', async () => {
    const command: fc.Arbitrary<Cmd> = fc.oneof(
      { weight: 4, arbitrary: fc.record({ op: fc.constant('invoice' as const), c: fc.nat(CUSTOMERS - 1), day: fc.nat(SPAN), amount: fc.integer({ min: 1, max: 50_000 }), fee: fc.boolean(), terms: fc.constantFrom(0, 15, 30, 60) }) },
      { weight: 3, arbitrary: fc.record({ op: fc.constant('payment' as const), c: fc.nat(CUSTOMERS - 1), day: fc.nat(SPAN), amount: fc.integer({ min: 1, max: 40_000 }) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('credit' as const), c: fc.nat(CUSTOMERS - 1), day: fc.nat(SPAN), amount: fc.integer({ min: 1, max: 10_000 }) }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('writeOff' as const), pick: fc.nat(50), after: fc.nat(60), share: fc.integer({ min: 1, max: 100 }) }) },
    );
    const question = fc.record({ asOfDay: fc.nat(SPAN + 30), months: fc.integer({ min: 1, max: 8 }), days: fc.integer({ min: 1, max: 120 }), fromDay: fc.nat(SPAN), length: fc.nat(90) });

    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 14 }), question, async (commands, q) => {
        const t = await openTempLedger();
        try {
          const handlers: Handlers = createHandlers(t.ledger, { dailyBackups: false });
          const call = async <T>(m: string, i: unknown) => {
            const r = await dispatch(handlers, m, i, () => undefined);
            if (!r.ok) throw new Error(`${m}: ${JSON.stringify(r.error)}`);
            return r.value as T;
          };
          const customers: number[] = [];
          for (let c = 0; c < CUSTOMERS; c++) customers.push((await call<{ id: number }>('customers.create', { code: `C${c}`, name: `Customer ${c}` })).id);
          const model = new Oracle();
          let n = 0;
          for (const cmd of commands) {
            n++;
            if (cmd.op === 'invoice') {
              const date = day(cmd.day);
              const { id } = await call<{ id: number }>('invoices.create', {
                number: `I-${n}`,
                customerId: customers[cmd.c],
                issueDate: date,
                dueDate: addDays(date, cmd.terms),
                amount: cmd.amount,
                kind: cmd.fee ? 'late_fee' : 'invoice',
              });
              model.invoices.push({ id, date, amount: cmd.amount, sale: !cmd.fee, customer: cmd.c });
            } else if (cmd.op === 'payment') {
              await call('payments.record', { reference: `P-${n}`, customerId: customers[cmd.c], date: day(cmd.day), amount: cmd.amount });
              model.reductions.push({ date: day(cmd.day), amount: cmd.amount });
            } else if (cmd.op === 'credit') {
              await call('credits.record', { number: `CN-${n}`, customerId: customers[cmd.c], date: day(cmd.day), amount: cmd.amount });
              model.reductions.push({ date: day(cmd.day), amount: cmd.amount });
            } else {
              // A share of what is open now on one of the invoices, dated on or after its issue.
              if (model.invoices.length === 0) continue;
              const inv = model.invoices[cmd.pick % model.invoices.length];
              const open = t.ledger.db.prepare('SELECT open_amount FROM invoice WHERE id = ?').pluck().get(inv.id) as number;
              const amount = Math.floor((open * cmd.share) / 100);
              if (amount === 0) continue;
              const date = addDays(inv.date, cmd.after);
              await call('writeOffs.record', { invoiceId: inv.id, amount, date, reason: 'Model', approvedBy: 'Model', approvalNote: 'Model' });
              model.reductions.push({ date, amount });
            }
          }

          const asOf = day(q.asOfDay);
          const trend = await call<AgingTrend>('reports.trend', { asOf, months: q.months });
          expect(trend.points).toHaveLength(q.months);
          expect(trend.points.at(-1)!.date).toBe(asOf);
          for (const p of trend.points) {
            const aging = agingReport(t.ledger.db, { asOf: p.date, basis: 'due', limits: DEFAULT_BUCKET_LIMITS }, 'history');
            expect({ date: p.date, buckets: p.buckets, unapplied: p.unapplied, total: p.total }).toEqual({ date: p.date, ...aging.totals });
            expect(p.total).toBe(model.receivables(p.date));
            const open = p.buckets.reduce((s, v) => s + v, 0);
            expect(p.over60).toBe(p.buckets.slice(3).reduce((s, v) => s + v, 0));
            expect(p.over60Share).toBe(open === 0 ? null : roundedOracle(BigInt(p.over60) * 100n, BigInt(open)));
          }
          // Month-ends: each earlier point is the last day of its month, a month apart.
          for (let i = 0; i + 1 < trend.points.length; i++) expect(addDays(trend.points[i].date, 1).slice(8)).toBe('01');

          const receivables = model.receivables(asOf);
          const sales = model.sales(addDays(asOf, -q.days), asOf);
          expect(await call<DsoResult>('reports.dso', { asOf, days: q.days })).toEqual({
            asOf,
            days: q.days,
            method: 'standard',
            receivables,
            creditSales: sales,
            ...(sales === 0 ? { dso: null, reason: expect.any(String) } : { dso: roundedOracle(BigInt(receivables) * BigInt(q.days), BigInt(sales)) }),
          });

          const countback = countbackOracle(model, asOf);
          expect(await call<DsoResult>('reports.dso', { asOf, method: 'countback' })).toEqual({
            asOf,
            method: 'countback',
            receivables,
            ...countback,
            ...(countback.dso === null ? { reason: expect.any(String) } : {}),
          });

          const from = day(q.fromDay);
          const to = addDays(from, q.length);
          const begin = model.receivables(addDays(from, -1));
          const end = model.receivables(to);
          const periodSales = model.sales(addDays(from, -1), to);
          const endCurrent = agingReport(t.ledger.db, { asOf: to, basis: 'due', limits: DEFAULT_BUCKET_LIMITS }, 'history').totals.buckets[0];
          const divisor = begin + periodSales - endCurrent;
          expect(await call<CeiResult>('reports.cei', { from, to })).toEqual({
            from,
            to,
            beginReceivables: begin,
            creditSales: periodSales,
            endReceivables: end,
            endCurrent,
            ...(divisor === 0 ? { cei: null, reason: expect.any(String) } : { cei: roundedOracle(BigInt(begin + periodSales - end) * 100n, BigInt(divisor)) }),
          });
        } finally {
          await t.cleanup();
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
