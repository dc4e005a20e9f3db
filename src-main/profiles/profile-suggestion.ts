import type { Database } from 'better-sqlite3';
import type { Profile, ProfileSignals } from '../contract/profiles';
import { addDays, daysBetween } from '../money/dates';
import { ledgerMoney } from '../money/ledger-money';
import { promiseStates } from '../promises/promise-status';

// Behaviour older than a year says little about why the customer is late now.
const WINDOW_DAYS = 365;
// The overdue balance is compared with a quarter ago: long enough to see a direction, short
// enough that a customer who has since recovered is not judged on last year's trouble.
const GROWTH_LOOKBACK_DAYS = 90;
// Fewer than three paid invoices is too little to speak of payment habits.
const MIN_PAID_FOR_HABITS = 3;
// Invoices compared on each side of the trend.
const TREND_SPAN = 3;

/** Thresholds of the rules below; see each rule for why. */
export const THRESHOLDS = {
  /** The latest invoices paid this many days later than the ones before: a real slide, not a bad month. */
  failingTrendDays: 20,
  failingBrokenPromises: 2,
  failingPartialPayments: 3,
  /** One dispute can happen to anyone; a second in a year is a pattern. */
  disputesInYear: 2,
  /** Three unanswered calls in a row is avoidance rather than bad luck. */
  unansweredRun: 3,
  cashFlowPartialPayments: 2,
  cashFlowPartlyKept: 2,
  /** Up to 5 days late is normal processing time; past 45 it is more than disorganisation. */
  disorganisedMinDaysLate: 5,
  disorganisedMaxDaysLate: 45,
  goodMaxDaysLate: 5,
} as const;

export interface Suggestion {
  suggested: Profile | null;
  reasons: string[];
  signals: ProfileSignals;
}

interface Rule {
  profile: Profile;
  fits: (s: ProfileSignals) => boolean;
  because: (s: ProfileSignals, money: (minor: number) => string) => string[];
}

const T = THRESHOLDS;
const judgedPromises = (s: ProfileSignals) => s.promisesKept + s.promisesPartlyKept + s.promisesBroken;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const partialReason = (s: ProfileSignals) =>
  `${plural(s.partialPayments, 'payment was', 'payments were')} smaller than the invoice ${s.partialPayments === 1 ? 'it' : 'they'} paid`;
const brokenReason = (s: ProfileSignals) => `${s.promisesBroken} of the last ${judgedPromises(s)} promises ${s.promisesBroken === 1 ? 'was' : 'were'} broken`;
const lateReason = (s: ProfileSignals) => `${plural(s.paidInvoices, 'invoice')} paid in full, on average ${s.averageDaysLate} days late`;

