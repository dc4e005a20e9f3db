import fc from 'fast-check';
import type { DepositPosted, DepositPreview, Handlers } from '../../src-main/contract';
import { createHandlers } from '../../src-main/services/create-services';
import { dispatch } from '../../src-main/services/dispatch';
import { openTempLedger, snapshot } from '../support/temp-ledger';

/*
 * Model-based test of how cheques are applied. Random sequences of new invoices and deposits
 * (cheques paying oldest first or chosen invoices, some wrong: another customer's invoice, more
 * than is open, a reference already used) go through dispatch to a real ledger. The oracle is a
 * plain list of invoices and payments that applies the rule as the clerk would read it: a cheque
 * pays the invoices it names, up to what it names; whatever is left, and unapplied money waiting
 * on the account, pays the customer's open invoices oldest due first (payments by date, then
 * reference). A deposit with any wrong cheque is refused at exactly the oracle's rows and changes
 * nothing. After every step the preview must have equalled the posting, and every open amount,
 * every payment's unapplied rest and every payment's lines must agree with the oracle.
 */

const CUSTOMERS = ['A', 'B'] as const;

interface OInvoice {
  number: string;
  customer: number;
  dueDate: string;
  open: number;
}
interface OPayment {
  reference: string;
  customer: number;
  date: string;
  unapplied: number;
  /** invoice number → amount, in the order first paid. */
  lines: Map<string, number>;
}

class Oracle {
  invoices: OInvoice[] = [];
  payments: OPayment[] = [];

  clone(): Oracle {
    const o = new Oracle();
    o.invoices = this.invoices.map((i) => ({ ...i }));
    o.payments = this.payments.map((p) => ({ ...p, lines: new Map(p.lines) }));
    return o;
  }

  private pay(p: OPayment, inv: OInvoice, amount: number): void {
    inv.open -= amount;
    p.unapplied -= amount;
    p.lines.set(inv.number, (p.lines.get(inv.number) ?? 0) + amount);
  }

  /** Money waiting on a customer's account meets their open invoices, oldest due first. */
  settle(customer: number): void {
    const waiting = this.payments
      .filter((p) => p.customer === customer && p.unapplied > 0)
      .sort((a, b) => a.date.localeCompare(b.date) || a.reference.localeCompare(b.reference));
    const open = this.invoices
      .filter((i) => i.customer === customer && i.open > 0)
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number));
    for (const p of waiting) {
      for (const inv of open) if (p.unapplied > 0 && inv.open > 0) this.pay(p, inv, Math.min(p.unapplied, inv.open));
    }
  }

  receive(p: OPayment, chosen: { number: string; amount: number }[]): void {
    this.payments.push(p);
    for (const c of chosen) this.pay(p, this.invoices.find((i) => i.number === c.number)!, c.amount);
    this.settle(p.customer);
  }
}

type Row = { customer: number; date: number; extra: number; reuse: boolean; chosen: { inv: number; amount: number }[] };
type Command = { op: 'invoice'; customer: number; due: number; amount: number } | { op: 'deposit'; rows: Row[] };

const day = (n: number) => `2026-03-${String(n + 1).padStart(2, '0')}`;

