import fc from 'fast-check';
import { collectableOf } from '../../src-main/collectable/collectable';
import type { Handlers } from '../../src-main/contract';
import { letterData } from '../../src-main/letters/letter-context';
import { addDays } from '../../src-main/money/dates';
import { createHandlers } from '../../src-main/services/create-services';
import { serviceCaller } from '../support/service-caller';
import { importCsvFile } from '../../src-main/import/importer';
import { csvFile } from '../support/csv-files';
import { openTempLedger } from '../support/temp-ledger';

/*
 * Model-based test of "never ask for money that is not collectable". Random sequences of real
 * operations (invoices with and without schedules, named and unnamed payments and credits in any
 * order, partial and full disputes raised and resolved, plans signed, paid and cancelled, an
 * agency hold on and off, days passing, policy runs) drive a real ledger through dispatch. After
 * every step an oracle written here, from the operations alone and not from the ledger, says what
 * may be asked for; the collectable module, letters, fees and the policy's tasks must agree.
 */

type T = Awaited<ReturnType<typeof openTempLedger>>;
type Call = ReturnType<typeof serviceCaller>;

const CUSTOMERS = 3;
const START = '2026-01-05';
const GRACE = 10;
/** Days of the standard policy's dunning steps after the due date (60 has two: principal, credit hold). */
// The standard policy's dunning steps as the model's customers (businesses) meet them: the day
// after due each starts, and the least that must be due for it to apply (minor units).
const DUNNING_STEPS: { days: number; min: number }[] = [
  { days: 0, min: 0 },
  { days: 10, min: 0 },
  { days: 30, min: 0 },
  { days: 45, min: 0 },
  { days: 60, min: 0 }, // credit hold
  { days: 60, min: 25_000 }, // letter to the principal
  { days: 90, min: 25_000 }, // certified final demand
  { days: 120, min: 0 },
];

interface MItem {
  cust: number;
  number: string;
  invoiceId: number;
  instalmentId: number | null;
  seq: number;
  issue: string;
  due: string;
  open: number;
  /** Money applied to the item, by the day it took effect. */
  reductions: { day: string; amount: number }[];
}

interface MDispute {
  id: number;
  cust: number;
  invoiceId: number;
  amount: number;
  resolved: boolean;
}

interface MPlan {
  id: number;
  cust: number;
  signedOn: string;
  items: { invoiceId: number; instalmentId: number | null; amount: number }[];
  open: boolean;
}

class Model {
  today = START;
  items: MItem[] = [];
  pool = new Map<number, number>();
  disputes: MDispute[] = [];
  plans: MPlan[] = [];
  agency = new Set<number>();
  seq = 0;
  /** What was past due and collectable at the end of each day gone by, per customer. */
  history: { day: string; overdue: Map<number, number> }[] = [];

  constructor(readonly customers: number[]) {}

  next(prefix: string): string {
    return `${prefix}-${++this.seq}`;
  }

  ordered(cust: number): MItem[] {
    return this.items
      .filter((i) => i.cust === cust && i.open > 0)
      .sort((a, b) => a.due.localeCompare(b.due) || a.issue.localeCompare(b.issue) || a.number.localeCompare(b.number) || a.seq - b.seq);
  }

  reduce(item: MItem, amount: number): void {
    item.open -= amount;
    item.reductions.push({ day: this.today, amount });
  }

  /** Money for one invoice: its instalments oldest first; returns what was left over. */
  payInvoice(invoiceId: number, amount: number): number {
    let left = amount;
    for (const it of this.items.filter((i) => i.invoiceId === invoiceId && i.open > 0).sort((a, b) => a.due.localeCompare(b.due) || a.seq - b.seq)) {
      const take = Math.min(left, it.open);
      this.reduce(it, take);
      left -= take;
    }
    return left;
  }

  /** Unapplied cash and credits meet open items, oldest due first. */
  settle(cust: number): void {
    let pool = this.pool.get(cust) ?? 0;
    for (const it of this.ordered(cust)) {
      if (pool === 0) break;
      const take = Math.min(pool, it.open);
      this.reduce(it, take);
      pool -= take;
    }
    this.pool.set(cust, pool);
  }