/** In priority order: the first rule that fits is the suggestion. */
const RULES: Rule[] = [
  {
    // Getting later, not keeping its word or paying in scraps, and owing more: all three together.
    profile: 'failing',
    fits: (s) =>
      s.trendDays !== null &&
      s.trendDays >= T.failingTrendDays &&
      (s.promisesBroken >= T.failingBrokenPromises || s.partialPayments >= T.failingPartialPayments) &&
      s.overdueGrew,
    because: (s, money) => [
      `The ${TREND_SPAN} latest paid invoices were paid ${s.trendDays} days later on average than the ${TREND_SPAN} before them`,
      s.promisesBroken >= T.failingBrokenPromises ? brokenReason(s) : partialReason(s),
      `The overdue balance grew from ${money(s.overdue90DaysAgo)} to ${money(s.overdueNow)} in ${GROWTH_LOOKBACK_DAYS} days`,
    ],
  },
  {
    profile: 'disputing',
    fits: (s) => s.disputesRaised >= T.disputesInYear || s.openDisputes > 0,
    because: (s) => [
      ...(s.disputesRaised > 0 ? [`${plural(s.disputesRaised, 'dispute')} raised in the last 12 months`] : []),
      ...(s.openDisputes > 0 ? [`${plural(s.openDisputes, 'dispute is', 'disputes are')} still open`] : []),
    ],
  },
  {
    profile: 'angry',
    fits: (s) => s.refusedCalls > 0 || (s.unansweredInARow >= T.unansweredRun && !s.promiseSinceUnanswered),
    because: (s) => [
      ...(s.refusedCalls > 0 ? [`${plural(s.refusedCalls, 'call')} ended in a refusal`] : []),
      ...(s.unansweredInARow >= T.unansweredRun && !s.promiseSinceUnanswered
        ? [`The last ${s.unansweredInARow} calls went unanswered, with no promise to pay since`]
        : []),
    ],
  },
  {
    // Pays in parts but does pay: short of cash rather than unwilling.
    profile: 'cash_flow',
    fits: (s) => (s.partialPayments >= T.cashFlowPartialPayments || s.promisesPartlyKept >= T.cashFlowPartlyKept) && s.paidInvoices > 0,
    because: (s) => [
      ...(s.partialPayments >= T.cashFlowPartialPayments ? [partialReason(s)] : []),
      ...(s.promisesPartlyKept >= T.cashFlowPartlyKept ? [`${s.promisesPartlyKept} of the last ${judgedPromises(s)} promises were only partly kept`] : []),
      `${plural(s.paidInvoices, 'invoice was', 'invoices were')} still paid in full in the last 12 months`,
    ],
  },
  {
    profile: 'disorganised',
    fits: (s) =>
      s.paidInvoices >= MIN_PAID_FOR_HABITS &&
      s.partialPayments === 0 &&
      s.disputesRaised === 0 &&
      s.averageDaysLate !== null &&
      s.averageDaysLate > T.disorganisedMinDaysLate &&
      s.averageDaysLate <= T.disorganisedMaxDaysLate,
    because: (s) => [lateReason(s), 'No part payments and no disputes in the last 12 months'],
  },
  {
    profile: 'good',
    fits: (s) => s.paidInvoices >= MIN_PAID_FOR_HABITS && s.promisesBroken === 0 && s.averageDaysLate !== null && s.averageDaysLate <= T.goodMaxDaysLate,
    because: (s) => [lateReason(s), 'No broken promises in the last 12 months'],
  },
];

/**
 * Suggests a late-payer profile from the customer's behaviour in the 12 months before today.
 * Only a suggestion: the clerk confirms it (profiles.set), and the reasons carry the figures so
 * they can judge it.
 */
