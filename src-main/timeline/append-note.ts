import type { Database } from 'better-sqlite3';
import { localDateTime } from '../money/dates';

/** A note the system writes on a customer's timeline when something changes their account. */
export function appendNote(db: Database, customerId: number, summary: string, author: string | null, at: Date): void {
  db.prepare(`INSERT INTO activity (customer_id, kind, occurred_at, recorded_at, author, summary) VALUES (?, 'note', ?, ?, ?, ?)`).run(
    customerId,
    localDateTime(at),
    at.toISOString(),
    author,
    summary,
  );
}