  /** The oracle: what may be asked for from a customer today. */
  collectable(cust: number) {
    const items = this.ordered(cust).map((it) => ({ it, disputed: 0, onPlan: 0, collectable: 0 }));
    const byInvoice = (id: number) => items.filter((x) => x.it.invoiceId === id);
    for (const d of this.disputes.filter((x) => x.cust === cust && !x.resolved).sort((a, b) => a.id - b.id)) {
      let left = d.amount;
      for (const x of byInvoice(d.invoiceId)) {
        const take = Math.min(left, x.it.open - x.disputed);
        x.disputed += take;
        left -= take;
      }
    }
    for (const p of this.plans.filter((x) => x.cust === cust && x.open)) {
      for (const pi of p.items) {
        const x = items.find((y) => y.it.invoiceId === pi.invoiceId && y.it.instalmentId === pi.instalmentId);
        if (!x) continue;
        const paid = x.it.reductions.filter((r) => r.day >= p.signedOn).reduce((s, r) => s + r.amount, 0);
        x.onPlan += Math.min(Math.max(0, pi.amount - paid), x.it.open - x.disputed - x.onPlan);
      }
    }
    let pool = this.pool.get(cust) ?? 0;
    for (const x of items) {
      const before = this.agency.has(cust) ? 0 : x.it.open - x.disputed - x.onPlan;
      const netted = Math.min(pool, before);
      pool -= netted;
      x.collectable = before - netted;
    }
    const dueNow = items.filter((x) => x.it.due <= this.today).reduce((s, x) => s + x.collectable, 0);
    const overdue = items.filter((x) => x.it.due < this.today).reduce((s, x) => s + x.collectable, 0);
    const oldest = items.find((x) => x.it.due <= this.today && x.collectable > 0);
    return { items, dueNow, overdue, total: items.reduce((s, x) => s + x.collectable, 0), oldest };
  }
}

interface Real {
  t: T;
  call: Call;
}

type Cmd = fc.AsyncCommand<Model, Real>;

const custArb = fc.integer({ min: 0, max: CUSTOMERS - 1 });
const amountArb = fc.integer({ min: 1, max: 40 }).map((n) => n * 2_500 + (n % 7));

class AddInvoice implements Cmd {
  constructor(
    readonly c: number,
    readonly amount: number,
    readonly terms: number,
    readonly schedule: boolean,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const number = m.next('INV');
    const cust = m.customers[this.c];
    const due = addDays(m.today, this.terms);
    const first = Math.floor(this.amount / 2);
    const schedule = this.schedule ? [{ dueDate: due, amount: first }, { dueDate: addDays(due, 30), amount: this.amount - first }] : [];
    const inv = await r.call.ok<{ id: number }>('invoices.create', { number, customerId: cust, issueDate: m.today, dueDate: due, amount: this.amount, schedule });
    const rows = this.schedule
      ? (r.t.ledger.db.prepare('SELECT id, seq, due_date AS due, amount FROM instalment WHERE invoice_id = ? ORDER BY seq').all(inv.id) as { id: number; seq: number; due: string; amount: number }[])
      : [{ id: null, seq: 0, due, amount: this.amount }];
    for (const row of rows) m.items.push({ cust, number, invoiceId: inv.id, instalmentId: row.id, seq: row.seq, issue: m.today, due: row.due, open: row.amount, reductions: [] });
    m.settle(cust);
    await verify(m, r);
  }
  toString = () => `invoice(c${this.c}, ${this.amount}, +${this.terms}d${this.schedule ? ', 2 instalments' : ''})`;
}

class AddCash implements Cmd {
  constructor(
    readonly kind: 'payment' | 'credit',
    readonly c: number,
    readonly amount: number,
    readonly pick: number | null,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const cust = m.customers[this.c];
    const invoices = [...new Set(m.items.filter((i) => i.cust === cust).map((i) => i.invoiceId))];
    const invoiceId = this.pick === null || invoices.length === 0 ? null : invoices[this.pick % invoices.length];
    if (this.kind === 'payment') {
      await r.call.ok('payments.record', { reference: m.next('P'), customerId: cust, date: m.today, amount: this.amount, invoiceId });
    } else {
      await r.call.ok('credits.record', { number: m.next('CN'), customerId: cust, date: m.today, amount: this.amount, invoiceId, reason: 'Goodwill' });
    }
    const left = invoiceId === null ? this.amount : m.payInvoice(invoiceId, this.amount);
    m.pool.set(cust, (m.pool.get(cust) ?? 0) + left);
    m.settle(cust);
    await verify(m, r);
  }
  toString = () => `${this.kind}(c${this.c}, ${this.amount}${this.pick === null ? '' : `, invoice #${this.pick}`})`;
}

