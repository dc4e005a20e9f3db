import type { Database } from 'better-sqlite3';
import { addDays } from '../money/dates';

export type PromiseStatus = 'open' | 'kept' | 'partly_kept' | 'broken';

export interface PromiseState {
  id: number;
  customerId: number;
  activityId: number;
  amount: number;
  promisedDate: string;
  /** The call's day: money from then on counts towards the promise. */
  madeOn: string;
  /** Minor units that arrived in time and were counted for this promise. */
  received: number;
  status: PromiseStatus;
}

export const DEFAULT_PROMISE_GRACE_DAYS = 2;

export function promiseGraceDays(db: Database): number {
  const v = db.prepare(`SELECT value FROM ledger_setting WHERE key = 'promise_grace_days'`).pluck().get() as string | undefined;
  return v === undefined ? DEFAULT_PROMISE_GRACE_DAYS : Number(v);
}

/**
 * Whether each promise was kept, judged from the payments alone: money received from the day
 * of the call until the promised date plus the grace days counts, each payment used once, for
 * the customer's promises in the order they fall due. Until the grace runs out a promise that
 * has not been met is still open. `paymentsThrough` leaves out payments dated after that day
 * (the reports judge promises as they stood on the period's last day).
 */
export function promiseStates(db: Database, today: string, customerId?: number | number[], opts: { paymentsThrough?: string } = {}): PromiseState[] {
  const grace = promiseGraceDays(db);
  const where = customerId === undefined ? '' : typeof customerId === 'number' ? 'WHERE p.customer_id = @c' : 'WHERE p.customer_id IN (SELECT value FROM json_each(@c))';
  const promises = db
    .prepare(
      `SELECT p.id, p.customer_id AS customerId, p.activity_id AS activityId, p.amount, p.promised_date AS promisedDate,
              substr(a.occurred_at, 1, 10) AS madeOn
         FROM promise p JOIN activity a ON a.id = p.activity_id ${where}
        ORDER BY p.customer_id, p.promised_date, p.id`,
    )
    .all(customerId === undefined ? {} : { c: typeof customerId === 'number' ? customerId : JSON.stringify(customerId) }) as Omit<PromiseState, 'received' | 'status'>[];
  // A report judging promises as they stood on a past day must not count money that came later.
  const through = opts.paymentsThrough ?? '9999-12-31';
  const payments = db.prepare(`SELECT date, amount FROM payment WHERE customer_id = ? AND date >= ? AND date <= ? ORDER BY date, id`);

  const out: PromiseState[] = [];
  let i = 0;
  while (i < promises.length) {
    const cid = promises[i].customerId;
    const mine: Omit<PromiseState, 'received' | 'status'>[] = [];
    while (i < promises.length && promises[i].customerId === cid) mine.push(promises[i++]);
    // What is left of each payment after earlier promises took their share.
    const pool = (payments.all(cid, mine.reduce((d, p) => (p.madeOn < d ? p.madeOn : d), '9999-12-31'), through) as { date: string; amount: number }[]).map(
      (p) => ({ ...p }),
    );
    for (const p of mine) {
      const deadline = addDays(p.promisedDate, grace);
      let received = 0;
      for (const pay of pool) {
        if (received >= p.amount) break;
        if (pay.date < p.madeOn || pay.date > deadline || pay.amount === 0) continue;
        const take = Math.min(pay.amount, p.amount - received);
        pay.amount -= take;
        received += take;
      }
      const status: PromiseStatus = received >= p.amount ? 'kept' : today <= deadline ? 'open' : received > 0 ? 'partly_kept' : 'broken';
      out.push({ ...p, received, status });
    }
  }
  return out;
}
