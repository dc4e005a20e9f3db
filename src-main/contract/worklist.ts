import { z } from 'zod';
import { isIsoDate } from '../money/dates';

const isoDate = (label: string) => z.string().refine(isIsoDate, `${label} must be a real date like 2026-03-31`);

export const WorklistSchema = z.strictObject({
  /** The clerk's today. */
  today: isoDate('Today'),
  collector: z.string().trim().max(80).nullish().transform((v) => (v ? v : null)),
});

export const WorkActionSchema = z
  .strictObject({
    source: z.enum(['follow_up', 'promise']),
    sourceId: z.number().int().positive(),
    action: z.enum(['done', 'snooze', 'reassign']),
    until: isoDate('Snooze until').optional(),
    collector: z.string().trim().min(1, 'Name who takes it over').max(80).optional(),
    today: isoDate('Today'),
  })
  .superRefine((a, ctx) => {
    if (a.action === 'snooze' && (!a.until || a.until <= a.today)) ctx.addIssue({ code: 'custom', path: ['until'], message: 'Snooze until a later day' });
    if (a.action === 'reassign' && !a.collector) ctx.addIssue({ code: 'custom', path: ['collector'], message: 'Name who takes it over' });
  });

export interface WorkItem {
  key: string;
  source: 'follow_up' | 'promise';
  sourceId: number;
  customerId: number;
  customerCode: string;
  customerName: string;
  collector: string | null;
  /** When it fell due: the follow-up date, or the day after a promise was due. */
  dueDate: string;
  /** Why it is on the list, in words. */
  reason: string;
  /** The customer's overdue balance (minor units) and its size × age weight, for priority. */
  overdue: number;
  weight: number;
}

export interface Worklist {
  items: WorkItem[];
  countsByCollector: { collector: string | null; count: number }[];
}
