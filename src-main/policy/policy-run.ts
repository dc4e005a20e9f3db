import type { Database } from 'better-sqlite3';
import type { CustomerProfile, PolicyRunResult, PolicyStep } from '../contract';
import { formatGrouped } from '../money/amounts';
import { addDays, daysBetween } from '../money/dates';
import { activePlanCustomers, closeCompletedPlans, missedInstalments } from '../plans/plan-tracking';
import { adjustStep } from '../profiles/profile-strategy';
import { promiseGraceDays, promiseStates } from '../promises/promise-status';
import { readPolicy } from './policy-service';

/** Event tasks are only made for events this recent, so importing years of history does not bury today's work. */
const EVENT_WINDOW_DAYS = 30;
/** Letters wait while a disputing customer's problem is being fixed; calls go on. */
const WRITTEN_ACTIONS = new Set(['letter', 'certified_letter', 'escalate_principal']);

/** Invoices and instalments under an open or investigated dispute wait for it. */
const DISPUTED_INVOICES = `SELECT di.invoice_id FROM dispute_invoice di JOIN dispute d ON d.id = di.dispute_id WHERE d.status <> 'resolved'`;

/** Open, undisputed plain invoices and instalments whose due date meets `due` (e.g. '<= @today'). */
function undisputedOpenItems(due: string): string {
  return `SELECT i.customer_id, 'i' AS kind, i.id AS item_id, i.number, i.due_date, i.open_amount FROM invoice i
           WHERE i.open_amount > 0 AND i.has_schedule = 0 AND i.due_date ${due} AND i.id NOT IN (${DISPUTED_INVOICES})
          UNION ALL
          SELECT s.customer_id, 's', s.id, i.number || ' #' || s.seq, s.due_date, s.open_amount FROM instalment s JOIN invoice i ON i.id = s.invoice_id
           WHERE s.open_amount > 0 AND s.due_date ${due} AND s.invoice_id NOT IN (${DISPUTED_INVOICES})`;
}

interface CustomerRow {
  id: number;
  kind: 'business' | 'consumer';
  profile: CustomerProfile | null;
  status: string;
}

interface NewTask {
  customerId: number;
  step: PolicyStep;
  key: string;
  action: string;
  dueDate: string;
  reason: string;
  strategy: string | null;
  amount: number | null;
  invoiceId?: number | null;
  promiseId?: number | null;
  planInstalmentId?: number | null;
  disputeId?: number | null;
}

/**
 * Turns the escalation policy into today's tasks. Idempotent: every task has a key naming its
 * step and occasion (the overdue item, promise, instalment or dispute), so a second run the same
 * day, or any later day, makes nothing twice. Dunning steps work per customer from the oldest
 * undisputed overdue item: only the furthest step reached fires (a ledger imported at 75 days
 * late gets the 60-day step, not five letters at once), and it replaces the customer's earlier
 * open dunning task. Disputed invoices, customers on a signed payment plan and customers with
 * an agency are held out of dunning while that lasts.
 */
