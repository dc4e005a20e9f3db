import type { Database } from 'better-sqlite3';
import type { CustomerProfile, PolicyRunResult, PolicyStep } from '../contract';
import { addDays, daysBetween, maxDate } from '../money/dates';
import { ledgerMoney } from '../money/ledger-money';
import { collectable, type CustomerCollectable } from '../collectable/collectable';
import { closeCompletedPlans, missedInstalments } from '../plans/plan-tracking';
import { adjustStep } from '../profiles/profile-strategy';
import { promiseGraceDays, promiseStates } from '../promises/promise-status';
import { readPolicy } from './policy-service';
import { dunningAmount, meetsMinimum } from './step-minimum';
import type { JobContext } from '../contract/jobs';
import { noJob } from '../jobs/job-context';
import { writeTransaction } from '../ledger/write-transaction';
import { policyScope, rememberRunMarks, type PolicyScope } from './policy-scope';

/** Event tasks are only made for events this recent, so importing years of history does not bury today's work. */
const EVENT_WINDOW_DAYS = 30;
/** Letters wait while a disputing customer's problem is being fixed; calls go on. */
const WRITTEN_ACTIONS = new Set(['letter', 'certified_letter', 'escalate_principal']);

/** Credit-control statuses: collections go on, but a customer we have stopped supplying gets no friendly pre-due reminders. */
const CREDIT_CONTROL = new Set(['credit_hold', 'cod_only', 'prepay_only']);

/**
 * The holds on an item or the whole account that have ended by today (a dispute on the invoice
 * resolved, a signed plan covering it closed, the account back from an agency or reopened), as
 * "latest end day#how many". A hold ends a dunning episode: the task key carries this mark, so a
 * step done before the hold fires again afterwards, at the stage the item's age has reached.
 */
function holdEnds(db: Database, today: string) {
  const byInvoice = new Map<number, string[]>();
  const byInstalment = new Map<number, string[]>();
  const byCustomer = new Map<number, string[]>();
  const add = (m: Map<number, string[]>, k: number, d: string) => {
    if (d <= today) m.set(k, [...(m.get(k) ?? []), d]);
  };
  for (const r of db
    .prepare(`SELECT di.invoice_id, d.resolved_on FROM dispute d JOIN dispute_invoice di ON di.dispute_id = d.id WHERE d.status = 'resolved'`)
    .all() as { invoice_id: number; resolved_on: string }[])
    add(byInvoice, r.invoice_id, r.resolved_on);
  for (const r of db
    .prepare(`SELECT pi.invoice_id, pi.instalment_id, p.closed_on FROM payment_plan p JOIN plan_item pi ON pi.plan_id = p.id
               WHERE p.signed_on IS NOT NULL AND p.closed_on IS NOT NULL`)
    .all() as { invoice_id: number; instalment_id: number | null; closed_on: string }[]) {
    if (r.instalment_id === null) add(byInvoice, r.invoice_id, r.closed_on);
    else add(byInstalment, r.instalment_id, r.closed_on);
  }
  for (const r of db
    .prepare(`SELECT customer_id, substr(changed_at, 1, 10) AS day FROM status_change WHERE previous IN ('with_agency', 'closed') AND status NOT IN ('with_agency', 'closed')`)
    .all() as { customer_id: number; day: string }[])
    add(byCustomer, r.customer_id, r.day);
  return (customerId: number, item: { invoiceId: number; instalmentId: number | null }): { mark: string; day: string } => {
    const ends = [...(byCustomer.get(customerId) ?? []), ...(byInvoice.get(item.invoiceId) ?? []), ...(item.instalmentId === null ? [] : (byInstalment.get(item.instalmentId) ?? []))];
    if (ends.length === 0) return { mark: '', day: '' };
    const day = ends.reduce((a, b) => (a > b ? a : b));
    return { mark: `@${day}#${ends.length}`, day };
  };
}

/** Why a customer's dunning task closed with nothing left to ask for. */
function nothingDue(m: CustomerCollectable | undefined): string {
  const due = m?.items.filter((i) => i.daysPastDue >= 0) ?? [];
  if (due.some((i) => i.onPlan > 0)) return 'Held out of dunning: what is due is covered by a payment plan';
  if (due.some((i) => i.disputed > 0)) return 'Held out of dunning: what is due is disputed';
  if (due.some((i) => i.netted > 0)) return 'Unapplied cash or credit covers what is due';
  return 'Nothing that may be asked for is overdue any more';
}

