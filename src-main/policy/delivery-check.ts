import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { ActivityEntry, DeliveryCheckSchema } from '../contract';
import { ServiceError } from '../contract/service-error';
import type { TimelineService } from '../timeline/timeline-service';
import { writeTransaction } from '../ledger/write-transaction';

const QUESTIONS: [keyof z.output<typeof DeliveryCheckSchema>['answers'], string][] = [
  ['onTime', 'arrived on time'],
  ['intact', 'arrived intact'],
  ['invoiceReceived', 'invoice received'],
  ['pricingCorrect', 'pricing correct'],
  ['nothingBlocking', 'nothing stopping payment'],
];

/**
 * The delivery confirmation call: the checklist's answers go on the timeline as the call's
 * summary, a "no" can raise a dispute on the invoice right there, and the task is done.
 */
export function confirmDelivery(db: Database, timeline: TimelineService, x: z.output<typeof DeliveryCheckSchema>, now: Date): ActivityEntry {
  return writeTransaction(db, () => {
    const task = db.prepare(`SELECT id, customer_id, invoice_id, action, status FROM task WHERE id = ?`).get(x.taskId) as
      | { id: number; customer_id: number; invoice_id: number | null; action: string; status: string }
      | undefined;
    if (!task || task.action !== 'delivery_check' || task.invoice_id === null) {
      throw new ServiceError('not_found', 'That delivery check does not exist.', { taskId: 'Not a delivery check' });
    }
    if (task.status !== 'open') throw new ServiceError('validation', 'That delivery check is already closed.', { taskId: 'Already closed' });
    const invoice = db.prepare('SELECT number FROM invoice WHERE id = ?').get(task.invoice_id) as { number: string };
    const answers = QUESTIONS.map(([k, words]) => `${words}: ${x.answers[k] ? 'yes' : 'NO'}`).join('; ');
    const problems = QUESTIONS.filter(([k]) => !x.answers[k]).length;
    const summary = `Delivery check for ${invoice.number}: ${answers}.${x.notes ? ` ${x.notes}` : ''}`;
    const entry = timeline.record({
      customerId: task.customer_id,
      kind: 'call',
      occurredAt: x.occurredAt,
      author: x.author,
      contactId: x.contactId,
      direction: 'outbound',
      outcome: x.dispute ? 'dispute_raised' : 'reached',
      summary,
      followUpDate: null,
      promise: null,
      dispute: x.dispute ? { reason: x.dispute.reason, amount: x.dispute.amount, invoiceIds: [task.invoice_id] } : null,
      correctsId: null,
    });
    db.prepare(`INSERT INTO work_action (source_kind, source_id, action, note, at) VALUES ('task', ?, 'done', ?, ?)`).run(
      task.id,
      problems === 0 ? 'All well' : `${problems} problem${problems === 1 ? '' : 's'} found`,
      now.toISOString(),
    );
    db.prepare(`UPDATE task SET status = 'done', closed_on = ?, closed_note = ? WHERE id = ?`).run(x.occurredAt.slice(0, 10), summary.slice(0, 500), task.id);
    return entry;
  })();
}
