import type { Database, Statement } from 'better-sqlite3';
import type { FeeLine, FeeRules } from '../contract/fees';
import { formatGrouped } from '../money/amounts';
import { addDays, daysBetween, maxDate } from '../money/dates';
import { capOf, formatRate, percentOf, simpleInterest, type BalanceSpan } from './fee-math';

/** A line to charge, with what posting it needs beyond what the clerk is shown. */
export interface ChargeLine extends FeeLine {
  currency: string;
  termsDays: number;
}

interface Candidate {
  id: number;
  number: string;
  customer_id: number;
  code: string;
  terms_days: number;
  due_date: string;
  amount: number;
  currency: string;
  resolved_on: string | null;
  plan_closed_on: string | null;
}

interface Charged {
  kind: 'late_fee' | 'interest';
  last_through: string;
  total: number;
}

/**
 * Works out the late fees and interest due as of a date, from the rules and what has already
 * been charged. Reads only; FeeService posts the result. The choices a careful accountant asks
 * about:
 *
 * - Only ordinary invoices are charged: never a fee on a fee, never interest on interest.
 * - Nothing is charged until the grace period after the due date has passed, and the grace days
 *   themselves stay free of interest: interest runs from the day after due date + grace days, so
 *   a customer who pays on the last grace day pays nothing and one who pays a day later pays one
 *   day, with no jump in between.
 * - The grace period starts again when a dispute on the invoice is resolved or a signed payment
 *   plan ends, so a customer is never charged for the time a complaint or an agreed plan held
 *   the invoice (and is given the same grace to pay afterwards).
 * - Interest is on each day's open balance (a payment stops interest on what it paid from the
 *   day it takes effect), simple, 365-day year, rounded half up once per line.
 * - Invoices in an open or investigating dispute are not charged: charging for an amount the
 *   customer says is wrong, before we have looked, turns a complaint into a quarrel.
 * - Customers with a signed payment plan are not charged: the plan is the agreement about what
 *   they pay and when, and adding charges to it behind their back would break that agreement.
 */
export class FeeLines {
  private readonly s: Record<string, Statement>;