export function runPolicy(db: Database, today: string, now: Date = new Date()): PolicyRunResult {
  return db.transaction(() => {
    closeCompletedPlans(db, today, now);
    const policy = readPolicy(db);
    const steps = policy.steps.filter((s) => s.active);
    const customers = new Map((db.prepare('SELECT id, kind, profile, status FROM customer').all() as CustomerRow[]).map((c) => [c.id, c]));
    const onPlan = activePlanCustomers(db);
    const held = (c: CustomerRow) => (onPlan.has(c.id) ? 'a payment plan is running' : c.status === 'with_agency' ? 'the account is with an agency' : c.status === 'closed' ? 'the account is closed' : null);
    const inDispute = new Set(db.prepare(`SELECT DISTINCT customer_id FROM dispute WHERE status <> 'resolved'`).pluck().all() as number[]);
    const label = (s: PolicyStep) => `Step ${s.seq} of ${policy.name}`;

    const tasks: NewTask[] = [];
    const firedDunning = new Map<number, Set<string>>();
    const matches = (s: PolicyStep, c: CustomerRow, amount: number) =>
      (!s.customerKind || s.customerKind === c.kind) && (!s.profiles || (c.profile !== null && s.profiles.includes(c.profile))) && (s.minAmount === null || amount >= s.minAmount);
    const adjusted = (s: PolicyStep, c: CustomerRow) => adjustStep(c.profile, s);

    // Dunning after the due date: per customer, from the oldest undisputed overdue item.
    const dunning = db
      .prepare(
        `SELECT customer_id, MIN(due_date) AS oldest, kind, item_id, number, SUM(open_amount) AS overdue FROM (${undisputedOpenItems('<= @today')})
         GROUP BY customer_id`,
      )
      .all({ today }) as { customer_id: number; oldest: string; kind: 'i' | 's'; item_id: number; number: string; overdue: number }[];
    const dueSteps = steps.filter((s) => s.trigger === 'days_from_due');
    const overdueCustomers = new Set<number>();
    for (const d of dunning) {
      const c = customers.get(d.customer_id)!;
      if (held(c)) continue;
      overdueCustomers.add(c.id);
      const age = daysBetween(d.oldest, today);
      const eligible = dueSteps
        .filter((s) => matches(s, c, d.overdue))
        .map((s) => ({ s, a: adjusted(s, c) }))
        .filter(({ a }) => a.days >= 0 && a.days <= age && !(c.profile === 'disputing' && inDispute.has(c.id) && WRITTEN_ACTIONS.has(a.action)));
      if (eligible.length === 0) continue;
      const reached = Math.max(...eligible.map((e) => e.a.days));
      const fired = new Set<string>();
      for (const { s, a } of eligible.filter((e) => e.a.days === reached)) {
        const key = `dpd:${s.id}:${c.id}:${d.kind}${d.item_id}`;
        fired.add(key);
        tasks.push({
          customerId: c.id,
          step: s,
          key,
          action: a.action,
          dueDate: addDays(d.oldest, a.days),
          reason: `${label(s)}: ${age === 0 ? 'due today' : `${age} days past due`} (${d.number} due ${d.oldest}; ${formatGrouped(d.overdue)} overdue)`,
          strategy: a.note,
          amount: d.overdue,
          invoiceId: d.kind === 'i' ? d.item_id : null,
        });
      }
      firedDunning.set(c.id, fired);
    }

    // Reminders before the due date, per customer and due date.
    const upcoming = db
      .prepare(
        `SELECT customer_id, due_date, GROUP_CONCAT(number, ', ') AS numbers, SUM(open_amount) AS amount FROM (${undisputedOpenItems('> @today')})
          WHERE due_date <= @horizon
         GROUP BY customer_id, due_date`,
      )
      .all({ today, horizon: addDays(today, 100) }) as { customer_id: number; due_date: string; numbers: string; amount: number }[];
    const openReminders = new Set<string>();
    for (const u of upcoming) {
      const c = customers.get(u.customer_id)!;
      if (held(c)) continue;
      const before = daysBetween(today, u.due_date);
      for (const s of dueSteps) {
        if (!matches(s, c, u.amount)) continue;
        const a = adjusted(s, c);
        if (a.days >= 0 || -a.days < before) continue;
        const key = `due:${s.id}:${c.id}:${u.due_date}`;
        openReminders.add(key);
        tasks.push({
          customerId: c.id,
          step: s,
          key,
          action: a.action,
          dueDate: addDays(u.due_date, a.days),
          reason: `${label(s)}: ${formatGrouped(u.amount)} falls due ${u.due_date}, in ${before} day${before === 1 ? '' : 's'} (${u.numbers})`,
          strategy: a.note,
          amount: u.amount,
        });
      }
    }

    const since = addDays(today, -EVENT_WINDOW_DAYS);
    const eventSteps = (trigger: PolicyStep['trigger']) => steps.filter((s) => s.trigger === trigger);

    const deliveries = db
      .prepare(`SELECT id, customer_id, number, amount, delivery_date FROM invoice WHERE delivery_date IS NOT NULL AND delivery_date >= @since AND delivery_date <= @today AND kind = 'invoice'`)
      .all({ since, today }) as { id: number; customer_id: number; number: string; amount: number; delivery_date: string }[];
    for (const s of eventSteps('delivery')) {
      for (const v of deliveries) {
        const c = customers.get(v.customer_id)!;
        const a = adjusted(s, c);
        if (!matches(s, c, v.amount) || addDays(v.delivery_date, a.days) > today) continue;
        tasks.push({
          customerId: c.id,
          step: s,
          key: `delivery:${s.id}:${v.id}`,
          action: a.action,
          dueDate: addDays(v.delivery_date, a.days),
          reason: `${label(s)}: ${v.number} (${formatGrouped(v.amount)}) was delivered ${v.delivery_date}`,
          strategy: a.note,
          amount: v.amount,
          invoiceId: v.id,
        });
      }
    }

    const grace = promiseGraceDays(db);
    const broken = promiseStates(db, today).filter((p) => (p.status === 'broken' || p.status === 'partly_kept') && addDays(p.promisedDate, grace) >= since);
    for (const s of eventSteps('promise_broken')) {
      for (const p of broken) {
        const c = customers.get(p.customerId)!;
        const a = adjusted(s, c);
        const dueDate = addDays(p.promisedDate, grace + 1 + a.days);
        if (!matches(s, c, p.amount) || dueDate > today) continue;
        tasks.push({
          customerId: c.id,
          step: s,
          key: `promise:${s.id}:${p.id}`,
          action: a.action,
          dueDate,
          reason:
            p.received > 0
              ? `${label(s)}: promise partly kept, ${formatGrouped(p.received)} of ${formatGrouped(p.amount)} promised by ${p.promisedDate} arrived`
              : `${label(s)}: promise broken, ${formatGrouped(p.amount)} was promised by ${p.promisedDate}`,
          strategy: a.note,
          amount: p.amount - p.received,
          promiseId: p.id,
        });
      }
    }

    const missed = missedInstalments(db, today).filter((m) => m.dueDate >= since);
    for (const s of eventSteps('instalment_missed')) {
      for (const m of missed) {
        const c = customers.get(m.customerId)!;
        const a = adjusted(s, c);
        const dueDate = addDays(m.dueDate, grace + 1 + a.days);
        if (!matches(s, c, m.amount) || dueDate > today) continue;
        tasks.push({
          customerId: c.id,
          step: s,
          key: `instalment:${s.id}:${m.instalmentId}`,
          action: a.action,
          dueDate,
          reason: `${label(s)}: instalment ${m.seq} of payment plan ${m.planId} (${formatGrouped(m.amount)} due ${m.dueDate}) was missed${m.paid > 0 ? `; ${formatGrouped(m.paid)} of it arrived` : ''}`,
          strategy: a.note,
          amount: m.amount - m.paid,
          planInstalmentId: m.instalmentId,
        });
      }
    }

    const resolved = db
      .prepare(`SELECT id, customer_id, resolution, resolved_on, amount FROM dispute WHERE status = 'resolved' AND resolved_on >= @since AND resolved_on <= @today`)
      .all({ since, today }) as { id: number; customer_id: number; resolution: string; resolved_on: string; amount: number }[];
    for (const s of eventSteps('dispute_resolved')) {
      for (const r of resolved) {
        const c = customers.get(r.customer_id)!;
        const a = adjusted(s, c);
        if (!matches(s, c, r.amount) || addDays(r.resolved_on, a.days) > today) continue;
        tasks.push({
          customerId: c.id,
          step: s,
          key: `dispute:${s.id}:${r.id}`,
          action: a.action,
          dueDate: addDays(r.resolved_on, a.days),
          reason: `${label(s)}: dispute ${r.id} was resolved ${r.resolved_on} (${r.resolution.replace(/_/g, ' ')})`,
          strategy: a.note,
          amount: null,
          disputeId: r.id,
        });
      }
    }

    const insert = db.prepare(
      `INSERT OR IGNORE INTO task (customer_id, step_id, dedupe_key, action, template, due_date, reason, strategy, amount, invoice_id, promise_id, plan_instalment_id, dispute_id, created_on)
       VALUES (@customerId, @stepId, @key, @action, @template, @dueDate, @reason, @strategy, @amount, @invoiceId, @promiseId, @planInstalmentId, @disputeId, @today)`,
    );
    let created = 0;
    for (const t of tasks) {
      created += insert.run({
        customerId: t.customerId,
        stepId: t.step.id,
        key: t.key,
        action: t.action,
        template: WRITTEN_ACTIONS.has(t.action) ? t.step.template : null,
        dueDate: t.dueDate,
        reason: t.reason,
        strategy: t.strategy,
        amount: t.amount,
        invoiceId: t.invoiceId ?? null,
        promiseId: t.promiseId ?? null,
        planInstalmentId: t.planInstalmentId ?? null,
        disputeId: t.disputeId ?? null,
        today,
      }).changes;
    }

    // Open dunning tasks that no longer fit: a later step replaced them, the money came, or a hold began.
    const close = db.prepare(`UPDATE task SET status = @status, closed_on = @today, closed_note = @note WHERE id = @id`);
    let closed = 0;
    const open = db.prepare(`SELECT id, customer_id, dedupe_key FROM task WHERE status = 'open' AND (dedupe_key LIKE 'dpd:%' OR dedupe_key LIKE 'due:%')`).all() as {
      id: number;
      customer_id: number;
      dedupe_key: string;
    }[];
    for (const t of open) {
      const c = customers.get(t.customer_id)!;
      const hold = held(c);
      let outcome: { status: string; note: string } | null = null;
      if (hold) outcome = { status: 'resolved', note: `Held out of dunning: ${hold}` };
      else if (t.dedupe_key.startsWith('due:')) {
        if (!openReminders.has(t.dedupe_key)) outcome = { status: 'resolved', note: 'Paid, or the due date has passed' };
      } else if (!overdueCustomers.has(c.id)) outcome = { status: 'resolved', note: 'Nothing undisputed is overdue any more' };
      else if (!firedDunning.has(c.id)) outcome = { status: 'resolved', note: 'No step of the policy applies now' };
      else if (!firedDunning.get(c.id)!.has(t.dedupe_key)) outcome = { status: 'superseded', note: 'A later step of the policy replaced it' };
      if (outcome) closed += close.run({ ...outcome, today, id: t.id }).changes;
    }
    return { today, created, closed };
  })();
}
