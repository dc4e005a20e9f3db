import type { Database } from 'better-sqlite3';
import { collectable, type CollectableItem } from '../collectable/collectable';
import type { FeeLine, FeeRules } from '../contract/fees';
import { prepared } from '../ledger/prepared';
import { addDays, daysBetween, maxDate } from '../money/dates';
import { ledgerMoney } from '../money/ledger-money';
import { capOf, formatRate, percentOf, simpleInterest, type BalanceSpan } from './fee-math';

/** How explanations write an amount: the ledger's money, as every screen shows it. */
type Money = (minor: number) => string;

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
  amount: number;
  currency: string;
  has_schedule: number;
}

interface Charged {
  kind: 'late_fee' | 'interest';
  last_through: string;
  total: number;
}

/** Where an item's grace period counts from, and how to say so. */
interface Restart {
  date: string;
  words: string;
}

/** An open item of an invoice that the rules may charge as of the date. */
interface Chargeable {
  item: CollectableItem;
  restart: Restart;
  /** The first day after the grace period: the first day it may be charged for. */
  firstChargeable: string;
}

const CANDIDATES = `
  SELECT i.id, i.number, i.customer_id, c.code, c.terms_days, i.amount, i.currency, i.has_schedule
    FROM invoice i JOIN customer c ON c.id = i.customer_id
   WHERE i.id IN (SELECT value FROM json_each(@ids)) AND i.kind = 'invoice'
     AND (@consumers = 1 OR c.kind <> 'consumer')
   ORDER BY c.code, i.due_date, i.number`;

const DISPUTE_RESOLVED = `
  SELECT MAX(d.resolved_on) FROM dispute_invoice di JOIN dispute d ON d.id = di.dispute_id
   WHERE di.invoice_id = ? AND d.status = 'resolved' AND d.resolved_on <= ?`;

/** Signed plans that had ended by the date, per item they covered (instalment_id NULL: the whole invoice). */
const PLAN_ENDS = `
  SELECT pi.instalment_id, MAX(p.closed_on) AS closed_on FROM plan_item pi JOIN payment_plan p ON p.id = pi.plan_id
   WHERE pi.invoice_id = ? AND p.signed_on IS NOT NULL AND p.closed_on IS NOT NULL AND p.closed_on <= ?
   GROUP BY pi.instalment_id`;

const ALLOCATIONS = `
  SELECT date, SUM(amount) AS amount FROM allocation
   WHERE invoice_id = @invoice AND (@instalment IS NULL OR instalment_id = @instalment) AND date <= @asOf
   GROUP BY date ORDER BY date`;

const CHARGED = `SELECT kind, MAX(through_date) AS last_through, SUM(amount) AS total FROM fee_charge WHERE source_invoice_id = ? GROUP BY kind`;

/**
 * Works out the late fees and interest due as of a date, from the rules and what has already
 * been charged. Reads only; FeeService posts the result. The choices a careful accountant asks
 * about:
 *
 * - What is held is not decided here: src-main/collectable says, as of the date, which part of
 *   each open item may be asked for (open less the disputed part, less the part a running signed
 *   plan covers, less what the customer's unapplied cash and credits meet). A charge is a request
 *   for money, so a customer with nothing collectable past due is charged nothing at all, and an
 *   item with nothing collectable left is not charged either: a fee or interest line attached to
 *   an item we may not ask for would be asking for it by the back door.
 * - Only ordinary invoices are charged: never a fee on a fee, never interest on interest.
 * - An invoice with an instalment schedule is late by instalment: each instalment has its own due
 *   date and grace, so a customer who pays every instalment on time is never charged. The charges
 *   are still per invoice (one late fee per invoice ever, one interest line per run), naming the
 *   instalments they are for.
 * - Nothing is charged until the grace period after the due date has passed, and the grace days
 *   themselves stay free of interest: interest runs from the day after due date + grace days, so
 *   a customer who pays on the last grace day pays nothing and one who pays a day later pays one
 *   day, with no jump in between.
 * - The grace period starts again when a dispute on the invoice is resolved or a signed payment
 *   plan covering the item ends, so a customer is never charged for the time a complaint or an
 *   agreed plan held it (and is given the same grace to pay afterwards).
 * - A percentage late fee is of what may be asked for on the late items at the date, not of
 *   what is open: a disputed or planned part is not a late payment.
 * - Interest is on each day's open balance (a payment stops interest on what it paid from the
 *   day it takes effect), simple, 365-day year, rounded half up once per line.
 */
export class FeeLines {
  constructor(private readonly db: Database) {}

