import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { LetterChannel } from '../contract/letters';
import type { ActivityEntry, ActivityKind, ActivityRecordSchema, DisputeReason, RecordedActivity, TimelineItem, TimelineKind, TimelinePage } from '../contract/timeline';
import { ServiceError } from '../contract/service-error';
import { writeTransaction } from '../ledger/write-transaction';

interface ActivityRow {
  id: number;
  kind: ActivityEntry['kind'];
  occurred_at: string;
  recorded_at: string;
  author: string | null;
  contact_id: number | null;
  contact_name: string | null;
  direction: ActivityEntry['direction'];
  outcome: ActivityEntry['outcome'];
  summary: string;
  follow_up_date: string | null;
  corrects_id: number | null;
  promise_amount: number | null;
  promise_date: string | null;
  dispute_id: number | null;
  dispute_reason: DisputeReason | null;
  dispute_amount: number | null;
  dispute_status: string | null;
  dispute_invoices: string | null;
  letter_id: number | null;
  letter_file_id: number | null;
  letter_channel: LetterChannel | null;
  letter_template: string | null;
  letter_version: number | null;
  letter_first_page: number | null;
  letter_pages: number | null;
  tracking_number: string | null;
  mailed_on: string | null;
  return_receipt_on: string | null;
  signed_by: string | null;
}

const ACTIVITY_SELECT = `
  SELECT a.id, a.kind, a.occurred_at, a.recorded_at, a.author, a.contact_id, k.name AS contact_name, a.direction, a.outcome,
         a.summary, a.follow_up_date, a.corrects_id, p.amount AS promise_amount, p.promised_date AS promise_date,
         d.id AS dispute_id, d.reason AS dispute_reason, d.amount AS dispute_amount, d.status AS dispute_status,
         (SELECT json_group_array(i.number) FROM dispute_invoice di JOIN invoice i ON i.id = di.invoice_id WHERE di.dispute_id = d.id) AS dispute_invoices,
         l.id AS letter_id, l.file_id AS letter_file_id, l.channel AS letter_channel, lt.name AS letter_template, lv.version AS letter_version,
         l.first_page AS letter_first_page, l.page_count AS letter_pages,
         cm.tracking_number, cm.mailed_on, cm.return_receipt_on, cm.signed_by
    FROM activity a
    LEFT JOIN contact k ON k.id = a.contact_id
    LEFT JOIN promise p ON p.activity_id = a.id
    LEFT JOIN dispute d ON d.activity_id = a.id
    LEFT JOIN letter l ON l.activity_id = a.id
    LEFT JOIN letter_template_version lv ON lv.id = l.template_version_id
    LEFT JOIN letter_template lt ON lt.id = lv.template_id
    LEFT JOIN certified_mail cm ON cm.letter_id = l.id`;

/** How the log names an activity: "the call of 2026-05-10 10:00", "the email received of …". */
export function activityWords(kind: ActivityKind, direction: ActivityEntry['direction'], occurredAt: string): string {
  const what =
    kind === 'email' ? (direction === 'inbound' ? 'email received' : 'email sent') : kind === 'letter' ? (direction === 'inbound' ? 'letter received' : 'letter') : kind;
  return `the ${what} of ${occurredAt.replace('T', ' ')}`;
}

/** Closes a worklist task an activity answers (worklist/worklist-service.ts). */
export interface TaskAnswering {
  answer(taskId: number, customerId: number, activity: { id: number; words: string }, today: string): number;
}

function toEntry(r: ActivityRow): ActivityEntry {
  return {
    id: r.id,
    kind: r.kind,
    occurredAt: r.occurred_at,
    recordedAt: r.recorded_at,
    author: r.author,
    contactId: r.contact_id,
    contactName: r.contact_name,
    direction: r.direction,
    outcome: r.outcome,
    summary: r.summary,
    followUpDate: r.follow_up_date,
    promise: r.promise_amount === null ? null : { amount: r.promise_amount, date: r.promise_date! },
    dispute:
      r.dispute_id === null
        ? null
        : { id: r.dispute_id, reason: r.dispute_reason!, amount: r.dispute_amount!, status: r.dispute_status!, invoiceNumbers: JSON.parse(r.dispute_invoices ?? '[]') as string[] },
    correctsId: r.corrects_id,
    letter:
      r.letter_id === null
        ? null
        : {
            id: r.letter_id,
            fileId: r.letter_file_id!,
            channel: r.letter_channel!,
            templateName: r.letter_template!,
            version: r.letter_version!,
            firstPage: r.letter_first_page!,
            pages: r.letter_pages!,
            certified:
              r.letter_channel === 'certified_mail'
                ? { trackingNumber: r.tracking_number, mailedOn: r.mailed_on, returnReceiptOn: r.return_receipt_on, signedBy: r.signed_by }
                : null,
          },
  };
}