class RaiseDispute implements Cmd {
  constructor(
    readonly pick: number,
    readonly full: boolean,
  ) {}
  check = (m: Model) => m.items.some((i) => i.open > 0);
  async run(m: Model, r: Real) {
    const openInvoices = [...new Set(m.items.filter((i) => i.open > 0).map((i) => i.invoiceId))];
    const invoiceId = openInvoices[this.pick % openInvoices.length];
    const items = m.items.filter((i) => i.invoiceId === invoiceId);
    const open = items.reduce((s, i) => s + i.open, 0);
    const amount = this.full ? open : Math.max(1, Math.floor(open / 3));
    const cust = items[0].cust;
    const res = await r.call.ok<{ dispute: { id: number } }>('activities.record', {
      customerId: cust,
      occurredAt: `${m.today}T10:00`,
      outcome: 'dispute_raised',
      summary: 'Says part of the order was short.',
      dispute: { reason: 'pricing', invoiceIds: [invoiceId], amount },
    });
    m.disputes.push({ id: res.dispute.id, cust, invoiceId, amount, resolved: false });
    await verify(m, r);
  }
  toString = () => `dispute(#${this.pick}, ${this.full ? 'full' : 'a third'})`;
}

class ResolveDispute implements Cmd {
  constructor(
    readonly pick: number,
    readonly credit: boolean,
  ) {}
  check = (m: Model) => m.disputes.some((d) => !d.resolved);
  async run(m: Model, r: Real) {
    const open = m.disputes.filter((d) => !d.resolved);
    const d = open[this.pick % open.length];
    await r.call.ok('disputes.resolve', {
      id: d.id,
      resolution: this.credit ? 'credit_note' : 'no_credit',
      date: m.today,
      ...(this.credit ? { creditNumber: m.next('DCN'), amount: d.amount } : {}),
    });
    d.resolved = true;
    if (this.credit) {
      const left = m.payInvoice(d.invoiceId, d.amount);
      m.pool.set(d.cust, (m.pool.get(d.cust) ?? 0) + left);
      m.settle(d.cust);
    }
    await verify(m, r);
  }
  toString = () => `resolve(#${this.pick}, ${this.credit ? 'credit note' : 'no credit'})`;
}

class SignPlan implements Cmd {
  constructor(
    readonly c: number,
    readonly share: number,
  ) {}
  check = (m: Model) => !m.plans.some((p) => p.cust === m.customers[this.c] && p.open);
  async run(m: Model, r: Real) {
    const cust = m.customers[this.c];
    const o = m.collectable(cust);
    if (o.total < 2) return;
    const total = Math.max(2, Math.floor((o.total * this.share) / 4));
    const plan = await r.call.ok<{ id: number; items: { invoiceId: number; instalmentId: number | null; amount: number }[] }>('plans.create', {
      customerId: cust,
      total,
      count: 2,
      frequency: 'monthly',
      startDate: addDays(m.today, 7),
      today: m.today,
      overrideReason: 'Agreed on the phone.',
    });
    // The plan covers the oldest collectable items up to its total, the last one in part.
    const expected: { invoiceId: number; instalmentId: number | null; amount: number }[] = [];
    let left = total;
    for (const x of o.items) {
      if (left === 0) break;
      if (x.collectable <= 0) continue;
      const take = Math.min(left, x.collectable);
      expected.push({ invoiceId: x.it.invoiceId, instalmentId: x.it.instalmentId, amount: take });
      left -= take;
    }
    expect(plan.items.map(({ invoiceId, instalmentId, amount }) => ({ invoiceId, instalmentId, amount }))).toEqual(expected);
    await r.call.ok('plans.sign', { id: plan.id, signedOn: m.today, signedBy: 'Jo Customer' });
    m.plans.push({ id: plan.id, cust, signedOn: m.today, items: expected, open: true });
    await verify(m, r);
  }
  toString = () => `plan(c${this.c}, ${this.share}/4 of what may be asked)`;
}