  lines(rules: FeeRules, asOf: string, customerId: number | null): ChargeLine[] {
    if (!rules.lateFee && !rules.interest) return [];
    const byInvoice = new Map<number, CollectableItem[]>();
    for (const c of collectable(this.db, asOf, customerId ?? undefined).values()) {
      if (c.hold !== null || c.overdue <= 0) continue;
      for (const it of c.items) {
        if (it.kind !== 'invoice' || it.collectable <= 0 || it.daysPastDue <= rules.graceDays) continue;
        const list = byInvoice.get(it.invoiceId);
        if (list) list.push(it);
        else byInvoice.set(it.invoiceId, [it]);
      }
    }
    if (byInvoice.size === 0) return [];
    const candidates = prepared(this.db, CANDIDATES).all({
      ids: JSON.stringify([...byInvoice.keys()]),
      consumers: rules.applyToConsumers ? 1 : 0,
    }) as Candidate[];
    const money = ledgerMoney(this.db);
    const out: ChargeLine[] = [];
    for (const inv of candidates) out.push(...this.forInvoice(rules, asOf, inv, byInvoice.get(inv.id) ?? [], money));
    return out;
  }

  private forInvoice(rules: FeeRules, asOf: string, inv: Candidate, items: CollectableItem[], money: Money): ChargeLine[] {
    const scheduled = inv.has_schedule === 1;
    const restarts = this.restarts(inv, asOf, scheduled);
    const chargeable: Chargeable[] = [];
    for (const item of items) {
      const restart = restarts(item);
      const firstChargeable = addDays(restart.date, rules.graceDays + 1);
      if (asOf >= firstChargeable) chargeable.push({ item, restart, firstChargeable });
    }
    if (chargeable.length === 0) return [];

    const charged = new Map((prepared(this.db, CHARGED).all(inv.id) as Charged[]).map((c) => [c.kind, c]));
    let room =
      rules.capBasisPoints === null ? Infinity : capOf(inv.amount, rules.capBasisPoints) - [...charged.values()].reduce((s, c) => s + c.total, 0);
    const base = { customerId: inv.customer_id, customerCode: inv.code, invoiceId: inv.id, invoiceNumber: inv.number, throughDate: asOf, currency: inv.currency, termsDays: inv.terms_days };
    const lines: ChargeLine[] = [];

    const clip = (amount: number, explanation: string): { amount: number; explanation: string } => {
      if (amount <= room) return { amount, explanation: `${explanation}.` };
      const clipped = Math.max(0, room);
      return {
        amount: clipped,
        explanation:
          `${explanation}; capped: fees and interest on ${inv.number} may come to at most ${formatRate(rules.capBasisPoints ?? 0)} of its ` +
          `${money(inv.amount)}, so ${money(clipped)} of ${money(amount)} is charged.`,
      };
    };

    if (rules.lateFee && !charged.has('late_fee')) {
      const fee = rules.lateFee;
      const owed = chargeable.reduce((s, c) => s + c.item.collectable, 0);
      const full = fee.kind === 'flat' ? fee.amount : percentOf(owed, fee.basisPoints);
      const what =
        fee.kind === 'flat'
          ? `Late fee of ${money(full)}`
          : `Late fee of ${formatRate(fee.basisPoints)} of the ${amountWords(owed, chargeable.map((c) => c.item), money)}, ${money(full)}`;
      const late = chargeable.map((c, i) => `${i === 0 ? `${scheduled ? c.item.label : inv.number} is still unpaid` : `and ${c.item.label}`} after the ${rules.graceDays}-day grace period following ${c.restart.words}`);
      const line = clip(full, `${what}: ${late.join(', ')}`);
      if (line.amount > 0) {
        lines.push({ ...base, kind: 'late_fee', fromDate: null, days: 0, ...line });
        room -= line.amount;
      }
    }

    if (rules.interest) {
      const rate = rules.interest.annualRateBasisPoints;
      const previous = charged.get('interest');
      const parts: { c: Chargeable; from: string; spans: BalanceSpan[] }[] = [];
      for (const c of chargeable) {
        const from = previous ? maxDate(c.firstChargeable, addDays(previous.last_through, 1)) : c.firstChargeable;
        if (from > asOf) continue;
        const allocations = prepared(this.db, ALLOCATIONS).all({ invoice: inv.id, instalment: c.item.instalmentId, asOf }) as { date: string; amount: number }[];
        // Why the held part (open − collectable) is taken as it stands on the as-of date, for
        // every day charged: the run asks for money as of that date, and what is disputed, on a
        // plan or met by the customer's own unapplied cash then must not earn interest at all,
        // not even for days before the dispute was raised or the plan signed. Charging those days
        // would ask now for money tied to an amount we may not ask for; when a dispute or plan
        // ends, the grace restarts and interest resumes from there. So each day's balance is that
        // day's open balance less the part held at the date, which never goes below zero because
        // open balances only fall over time.
        const notHeld = c.item.collectable + allocations.reduce((s, a) => s + a.amount, 0);
        parts.push({ c, from, spans: mergeSpans(balanceSpans(notHeld, allocations, from, asOf)) });
      }
      if (parts.length > 0) {
        const full = simpleInterest(parts.flatMap((p) => p.spans), rate);
        const since = (p: (typeof parts)[number]) =>
          previous && p.from === addDays(previous.last_through, 1)
            ? `continuing from the last interest charged through ${previous.last_through}`
            : rules.graceDays === 0
              ? `interest runs from the day after ${p.c.restart.words}`
              : `the ${rules.graceDays} grace days following ${p.c.restart.words} are not charged`;
        const period = (p: (typeof parts)[number]) => {
          const days = daysBetween(p.from, asOf) + 1;
          return `${p.from} to ${asOf} (${plural(days, 'day')}) ${onWords(p.spans, p.c.item, money)}`;
        };
        const explanation = scheduled
          ? `Interest at ${formatRate(rate)} a year on ${parts.map((p) => `${p.c.item.label}, ${period(p)}, ${since(p)}`).join('; ')}: ` +
            `simple interest on a 365-day year, ${money(full)}`
          : `Interest at ${formatRate(rate)} a year on ${inv.number}, ${period(parts[0])}: simple interest on a 365-day year, ${money(full)}; ${since(parts[0])}`;
        const from = parts.reduce((m, p) => (p.from < m ? p.from : m), parts[0].from);
        const line = clip(full, explanation);
        if (line.amount > 0) lines.push({ ...base, kind: 'interest', fromDate: from, days: daysBetween(from, asOf) + 1, ...line });
      }
    }
    return lines;
  }

