import { addDays as addDaysFns, format, parseISO, subMonths } from 'date-fns';
import fc from 'fast-check';
import type { BureauPreview, Handlers } from '../../src-main/contract';
import { createHandlers } from '../../src-main/services/create-services';
import { dispatch } from '../../src-main/services/dispatch';
import { openTempLedger } from '../support/temp-ledger';

/*
 * Model-based test of the credit-bureau file. Random ledgers (business and consumer customers,
 * invoices, payments naming an invoice or, with nothing open, left on account, disputes raised and resolved) are
 * posted through dispatch in date order, then the file is previewed as of a random date. The
 * oracle keeps its own invoices, payments and disputes and computes, without the aging code,
 * what the file must hold: the aging total of everyone less the consumers less the disputed open
 * items; which businesses are rows; the buckets; and the invoices layout's open items.
 */

const BASE = '2025-01-01';
const day = (n: number) => format(addDaysFns(parseISO(BASE), n), 'yyyy-MM-dd');
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

type Command =
  | { kind: 'invoice'; day: number; customer: number; terms: number; amount: number }
  | { kind: 'payment'; day: number; customer: number; pick: number; share: number }
  | { kind: 'dispute'; day: number; customer: number; pick: number; share: number }
  | { kind: 'resolve'; day: number; pick: number };

interface Invoice {
  id: number;
  customer: number;
  issue: string;
  due: string;
  amount: number;
  /** What has been applied, with the date. */
  paid: { date: string; amount: number }[];
}

class Oracle {
  readonly invoices: Invoice[] = [];
  readonly onAccount: { customer: number; date: string; amount: number }[] = [];
  readonly disputes: { id: number; invoiceIds: number[]; opened: string; resolved: string | null }[] = [];

  constructor(readonly business: boolean[]) {}

  openNow(inv: Invoice): number {
    return inv.amount - inv.paid.reduce((s, p) => s + p.amount, 0);
  }

  openAt(inv: Invoice, d: string): number {
    if (inv.issue > d) return 0;
    return inv.amount - inv.paid.filter((p) => p.date <= d).reduce((s, p) => s + p.amount, 0);
  }

  unappliedAt(customer: number, d: string): number {
    return this.onAccount.filter((p) => p.customer === customer && p.date <= d).reduce((s, p) => s + p.amount, 0);
  }

  disputedAt(invoiceId: number, d: string): boolean {
    return this.disputes.some((x) => x.invoiceIds.includes(invoiceId) && x.opened <= d && (x.resolved === null || x.resolved > d));
  }

  /** What the file must say as of d. */
  expected(d: string) {
    const customers = this.business.map((_, c) => c);
    const agingTotal = customers.reduce((s, c) => s + this.invoices.filter((i) => i.customer === c).reduce((t, i) => t + this.openAt(i, d), 0) - this.unappliedAt(c, d), 0);
    const consumers = customers.filter((c) => !this.business[c]).reduce((s, c) => s + this.invoices.filter((i) => i.customer === c).reduce((t, i) => t + this.openAt(i, d), 0) - this.unappliedAt(c, d), 0);
    const disputed = this.invoices.filter((i) => this.business[i.customer] && this.disputedAt(i.id, d) && this.openAt(i, d) > 0);
    const windowStart = format(addDaysFns(subMonths(parseISO(d), 12), 1), 'yyyy-MM-dd');
    const rows = customers.filter(
      (c) =>
        this.business[c] &&
        (this.invoices.some((i) => i.customer === c && this.openAt(i, d) > 0) ||
          this.unappliedAt(c, d) > 0 ||
          this.invoices.some((i) => i.customer === c && i.issue >= windowStart && i.issue <= d)),
    );
    const items = this.invoices.filter((i) => this.business[i.customer] && this.openAt(i, d) > 0 && !this.disputedAt(i.id, d));
    const buckets = [0, 0, 0, 0, 0];
    for (const i of items) {
      const late = daysBetween(i.due, d);
      buckets[late <= 0 ? 0 : late <= 30 ? 1 : late <= 60 ? 2 : late <= 90 ? 3 : 4] += this.openAt(i, d);
    }
    const unapplied = rows.reduce((s, c) => s - this.unappliedAt(c, d), 0);
    return {
      balance: agingTotal - consumers - disputed.reduce((s, i) => s + this.openAt(i, d), 0),
      disputed: { count: disputed.length, amount: disputed.reduce((s, i) => s + this.openAt(i, d), 0) },
      rows,
      buckets,
      unapplied,
      items: items.length,
    };
  }
}

