import type { Database } from 'better-sqlite3';
import type { PromiseReport, PromiseTally } from '../contract/reports';
import { promiseStates, type PromiseStatus } from '../promises/promise-status';
import { COLLECTOR_SQL } from './collector';
import { monthOf } from './months';
import { ratioOrReason } from './ratio';

function emptyTally(): PromiseTally {
  return { made: 0, kept: 0, partlyKept: 0, broken: 0, open: 0, promised: 0, received: 0, keptRate: null };
}

function add(t: PromiseTally, status: PromiseStatus, amount: number, received: number): void {
  t.made++;
  t.promised += amount;
  t.received += received;
  if (status === 'kept') t.kept++;
  else if (status === 'partly_kept') t.partlyKept++;
  else if (status === 'broken') t.broken++;
  else t.open++;
}

function withRate(t: PromiseTally): PromiseTally {
  return { ...t, keptRate: ratioOrReason(t.kept * 100, t.kept + t.partlyKept + t.broken, '').value };
}

/**
 * Promises to pay made in [from, to] (by the day of the call), each judged as it stood at the end
 * of `to` by the one rule in promises/promise-status.ts: payments dated after `to` do not count,
 * and a promise whose grace has not run out by `to` is still open. By the month it was made and
 * by collector (collector.ts).
 */
export function promiseReport(db: Database, from: string, to: string): PromiseReport {
  const collectors = new Map(
    (
      db
        .prepare(
          `SELECT p.id, ${COLLECTOR_SQL} AS collector FROM promise p JOIN activity a ON a.id = p.activity_id JOIN customer c ON c.id = p.customer_id
            WHERE substr(a.occurred_at, 1, 10) BETWEEN ? AND ?`,
        )
        .all(from, to) as { id: number; collector: string }[]
    ).map((r) => [r.id, r.collector]),
  );
  const byMonth = new Map<string, PromiseTally>();
  const byCollector = new Map<string, PromiseTally>();
  const total = emptyTally();
  for (const p of promiseStates(db, to, undefined, { paymentsThrough: to })) {
    const collector = collectors.get(p.id);
    if (collector === undefined) continue;
    const month = monthOf(p.madeOn);
    if (!byMonth.has(month)) byMonth.set(month, emptyTally());
    if (!byCollector.has(collector)) byCollector.set(collector, emptyTally());
    for (const t of [byMonth.get(month)!, byCollector.get(collector)!, total]) add(t, p.status, p.amount, p.received);
  }
  return {
    from,
    to,
    months: [...byMonth].sort(([a], [b]) => a.localeCompare(b)).map(([month, t]) => ({ month, ...withRate(t) })),
    collectors: [...byCollector].sort(([a], [b]) => a.localeCompare(b)).map(([collector, t]) => ({ collector, ...withRate(t) })),
    total: withRate(total),
  };
}
