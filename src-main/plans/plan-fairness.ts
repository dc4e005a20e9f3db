import type { Database } from 'better-sqlite3';
import type { FairnessCheck, PlanFairness, PlanFrequency, PlanScheduleLine } from '../contract/plans';
import { promiseGraceDays, promiseStates } from '../promises/promise-status';
import { addMonthsIso, monthlyEquivalent } from './plan-schedule';
import { moneyFormatter, planLimits } from './plan-settings';
import { trackPlan, type TrackablePlan } from './plan-tracking';

export interface PlanTerms {
  customerId: number;
  total: number;
  frequency: PlanFrequency;
  startDate: string;
  today: string;
  schedule: PlanScheduleLine[];
  /** What the customer owes now. */
  balance: number;
}

/**
 * Whether a proposed plan is one the customer can keep and the company can accept. Limits
 * (length, minimum instalment) make it unfair unless overridden with a reason; warnings point
 * at what the clerk should weigh (the customer's record) without deciding for them.
 */
export function planFairness(db: Database, t: PlanTerms): PlanFairness {
  const money = moneyFormatter(db);
  const limits = planLimits(db);
  const checks: FairnessCheck[] = [];
  const yearAgo = addMonthsIso(t.today, -12);
  const last = t.schedule[t.schedule.length - 1];
  // The remainder cents sit on the first instalment; the recurring amount is the last one.
  const regular = last.amount;

  const latest = addMonthsIso(t.startDate, limits.maxMonths);
  checks.push({
    code: 'length',
    severity: 'limit',
    ok: last.dueDate <= latest,
    text:
      last.dueDate <= latest
        ? `The last instalment is due ${last.dueDate}, within ${limits.maxMonths} months of the start on ${t.startDate}.`
        : `The last instalment would be due ${last.dueDate}, more than ${limits.maxMonths} months after the start on ${t.startDate} (the latest allowed is ${latest}). Use fewer or larger instalments.`,
  });

  const smallest = Math.min(...t.schedule.map((s) => s.amount));
  checks.push({
    code: 'minimum',
    severity: 'limit',
    ok: smallest >= limits.minInstalment,
    text:
      smallest >= limits.minInstalment
        ? `Each instalment is at least the minimum of ${money(limits.minInstalment)} (the smallest is ${money(smallest)}).`
        : `Instalments of ${money(smallest)} are below the minimum of ${money(limits.minInstalment)}. Use fewer instalments.`,
  });

  checks.push({
    code: 'covers_balance',
    severity: 'warning',
    ok: t.total >= t.balance,
    text:
      t.total >= t.balance
        ? `The plan covers all ${money(t.balance)} that may be asked for.`
        : `The plan covers ${money(t.total)} of the ${money(t.balance)} that may be asked for; the remaining ${money(t.balance - t.total)} stays in normal collections.`,
  });

  const paidInYear = db
    .prepare('SELECT IFNULL(SUM(amount), 0) FROM payment WHERE customer_id = ? AND date > ? AND date <= ?')
    .pluck()
    .get(t.customerId, yearAgo, t.today) as number;
  const perMonth = monthlyEquivalent(regular, t.frequency);
  // perMonth > 1.5 × paidInYear / 12, in whole numbers so no rounding decides it.
  const tooLarge = paidInYear > 0 && perMonth * 12 * 2 > paidInYear * 3;
  const average = Math.round(paidInYear / 12);
  const each = t.frequency === 'monthly' ? `One instalment is ${money(perMonth)} a month` : `One instalment of ${money(regular)} comes to about ${money(perMonth)} a month`;
  checks.push({
    code: 'history_capacity',
    severity: 'warning',
    ok: !tooLarge,
    text:
      paidInYear === 0
        ? 'The customer has made no payments in the last 12 months, so there is no record to compare the instalments with.'
        : tooLarge
          ? `${each}, much larger than they have paid on average: ${money(average)} a month over the last 12 months.`
          : `${each}; over the last 12 months they have paid ${money(average)} a month on average.`,
  });

  const notKept = promiseStates(db, t.today, t.customerId).filter(
    (p) => (p.status === 'broken' || p.status === 'partly_kept') && p.promisedDate > yearAgo && p.promisedDate <= t.today,
  ).length;
  checks.push({
    code: 'promises',
    severity: 'warning',
    ok: notKept < 2,
    text:
      notKept >= 2
        ? `${notKept} promises to pay in the last 12 months were broken or only partly kept. Consider a shorter plan, or a first payment up front.`
        : notKept === 1
          ? 'One promise to pay in the last 12 months was broken or only partly kept.'
          : 'No broken promises to pay in the last 12 months.',
  });

  const failed = previousFailedPlan(db, t.customerId, t.today);
  checks.push({
    code: 'previous_plan',
    severity: 'warning',
    ok: failed === null,
    text:
      failed === null
        ? 'No earlier payment plan was cancelled after a missed instalment.'
        : `Payment plan ${failed.planId} was cancelled on ${failed.closedOn} after instalment ${failed.seq} (${money(failed.amount)} due ${failed.dueDate}) was missed.`,
  });

  return { fair: checks.every((c) => c.severity !== 'limit' || c.ok), checks };
}

/** The latest cancelled plan of the customer that had a missed instalment when it was cancelled. */
function previousFailedPlan(db: Database, customerId: number, today: string) {
  const grace = promiseGraceDays(db);
  const cancelled = db
    .prepare(
      `SELECT id, customer_id AS customerId, created_on AS createdOn, signed_on AS signedOn, closed_on AS closedOn
         FROM payment_plan WHERE customer_id = ? AND status = 'cancelled' ORDER BY id DESC`,
    )
    .all(customerId) as TrackablePlan[];
  for (const p of cancelled) {
    const missed = trackPlan(db, p, today, grace).instalments.find((i) => i.state === 'missed');
    if (missed) return { planId: p.id, closedOn: p.closedOn as string, seq: missed.seq, dueDate: missed.dueDate, amount: missed.amount };
  }
  return null;
}
