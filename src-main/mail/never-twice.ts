import type { Database } from 'better-sqlite3';

/**
 * The one rule that keeps a customer from getting the same email twice by accident. A message is
 * keyed by customer, template (any version) and letter date:
 *
 * - a new send for a key that already has a sent message is skipped unless the clerk says `again`;
 * - a failed attempt is settled (nothing left to retry) once a message for its key was sent after
 *   it, so a retry, or a second retry, or a batch run again after a failure, sends it once at most.
 */
export function sentForKey(db: Database, customerId: number, templateId: number, letterDate: string): boolean {
  return !!db
    .prepare(
      `SELECT 1 FROM mail_message m JOIN letter_template_version v ON v.id = m.template_version_id
        WHERE m.customer_id = ? AND v.template_id = ? AND m.letter_date = ? AND m.status = 'sent' LIMIT 1`,
    )
    .get(customerId, templateId, letterDate);
}

/** SQL for "this failed attempt m has been sent since" (see above), for lists and retries alike. */
export const SETTLED_SQL = `EXISTS (SELECT 1 FROM mail_message s JOIN letter_template_version sv ON sv.id = s.template_version_id
                                     JOIN letter_template_version mv ON mv.id = m.template_version_id
                                    WHERE s.customer_id = m.customer_id AND sv.template_id = mv.template_id AND s.letter_date = m.letter_date
                                      AND s.status = 'sent' AND s.id > m.id)`;

export function isSettled(db: Database, messageId: number): boolean {
  return !!db.prepare(`SELECT ${SETTLED_SQL} FROM mail_message m WHERE m.id = ?`).pluck().get(messageId);
}
