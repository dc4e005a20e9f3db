import type { Database } from 'better-sqlite3';
import { customerEditStamp } from '../ledger/ledger-changes';
import { appendNote } from '../timeline/append-note';

/**
 * Changes a customer's collection status and keeps the record of it: the status_change row
 * (who, when, why, what it was before) and a note on the timeline. Shared by the clerk's own
 * status changes and by payment plans, so both leave the same trail. The caller checks the
 * change makes sense and runs this inside its transaction.
 */
export function recordStatusChange(
  db: Database,
  x: { customerId: number; status: string; previous: string; reason: string; by: string | null; at: Date },
): void {
  const stamp = x.at.toISOString();
  db.prepare('UPDATE customer SET status = ?, updated_at = ? WHERE id = ?').run(x.status, customerEditStamp(db, x.at), x.customerId);
  db.prepare('INSERT INTO status_change (customer_id, status, previous, reason, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    x.customerId,
    x.status,
    x.previous,
    x.reason,
    x.by,
    stamp,
  );
  appendNote(db, x.customerId, `Status changed from ${x.previous.replace(/_/g, ' ')} to ${x.status.replace(/_/g, ' ')}: ${x.reason}`, x.by, x.at);
}