const CUSTOMERS = 4;

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('invoice' as const), day: fc.nat(480), customer: fc.nat(CUSTOMERS - 1), terms: fc.constantFrom(0, 15, 30, 60), amount: fc.integer({ min: 1, max: 500_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('payment' as const), day: fc.nat(480), customer: fc.nat(CUSTOMERS - 1), pick: fc.nat(20), share: fc.double({ min: 0.05, max: 1, noNaN: true }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('dispute' as const), day: fc.nat(480), customer: fc.nat(CUSTOMERS - 1), pick: fc.nat(20), share: fc.double({ min: 0.05, max: 1, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resolve' as const), day: fc.nat(480), pick: fc.nat(20) }) },
);

describe('credit-bureau file (model-based)', () => {
  it('totals the aging less consumers less disputed open items, with the rows, buckets and items an independent oracle expects', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: CUSTOMERS, maxLength: CUSTOMERS }), fc.array(command, { minLength: 1, maxLength: 16 }), fc.nat(560), async (business, commands, asOfDay) => {
        const t = await openTempLedger();
        try {
          const handlers: Handlers = createHandlers(t.ledger, { dailyBackups: false });
          const ok = async <T>(m: string, i: unknown) => {
            const r = await dispatch(handlers, m, i, () => undefined);
            if (!r.ok) throw new Error(`${m}: ${JSON.stringify(r.error)}`);
            return r.value as T;
          };
          // Cash stays where it is put, so the oracle need not model automatic application.
          await ok('settings.update', { autoApplyCash: false });
          const model = new Oracle(business);
          const ids: number[] = [];
          for (let c = 0; c < CUSTOMERS; c++) ids.push((await ok<{ id: number }>('customers.create', { code: `C${c}`, name: `Customer ${c}`, kind: business[c] ? 'business' : 'consumer' })).id);

          let n = 0;
          for (const cmd of [...commands].sort((a, b) => a.day - b.day)) {
            n++;
            const date = day(cmd.day);
            if (cmd.kind === 'invoice') {
              const due = day(cmd.day + cmd.terms);
              const inv = await ok<{ id: number }>('invoices.create', { number: `INV-${n}`, customerId: ids[cmd.customer], issueDate: date, dueDate: due, amount: cmd.amount });
              model.invoices.push({ id: inv.id, customer: cmd.customer, issue: date, due, amount: cmd.amount, paid: [] });
            } else if (cmd.kind === 'payment') {
              const open = model.invoices.filter((i) => i.customer === cmd.customer && model.openNow(i) > 0);
              const inv = open.length ? open[cmd.pick % open.length] : null;
              const amount = inv ? Math.max(1, Math.floor(model.openNow(inv) * cmd.share)) : Math.max(1, Math.floor(100_000 * cmd.share));
              // A payment naming no invoice pays the oldest open ones, so cash is left on account only when nothing is open.
              if (inv) {
                await ok('payments.record', { reference: `P-${n}`, customerId: ids[cmd.customer], date, amount, invoiceId: inv.id });
                inv.paid.push({ date, amount });
              } else {
                await ok('payments.record', { reference: `P-${n}`, customerId: ids[cmd.customer], date, amount });
                model.onAccount.push({ customer: cmd.customer, date, amount });
              }
            } else if (cmd.kind === 'dispute') {
              const open = model.invoices.filter((i) => i.customer === cmd.customer && model.openNow(i) > 0);
              if (open.length === 0) continue;
              const chosen = [open[cmd.pick % open.length], ...(cmd.pick % 3 === 0 && open.length > 1 ? [open[(cmd.pick + 1) % open.length]] : [])];
              const amount = Math.max(1, Math.floor(chosen.reduce((s, i) => s + model.openNow(i), 0) * cmd.share));
              const r = await ok<{ dispute: { id: number } }>('activities.record', {
                customerId: ids[cmd.customer],
                occurredAt: `${date}T10:00`,
                summary: 'Disputed.',
                outcome: 'dispute_raised',
                dispute: { reason: 'pricing', invoiceIds: chosen.map((i) => i.id), amount },
              });
              model.disputes.push({ id: r.dispute.id, invoiceIds: chosen.map((i) => i.id), opened: date, resolved: null });
            } else {
              const open = model.disputes.filter((x) => x.resolved === null);
              if (open.length === 0) continue;
              const x = open[cmd.pick % open.length];
              await ok('disputes.resolve', { id: x.id, resolution: 'no_credit', date });
              x.resolved = date;
            }
          }

          const asOf = day(asOfDay);
          const want = model.expected(asOf);
          const trade = await ok<BureauPreview>('bureau.preview', { asOf, layout: 'trade', limit: 500 });
          expect(trade.reconciles).toBe(true);
          expect(trade.totals.balance).toBe(want.balance);
          expect(trade.totals.buckets).toEqual(want.buckets);
          expect(trade.totals.unapplied).toBe(want.unapplied);
          expect(trade.disputed).toEqual(want.disputed);
          expect(trade.rows.map((r) => r[0])).toEqual(want.rows.map((c) => `C${c}`));
          const invoices = await ok<BureauPreview>('bureau.preview', { asOf, layout: 'invoices', limit: 500 });
          expect(invoices.reconciles).toBe(true);
          expect(invoices.rowCount).toBe(want.items);
          expect(invoices.totals.balance).toBe(want.balance - want.unapplied);
        } finally {
          await t.cleanup();
        }
      }),
      { numRuns: 60 },
    );
  });
});
