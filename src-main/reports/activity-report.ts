import type { Database } from 'better-sqlite3';
import type { ActivityReport, ActivityTally } from '../contract/reports';
import { COLLECTOR_SQL } from './collector';

interface Row {
  /** Not `collector`: GROUP BY would take the customer's column of that name over the alias. */
  who: string;
  kind: 'call' | 'email' | 'letter' | 'visit';
  outcome: string | null;
  n: number;
}

function emptyTally(): ActivityTally {
  return { calls: 0, emails: 0, visits: 0, letters: 0, outcomes: {} };
}

/**
 * What each collector did in [from, to] (by the day it happened): calls with their outcomes,
 * emails, visits and letters, from the timeline (letters sent from Settle are timeline entries
 * too). The timeline is append-only: an entry that was corrected counts as its correction says,
 * so an entry with a correction is left out and the correction counted. Notes are not contact
 * with the customer and are not counted.
 */
export function activityReport(db: Database, from: string, to: string): ActivityReport {
  const rows = db
    .prepare(
      `SELECT ${COLLECTOR_SQL} AS who, a.kind, a.outcome, COUNT(*) AS n
         FROM activity a JOIN customer c ON c.id = a.customer_id
        WHERE a.kind IN ('call', 'email', 'letter', 'visit') AND substr(a.occurred_at, 1, 10) BETWEEN ? AND ?
          AND NOT EXISTS (SELECT 1 FROM activity k WHERE k.corrects_id = a.id)
        GROUP BY who, a.kind, a.outcome`,
    )
    .all(from, to) as Row[];
  const byCollector = new Map<string, ActivityTally>();
  const total = emptyTally();
  for (const r of rows) {
    if (!byCollector.has(r.who)) byCollector.set(r.who, emptyTally());
    for (const t of [byCollector.get(r.who)!, total]) {
      if (r.kind === 'call') {
        t.calls += r.n;
        const outcome = r.outcome ?? 'none';
        t.outcomes[outcome] = (t.outcomes[outcome] ?? 0) + r.n;
      } else if (r.kind === 'email') t.emails += r.n;
      else if (r.kind === 'visit') t.visits += r.n;
      else t.letters += r.n;
    }
  }
  return {
    from,
    to,
    collectors: [...byCollector].sort(([a], [b]) => a.localeCompare(b)).map(([collector, t]) => ({ collector, ...t })),
    total,
  };
}