  /**
   * Where each item's grace period counts from: its due date, or a later resolution of a dispute
   * on the invoice, or the end of a signed plan that covered the item (or the whole invoice).
   * Only events on or before the date count: one after it had not happened yet.
   */
  private restarts(inv: Candidate, asOf: string, scheduled: boolean): (item: CollectableItem) => Restart {
    const resolved = prepared(this.db, DISPUTE_RESOLVED).pluck().get(inv.id, asOf) as string | null;
    const planEnds = new Map(
      (prepared(this.db, PLAN_ENDS).all(inv.id, asOf) as { instalment_id: number | null; closed_on: string }[]).map((r) => [r.instalment_id, r.closed_on]),
    );
    return (item) => {
      let r: Restart = { date: item.dueDate, words: scheduled ? `its due date ${item.dueDate}` : `the due date ${item.dueDate}` };
      if (resolved && resolved > r.date) r = { date: resolved, words: `the resolution of ${scheduled ? 'the invoice’s' : 'its'} dispute on ${resolved}` };
      for (const end of [planEnds.get(null), item.instalmentId === null ? undefined : planEnds.get(item.instalmentId)]) {
        if (end && end > r.date) r = { date: end, words: `the end of the payment plan on ${end}` };
      }
      return r;
    };
  }
}

/** "$1,000.00 open", or "$800.00 that may be asked for ($200.00 disputed left out)" when part of the items is held. */
function amountWords(amount: number, items: CollectableItem[], money: Money): string {
  const held = heldWords(items, money);
  return held ? `${money(amount)} that may be asked for (${held} left out)` : `${money(amount)} open`;
}

function heldWords(items: CollectableItem[], money: Money): string {
  const total = (f: (i: CollectableItem) => number) => items.reduce((s, i) => s + f(i), 0);
  return [
    [total((i) => i.disputed), 'disputed'],
    [total((i) => i.onPlan), 'on a payment plan'],
    [total((i) => i.netted), 'met by unapplied cash and credits'],
  ]
    .filter(([amount]) => (amount as number) > 0)
    .map(([amount, what]) => `${money(amount as number)} ${what}`)
    .join(' and ');
}

function onWords(spans: BalanceSpan[], item: CollectableItem, money: Money): string {
  const held = heldWords([item], money);
  if (spans.length === 1) return `on the ${amountWords(spans[0].balance, [item], money)}`;
  const daily = spans.map((s) => `${money(s.balance)} for ${plural(s.days, 'day')}`).join(', ');
  return held ? `on the daily open balance less ${held} (${daily})` : `on the daily open balance (${daily})`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Adjacent spans with the same balance as one, so the explanation does not split a run for nothing. */
function mergeSpans(spans: BalanceSpan[]): BalanceSpan[] {
  const out: BalanceSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && last.balance === s.balance) last.days += s.days;
    else out.push({ ...s });
  }
  return out;
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
