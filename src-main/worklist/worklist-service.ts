import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { PolicyAction, PolicyRunResult, WorkActionSchema, WorkItem, Worklist } from '../contract';
import { collectable } from '../collectable/collectable';
import { runPolicy } from '../policy/policy-run';
import { lastPolicyRun, policyInputsStamp, rememberPolicyRun } from '../policy/policy-stamp';
import { ServiceError } from '../contract/service-error';
import { writeTransaction } from '../ledger/write-transaction';
import type { JobContext } from '../contract/jobs';
import { noJob } from '../jobs/job-context';

interface Candidate {
  source: 'follow_up' | 'task';
  source_id: number;
  customer_id: number;
  due_date: string;
  action: PolicyAction | 'follow_up';
  reason: string;
  strategy: string | null;
  template: string | null;
  invoice_id: number | null;
  amount: number | null;
  /** Broken promises and missed instalments: someone let us down, so they come first. */
  urgent: number;
}

interface LatestAction {
  action: 'done' | 'snooze' | 'reassign' | 'skip' | 'override';
  until_date: string | null;
  collector: string | null;
  new_action: PolicyAction | null;
  note: string | null;
}

/** A row of the clerk's work log, an undo included. */
type LoggedAction = Omit<LatestAction, 'action'> & { id: number; action: LatestAction['action'] | 'undo'; undoes: number | null; source_kind: string; source_id: number };

/**
 * The one definition of what still stands of the clerk's log: per item (`kind-id`), its actions
 * in order, each undo having taken its action back off. The list reads the latest; Undo may only
 * take back that one.
 */
function standingActions(rows: LoggedAction[]): Map<string, (LatestAction & { id: number })[]> {
  const history = new Map<string, (LatestAction & { id: number })[]>();
  for (const a of rows) {
    const key = `${a.source_kind}-${a.source_id}`;
    const list = history.get(key) ?? [];
    if (a.action === 'undo') {
      const i = list.findIndex((x) => x.id === a.undoes);
      if (i >= 0) list.splice(i, 1);
    } else list.push({ ...a, action: a.action });
    history.set(key, list);
  }
  return history;
}

/**
 * Today's work: follow-ups from calls that are due, and the tasks the escalation policy made
 * (see policy/policy-run.ts). The policy runs when the list is asked for on a new day or after
 * the ledger changed, so the list is always today's without a scheduler. Items that broke a
 * promise or missed an instalment come first, then the largest and oldest overdue balances
 * (amount × days past due). What the clerk did (done, snooze, reassign, skip, override) is a
 * log in work_action; the newest entry wins.
 */
