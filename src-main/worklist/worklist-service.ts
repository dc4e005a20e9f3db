import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { PolicyRunResult, WorkActionSchema, Worklist } from '../contract';
import { runPolicy } from '../policy/policy-run';
import { lastPolicyRun, policyInputsStamp, rememberPolicyRun } from '../policy/policy-stamp';
import { ServiceError } from '../contract/service-error';
import { writeTransaction } from '../ledger/write-transaction';
import type { JobContext } from '../contract/jobs';
import { noJob } from '../jobs/job-context';
import { standingActions, type LoggedAction } from './work-log';
import { WorklistIndex } from './worklist-index';

/**
 * Today's work: follow-ups from calls that are due, and the tasks the escalation policy made
 * (see policy/policy-run.ts). The policy runs when the list is asked for on a new day or after
 * the ledger changed, so the list is always today's without a scheduler. Items that broke a
 * promise or missed an instalment come first, then the largest and oldest overdue balances
 * (amount × days past due). What the clerk did (done, snooze, reassign, skip, override) is a
 * log in work_action; the newest entry wins.
 */
export class WorklistService {
  /** The prioritised list, kept between calls (worklist-index.ts). */
  private readonly index: WorklistIndex;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
    /**
     * False to read the list as it stands without the day's policy run: the morning overview
     * looks into a ledger another Settle window holds, and must not write to it.
     */
    private readonly runsPolicy = true,
  ) {
    this.index = new WorklistIndex(db);
  }

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
    if (this.runsPolicy) this.refresh(today);
    return this.index.list(today, collector, customerId, page);
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
}
