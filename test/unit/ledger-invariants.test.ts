import fc from 'fast-check';
import { agingReport } from '../../src-main/aging/aging-report';
import { bucketIndex } from '../../src-main/aging/buckets';
import { Postings } from '../../src-main/ledger/postings';
import { addDays, daysBetween } from '../../src-main/money/dates';
import { openTempLedger } from '../support/temp-ledger';

// Random sequences of ledger operations; after each sequence, for every customer and a spread of
// as-of dates, the balances must reconcile with the raw entries, both aging paths must agree,
// and the buckets must match an independent recomputation in plain JS.

const START = '2026-01-01';
const LIMITS = [30, 60, 90, 120];
const day = (n: number) => addDays(START, n);

const op = fc.oneof(
  fc.record({
    kind: fc.constant('invoice' as const),
    customer: fc.nat(2),
    issue: fc.nat(150),
    terms: fc.nat(60),
    amount: fc.integer({ min: 1, max: 100_000 }),
    parts: fc.constantFrom(0, 0, 2, 3),
  }),
  fc.record({
    kind: fc.constant('payment' as const),
    customer: fc.nat(2),
    date: fc.nat(200),
    amount: fc.integer({ min: 1, max: 150_000 }),
    target: fc.option(fc.nat(20), { nil: null }),
  }),
  fc.record({
    kind: fc.constant('credit' as const),
    customer: fc.nat(2),
    date: fc.nat(200),
    amount: fc.integer({ min: 1, max: 50_000 }),
    target: fc.option(fc.nat(20), { nil: null }),
  }),
  fc.record({ kind: fc.constant('writeOff' as const), customer: fc.nat(2), target: fc.nat(20), after: fc.nat(60), share: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ kind: fc.constant('apply' as const), customer: fc.nat(2), source: fc.nat(20), target: fc.nat(20) }),
);

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