class CancelPlan implements Cmd {
  constructor(readonly c: number) {}
  check = (m: Model) => m.plans.some((p) => p.cust === m.customers[this.c] && p.open);
  async run(m: Model, r: Real) {
    const p = m.plans.find((x) => x.cust === m.customers[this.c] && x.open)!;
    // A plan paid in full closes itself at the policy run; only a running plan can be cancelled.
    const status = r.t.ledger.db.prepare('SELECT status FROM payment_plan WHERE id = ?').pluck().get(p.id);
    if (status === 'signed') await r.call.ok('plans.cancel', { id: p.id, reason: 'Customer stopped paying it.', today: m.today });
    p.open = false;
    await verify(m, r);
  }
  toString = () => `cancel plan(c${this.c})`;
}

class Agency implements Cmd {
  constructor(readonly c: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const cust = m.customers[this.c];
    const on = !m.agency.has(cust);
    await r.call.ok('customers.setStatus', { id: cust, status: on ? 'with_agency' : 'active', reason: on ? 'Referred to the agency.' : 'Back from the agency.' });
    if (on) m.agency.add(cust);
    else m.agency.delete(cust);
    await verify(m, r);
  }
  toString = () => `agency toggle(c${this.c})`;
}

class PassDays implements Cmd {
  constructor(readonly days: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    m.history.push({ day: m.today, overdue: new Map(m.customers.map((c) => [c, m.collectable(c).overdue])) });
    m.today = addDays(m.today, this.days);
    await r.call.ok('clock.set', { now: `${m.today}T12:00:00Z` });
    // A plan whose instalments are all paid is completed by the run: the oracle closes it too.
    await runAndCheckPolicy(m, r);
  }
  toString = () => `+${this.days} days`;
}

class RunPolicy implements Cmd {
  check = () => true;
  async run(m: Model, r: Real) {
    await runAndCheckPolicy(m, r);
  }
  toString = () => 'policy run';
}

/** What may be asked for, as the module, letters and fees see it, against the oracle. */
async function verify(m: Model, r: Real): Promise<void> {
  const db = r.t.ledger.db;
  const feeLines = (await r.call.ok<{ lines: { customerId: number; invoiceId: number; amount: number }[] }>('fees.preview', { asOf: m.today })).lines;
  for (const cust of m.customers) {
    const o = m.collectable(cust);
    const real = collectableOf(db, cust, m.today);
    expect({ cust, dueNow: real.dueNow, overdue: real.overdue, total: real.collectable }).toEqual({ cust, dueNow: o.dueNow, overdue: o.overdue, total: o.total });
    expect(real.items.filter((i) => i.collectable > 0).map((i) => [i.invoiceId, i.instalmentId, i.collectable])).toEqual(
      o.items.filter((x) => x.collectable > 0).map((x) => [x.it.invoiceId, x.it.instalmentId, x.collectable]),
    );

    // A letter asks for exactly what may be asked for, item by item.
    const letter = letterData(db, cust, m.today, 'accounts_payable');
    expect({ cust, letterOverdue: letter.totals.overdue }).toEqual({ cust, letterOverdue: o.overdue });
    expect(letter.openItems.reduce((s, i) => s + i.openAmount, 0)).toBe(o.total);

    // Fees only on invoices with money that may be asked for and is past the grace days.
    for (const line of feeLines.filter((l) => l.customerId === cust)) {
      const chargeable = o.items.some((x) => x.it.invoiceId === line.invoiceId && x.collectable > 0 && addDays(x.it.due, GRACE) < m.today);
      expect({ cust, invoiceId: line.invoiceId, chargeable }).toEqual({ cust, invoiceId: line.invoiceId, chargeable: true });
    }
    if (o.overdue === 0) expect(feeLines.filter((l) => l.customerId === cust)).toEqual([]);

    // A back-dated letter asks for what was past due and collectable on its own date.
    for (const h of m.history.slice(-3)) {
      expect({ cust, day: h.day, overdue: letterData(db, cust, h.day, 'accounts_payable').totals.overdue }).toEqual({ cust, day: h.day, overdue: h.overdue.get(cust) });
    }
  }
}

interface TaskRow {
  customer_id: number;
  dedupe_key: string;
  amount: number | null;
  step_days: number | null;
  plan_status: string | null;
}

