import type { Database } from 'better-sqlite3';
import type { PlanInstalmentState, PlanInstalmentView } from '../contract/plans';
import { recordStatusChange } from '../customers/status-change';
import { addDays } from '../money/dates';
import { promiseGraceDays } from '../promises/promise-status';
import { appendNote } from '../timeline/append-note';
import { moneyFormatter } from './plan-settings';

/*
 * The tracking rule. A plan does not touch the ledger: it is judged from the customer's payments.
 * Every payment of the customer dated from the day the plan was signed (the day it was drawn up
 * while unsigned) up to the day we look counts, added up. Instalment k is paid once that sum
 * reaches the amounts of instalments 1..k together, whatever day the money came; so a late
 * payment still catches the plan up, and an early one pays ahead. An instalment not fully paid is
 * missed once its due date plus the grace days (the promise grace setting) has passed, due from
 * its due date until then, and upcoming before it (part paid when some money has reached it).
 * A closed plan is judged as of the day it was closed.
 */

export interface PlanInstalmentRow {
  id: number;
  seq: number;
  dueDate: string;
  amount: number;
}

/** The rule above for one plan, given the instalments in order and the money counted for it. */
export function instalmentStates(instalments: PlanInstalmentRow[], received: number, asOf: string, graceDays: number): PlanInstalmentView[] {
  let before = 0;
  return instalments.map((i) => {
    const paid = Math.min(i.amount, Math.max(0, received - before));
    before += i.amount;
    const state: PlanInstalmentState =
      paid >= i.amount ? 'paid' : asOf > addDays(i.dueDate, graceDays) ? 'missed' : paid > 0 ? 'part_paid' : asOf >= i.dueDate ? 'due' : 'upcoming';
    return { id: i.id, seq: i.seq, dueDate: i.dueDate, amount: i.amount, paid, state };
  });
}

/** What a plan needs for tracking; the other columns do not matter here. */
export interface TrackablePlan {
  id: number;
  customerId: number;
  createdOn: string;
  signedOn: string | null;
  closedOn: string | null;
}

export interface TrackedPlan {
  instalments: PlanInstalmentView[];
  paidToDate: number;
  nextDue: { seq: number; dueDate: string; amount: number } | null;
}

export function trackPlan(db: Database, plan: TrackablePlan, today: string, graceDays: number = promiseGraceDays(db)): TrackedPlan {
  const asOf = plan.closedOn !== null && plan.closedOn < today ? plan.closedOn : today;
  const from = plan.signedOn ?? plan.createdOn;
  const received =
    asOf < from
      ? 0
      : (db.prepare('SELECT IFNULL(SUM(amount), 0) FROM payment WHERE customer_id = ? AND date >= ? AND date <= ?').pluck().get(plan.customerId, from, asOf) as number);
  const rows = db
    .prepare('SELECT id, seq, due_date AS dueDate, amount FROM plan_instalment WHERE plan_id = ? ORDER BY seq')
    .all(plan.id) as PlanInstalmentRow[];
  const instalments = instalmentStates(rows, received, asOf, graceDays);
  const next = instalments.find((i) => i.state !== 'paid');
  return {
    instalments,
    paidToDate: instalments.reduce((s, i) => s + i.paid, 0),
    nextDue: next ? { seq: next.seq, dueDate: next.dueDate, amount: next.amount - next.paid } : null,
  };
}

const SIGNED_PLANS = `SELECT id, customer_id AS customerId, created_on AS createdOn, signed_on AS signedOn, closed_on AS closedOn, total
                        FROM payment_plan WHERE status = 'signed' ORDER BY id`;

function signedPlans(db: Database): (TrackablePlan & { total: number })[] {
  return db.prepare(SIGNED_PLANS).all() as (TrackablePlan & { total: number })[];
}

export interface MissedInstalment {
  planId: number;
  instalmentId: number;
  customerId: number;
  seq: number;
  dueDate: string;
  amount: number;
  /** Part of the instalment that did arrive. */
  paid: number;
}

/** Every missed instalment of every signed plan, as of today. */
export function missedInstalments(db: Database, today: string): MissedInstalment[] {
  const grace = promiseGraceDays(db);
  return signedPlans(db).flatMap((p) =>
    trackPlan(db, p, today, grace)
      .instalments.filter((i) => i.state === 'missed')
      .map((i) => ({ planId: p.id, instalmentId: i.id, customerId: p.customerId, seq: i.seq, dueDate: i.dueDate, amount: i.amount, paid: i.paid })),
  );
}

/** Customers with a signed plan running: held out of dunning while it lasts. */
export function activePlanCustomers(db: Database): Set<number> {
  return new Set(db.prepare(`SELECT DISTINCT customer_id FROM payment_plan WHERE status = 'signed'`).pluck().all() as number[]);
}

/** Signed plans whose every instalment is paid. */
export function completedPlans(db: Database, today: string): { planId: number; customerId: number; total: number; count: number }[] {
  const grace = promiseGraceDays(db);
  return signedPlans(db).flatMap((p) => {
    const { instalments } = trackPlan(db, p, today, grace);
    return instalments.every((i) => i.state === 'paid') ? [{ planId: p.id, customerId: p.customerId, total: p.total, count: instalments.length }] : [];
  });
}

/**
 * Marks every fully paid signed plan completed, puts a customer whose status is still
 * "payment plan" back to active (logged like any status change) and notes it on the timeline.
 * Returns the ids of the plans it closed; a second run the same day closes nothing.
 */
export function closeCompletedPlans(db: Database, today: string, now: Date = new Date()): number[] {
  return db.transaction(() => {
    const money = moneyFormatter(db);
    const done = completedPlans(db, today);
    for (const p of done) {
      db.prepare(`UPDATE payment_plan SET status = 'completed', closed_on = ?, closed_reason = 'All instalments paid' WHERE id = ?`).run(today, p.planId);
      appendNote(db, p.customerId, `Payment plan ${p.planId} completed: all ${p.count} instalment${p.count === 1 ? '' : 's'} paid (${money(p.total)}).`, null, now);
      const status = db.prepare('SELECT status FROM customer WHERE id = ?').pluck().get(p.customerId) as string;
      if (status === 'payment_plan') {
        recordStatusChange(db, { customerId: p.customerId, status: 'active', previous: status, reason: `Payment plan ${p.planId} completed: all instalments paid`, by: null, at: now });
      }
    }
    return done.map((p) => p.planId);
  })();
}