export class WorklistService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Runs the policy unless it already ran for this day on these inputs (remembered in the
   * ledger); `force` runs it regardless. Returns what the run made and closed, or null if skipped.
   */
  refresh(today: string, force = false, job: JobContext = noJob): PolicyRunResult | null {
    if (!force && !this.policyDue(today)) return null;
    return writeTransaction(this.db, () => {
      // A forced run (the clerk's "Run now") looks at every customer; a due one only at what changed.
      const result = runPolicy(this.db, today, this.now(), job, !force);
      rememberPolicyRun(this.db, `${today}|${policyInputsStamp(this.db)}`);
      return result;
    })();
  }

  /** Whether the policy has not yet run for this day on the ledger as it is now. */
  policyDue(today: string): boolean {
    return lastPolicyRun(this.db) !== `${today}|${policyInputsStamp(this.db)}`;
  }

  list(today: string, collector: string | null, customerId?: number, page: { offset: number; limit: number } = { offset: 0, limit: 100 }): Worklist {
    this.refresh(today);
    const only = customerId === undefined ? '' : 'AND customer_id = @customerId';
    const followUps = this.db
      .prepare(
        `SELECT 'follow_up' AS source, id AS source_id, customer_id, follow_up_date AS due_date, 'follow_up' AS action,
                'Follow up: ' || CASE WHEN length(summary) > 90 THEN substr(summary, 1, 87) || '…' ELSE summary END AS reason,
                NULL AS strategy, NULL AS template, NULL AS invoice_id, NULL AS amount, 0 AS urgent
           FROM activity WHERE follow_up_date IS NOT NULL AND follow_up_date <= @today ${only}`,
      )
      .all({ today, customerId }) as Candidate[];
    const tasks = this.db
      .prepare(
        `SELECT 'task' AS source, id AS source_id, customer_id, due_date, action, reason, strategy, template, invoice_id, amount,
                (promise_id IS NOT NULL OR plan_instalment_id IS NOT NULL) AS urgent
           FROM task WHERE status = 'open' AND due_date <= @today ${only}`,
      )
      .all({ today, customerId }) as Candidate[];
    // What the clerk did, read in one pass (newest last) rather than per item: the list can be long.
    const acted = new Map<string, { latest: LatestAction; reassigned: string | null; override: { new_action: PolicyAction; note: string } | null }>();
    const actions = this.db
      .prepare(
        `SELECT id, source_kind, source_id, action, until_date, collector, new_action, note, undoes FROM work_action
          WHERE (source_kind = 'task' AND source_id IN (SELECT value FROM json_each(@tasks)))
             OR (source_kind = 'follow_up' AND source_id IN (SELECT value FROM json_each(@followUps)))
          ORDER BY id`,
      )
      .all({ tasks: JSON.stringify(tasks.map((t) => t.source_id)), followUps: JSON.stringify(followUps.map((f) => f.source_id)) }) as LoggedAction[];
    const history = standingActions(actions);
    for (const [key, list] of history) {
      if (list.length === 0) continue;
      const last = <T>(f: (x: LatestAction) => T | null) => list.reduce<T | null>((v, x) => f(x) ?? v, null);
      acted.set(key, {
        latest: list[list.length - 1],
        reassigned: last((x) => (x.action === 'reassign' ? x.collector : null)),
        override: last((x) => (x.action === 'override' ? { new_action: x.new_action!, note: x.note! } : null)),
      });
    }
    const open = [...followUps, ...tasks].filter((c) => {
      const act = acted.get(`${c.source}-${c.source_id}`)?.latest;
      return !(act && (act.action === 'done' || act.action === 'skip' || (act.action === 'snooze' && act.until_date! > today)));
    });
    const ids = [...new Set(open.map((c) => c.customer_id))];
    const customers = new Map(
      (this.db.prepare('SELECT id, code, name, collector FROM customer WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as {
        id: number;
        code: string;
        name: string;
        collector: string | null;
      }[]).map((c) => [c.id, c]),
    );
    const overdue = this.overdueByCustomer(ids, today);
    const items: (WorkItem & { urgent: number })[] = open.map((c) => {
      const who = customers.get(c.customer_id)!;
      const done = acted.get(`${c.source}-${c.source_id}`);
      const overridden = done?.override ?? null;
      const o = overdue.get(c.customer_id) ?? { overdue: 0, weight: 0 };
      return {
        key: `${c.source}-${c.source_id}`,
        source: c.source,
        sourceId: c.source_id,
        customerId: c.customer_id,
        customerCode: who.code,
        customerName: who.name,
        collector: done?.reassigned ?? who.collector,
        dueDate: c.due_date,
        action: overridden ? overridden.new_action : c.action,
        reason: c.reason,
        strategy: c.strategy,
        template: overridden ? null : c.template,
        override: overridden ? { from: c.action as PolicyAction, note: overridden.note } : null,
        invoiceId: c.invoice_id,
        amount: c.amount,
        overdue: o.overdue,
        weight: o.weight,
        urgent: c.urgent,
      };
    });
    const countsMap = new Map<string | null, number>();
    for (const i of items) countsMap.set(i.collector, (countsMap.get(i.collector) ?? 0) + 1);
    const mine = collector ? items.filter((i) => i.collector === collector) : items;
    mine.sort((a, b) => b.urgent - a.urgent || b.weight - a.weight || (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) || a.key.localeCompare(b.key));
    return {
      items: mine.slice(page.offset, page.offset + page.limit).map(({ urgent: _urgent, ...item }) => item),
      total: mine.length,
      countsByCollector: [...countsMap.entries()].map(([c, count]) => ({ collector: c, count })).sort((a, b) => b.count - a.count),
    };
  }

  /** Records what the clerk did; returns the log entry, which `undo` can take back. */
  act(x: z.output<typeof WorkActionSchema>): number {
    return writeTransaction(this.db, () => {
      const exists =
        x.source === 'follow_up'
          ? this.db.prepare('SELECT 1 FROM activity WHERE id = ? AND follow_up_date IS NOT NULL').get(x.sourceId)
          : this.db.prepare(`SELECT 1 FROM task WHERE id = ? AND status = 'open'`).get(x.sourceId);
      if (!exists) throw new ServiceError('not_found', 'That worklist item no longer exists or is already closed.', { sourceId: 'Not found' });
      return this.log(x);
    })();
  }

  /**
   * Closes the customer's open task that an activity answers (a call about the step, a letter
   * received in reply), as a Done in the log naming the activity, so Undo takes it back like any
   * other Done. Runs inside the caller's transaction: refused, the activity is not kept either.
   */
  answer(taskId: number, customerId: number, activity: { id: number; words: string }, today: string): number {
    return writeTransaction(this.db, () => {
      const task = this.db.prepare('SELECT customer_id, status FROM task WHERE id = ?').get(taskId) as { customer_id: number; status: string } | undefined;
      if (!task || task.customer_id !== customerId) {
        throw new ServiceError('validation', 'That task is not one of this customer’s.', { answersTaskId: 'Not a task of this customer' });
      }
      if (task.status !== 'open') throw new ServiceError('conflict', 'That task is already closed.', { answersTaskId: 'Already closed' });
      return this.log({ source: 'task', sourceId: taskId, action: 'done', today, note: `Answered by ${activity.words} (timeline entry ${activity.id})` });
    })();
  }

  /** Appends to the clerk's log; a Done or Skip also closes the task (it leaves the open index; the log keeps who closed it and why). */
  private log(x: Pick<z.output<typeof WorkActionSchema>, 'source' | 'sourceId' | 'action' | 'until' | 'collector' | 'newAction' | 'note' | 'today'>): number {
    const id = Number(
      this.db
        .prepare('INSERT INTO work_action (source_kind, source_id, action, until_date, collector, new_action, note, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(x.source, x.sourceId, x.action, x.until ?? null, x.collector ?? null, x.newAction ?? null, x.note ?? null, this.now().toISOString()).lastInsertRowid,
    );
    if (x.source === 'task' && (x.action === 'done' || x.action === 'skip')) {
      this.db
        .prepare(`UPDATE task SET status = ?, closed_on = ?, closed_note = ? WHERE id = ?`)
        .run(x.action === 'done' ? 'done' : 'skipped', x.today, x.note ?? null, x.sourceId);
    }
    return id;
  }

  /**
   * Takes back the clerk's latest action on an item (a mis-clicked Done, a Snooze to the wrong
   * day): a reversal is logged and a task closed by it is open again. Only the latest action
   * still standing on its item can be undone, so the list never changes under an older choice.
   */
  undo(actionId: number, today: string): void {
    writeTransaction(this.db, () => {
      const a = this.db.prepare('SELECT id, source_kind, source_id, action FROM work_action WHERE id = ?').get(actionId) as
        | { id: number; source_kind: 'task' | 'follow_up'; source_id: number; action: string }
        | undefined;
      if (!a || a.action === 'undo') throw new ServiceError('not_found', 'There is no such action to undo.', { actionId: 'Not found' });
      if (this.db.prepare('SELECT 1 FROM work_action WHERE undoes = ?').get(actionId)) {
        throw new ServiceError('conflict', 'That action was already undone.', { actionId: 'Already undone' });
      }
      const rows = this.db
        .prepare(`SELECT id, source_kind, source_id, action, until_date, collector, new_action, note, undoes FROM work_action WHERE source_kind = ? AND source_id = ? ORDER BY id`)
        .all(a.source_kind, a.source_id) as LoggedAction[];
      const standing = standingActions(rows).get(`${a.source_kind}-${a.source_id}`)?.at(-1)?.id;
      if (standing !== actionId) throw new ServiceError('conflict', 'Something newer was done to this item since; undo that first.', { actionId: 'Not the latest' });
      if (a.source_kind === 'task' && (a.action === 'done' || a.action === 'skip')) {
        const task = this.db.prepare('SELECT status FROM task WHERE id = ?').get(a.source_id) as { status: string } | undefined;
        // Closed since by something else (the policy saw it paid): nothing to reopen.
        if (task?.status === (a.action === 'done' ? 'done' : 'skipped')) {
          this.db.prepare(`UPDATE task SET status = 'open', closed_on = NULL, closed_note = NULL WHERE id = ?`).run(a.source_id);
        }
      }
      this.db
        .prepare(`INSERT INTO work_action (source_kind, source_id, action, note, at, undoes) VALUES (?, ?, 'undo', ?, ?, ?)`)
        .run(a.source_kind, a.source_id, `Undone on ${today}`, this.now().toISOString(), actionId);
    })();
  }

  /** What may be asked for that is overdue, and Σ collectable × days past due, per customer (collectable/collectable.ts). */
  private overdueByCustomer(ids: number[], today: string): Map<number, { overdue: number; weight: number }> {
    const out = new Map<number, { overdue: number; weight: number }>();
    if (ids.length === 0) return out;
    // One pass over the ledger beats a query per customer once the list is long.
    const wanted = new Set(ids);
    const money = ids.length === 1 ? collectable(this.db, today, ids[0]) : collectable(this.db, today);
    for (const m of money.values()) {
      if (!wanted.has(m.customerId)) continue;
      const weight = m.items.reduce((w, i) => (i.daysPastDue > 0 ? w + i.collectable * i.daysPastDue : w), 0);
      out.set(m.customerId, { overdue: m.overdue, weight });
    }
    return out;
  }
}
