import fc from 'fast-check';
import { agingReport } from '../../src-main/aging/aging-report';
import { collectableOf } from '../../src-main/collectable/collectable';
import type { CallResult, Handlers } from '../../src-main/contract';
import { addDays } from '../../src-main/money/dates';
import { createHandlers } from '../../src-main/services/create-services';
import { STATEMENT_BUCKET_LIMITS, statementOf } from '../../src-main/statements/statement-data';
import { statementCustomers } from '../../src-main/statements/statement-service';
import { serviceCaller } from '../support/service-caller';
import { openTempLedger } from '../support/temp-ledger';

/*
 * Model-based test of "a statement's balance is the customer's aging total on its date". Random
 * invoices, payments and credits (named or not, dated in any order, so the ledger applies cash
 * later than it was received and re-sums history) go to a real ledger through dispatch. The
 * oracle needs none of the ledger's matching: whatever was applied to what, the balance on a day
 * is what was invoiced by then less what was paid and credited by then. Every statement, on any
 * day, must state that balance, agree with the aging report (both its paths) bucket by bucket,
 * and every customer with a balance must be in the run "for everyone".
 */

type T = Awaited<ReturnType<typeof openTempLedger>>;
type Call = ReturnType<typeof serviceCaller>;

const CUSTOMERS = 3;
const START = '2026-03-01';
const day = (n: number) => addDays(START, n);

class Model {
  invoices: { cust: number; id: number; issue: string; amount: number }[] = [];
  cash: { cust: number; date: string; amount: number }[] = [];
  seq = 0;

  balance(cust: number, asOf: string): number {
    const invoiced = this.invoices.filter((i) => i.cust === cust && i.issue <= asOf).reduce((s, i) => s + i.amount, 0);
    const received = this.cash.filter((c) => c.cust === cust && c.date <= asOf).reduce((s, c) => s + c.amount, 0);
    return invoiced - received;
  }
}

interface Real {
  t: T;
  call: Call;
  customers: number[];
}

async function posted(real: Real, method: string, input: unknown): Promise<CallResult<{ id: number }>> {
  return (await real.call.call(method, input)) as CallResult<{ id: number }>;
}

class Invoice implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly cust: number,
    readonly issue: number,
    readonly terms: number,
    readonly amount: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const number = `INV-${++m.seq}`;
    const issueDate = day(this.issue);
    const res = await posted(r, 'invoices.create', { number, customerId: r.customers[this.cust], issueDate, dueDate: addDays(issueDate, this.terms), amount: this.amount });
    if (!res.ok) throw new Error(`invoices.create: ${JSON.stringify(res.error)}`);
    m.invoices.push({ cust: this.cust, id: res.value.id, issue: issueDate, amount: this.amount });
  }
  toString = () => `invoice(c${this.cust}, day ${this.issue}, +${this.terms}, ${this.amount})`;
}

class Cash implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly kind: 'payment' | 'credit',
    readonly cust: number,
    readonly at: number,
    readonly amount: number,
    /** Names the customer's n-th invoice (modulo how many it has), or none. */
    readonly names: number | null,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const own = m.invoices.filter((i) => i.cust === this.cust);
    const invoiceId = this.names === null || own.length === 0 ? null : own[this.names % own.length].id;
    const key = `${this.kind === 'payment' ? 'P' : 'CN'}-${++m.seq}`;
    const date = day(this.at);
    const input =
      this.kind === 'payment'
        ? { reference: key, customerId: r.customers[this.cust], date, amount: this.amount, invoiceId }
        : { number: key, customerId: r.customers[this.cust], date, amount: this.amount, invoiceId };
    const res = await posted(r, this.kind === 'payment' ? 'payments.record' : 'credits.record', input);
    // A credit note larger than what is open on the invoice it names is refused, and changes nothing.
    if (res.ok) m.cash.push({ cust: this.cust, date, amount: this.amount });
    else if (this.kind === 'payment') throw new Error(`payments.record: ${JSON.stringify(res.error)}`);
  }
  toString = () => `${this.kind}(c${this.cust}, day ${this.at}, ${this.amount}, names ${this.names})`;
}

class CheckStatements implements fc.AsyncCommand<Model, Real> {
  constructor(readonly at: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const asOf = day(this.at);
    const db = r.t.ledger.db;
    const opts = { asOf, basis: 'due' as const, limits: STATEMENT_BUCKET_LIMITS };
    const reports = [agingReport(db, opts), agingReport(db, opts, 'history')];
    const everyone = statementCustomers(db, asOf);
    r.customers.forEach((id, cust) => {
      const s = statementOf(db, collectableOf(db, id, asOf));
      const expected = m.balance(cust, asOf);
      expect({ cust, asOf, balance: s.balance }).toEqual({ cust, asOf, balance: expected });
      expect(s.open - s.unapplied.reduce((sum, u) => sum + u.unapplied, 0)).toBe(expected);
      expect(s.aging.buckets.reduce((a, b) => a + b, 0) - s.unappliedTotal).toBe(expected);
      // Nothing is disputed here, so the slip asks for the whole balance (nothing when in credit).
      expect(s.toPay).toBe(Math.max(0, expected));
      for (const report of reports) {
        const row = report.rows.find((x) => x.customerId === id);
        expect({ cust, buckets: s.aging.buckets, total: s.balance }).toEqual({ cust, buckets: row?.buckets ?? [0, 0, 0, 0, 0], total: row?.total ?? 0 });
      }
      if (expected !== 0) expect(everyone).toContain(id);
    });
  }
  toString = () => `check(day ${this.at})`;
}

const amount = fc.integer({ min: 1, max: 400 }).map((n) => n * 250);
const cust = fc.nat(CUSTOMERS - 1);
const commands = [
  fc.tuple(cust, fc.nat(150), fc.integer({ min: 0, max: 60 }), amount).map(([c, i, t, a]) => new Invoice(c, i, t, a)),
  fc.tuple(fc.constantFrom<'payment' | 'credit'>('payment', 'credit'), cust, fc.nat(180), amount, fc.option(fc.nat(5), { nil: null })).map(([k, c, d, a, n]) => new Cash(k, c, d, a, n)),
  fc.nat(220).map((d) => new CheckStatements(d)),
];

describe('statements against an independent balance', () => {
  it('each statement states the customer’s aging total on its date, for random ledgers and dates', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 30 }), async (cmds) => {
        const t = await openTempLedger();
        try {
          const handlers: Handlers = createHandlers(t.ledger, { dailyBackups: false });
          const call = serviceCaller(() => handlers, () => t.ledger);
          const customers: number[] = [];
          for (let i = 0; i < CUSTOMERS; i++) customers.push((await call.ok<{ id: number }>('customers.create', { code: `C${i}`, name: `Customer ${i}` })).id);
          const model = new Model();
          const real = { t, call, customers };
          await fc.asyncModelRun(() => ({ model, real }), [...cmds, new CheckStatements(0), new CheckStatements(400)]);
        } finally {
          await t.cleanup();
        }
      }),
      { numRuns: 40 },
    );
  }, 300_000);
});