  constructor(db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      candidates: p(`
        SELECT i.id, i.number, i.customer_id, c.code, c.terms_days, i.due_date, i.amount, i.currency,
               (SELECT MAX(d.resolved_on) FROM dispute_invoice di JOIN dispute d ON d.id = di.dispute_id
                 WHERE di.invoice_id = i.id AND d.status = 'resolved') AS resolved_on,
               (SELECT MAX(pp.closed_on) FROM payment_plan pp
                 WHERE pp.customer_id = i.customer_id AND pp.signed_on IS NOT NULL AND pp.closed_on IS NOT NULL) AS plan_closed_on
          FROM invoice i JOIN customer c ON c.id = i.customer_id
         WHERE i.kind = 'invoice' AND i.issue_date <= @asOf AND i.settled_date > @asOf AND i.due_date < @lastDue
           AND (@customer IS NULL OR i.customer_id = @customer)
           AND (@consumers = 1 OR c.kind <> 'consumer')
           AND NOT EXISTS (SELECT 1 FROM dispute_invoice di JOIN dispute d ON d.id = di.dispute_id
                            WHERE di.invoice_id = i.id AND d.status <> 'resolved')
           AND NOT EXISTS (SELECT 1 FROM payment_plan pp WHERE pp.customer_id = i.customer_id AND pp.status = 'signed')
         ORDER BY c.code, i.due_date, i.number`),
      allocations: p(`SELECT date, SUM(amount) AS amount FROM allocation WHERE invoice_id = ? AND date <= ? GROUP BY date ORDER BY date`),
      charged: p(`SELECT kind, MAX(through_date) AS last_through, SUM(amount) AS total FROM fee_charge WHERE source_invoice_id = ? GROUP BY kind`),
    };
  }

  lines(rules: FeeRules, asOf: string, customerId: number | null): ChargeLine[] {
    if (!rules.lateFee && !rules.interest) return [];
    const out: ChargeLine[] = [];
    const candidates = this.s.candidates.all({
      asOf,
      lastDue: addDays(asOf, -rules.graceDays),
      customer: customerId,
      consumers: rules.applyToConsumers ? 1 : 0,
    }) as Candidate[];
    for (const inv of candidates) out.push(...this.forInvoice(rules, asOf, inv));
    return out;
  }

  private forInvoice(rules: FeeRules, asOf: string, inv: Candidate): ChargeLine[] {
    const restart = this.restart(inv);
    const firstChargeable = addDays(restart.date, rules.graceDays + 1);
    if (asOf < firstChargeable) return [];
    const allocations = this.s.allocations.all(inv.id, asOf) as { date: string; amount: number }[];
    const openAtAsOf = inv.amount - allocations.reduce((s, a) => s + a.amount, 0);
    if (openAtAsOf <= 0) return [];

    const charged = new Map((this.s.charged.all(inv.id) as Charged[]).map((c) => [c.kind, c]));
    let room =
      rules.capBasisPoints === null ? Infinity : capOf(inv.amount, rules.capBasisPoints) - [...charged.values()].reduce((s, c) => s + c.total, 0);
    const base = { customerId: inv.customer_id, customerCode: inv.code, invoiceId: inv.id, invoiceNumber: inv.number, throughDate: asOf, currency: inv.currency, termsDays: inv.terms_days };
    const grace = `the ${rules.graceDays}-day grace period following ${restart.words}`;
    const lines: ChargeLine[] = [];

    const clip = (amount: number, explanation: string): { amount: number; explanation: string } => {
      if (amount <= room) return { amount, explanation: `${explanation}.` };
      const clipped = Math.max(0, room);
      return {
        amount: clipped,
        explanation:
          `${explanation}; capped: fees and interest on ${inv.number} may come to at most ${formatRate(rules.capBasisPoints ?? 0)} of its ` +
          `${formatGrouped(inv.amount)}, so ${formatGrouped(clipped)} of ${formatGrouped(amount)} is charged.`,
      };
    };

    if (rules.lateFee && !charged.has('late_fee')) {
      const fee = rules.lateFee;
      const full = fee.kind === 'flat' ? fee.amount : percentOf(openAtAsOf, fee.basisPoints);
      const what =
        fee.kind === 'flat'
          ? `Late fee of ${formatGrouped(full)}`
          : `Late fee of ${formatRate(fee.basisPoints)} of the ${formatGrouped(openAtAsOf)} open, ${formatGrouped(full)}`;
      const line = clip(full, `${what}: ${inv.number} is still unpaid after ${grace}`);
      if (line.amount > 0) {
        lines.push({ ...base, kind: 'late_fee', fromDate: null, days: 0, ...line });
        room -= line.amount;
      }
    }

    if (rules.interest) {
      const previous = charged.get('interest');
      const from = previous ? maxDate(firstChargeable, addDays(previous.last_through, 1)) : firstChargeable;
      if (from <= asOf) {
        const spans = balanceSpans(inv.amount, allocations, from, asOf);
        const days = daysBetween(from, asOf) + 1;
        const full = simpleInterest(spans, rules.interest.annualRateBasisPoints);
        const on =
          spans.length === 1
            ? `on the ${formatGrouped(spans[0].balance)} open`
            : `on the daily open balance (${spans.map((s) => `${formatGrouped(s.balance)} for ${s.days} day${s.days === 1 ? '' : 's'}`).join(', ')})`;
        const since =
          previous && from === addDays(previous.last_through, 1)
            ? `continuing from the last interest charged through ${previous.last_through}`
            : rules.graceDays === 0
              ? `interest runs from the day after ${restart.words}`
              : `the ${rules.graceDays} grace days following ${restart.words} are not charged`;
        const line = clip(
          full,
          `Interest at ${formatRate(rules.interest.annualRateBasisPoints)} a year on ${inv.number}, ${from} to ${asOf} ` +
            `(${days} day${days === 1 ? '' : 's'}) ${on}: simple interest on a 365-day year, ${formatGrouped(full)}; ${since}`,
        );
        if (line.amount > 0) lines.push({ ...base, kind: 'interest', fromDate: from, days, ...line });
      }
    }
    return lines;
  }

  /** Where the grace period counts from: the due date, or a later dispute resolution or plan end. */
  private restart(inv: Candidate): { date: string; words: string } {
    let r = { date: inv.due_date, words: `the due date ${inv.due_date}` };
    if (inv.resolved_on && inv.resolved_on > r.date) r = { date: inv.resolved_on, words: `the resolution of its dispute on ${inv.resolved_on}` };
    if (inv.plan_closed_on && inv.plan_closed_on > r.date) r = { date: inv.plan_closed_on, words: `the end of the payment plan on ${inv.plan_closed_on}` };
    return r;
  }
}

/**
 * The open balance over [from, through], split where allocations change it. An allocation
 * dated d counts from day d: money received that day earns no interest for it.
 */
export function balanceSpans(amount: number, allocations: { date: string; amount: number }[], from: string, through: string): BalanceSpan[] {
  let balance = amount;
  let i = 0;
  while (i < allocations.length && allocations[i].date <= from) balance -= allocations[i++].amount;
  const spans: BalanceSpan[] = [];
  let cursor = from;
  for (; i < allocations.length && allocations[i].date <= through; i++) {
    const days = daysBetween(cursor, allocations[i].date);
    if (days > 0) spans.push({ balance, days });
    balance -= allocations[i].amount;
    cursor = allocations[i].date;
  }
  spans.push({ balance, days: daysBetween(cursor, through) + 1 });
  return spans;
}