async function runAndCheckPolicy(m: Model, r: Real): Promise<void> {
  const db = r.t.ledger.db;
  await r.call.ok('policy.run', { today: m.today });
  for (const p of m.plans.filter((x) => x.open)) {
    if (db.prepare('SELECT status FROM payment_plan WHERE id = ?').pluck().get(p.id) === 'completed') p.open = false;
  }
  const openTasks = db
    .prepare(
      `SELECT t.customer_id, t.dedupe_key, t.amount, s.days AS step_days, p.status AS plan_status FROM task t
         LEFT JOIN policy_step s ON s.id = t.step_id LEFT JOIN plan_instalment pi ON pi.id = t.plan_instalment_id LEFT JOIN payment_plan p ON p.id = pi.plan_id
        WHERE t.status = 'open'`,
    )
    .all() as TaskRow[];
  for (const cust of m.customers) {
    const o = m.collectable(cust);
    const mine = openTasks.filter((t) => t.customer_id === cust);
    const dunning = mine.filter((t) => t.dedupe_key.startsWith('dpd:'));
    if (o.dueNow <= 0) {
      expect({ cust, dunning }).toEqual({ cust, dunning: [] });
    } else {
      // Exactly the furthest step reached from the oldest item that may be asked for, asking for all that is due.
      const age = Math.round((Date.parse(m.today) - Date.parse(o.oldest!.it.due)) / 86_400_000);
      const applicable = DUNNING_STEPS.filter((s) => s.days <= age && o.dueNow >= s.min);
      const reached = Math.max(...applicable.map((s) => s.days));
      const steps = applicable.filter((s) => s.days === reached).map((s) => s.days);
      expect({ cust, steps: dunning.map((t) => t.step_days), amounts: dunning.map((t) => t.amount) }).toEqual({ cust, steps, amounts: steps.map(() => o.dueNow) });
    }
    // One stage per customer: no friendly reminder while something is due or the account is held.
    if (o.dueNow > 0 || m.agency.has(cust)) expect({ cust, reminders: mine.filter((t) => t.dedupe_key.startsWith('due:')) }).toEqual({ cust, reminders: [] });
    for (const t of mine.filter((x) => x.dedupe_key.startsWith('instalment:'))) expect(t.plan_status).toBe('signed');
  }
  // A second run the same day changes nothing.
  const before = db.prepare('SELECT id, status, amount, reason FROM task ORDER BY id').all();
  expect(await r.call.ok('policy.run', { today: m.today })).toMatchObject({ created: 0, closed: 0 });
  expect(db.prepare('SELECT id, status, amount, reason FROM task ORDER BY id').all()).toEqual(before);
}

const commands = [
  fc.tuple(custArb, amountArb, fc.constantFrom(0, 3, 14, 30), fc.boolean()).map(([c, a, t, s]) => new AddInvoice(c, a, t, s)),
  fc.tuple(fc.constantFrom<'payment' | 'credit'>('payment', 'credit'), custArb, amountArb, fc.option(fc.nat(5), { nil: null })).map(([k, c, a, p]) => new AddCash(k, c, Math.ceil(a / 2), p)),
  fc.tuple(fc.nat(9), fc.boolean()).map(([p, f]) => new RaiseDispute(p, f)),
  fc.tuple(fc.nat(9), fc.boolean()).map(([p, c]) => new ResolveDispute(p, c)),
  fc.tuple(custArb, fc.integer({ min: 1, max: 4 })).map(([c, s]) => new SignPlan(c, s)),
  custArb.map((c) => new CancelPlan(c)),
  custArb.map((c) => new Agency(c)),
  fc.constantFrom(1, 2, 4, 9, 16, 31).map((d) => new PassDays(d)),
  fc.constant(new RunPolicy()),
];

async function setup(): Promise<{ model: Model; real: Real; handlers: Handlers }> {
  const t = await openTempLedger();
  const handlers = createHandlers(t.ledger, { clockControl: true });
  const call = serviceCaller(() => handlers, () => t.ledger);
  await call.ok('clock.set', { now: `${START}T12:00:00Z` });
  const customers: number[] = [];
  for (let i = 0; i < CUSTOMERS; i++) customers.push((await call.ok<{ id: number }>('customers.create', { code: `C${i}`, name: `Customer ${i}` })).id);
  await call.ok('fees.rulesUpdate', { rules: { lateFee: { kind: 'flat', amount: 1_500 }, interest: { annualRateBasisPoints: 1_200 }, graceDays: GRACE } });
  return { model: new Model(customers), real: { t, call }, handlers };
}

