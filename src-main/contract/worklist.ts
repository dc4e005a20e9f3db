import { z } from 'zod';
import { isoDate } from './date-fields';
import { POLICY_ACTIONS, type PolicyAction } from './policy';

export const WorklistSchema = z.strictObject({
  /** The clerk's today. */
  today: isoDate('Today'),
  collector: z.string().trim().max(80).nullish().transform((v) => (v ? v : null)),
  /** Only this customer's items (the customer card). */
  customerId: z.number().int().positive().optional(),
  /** One page of the prioritised list: a large ledger can have tens of thousands of tasks. */
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export const WorkActionSchema = z
  .strictObject({
    source: z.enum(['follow_up', 'task']),
    sourceId: z.number().int().positive(),
    action: z.enum(['done', 'snooze', 'reassign', 'skip', 'override']),
    until: isoDate('Snooze until').optional(),
    collector: z.string().trim().min(1, 'Name who takes it over').max(80).optional(),
    /** For an override: what the clerk will do instead of the step's action. */
    newAction: z.enum(POLICY_ACTIONS).optional(),
    note: z.string().trim().max(500, 'Keep the note under 500 characters').optional().transform((v) => (v ? v : undefined)),
    today: isoDate('Today'),
  })
  .superRefine((a, ctx) => {
    if ((a.action === 'skip' || a.action === 'override') && a.source !== 'task') ctx.addIssue({ code: 'custom', path: ['action'], message: 'Only a policy step can be skipped or overridden' });
    if ((a.action === 'skip' || a.action === 'override') && !a.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'Say why, for the record' });
    if (a.action === 'override' && !a.newAction) ctx.addIssue({ code: 'custom', path: ['newAction'], message: 'Choose what to do instead' });
    if (a.action === 'snooze' && (!a.until || a.until <= a.today)) ctx.addIssue({ code: 'custom', path: ['until'], message: 'Snooze until a later day' });
    if (a.action === 'reassign' && !a.collector) ctx.addIssue({ code: 'custom', path: ['collector'], message: 'Name who takes it over' });
  });

/** Takes back a Done, Snooze, Skip, Reassign or Override: the log records the reversal. */
export const WorkUndoSchema = z.strictObject({
  actionId: z.number().int().positive(),
  today: isoDate('Today'),
});

export interface WorkActed {
  ok: true;
  /** The log entry just written, which `worklist.undo` can take back. */
  actionId: number;
}

export interface WorkItem {
  key: string;
  source: 'follow_up' | 'task';
  sourceId: number;
  customerId: number;
  customerCode: string;
  customerName: string;
  collector: string | null;
  /** When it fell due: the follow-up date, or the day the policy step was reached. */
  dueDate: string;
  /** What to do: the policy step's action (or the clerk's override), or a follow-up from a call. */
  action: PolicyAction | 'follow_up';
  /** Why it is on the list, in words ("Step 4 of Standard policy: 31 days past due …"). */
  reason: string;
  /** How the customer's profile shapes it ("a courtesy call is enough for a good customer"). */
  strategy: string | null;
  /** The letter template a letter step names. */
  template: string | null;
  /** The clerk replaced the step's action: what the step said, and why. */
  override: { from: PolicyAction; note: string } | null;
  invoiceId: number | null;
  /** Minor units at issue when the task was made (overdue, promised, instalment). */
  amount: number | null;
  /** The customer's overdue balance (minor units) and its size × age weight, for priority. */
  overdue: number;
  weight: number;
}

export interface Worklist {
  /** One page, in priority order. */
  items: WorkItem[];
  /** How many items match (this collector's, or everyone's). */
  total: number;
  countsByCollector: { collector: string | null; count: number }[];
}