interface CustomerRow {
  id: number;
  kind: 'business' | 'consumer';
  profile: CustomerProfile | null;
  status: string;
}

/**
 * The customers a run reads, by id: all of them in one pass for a run over everyone, else those
 * in scope in one pass and any other (an event's customer) on first use.
 */
function customerRows(db: Database, scope: PolicyScope): { get(id: number): CustomerRow | undefined } {
  const known = new Map<number, CustomerRow>();
  if (scope.kind === 'everyone') {
    for (const c of db.prepare('SELECT id, kind, profile, status FROM customer').all() as CustomerRow[]) known.set(c.id, c);
    return known;
  }
  // From the narrow index (migration CustomerPolicyIndexes): a row of the wide customer table is
  // a page read of its own, and a scope is a few thousand customers spread over all of them.
  const some = db
    .prepare('SELECT id, kind, profile, status FROM customer INDEXED BY customer_policy_ix WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify([...scope.customers])) as CustomerRow[];
  for (const c of some) known.set(c.id, c);
  const one = db.prepare('SELECT id, kind, profile, status FROM customer INDEXED BY customer_policy_ix WHERE id = ?');
  return {
    get(id: number) {
      let c = known.get(id);
      if (!c) {
        c = one.get(id) as CustomerRow | undefined;
        if (c) known.set(id, c);
      }
      return c;
    },
  };
}

interface NewTask {
  customerId: number;
  step: PolicyStep;
  key: string;
  action: string;
  dueDate: string;
  /** Written only when the task is made or its figures change: most runs find their tasks already there. */
  reason: () => string;
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
 * day, or any later day, makes nothing twice. Every figure comes from the one definition of
 * what may be asked for (collectable/collectable.ts): disputed parts, items a running plan covers
 * and accounts with an agency are never dunned, and unapplied cash is netted first. Dunning steps
 * work per customer from the oldest collectable item due: only the furthest step reached fires (a
 * ledger imported at 75 days late gets the 60-day step, not five letters at once), and it
 * replaces the customer's earlier open dunning task. When a hold on that item ends, the task key
 * changes, so dunning resumes at the step its age has reached.
 */
export function runPolicy(db: Database, today: string, now: Date, job: JobContext = noJob, scoped = true): PolicyRunResult {
  return writeTransaction(db, () => {
    job.progress(0, 4, 'Reading balances');
    closeCompletedPlans(db, today, now);
    const policy = readPolicy(db);
    const steps = policy.steps.filter((s) => s.active);
    const grace = promiseGraceDays(db);
    const since = addDays(today, -EVENT_WINDOW_DAYS);
    const scope: PolicyScope = scoped ? policyScope(db, today, steps, grace) : { kind: 'everyone', why: 'asked for' };
    const customers = customerRows(db, scope);
    const money = scope.kind === 'everyone' ? collectable(db, today) : collectable(db, today, scope.customers);
    job.checkCancelled();
    job.progress(1, 4, 'Choosing steps');
    const inDispute = new Set(db.prepare(`SELECT DISTINCT customer_id FROM dispute WHERE status <> 'resolved'`).pluck().all() as number[]);
    const episodeOf = holdEnds(db, today);
    const label = (s: PolicyStep) => `Step ${s.seq} of ${policy.name}`;
    const say = ledgerMoney(db);

    const tasks: NewTask[] = [];
    const firedDunning = new Map<number, Set<string>>();
    const matches = (s: PolicyStep, c: CustomerRow, amount: number) =>
      (!s.customerKind || s.customerKind === c.kind) && (!s.profiles || (c.profile !== null && s.profiles.includes(c.profile))) && meetsMinimum(s.minAmount, amount);
    // A step as each profile adjusts it, worked out once per run rather than per customer.
    const adjustedSteps = new Map<string, ReturnType<typeof adjustStep>>();
    const adjusted = (s: PolicyStep, c: CustomerRow) => {
      const key = `${s.id}:${c.profile ?? ''}`;
      let a = adjustedSteps.get(key);
      if (!a) adjustedSteps.set(key, (a = adjustStep(c.profile, s)));
      return a;
    };

    // Dunning: per customer, from the oldest item that may be asked for and is due by today.
    const dueSteps = steps.filter((s) => s.trigger === 'days_from_due');
    const dunned = new Set<number>();
    for (const m of money.values()) {
      if (m.hold || m.dueNow <= 0 || !m.oldest) continue;
      const c = customers.get(m.customerId)!;
      const oldest = m.oldest;
      const age = oldest.daysPastDue;
      const eligible = dueSteps
        .filter((s) => matches(s, c, dunningAmount(m)))
        .map((s) => ({ s, a: adjusted(s, c) }))
        .filter(({ a }) => a.days >= 0 && a.days <= age && !(c.profile === 'disputing' && inDispute.has(c.id) && WRITTEN_ACTIONS.has(a.action)));
      if (eligible.length === 0) continue;
      dunned.add(c.id);
      const first = m.items.find((i) => i.collectable > 0 && i.dueDate === oldest.dueDate)!;
      const itemKey = first.instalmentId === null ? `i${first.invoiceId}` : `s${first.instalmentId}`;
      const episode = episodeOf(c.id, first);
      const reached = Math.max(...eligible.map((e) => e.a.days));
      const fired = new Set<string>();
      const late = () => (age === 0 ? `${say(oldest.amount)} falls due today` : `${say(oldest.amount)} is ${age} day${age === 1 ? '' : 's'} late`);
      for (const { s, a } of eligible.filter((e) => e.a.days === reached)) {
        const key = `dpd:${s.id}:${c.id}:${itemKey}${episode.mark}`;
        fired.add(key);
        tasks.push({
          customerId: c.id,
          step: s,
          key,
          action: a.action,
          dueDate: maxDate(addDays(oldest.dueDate, a.days), episode.day),
          reason: () => `${label(s)}: ${late()} (${oldest.labels.join(', ')} due ${oldest.dueDate}); ${say(m.dueNow)} ${age === 0 ? 'due' : 'overdue'} in all`,
          strategy: a.note,
          amount: m.dueNow,
          invoiceId: first.invoiceId,
        });
      }
      firedDunning.set(c.id, fired);
    }

    // Reminders before the due date, per customer and due date: only for customers with nothing
    // collectable due (one stage per customer) and not stopped by credit control.
    const horizon = addDays(today, 100);
    const openReminders = new Set<string>();
    for (const m of money.values()) {
      const c = customers.get(m.customerId)!;
      if (m.hold || m.dueNow > 0 || CREDIT_CONTROL.has(c.status)) continue;
      const byDue = new Map<string, { amount: number; labels: string[] }>();
      for (const i of m.items) {
        if (i.collectable <= 0 || i.dueDate <= today || i.dueDate > horizon) continue;
        const g = byDue.get(i.dueDate) ?? { amount: 0, labels: [] };
        g.amount += i.collectable;
        g.labels.push(i.label);
        byDue.set(i.dueDate, g);
      }
      for (const [dueDate, u] of byDue) {
        const before = daysBetween(today, dueDate);
        for (const s of dueSteps) {
          if (!matches(s, c, u.amount)) continue;
          const a = adjusted(s, c);
          if (a.days >= 0 || -a.days < before) continue;
          if (c.profile === 'disputing' && inDispute.has(c.id) && WRITTEN_ACTIONS.has(a.action)) continue;
          const key = `due:${s.id}:${c.id}:${dueDate}`;
          openReminders.add(key);
          tasks.push({
            customerId: c.id,
            step: s,
            key,
            action: a.action,
            dueDate: addDays(dueDate, a.days),
            reason: () => `${label(s)}: ${say(u.amount)} falls due ${dueDate}, in ${before} day${before === 1 ? '' : 's'} (${u.labels.join(', ')})`,
            strategy: a.note,
            amount: u.amount,
          });
        }
      }
    }

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
          reason: () => `${label(s)}: ${v.number} (${say(v.amount)}) was delivered ${v.delivery_date}`,
          strategy: a.note,
          amount: v.amount,
          invoiceId: v.id,
        });
      }
    }

    // A promise's state depends on the customer's earlier promises (they take their share of each
    // payment first), so whole customers are read: those with a promise recent enough to matter.
    // A promise's task reads the promise's state and what may be asked for in all; a scoped run
    // redoes it only where one of them may have moved (a date alone moving an item changes neither).
    const promisers = (db.prepare('SELECT DISTINCT customer_id FROM promise WHERE promised_date >= ?').pluck().all(addDays(since, -grace)) as number[]).filter(
      (id) => scope.kind === 'everyone' || scope.changed.has(id),
    );
    const broken = promiseStates(db, today, promisers).filter((p) => (p.status === 'broken' || p.status === 'partly_kept') && addDays(p.promisedDate, grace) >= since);
    for (const s of eventSteps('promise_broken')) {
      for (const p of broken) {
        const c = customers.get(p.customerId)!;
        const a = adjusted(s, c);
        const dueDate = addDays(p.promisedDate, grace + 1 + a.days);
        // A promise for money that is no longer ours to ask for (paid, credited, disputed since) is not chased.
        const askable = money.get(c.id)?.collectable ?? 0;
        if (!matches(s, c, p.amount) || dueDate > today || askable <= 0) continue;
        tasks.push({
          customerId: c.id,
          step: s,
          key: `promise:${s.id}:${p.id}`,
          action: a.action,
          dueDate,
          reason: () =>
            p.received > 0
              ? `${label(s)}: promise partly kept, ${say(p.received)} of ${say(p.amount)} promised by ${p.promisedDate} arrived`
              : `${label(s)}: promise broken, ${say(p.amount)} was promised by ${p.promisedDate}`,
          strategy: a.note,
          amount: Math.min(p.amount - p.received, money.get(c.id)?.collectable ?? 0),
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
          reason: () => `${label(s)}: instalment ${m.seq} of payment plan ${m.planId} (${say(m.amount)} due ${m.dueDate}) was missed${m.paid > 0 ? `; ${say(m.paid)} of it arrived` : ''}`,
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
          reason: () => `${label(s)}: dispute ${r.id} was resolved ${r.resolved_on} (${r.resolution.replace(/_/g, ' ')})`,
          strategy: a.note,
          amount: null,
          disputeId: r.id,
        });
      }
    }

    const insert = db.prepare(
      `INSERT INTO task (customer_id, step_id, dedupe_key, action, template, due_date, reason, strategy, amount, invoice_id, promise_id, plan_instalment_id, dispute_id, created_on)
       VALUES (@customerId, @stepId, @key, @action, @template, @dueDate, @reason, @strategy, @amount, @invoiceId, @promiseId, @planInstalmentId, @disputeId, @today)`,
    );
    const existing = db.prepare('SELECT id, status, reason, amount FROM task WHERE dedupe_key = ?');
    // An open task keeps saying what may be asked for now: a part payment or a new dispute since it
    // was made rewrites its figures (and its reason, as of that day). Days passing alone do not.
    const refresh = db.prepare('UPDATE task SET reason = ?, amount = ? WHERE id = ?');
    const reopen = db.prepare(`UPDATE task SET status = 'open', closed_on = NULL, closed_note = NULL, reason = @reason, amount = @amount, due_date = @dueDate WHERE id = @id`);
    let created = 0;
    job.checkCancelled();
    job.progress(2, 4, 'Writing tasks');
    for (const t of tasks) {
      const had = existing.get(t.key) as { id: number; status: string; reason: string; amount: number | null } | undefined;
      if (had) {
        if (had.status === 'open' && had.amount !== t.amount) refresh.run(t.reason(), t.amount, had.id);
        // Superseded when another item or step took the customer's focus, and now wanted again
        // (that item is the oldest once more: the other was disputed, paid or planned): the step
        // was never carried out, so it is open again rather than silently skipped.
        else if (had.status === 'superseded') created += reopen.run({ id: had.id, reason: t.reason(), amount: t.amount, dueDate: t.dueDate }).changes;
        continue;
      }
      created += insert.run({
        customerId: t.customerId,
        stepId: t.step.id,
        key: t.key,
        action: t.action,
        template: WRITTEN_ACTIONS.has(t.action) ? t.step.template : null,
        dueDate: t.dueDate,
        reason: t.reason(),
        strategy: t.strategy,
        amount: t.amount,
        invoiceId: t.invoiceId ?? null,
        promiseId: t.promiseId ?? null,
        planInstalmentId: t.planInstalmentId ?? null,
        disputeId: t.disputeId ?? null,
        today,
      }).changes;
    }

    // Open tasks that no longer fit: a later step replaced them, the money came, a hold began,
    // or the plan whose instalment was missed is over.
    const close = db.prepare(`UPDATE task SET status = @status, closed_on = @today, closed_note = @note WHERE id = @id`);
    let closed = 0;
    job.checkCancelled();
    job.progress(3, 4, 'Closing tasks');
    type OpenTask = { id: number; customer_id: number; dedupe_key: string; plan_status: string | null };
    const tasksWithPlan = (which: string) =>
      `SELECT t.id, t.customer_id, t.dedupe_key, p.status AS plan_status FROM task t
         LEFT JOIN plan_instalment pi ON pi.id = t.plan_instalment_id LEFT JOIN payment_plan p ON p.id = pi.plan_id
        WHERE ${which}`;
    const open: OpenTask[] =
      scope.kind === 'everyone'
        ? (db.prepare(tasksWithPlan(`t.status = 'open' AND (t.dedupe_key LIKE 'dpd:%' OR t.dedupe_key LIKE 'due:%' OR t.dedupe_key LIKE 'instalment:%')`)).all() as OpenTask[])
        : // Outside the scope, dunning and reminder tasks stand as the last run left them. Read by
          // customer and by key range rather than through the open-task index, which would visit
          // every open task's row (the whole task table, ~2,000 pages at 36,000 open tasks).
          [
            ...(db
              .prepare(
                `SELECT id, customer_id, dedupe_key, NULL AS plan_status FROM task INDEXED BY task_customer_ix
                  WHERE customer_id IN (SELECT value FROM json_each(@ids)) AND status = 'open' AND (dedupe_key LIKE 'dpd:%' OR dedupe_key LIKE 'due:%')`,
              )
              .all({ ids: JSON.stringify([...scope.customers]) }) as OpenTask[]),
            ...(db.prepare(tasksWithPlan(`t.dedupe_key >= 'instalment:' AND t.dedupe_key < 'instalment;' AND +t.status = 'open'`)).all() as OpenTask[]),
          ];
    const missedNow = new Set(missed.map((m) => m.instalmentId));
    for (const t of open) {
      const m = money.get(t.customer_id);
      let outcome: { status: string; note: string } | null = null;
      if (t.dedupe_key.startsWith('instalment:')) {
        if (t.plan_status !== 'signed') outcome = { status: 'resolved', note: `The payment plan is ${t.plan_status ?? 'gone'}` };
        else if (!missedNow.has(Number(t.dedupe_key.split(':')[2]))) outcome = { status: 'resolved', note: 'The instalment has been paid' };
      } else if (m?.hold) outcome = { status: 'resolved', note: `Held out of dunning: ${m.hold}` };
      else if (t.dedupe_key.startsWith('due:')) {
        if (!openReminders.has(t.dedupe_key)) outcome = { status: 'resolved', note: 'Paid, held, or the due date has passed' };
      } else if (!m || m.dueNow <= 0) outcome = { status: 'resolved', note: nothingDue(m) };
      else if (!dunned.has(t.customer_id)) outcome = { status: 'resolved', note: 'No step of the policy applies now' };
      else if (!firedDunning.get(t.customer_id)!.has(t.dedupe_key)) outcome = { status: 'superseded', note: 'A later step of the policy replaced it' };
      if (outcome) closed += close.run({ ...outcome, today, id: t.id }).changes;
    }
    job.checkCancelled();
    rememberRunMarks(db, today);
    job.progress(4, 4, 'Done');
    const looked = scope.kind === 'everyone' ? { everyone: true as const, why: scope.why } : { everyone: false as const, customers: scope.customers.size };
    return { today, created, closed, ran: true, looked };
  })();
}