describe('what may be asked for, against an independent model', () => {
  it('holds for random sequences of ledger operations, days and policy runs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 60, size: 'medium' }), async (cmds) => {
        const { model, real } = await setup();
        try {
          await fc.asyncModelRun(() => ({ model, real }), cmds);
        } finally {
          await real.t.cleanup();
        }
      }),
      { numRuns: 60 },
    );
  }, 600_000);
});

describe('importing the same rows', () => {
  const day = (n: number) => addDays('2026-01-01', n);
  const rowsArb = fc.record({
    invoices: fc.array(fc.record({ c: fc.nat(1), issue: fc.nat(60), terms: fc.nat(45), amount: amountArb }), { minLength: 1, maxLength: 8 }),
    payments: fc.array(fc.record({ c: fc.nat(1), date: fc.nat(90), amount: amountArb }), { maxLength: 6 }),
    credits: fc.array(fc.record({ c: fc.nat(1), date: fc.nat(90), amount: amountArb }), { maxLength: 3 }),
  });

  // Cash already matched is never moved again, so payments are imported before credits; invoices
  // may come before or after them, and the rows of each file in any order.
  it('with invoices before or after the cash, and rows in any order, gives the same ledger', async () => {
    await fc.assert(
      fc.asyncProperty(rowsArb, fc.boolean(), async (rows, reverseRows) => {
        const invoices = rows.invoices.map((r, i) => `INV-${i},C${r.c},${day(r.issue)},${day(r.issue + r.terms)},${(r.amount / 100).toFixed(2)}`);
        const payments = rows.payments.map((r, i) => `P-${i},C${r.c},${day(r.date)},${(r.amount / 100).toFixed(2)}`);
        const credits = rows.credits.map((r, i) => `CN-${i},C${r.c},${day(r.date)},${(r.amount / 100).toFixed(2)}`);
        const files = {
          customers: ['code,name', 'C0,Customer 0', 'C1,Customer 1'],
          invoices: ['number,customer_code,issue_date,due_date,amount', ...invoices],
          payments: ['reference,customer_code,date,amount', ...payments],
          credits: ['number,customer_code,date,amount', ...credits],
        };
        const flip = (lines: string[]) => (reverseRows ? [lines[0], ...lines.slice(1).reverse()] : lines);
        const state = async (order: ('invoices' | 'payments' | 'credits')[], flipRows: boolean) => {
          const t = await openTempLedger();
          try {
            await importCsvFile(t.ledger.db, 'customers', csvFile(t.dir, 'customers.csv', files.customers));
            for (const kind of order) {
              if (files[kind].length > 1) await importCsvFile(t.ledger.db, kind, csvFile(t.dir, `${kind}.csv`, flipRows ? flip(files[kind]) : files[kind]));
            }
            const q = (sql: string) => t.ledger.db.prepare(sql).all();
            return {
              invoices: q('SELECT number, open_amount, settled_date FROM invoice ORDER BY number'),
              instalments: q('SELECT invoice_id, seq, open_amount FROM instalment ORDER BY invoice_id, seq'),
              payments: q('SELECT reference, unapplied, settled_date FROM payment ORDER BY reference'),
              credits: q('SELECT number, unapplied, settled_date FROM credit_note ORDER BY number'),
              allocations: q(`SELECT a.source_kind, COALESCE(p.reference, c.number) AS source, i.number, a.date, a.amount FROM allocation a
                                JOIN invoice i ON i.id = a.invoice_id LEFT JOIN payment p ON a.source_kind = 'payment' AND p.id = a.source_id
                                LEFT JOIN credit_note c ON a.source_kind = 'credit' AND c.id = a.source_id ORDER BY 1, 2, 3`),
              aging: q(`SELECT value FROM ledger_setting WHERE key = 'latest_entry_date'`),
            };
          } finally {
            await t.cleanup();
          }
        };
        const forwards = await state(['invoices', 'payments', 'credits'], false);
        expect(await state(['payments', 'credits', 'invoices'], true)).toEqual(forwards);
        expect(await state(['payments', 'invoices', 'credits'], true)).toEqual(forwards);
      }),
      { numRuns: 25 },
    );
  }, 300_000);
});