/**
 * The customer's timeline: calls, notes, letters and visits (append-only; a correction is a new
 * entry shown with the one it corrects), merged with payments, credits and write-offs.
 */
export class TimelineService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Records an activity and, when it answers one of the customer's open tasks, closes that task
   * in the same transaction: both are kept or neither.
   */
  recordAnswering(x: z.output<typeof ActivityRecordSchema>, tasks: TaskAnswering): RecordedActivity {
    return writeTransaction(this.db, () => {
      const entry = this.record(x);
      if (x.answersTaskId === null) return { ...entry, answered: null };
      const words = activityWords(entry.kind, entry.direction, entry.occurredAt);
      const actionId = tasks.answer(x.answersTaskId, x.customerId, { id: entry.id, words }, entry.occurredAt.slice(0, 10));
      return { ...entry, answered: { taskId: x.answersTaskId, actionId } };
    })();
  }

  record(x: Omit<z.output<typeof ActivityRecordSchema>, 'answersTaskId'>): ActivityEntry {
    return writeTransaction(this.db, () => {
      if (!this.db.prepare('SELECT 1 FROM customer WHERE id = ?').get(x.customerId)) {
        throw new ServiceError('not_found', `Customer ${x.customerId} does not exist.`, { customerId: 'No such customer' });
      }
      if (x.contactId !== null) this.checkContact(x.customerId, x.contactId);
      if (x.correctsId !== null && !this.db.prepare('SELECT 1 FROM activity WHERE id = ? AND customer_id = ?').get(x.correctsId, x.customerId)) {
        throw new ServiceError('validation', 'The entry to correct is not on this customer’s timeline.', { correctsId: 'Not on this timeline' });
      }
      if (x.dispute) this.checkDispute(x.customerId, x.dispute);
      const recordedAt = this.now().toISOString();
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO activity (customer_id, kind, occurred_at, recorded_at, author, contact_id, direction, outcome, summary, follow_up_date, corrects_id)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(x.customerId, x.kind, x.occurredAt, recordedAt, x.author, x.contactId, x.direction, x.outcome, x.summary, x.followUpDate, x.correctsId)
          .lastInsertRowid,
      );
      if (x.promise) {
        this.db
          .prepare('INSERT INTO promise (customer_id, activity_id, amount, promised_date, created_at) VALUES (?, ?, ?, ?, ?)')
          .run(x.customerId, id, x.promise.amount, x.promise.date, recordedAt);
      }
      if (x.dispute) {
        const disputeId = Number(
          this.db
            .prepare('INSERT INTO dispute (customer_id, activity_id, reason, amount, opened_on) VALUES (?, ?, ?, ?, ?)')
            .run(x.customerId, id, x.dispute.reason, x.dispute.amount, x.occurredAt.slice(0, 10)).lastInsertRowid,
        );
        const link = this.db.prepare('INSERT INTO dispute_invoice (dispute_id, invoice_id) VALUES (?, ?)');
        for (const invoiceId of new Set(x.dispute.invoiceIds)) link.run(disputeId, invoiceId);
      }
      return toEntry(this.db.prepare(`${ACTIVITY_SELECT} WHERE a.id = ?`).get(id) as ActivityRow);
    })();
  }

  /** A new entry names a current contact of the customer; a removed one stays only on past entries. */
  private checkContact(customerId: number, contactId: number): void {
    const c = this.db.prepare('SELECT name, removed_at FROM contact WHERE id = ? AND customer_id = ?').get(contactId, customerId) as { name: string; removed_at: string | null } | undefined;
    if (!c) throw new ServiceError('validation', 'That contact is not one of this customer’s.', { contactId: 'Not a contact of this customer' });
    if (c.removed_at !== null) throw new ServiceError('validation', `${c.name} was removed from this customer’s contacts.`, { contactId: 'Removed from the contacts' });
  }

  /** The invoices must be this customer's and the amount no more than is open on them. */
  private checkDispute(customerId: number, d: { invoiceIds: number[]; amount: number }): void {
    const ids = [...new Set(d.invoiceIds)];
    const rows = this.db
      .prepare(`SELECT id, open_amount FROM invoice WHERE customer_id = ? AND id IN (SELECT value FROM json_each(?))`)
      .all(customerId, JSON.stringify(ids)) as { id: number; open_amount: number }[];
    if (rows.length !== ids.length) {
      throw new ServiceError('validation', 'Only this customer’s invoices can be disputed.', { 'dispute.invoiceIds': 'Not all of these are this customer’s invoices' });
    }
    const open = rows.reduce((s, r) => s + r.open_amount, 0);
    if (d.amount > open) {
      throw new ServiceError('validation', 'The disputed amount is more than is open on those invoices.', {
        'dispute.amount': `At most ${open} is open on the chosen invoices`,
      });
    }
  }

  list(x: { customerId: number; kinds: TimelineKind[]; offset: number; limit: number }): TimelinePage {
    const want = new Set(x.kinds);
    const activityKinds = x.kinds.filter((k) => k !== 'payment' && k !== 'credit' && k !== 'write_off');
    const parts: string[] = [];
    if (activityKinds.length) {
      parts.push(`SELECT 'activity' AS type, id, occurred_at AS at FROM activity
                   WHERE customer_id = @c AND corrects_id IS NULL AND kind IN (${activityKinds.map((k) => `'${k}'`).join(', ')})`);
    }
    if (want.has('payment')) parts.push(`SELECT 'payment', id, date FROM payment WHERE customer_id = @c`);
    if (want.has('credit')) parts.push(`SELECT 'credit', id, date FROM credit_note WHERE customer_id = @c`);
    if (want.has('write_off')) parts.push(`SELECT 'write_off', id, date FROM write_off WHERE customer_id = @c`);
    const union = parts.join(' UNION ALL ');
    const total = this.db.prepare(`SELECT COUNT(*) FROM (${union})`).pluck().get({ c: x.customerId }) as number;
    // Newest first; a date ('2026-03-31') sorts before any time that day, so events of a day
    // without a time come after the calls of that day.
    const keys = this.db
      .prepare(`SELECT type, id, at FROM (${union}) ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset`)
      .all({ c: x.customerId, limit: x.limit, offset: x.offset }) as { type: TimelineItem['type']; id: number; at: string }[];
    return { items: keys.map((k) => this.item(k)), total };
  }

  private item(k: { type: TimelineItem['type']; id: number; at: string }): TimelineItem {
    switch (k.type) {
      case 'activity': {
        const entry = toEntry(this.db.prepare(`${ACTIVITY_SELECT} WHERE a.id = ?`).get(k.id) as ActivityRow);
        // Every later entry in the chain of corrections, oldest first.
        const corrections = (
          this.db
            .prepare(
              `WITH RECURSIVE chain(id) AS (SELECT id FROM activity WHERE corrects_id = @root
                 UNION ALL SELECT a.id FROM activity a JOIN chain ON a.corrects_id = chain.id)
               ${ACTIVITY_SELECT} WHERE a.id IN (SELECT id FROM chain) ORDER BY a.id`,
            )
            .all({ root: k.id }) as ActivityRow[]
        ).map(toEntry);
        return { type: 'activity', at: k.at, corrections, ...entry };
      }
      case 'payment': {
        const p = this.db.prepare('SELECT amount, reference, method FROM payment WHERE id = ?').get(k.id) as { amount: number; reference: string; method: string | null };
        return { type: 'payment', id: k.id, at: k.at, ...p };
      }
      case 'credit': {
        const c = this.db.prepare('SELECT amount, number, reason FROM credit_note WHERE id = ?').get(k.id) as { amount: number; number: string; reason: string | null };
        return { type: 'credit', id: k.id, at: k.at, ...c };
      }
      case 'write_off': {
        const w = this.db.prepare('SELECT amount, reason FROM write_off WHERE id = ?').get(k.id) as { amount: number; reason: string };
        return { type: 'write_off', id: k.id, at: k.at, ...w };
      }
    }
  }
}