describe('applying cheques (model-based)', () => {
  it('agrees with an oracle of the allocation rule over random invoices and deposits', async () => {
    const row = fc.record({
      customer: fc.nat(CUSTOMERS.length - 1),
      date: fc.nat(3),
      extra: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40_000 })),
      reuse: fc.boolean().map((b) => b && Math.random() < 0.2),
      chosen: fc.uniqueArray(fc.record({ inv: fc.nat(7), amount: fc.integer({ min: 1, max: 25_000 }) }), { selector: (c) => c.inv, maxLength: 3 }),
    });
    const command = fc.oneof(
      fc.record({ op: fc.constant('invoice' as const), customer: fc.nat(CUSTOMERS.length - 1), due: fc.nat(20), amount: fc.integer({ min: 1, max: 30_000 }) }),
      fc.record({ op: fc.constant('deposit' as const), rows: fc.array(row, { minLength: 1, maxLength: 4 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 2, maxLength: 10 }), async (commands: Command[]) => {
        const t = await openTempLedger();
        try {
          const handlers: Handlers = createHandlers(t.ledger, { dailyBackups: false });
          const call = (m: string, i: unknown) => dispatch(handlers, m, i, () => undefined);
          const ok = async <T>(m: string, i: unknown) => {
            const r = await call(m, i);
            if (!r.ok) throw new Error(`${m}: ${JSON.stringify(r.error)}`);
            return r.value as T;
          };
          const customerIds: number[] = [];
          for (const code of CUSTOMERS) customerIds.push((await ok<{ id: number }>('customers.create', { code, name: `Customer ${code}` })).id);
          const invoiceIds = new Map<string, number>();
          let oracle = new Oracle();
          let refs = 0;

          for (const c of commands) {
            if (c.op === 'invoice') {
              const number = `INV-${String(oracle.invoices.length + 1).padStart(3, '0')}`;
              const dueDate = `2026-02-${String(c.due + 1).padStart(2, '0')}`;
              const created = await ok<{ id: number }>('invoices.create', { number, customerId: customerIds[c.customer], issueDate: '2026-01-01', dueDate, amount: c.amount });
              invoiceIds.set(number, created.id);
              oracle.invoices.push({ number, customer: c.customer, dueDate, open: c.amount });
              oracle.settle(c.customer);
            } else {
              // The rows as the clerk types them, and what the oracle expects of each.
              const next = oracle.clone();
              const problems: string[] = [];
              const inputs = c.rows.map((r, i) => {
                const reference = r.reuse && next.payments.length > 0 ? next.payments[0].reference : `P-${String(++refs).padStart(4, '0')}`;
                const chosen = r.chosen.filter((x) => x.inv < next.invoices.length).map((x) => ({ number: next.invoices[x.inv].number, amount: x.amount }));
                const amount = chosen.reduce((s, x) => s + x.amount, 0) + (chosen.length === 0 ? Math.max(1, r.extra) : r.extra);
                const before = problems.length;
                if (next.payments.some((p) => p.reference === reference)) problems.push(`payments.${i}.reference`);
                chosen.forEach((x, j) => {
                  const target = next.invoices.find((v) => v.number === x.number)!;
                  if (target.customer !== r.customer) problems.push(`payments.${i}.allocations.${j}.invoiceId`);
                  else if (x.amount > target.open) problems.push(`payments.${i}.allocations.${j}.amount`);
                });
                if (problems.length === before) {
                  next.receive({ reference, customer: r.customer, date: day(r.date), unapplied: amount, lines: new Map() }, chosen);
                }
                return {
                  reference,
                  customerId: customerIds[r.customer],
                  date: day(r.date),
                  amount,
                  method: 'Cheque',
                  allocations: chosen.map((x) => ({ invoiceId: invoiceIds.get(x.number)!, amount: x.amount })),
                };
              });
              const input = { payments: inputs };
              const before = snapshot(t.ledger);
              const preview = await ok<DepositPreview>('payments.preview', input);
              expect(snapshot(t.ledger)).toEqual(before);
              expect(Object.keys(preview.problems).sort()).toEqual([...problems].sort());
              const result = await call('payments.deposit', input);
              if (problems.length > 0) {
                expect(result.ok).toBe(false);
                if (!result.ok) expect(Object.keys(result.error.fields ?? {}).sort()).toEqual([...problems].sort());
                expect(snapshot(t.ledger)).toEqual(before);
              } else {
                if (!result.ok) throw new Error(JSON.stringify(result.error));
                const posted = result.value as DepositPosted;
                // What was shown before saving is what was posted.
                expect(preview.payments).toEqual(posted.payments.map(({ id: _id, ...p }) => p));
                oracle = next;
              }
            }
            // The ledger and the oracle agree on every open amount, every rest and every line.
            const ledgerInvoices = t.ledger.db.prepare('SELECT number, open_amount AS open FROM invoice ORDER BY number').all();
            expect(ledgerInvoices).toEqual(oracle.invoices.map((i) => ({ number: i.number, open: i.open })));
            const ledgerPayments = t.ledger.db.prepare('SELECT reference, unapplied FROM payment ORDER BY reference').all();
            expect(ledgerPayments).toEqual([...oracle.payments].sort((a, b) => a.reference.localeCompare(b.reference)).map((p) => ({ reference: p.reference, unapplied: p.unapplied })));
            for (const p of oracle.payments) {
              const lines = t.ledger.db
                .prepare(
                  `SELECT i.number, SUM(a.amount) AS amount FROM allocation a JOIN payment p ON p.id = a.source_id AND a.source_kind = 'payment'
                    JOIN invoice i ON i.id = a.invoice_id WHERE p.reference = ? GROUP BY i.number ORDER BY MIN(a.id)`,
                )
                .all(p.reference);
              expect(lines).toEqual([...p.lines].map(([number, amount]) => ({ number, amount })));
            }
          }
        } finally {
          await t.cleanup();
        }
      }),
      { numRuns: 40 },
    );
  }, 180_000);
});