export function suggestProfile(db: Database, customerId: number, today: string): Suggestion {
  const signals = readSignals(db, customerId, today);
  const rule = RULES.find((r) => r.fits(signals));
  if (rule) return { suggested: rule.profile, reasons: rule.because(signals, ledgerMoney(db)), signals };
  if (signals.paidInvoices < MIN_PAID_FOR_HABITS) {
    return {
      suggested: null,
      reasons: [`Too little history to suggest a profile: ${plural(signals.paidInvoices, 'invoice')} paid in the last 12 months (at least ${MIN_PAID_FOR_HABITS} are needed)`],
      signals,
    };
  }
  return {
    suggested: null,
    reasons: [`No profile fits clearly: ${lateReason(signals)}; the timeline may say why`],
    signals,
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const average = (xs: number[]) => (xs.length === 0 ? null : round1(xs.reduce((a, b) => a + b, 0) / xs.length));

export function readSignals(db: Database, customerId: number, today: string): ProfileSignals {
  const from = addDays(today, -WINDOW_DAYS);
  const p = { c: customerId, from, today };

  // Written-off invoices are settled but not paid, so they say nothing about paying habits.
  const paid = db
    .prepare(
      `SELECT i.issue_date AS issueDate, i.due_date AS dueDate, i.settled_date AS settledDate
         FROM invoice i
        WHERE i.customer_id = @c AND i.kind = 'invoice' AND i.open_amount = 0 AND i.settled_date <> '9999-12-31'
          AND i.settled_date > @from AND i.settled_date <= @today
          AND NOT EXISTS (SELECT 1 FROM allocation a WHERE a.invoice_id = i.id AND a.source_kind = 'write_off')
        ORDER BY i.settled_date DESC, i.id DESC`,
    )
    .all(p) as { issueDate: string; dueDate: string; settledDate: string }[];
  // Paying early does not make up for paying late elsewhere, so early counts as on time.
  const late = paid.map((i) => Math.max(0, daysBetween(i.dueDate, i.settledDate)));
  const recent = average(late.slice(0, TREND_SPAN));
  const earlier = average(late.slice(TREND_SPAN, 2 * TREND_SPAN));
  const trendDays = late.length >= 2 * TREND_SPAN && recent !== null && earlier !== null ? round1(recent - earlier) : null;

  const promises = promiseStates(db, today, customerId).filter((x) => x.madeOn > from && x.madeOn <= today);
  const count = (status: string) => promises.filter((x) => x.status === status).length;

  const disputes = db
    .prepare(
      `SELECT COALESCE(SUM(opened_on > @from), 0) AS raised,
              COALESCE(SUM(status <> 'resolved' OR resolved_on > @today), 0) AS open
         FROM dispute WHERE customer_id = @c AND opened_on <= @today`,
    )
    .get(p) as { raised: number; open: number };

  // A payment that covers only part of an invoice (or of an instalment, for a scheduled one).
  const partialPayments = db
    .prepare(
      `SELECT COUNT(DISTINCT pay.id)
         FROM payment pay
         JOIN allocation a ON a.source_kind = 'payment' AND a.source_id = pay.id
         JOIN invoice i ON i.id = a.invoice_id
         LEFT JOIN instalment s ON s.id = a.instalment_id
        WHERE pay.customer_id = @c AND pay.date > @from AND pay.date <= @today AND pay.amount < COALESCE(s.amount, i.amount)`,
    )
    .pluck()
    .get(p) as number;

  // The timeline is append-only: a call's outcome is its latest correction's, when one says otherwise.
  const calls = db
    .prepare(
      `SELECT a.occurred_at AS at,
              COALESCE((SELECT c.outcome FROM activity c WHERE c.corrects_id = a.id AND c.outcome IS NOT NULL ORDER BY c.id DESC LIMIT 1), a.outcome) AS outcome
         FROM activity a
        WHERE a.customer_id = @c AND a.kind = 'call' AND a.corrects_id IS NULL
          AND substr(a.occurred_at, 1, 10) > @from AND substr(a.occurred_at, 1, 10) <= @today
        ORDER BY a.occurred_at DESC, a.id DESC`,
    )
    .all(p) as { at: string; outcome: string | null }[];
  let run = 0;
  while (run < calls.length && (calls[run].outcome === 'no_answer' || calls[run].outcome === 'voicemail')) run++;
  const runStart = run > 0 ? calls[run - 1].at.slice(0, 10) : null;

  const overdueNow = overdueAt(db, customerId, today);
  const overdue90DaysAgo = overdueAt(db, customerId, addDays(today, -GROWTH_LOOKBACK_DAYS));

  return {
    from,
    today,
    paidInvoices: paid.length,
    averageDaysToPay: average(paid.map((i) => daysBetween(i.issueDate, i.settledDate))),
    averageDaysLate: average(late),
    trendDays,
    promisesKept: count('kept'),
    promisesPartlyKept: count('partly_kept'),
    promisesBroken: count('broken'),
    promisesOpen: count('open'),
    disputesRaised: disputes.raised,
    openDisputes: disputes.open,
    partialPayments,
    refusedCalls: calls.filter((c) => c.outcome === 'refused').length,
    unansweredInARow: run,
    promiseSinceUnanswered: runStart !== null && promises.some((x) => x.madeOn >= runStart),
    overdueNow,
    overdue90DaysAgo,
    overdueGrew: overdueNow > overdue90DaysAgo,
  };
}

/** What was past due and unpaid at the end of day d, from the allocations (so past dates work). */
function overdueAt(db: Database, customerId: number, d: string): number {
  return db
    .prepare(
      `SELECT COALESCE(SUM(amt), 0) FROM (
         SELECT i.amount - COALESCE((SELECT SUM(a.amount) FROM allocation a WHERE a.invoice_id = i.id AND a.date <= @d), 0) AS amt
           FROM invoice i WHERE i.customer_id = @c AND i.has_schedule = 0 AND i.due_date < @d AND i.settled_date > @d
         UNION ALL
         SELECT s.amount - COALESCE((SELECT SUM(a.amount) FROM allocation a WHERE a.instalment_id = s.id AND a.date <= @d), 0)
           FROM instalment s WHERE s.customer_id = @c AND s.due_date < @d AND s.settled_date > @d)`,
    )
    .pluck()
    .get({ c: customerId, d }) as number;
}
