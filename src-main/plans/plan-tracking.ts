import type { Database } from 'better-sqlite3';
import type { PlanInstalmentState, PlanInstalmentView, PlanItem } from '../contract/plans';
import { prepared } from '../ledger/prepared';
import { recordStatusChange } from '../customers/status-change';
import { addDays } from '../money/dates';
import { promiseGraceDays } from '../promises/promise-status';
import { appendNote } from '../timeline/append-note';
import { moneyFormatter } from './plan-settings';
import { writeTransaction } from '../ledger/write-transaction';

/*
 * The tracking rule. A plan does not touch the ledger: it is judged from the money that reaches
 * the items it covers. Every payment or credit allocated to a covered item, taking effect from
 * the day the plan was signed (the day it was drawn up while unsigned) up to the day we look,
 * counts, never more per item than the plan covers of it; money for other invoices does not. Instalment k is paid once that sum
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
  const received = asOf < from ? 0 : (prepared(db, PLAN_RECEIVED).pluck().get({ plan: plan.id, from, asOf }) as number);
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

/** Per covered item, the money applied to it in the window, capped at what the plan covers of it. */
const PLAN_RECEIVED = `
  SELECT IFNULL(SUM(MIN(pi.amount, IFNULL((SELECT SUM(a.amount) FROM allocation a
                                            WHERE a.invoice_id = pi.invoice_id AND (pi.instalment_id IS NULL OR a.instalment_id = pi.instalment_id)
                                              AND a.source_kind IN ('payment', 'credit') AND a.date >= @from AND a.date <= @asOf), 0))), 0)
    FROM plan_item pi WHERE pi.plan_id = @plan`;

/** The items a plan covers, in the order it pays them. */
export function planItems(db: Database, planId: number): PlanItem[] {
  return prepared(
    db,
    `SELECT pi.invoice_id AS invoiceId, pi.instalment_id AS instalmentId,
            CASE WHEN s.id IS NULL THEN i.number ELSE i.number || ' #' || s.seq END AS label,
            COALESCE(s.due_date, i.due_date) AS dueDate, pi.amount
       FROM plan_item pi JOIN invoice i ON i.id = pi.invoice_id LEFT JOIN instalment s ON s.id = pi.instalment_id
      WHERE pi.plan_id = ? ORDER BY pi.position`,
  ).all(planId) as PlanItem[];
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
  return writeTransaction(db, () => {
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