async function check(ops: Op[], asOfOffsets: number[]) {
  const t = await openTempLedger();
  try {
    const db = t.ledger.db;
    const post = new Postings(db);
    const customers = [0, 1, 2].map((i) =>
      Number(db.prepare(`INSERT INTO customer (code, name, created_at, updated_at) VALUES (?, ?, 'x', 'x')`).run(`C${i}`, `Customer ${i}`).lastInsertRowid),
    );
    const invoicesOf: number[][] = [[], [], []];
    const paymentsOf: number[][] = [[], [], []];
    let seq = 0;
    const openOf = (id: number) => db.prepare('SELECT open_amount, issue_date FROM invoice WHERE id = ?').get(id) as { open_amount: number; issue_date: string };

    db.transaction(() => {
      for (const o of ops) {
        const c = customers[o.customer];
        const mine = invoicesOf[o.customer];
        const pick = (n: number | null) => (n === null || mine.length === 0 ? null : mine[n % mine.length]);
        seq++;
        if (o.kind === 'invoice') {
          const issueDate = day(o.issue);
          const dueDate = addDays(issueDate, o.terms);
          const schedule =
            o.parts && o.amount >= o.parts
              ? Array.from({ length: o.parts }, (_, i) => ({
                  dueDate: addDays(dueDate, i * 30),
                  amount: i === o.parts - 1 ? o.amount - Math.floor(o.amount / o.parts) * (o.parts - 1) : Math.floor(o.amount / o.parts),
                }))
              : undefined;
          mine.push(post.addInvoice({ number: `I${seq}`, customerId: c, issueDate, dueDate, amount: o.amount, currency: 'USD', schedule }));
        } else if (o.kind === 'payment') {
          paymentsOf[o.customer].push(post.addPayment({ reference: `P${seq}`, customerId: c, date: day(o.date), amount: o.amount, invoiceId: pick(o.target) }).id);
        } else if (o.kind === 'credit') {
          post.addCredit({ number: `CN${seq}`, customerId: c, date: day(o.date), amount: o.amount, invoiceId: pick(o.target) });
        } else if (o.kind === 'writeOff') {
          const inv = pick(o.target);
          if (inv === null) continue;
          const { open_amount, issue_date } = openOf(inv);
          const amount = Math.ceil((open_amount * o.share) / 100);
          if (amount > 0) post.writeOff({ customerId: c, invoiceId: inv, date: addDays(issue_date, o.after), amount, reason: 'Uncollectable' });
        } else {
          const pays = paymentsOf[o.customer];
          const inv = pick(o.target);
          if (pays.length && inv !== null) post.applyExisting('payment', pays[o.source % pays.length], inv);
        }
      }
      post.flush();
    })();

    const sum = (sql: string, ...p: unknown[]) => (db.prepare(sql).pluck().get(...p) as number | null) ?? 0;
    const items = db
      .prepare(
        `SELECT customer_id AS c, id, NULL AS inst, issue_date, due_date, amount FROM invoice WHERE has_schedule = 0
         UNION ALL SELECT customer_id, invoice_id, id, issue_date, due_date, amount FROM instalment`,
      )
      .all() as { c: number; id: number; inst: number | null; issue_date: string; due_date: string; amount: number }[];

    for (const offset of asOfOffsets) {
      const asOf = day(offset);
      const report = agingReport(db, { asOf, basis: 'due', limits: LIMITS });
      expect(agingReport(db, { asOf, basis: 'due', limits: LIMITS }, 'history')).toEqual(report);

      customers.forEach((c, i) => {
        const invoiced = sum('SELECT SUM(amount) FROM invoice WHERE customer_id = ? AND issue_date <= ?', c, asOf);
        const paid = sum('SELECT SUM(amount) FROM payment WHERE customer_id = ? AND date <= ?', c, asOf);
        const credited = sum('SELECT SUM(amount) FROM credit_note WHERE customer_id = ? AND date <= ?', c, asOf);
        const written = sum('SELECT SUM(amount) FROM write_off WHERE customer_id = ? AND date <= ?', c, asOf);
        const alloc = (kind: string) => sum('SELECT SUM(amount) FROM allocation WHERE customer_id = ? AND source_kind = ? AND date <= ?', c, kind, asOf);
        const row = report.rows.find((r) => r.customerCode === `C${i}`);
        const open = row ? row.buckets.reduce((s, v) => s + v, 0) : 0;
        const unapplied = row ? row.unapplied : 0;

        expect(alloc('write_off')).toBe(written);
        expect(invoiced - alloc('payment') - alloc('credit') - written).toBe(open);
        expect(alloc('payment') + alloc('credit') - paid - credited).toBe(unapplied);
        expect(open + unapplied).toBe(invoiced - paid - credited - written);
        expect(row?.total ?? 0).toBe(invoiced - paid - credited - written);

        // Buckets recomputed item by item, without SQL aggregation.
        const buckets = new Array(LIMITS.length + 2).fill(0);
        for (const it of items) {
          if (it.c !== c || it.issue_date > asOf) continue;
          const reduced = sum(
            `SELECT SUM(amount) FROM allocation WHERE ${it.inst === null ? 'invoice_id = ? AND instalment_id IS NULL' : 'instalment_id = ?'} AND date <= ?`,
            it.inst ?? it.id,
            asOf,
          );
          buckets[bucketIndex(daysBetween(it.due_date, asOf), LIMITS)] += it.amount - reduced;
        }
        expect(row?.buckets ?? new Array(LIMITS.length + 2).fill(0)).toEqual(buckets);
      });
    }
  } finally {
    await t.cleanup();
  }
}

describe('ledger invariants (property-based)', () => {
  it('every balance reconciles with the entries, as of any date', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), fc.array(fc.integer({ min: -5, max: 330 }), { minLength: 1, maxLength: 5 }), check),
      { numRuns: 80 },
    );
  });
});
