import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { WorkActionSchema, WorkItem, Worklist } from '../contract/worklist';
import { formatGrouped } from '../money/amounts';
import { addDays } from '../money/dates';
import { promiseGraceDays, promiseStates } from '../promises/promise-status';
import { ServiceError } from '../services/service-error';

interface Candidate {
  source: 'follow_up' | 'promise';
  source_id: number;
  customer_id: number;
  code: string;
  name: string;
  customer_collector: string | null;
  due_date: string;
  summary: string | null;
  amount: number | null;
  paid: number | null;
  promised: string | null;
  action: 'done' | 'snooze' | 'reassign' | null;
  until_date: string | null;
  action_collector: string | null;
}

/**
 * Today's work: follow-ups that are due or overdue, and promises whose date has passed without
 * the promised money arriving. Broken promises come first, then the largest and oldest overdue
 * balances (amount × days past due). Done, snoozed and reassigned items are remembered in
 * work_action; the escalation policy (a later issue) will add its own tasks here.
 */
export class WorklistService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(today: string, collector: string | null): Worklist {
    const followUps = this.db
      .prepare(
        `SELECT 'follow_up' AS source, a.id AS source_id, a.customer_id, a.follow_up_date AS due_date, a.summary,
                NULL AS amount, NULL AS paid, NULL AS promised
           FROM activity a WHERE a.follow_up_date IS NOT NULL AND a.follow_up_date <= @today`,
      )
      .all({ today }) as Omit<Candidate, 'code' | 'name' | 'customer_collector' | 'action' | 'until_date' | 'action_collector'>[];
    const grace = promiseGraceDays(this.db);
    const promises = promiseStates(this.db, today)
      .filter((p) => p.status === 'broken' || p.status === 'partly_kept')
      .map((p) => ({
        source: 'promise' as const,
        source_id: p.id,
        customer_id: p.customerId,
        due_date: addDays(p.promisedDate, grace + 1),
        summary: null,
        amount: p.amount,
        paid: p.received,
        promised: p.promisedDate,
      }));
    const customer = this.db.prepare('SELECT code, name, collector FROM customer WHERE id = ?');
    const latest = this.db.prepare(
      `SELECT action, until_date, collector FROM work_action WHERE source_kind = ? AND source_id = ? ORDER BY id DESC LIMIT 1`,
    );
    const candidates: Candidate[] = [...followUps, ...promises].map((c) => {
      const who = customer.get(c.customer_id) as { code: string; name: string; collector: string | null };
      const act = latest.get(c.source, c.source_id) as { action: Candidate['action']; until_date: string | null; collector: string | null } | undefined;
      return {
        ...c,
        code: who.code,
        name: who.name,
        customer_collector: who.collector,
        action: act?.action ?? null,
        until_date: act?.until_date ?? null,
        action_collector: act?.collector ?? null,
      };
    });

    const open = candidates.filter((c) => c.action !== 'done' && !(c.action === 'snooze' && c.until_date! > today));
    const overdue = this.overdueByCustomer([...new Set(open.map((c) => c.customer_id))], today);
    const items: WorkItem[] = open.map((c) => {
      const who = c.action === 'reassign' ? c.action_collector : c.customer_collector;
      const o = overdue.get(c.customer_id) ?? { overdue: 0, weight: 0 };
      const reason =
        c.source === 'promise'
          ? (c.paid ?? 0) > 0
            ? `Promise partly kept: ${formatGrouped(c.paid!)} of ${formatGrouped(c.amount!)} promised by ${c.promised} arrived`
            : `Promise broken: ${formatGrouped(c.amount!)} was promised by ${c.promised}`
          : `Follow up: ${c.summary!.length > 90 ? c.summary!.slice(0, 87) + '…' : c.summary}`;
      return {
        key: `${c.source}-${c.source_id}`,
        source: c.source,
        sourceId: c.source_id,
        customerId: c.customer_id,
        customerCode: c.code,
        customerName: c.name,
        collector: who,
        dueDate: c.due_date,
        reason,
        overdue: o.overdue,
        weight: o.weight,
      };
    });
    const countsMap = new Map<string | null, number>();
    for (const i of items) countsMap.set(i.collector, (countsMap.get(i.collector) ?? 0) + 1);
    const mine = collector ? items.filter((i) => i.collector === collector) : items;
    mine.sort((a, b) => (a.source === b.source ? 0 : a.source === 'promise' ? -1 : 1) || b.weight - a.weight || (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
    return {
      items: mine,
      countsByCollector: [...countsMap.entries()].map(([c, count]) => ({ collector: c, count })).sort((a, b) => b.count - a.count),
    };
  }

  act(x: z.output<typeof WorkActionSchema>): void {
    const exists =
      x.source === 'follow_up'
        ? this.db.prepare('SELECT 1 FROM activity WHERE id = ? AND follow_up_date IS NOT NULL').get(x.sourceId)
        : this.db.prepare('SELECT 1 FROM promise WHERE id = ?').get(x.sourceId);
    if (!exists) throw new ServiceError('not_found', 'That worklist item no longer exists.', { sourceId: 'Not found' });
    this.db
      .prepare('INSERT INTO work_action (source_kind, source_id, action, until_date, collector, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(x.source, x.sourceId, x.action, x.until ?? null, x.collector ?? null, this.now().toISOString());
  }

  /** Overdue balance and Σ open × days past due, per customer, from the running balances. */
  private overdueByCustomer(ids: number[], today: string): Map<number, { overdue: number; weight: number }> {
    const out = new Map<number, { overdue: number; weight: number }>();
    if (ids.length === 0) return out;
    const rows = this.db
      .prepare(
        `SELECT customer_id, SUM(open_amount) AS overdue, SUM(open_amount * (julianday(@today) - julianday(due_date))) AS weight FROM (
           SELECT customer_id, due_date, open_amount FROM invoice WHERE open_amount > 0 AND has_schedule = 0 AND due_date < @today
              AND customer_id IN (SELECT value FROM json_each(@ids))
           UNION ALL
           SELECT customer_id, due_date, open_amount FROM instalment WHERE open_amount > 0 AND due_date < @today
              AND customer_id IN (SELECT value FROM json_each(@ids)))
         GROUP BY customer_id`,
      )
      .all({ today, ids: JSON.stringify(ids) }) as { customer_id: number; overdue: number; weight: number }[];
    for (const r of rows) out.set(r.customer_id, { overdue: r.overdue, weight: Math.round(r.weight) });
    return out;
  }
}
