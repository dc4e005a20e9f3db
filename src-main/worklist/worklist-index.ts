import type { Database } from 'better-sqlite3';
import type { PolicyAction, WorkItem, Worklist } from '../contract';
import { collectable } from '../collectable/collectable';
import { customersChangedSince, ledgerMarks, type LedgerMarks } from '../ledger/ledger-changes';
import { prepared } from '../ledger/prepared';
import { policyRunMark } from '../policy/policy-stamp';
import { standingActions, type LoggedAction } from './work-log';

/** Something on today's list before the clerk's log is applied: a due follow-up or an open policy task. */
interface Candidate {
  source: 'follow_up' | 'task';
  source_id: number;
  customer_id: number;
  due_date: string;
  action: PolicyAction | 'follow_up';
  reason: string;
  strategy: string | null;
  template: string | null;
  invoice_id: number | null;
  amount: number | null;
  /** Broken promises and missed instalments: someone let us down, so they come first. */
  urgent: number;
}

type Ranked = WorkItem & { urgent: number };

interface Who {
  code: string;
  name: string;
  collector: string | null;
}

/** What has been read, to tell next time what changed since. */
interface Marks {
  dataVersion: number;
  totalChanges: number;
  ledger: LedgerMarks;
  workAction: number;
  policyRun: string;
  /** Read whole when anything changed: rarely touched, and a change to one re-reads every item. */
  rare: string;
  /** Disputes and plans per customer: resolving, signing or closing one updates a row instead of adding one. */
  holds: Map<number, string>;
}

/** Beyond this many changed customers one full read costs less than reading them one by one. */
const FULL_READ_CUSTOMERS = 3000;
const FULL_WEIGHTS_CUSTOMERS = 3000;

const FOLLOW_UP_COLUMNS = `'follow_up' AS source, a.id AS source_id, a.customer_id, a.follow_up_date AS due_date, 'follow_up' AS action,
        'Follow up: ' || CASE WHEN length(a.summary) > 90 THEN substr(a.summary, 1, 87) || '…' ELSE a.summary END AS reason,
        NULL AS strategy, NULL AS template, NULL AS invoice_id, NULL AS amount, 0 AS urgent`;
const TASK_COLUMNS = `'task' AS source, t.id AS source_id, t.customer_id, t.due_date, t.action, t.reason, t.strategy, t.template, t.invoice_id, t.amount,
        (t.promise_id IS NOT NULL OR t.plan_instalment_id IS NOT NULL) AS urgent`;
/** Everyone's, through the follow-up and open-task indexes. */
const ALL_CANDIDATES = [
  `SELECT ${FOLLOW_UP_COLUMNS} FROM activity a WHERE a.follow_up_date IS NOT NULL AND a.follow_up_date <= @today`,
  `SELECT ${TASK_COLUMNS} FROM task t WHERE t.status = 'open' AND t.due_date <= @today`,
];
/** A few customers', through the per-customer indexes (CROSS JOIN and the unary + keep the planner off the everyone-wide indexes). */
const CUSTOMERS_CANDIDATES = [
  `SELECT ${FOLLOW_UP_COLUMNS} FROM json_each(@ids) j CROSS JOIN activity a ON a.customer_id = j.value
    WHERE a.follow_up_date IS NOT NULL AND a.follow_up_date <= @today ORDER BY a.follow_up_date, a.id`,
  `SELECT ${TASK_COLUMNS} FROM json_each(@ids) j CROSS JOIN task t ON t.customer_id = j.value
    WHERE +t.status = 'open' AND +t.due_date <= @today ORDER BY t.due_date, t.id`,
];

/** The worklist's order: urgent first, then the largest and oldest overdue balances, then the earliest due. */
function priority(a: Ranked, b: Ranked): number {
  return b.urgent - a.urgent || b.weight - a.weight || (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * Today's prioritised worklist, kept between calls and brought up to date from what changed.
 *
 * A full read costs about half a second at a million invoices, most of it the collectable balance
 * of every customer (the weights), so after the first call of a day only the customers something
 * happened to are read again: a new row in a ledger table (ledger/ledger-changes.ts: money,
 * activities, promises, status, edits of the customer row), a dispute or plan whose standing
 * changed, an entry in the clerk's work log, and after a policy run the tasks that opened or
 * closed. A new day, a new latest entry date or a renamed letter template read everything again.
 * Another connection's commit (a job worker's policy run or letters batch) shows as a new
 * data_version, this connection's own writes as total_changes; when neither moved nothing is read.
 */
export class WorklistIndex {
  private today: string | null = null;
  private marks: Marks | null = null;
  private readonly candidates = new Map<string, Candidate>();
  private readonly keysOf = new Map<number, Set<string>>();
  private readonly history = new Map<string, LoggedAction[]>();
  private readonly who = new Map<number, Who>();
  private readonly weights = new Map<number, { overdue: number; weight: number }>();
  /** Every item on the list, in priority order; null when it must be made again. */
  private ranked: Ranked[] | null = null;
  /** The items of each customer that are in `ranked`, to take them out when the customer changes. */
  private readonly shown = new Map<number, Ranked[]>();
  private counts: { collector: string | null; count: number }[] | null = null;

  constructor(private readonly db: Database) {}

  list(today: string, collector: string | null, customerId: number | undefined, page: { offset: number; limit: number }): Worklist {
    this.update(today);
    const all = this.rankedItems();
    const scope = customerId === undefined ? all : all.filter((i) => i.customerId === customerId);
    const counts = customerId === undefined ? (this.counts ??= countByCollector(all)) : countByCollector(scope);
    const mine = collector ? scope.filter((i) => i.collector === collector) : scope;
    return {
      items: mine.slice(page.offset, page.offset + page.limit).map(({ urgent: _urgent, ...item }) => item),
      total: mine.length,
      countsByCollector: counts,
    };
  }

  /** Brings the kept list up to date with the ledger; reads only what changed since the last call. */
  private update(today: string): void {
    const dataVersion = Number(this.db.pragma('data_version', { simple: true }));
    const totalChanges = Number(prepared(this.db, 'SELECT total_changes()').pluck().get());
    const was = this.marks;
    if (this.today === today && was && was.dataVersion === dataVersion && was.totalChanges === totalChanges) return;
    // The marks are read before the rows, so a commit in between is seen again next time, never lost.
    const now: Marks = {
      dataVersion,
      totalChanges,
      ledger: ledgerMarks(this.db),
      workAction: Number(prepared(this.db, `SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'work_action'), 0)`).pluck().get()),
      policyRun: policyRunMark(this.db),
      rare: prepared(
        this.db,
        `SELECT coalesce((SELECT value FROM ledger_setting WHERE key = 'latest_entry_date'), '')
                || '|' || coalesce((SELECT group_concat(id || '=' || name) FROM letter_template), '')`,
      )
        .pluck()
        .get() as string,
      holds: this.readHolds(),
    };
    // The marks move only once the reads succeeded: a failed call leaves the changes to be seen again.
    if (this.today !== today || !was || was.rare !== now.rare) {
      this.marks = null;
      this.readAll(today);
      this.marks = now;
      return;
    }

    // Customers whose items are read again, and those whose money is.
    const changed = sameLedger(was.ledger, now.ledger) ? new Set<number>() : customersChangedSince(this.db, was.ledger, now.ledger);
    // Activities and promises are in ledger-changes for the policy; what may be collected does not read them.
    const moneySince = { ...was.ledger, seq: { ...was.ledger.seq, activity: now.ledger.seq.activity ?? 0, promise: now.ledger.seq.promise ?? 0 } };
    const money = sameLedger(moneySince, now.ledger) ? new Set<number>() : customersChangedSince(this.db, moneySince, now.ledger);
    for (const c of new Set([...now.holds.keys(), ...was.holds.keys()])) {
      if (was.holds.get(c) === now.holds.get(c)) continue;
      changed.add(c);
      money.add(c);
    }
    if (now.workAction > was.workAction) {
      const acted = prepared(
        this.db,
        `SELECT t.customer_id FROM work_action w JOIN task t ON w.source_kind = 'task' AND t.id = w.source_id WHERE w.id > @since
          UNION SELECT a.customer_id FROM work_action w JOIN activity a ON w.source_kind = 'follow_up' AND a.id = w.source_id WHERE w.id > @since`,
      )
        .pluck()
        .all({ since: was.workAction }) as number[];
      for (const c of acted) changed.add(c);
    }
    // A policy run opens, closes and reopens tasks, and rewrites the figures of open ones (a task an
    // Undo reopened says what could be asked for when it closed until the run brings it up to date):
    // the open-task index says which, compared with what the list holds.
    if (now.policyRun !== was.policyRun) {
      const open = prepared(this.db, `SELECT id, customer_id, due_date, reason, amount FROM task WHERE status = 'open' AND due_date <= @today`).all({ today }) as {
        id: number;
        customer_id: number;
        due_date: string;
        reason: string;
        amount: number | null;
      }[];
      const openIds = new Set<number>();
      for (const t of open) {
        openIds.add(t.id);
        const kept = this.candidates.get(`task-${t.id}`);
        if (!kept || kept.due_date !== t.due_date || kept.reason !== t.reason || kept.amount !== t.amount) changed.add(t.customer_id);
      }
      for (const c of this.candidates.values()) if (c.source === 'task' && !openIds.has(c.source_id)) changed.add(c.customer_id);
    }
    if (changed.size > FULL_READ_CUSTOMERS) {
      this.marks = null;
      this.readAll(today);
    } else if (changed.size > 0 || money.size > 0) {
      this.readCustomers(today, changed);
      this.readWeights(today, money);
      this.rerank(new Set([...changed, ...money]));
    }
    this.marks = now;
  }

  /** Everything again: the first call, a new day, or a change that cannot be narrowed to customers. */
  private readAll(today: string): void {
    this.today = null;
    this.candidates.clear();
    this.keysOf.clear();
    this.history.clear();
    this.who.clear();
    this.readCandidates(today, null);
    this.weights.clear();
    this.readWeights(today, null);
    this.ranked = null;
    this.counts = null;
    this.today = today;
  }

  /** The items, log and names of some customers again (or of everyone). */
  private readCustomers(today: string, customers: Set<number>): void {
    for (const c of customers) {
      for (const key of this.keysOf.get(c) ?? []) {
        this.candidates.delete(key);
        this.history.delete(key);
      }
      this.keysOf.delete(c);
      this.who.delete(c);
    }
    this.readCandidates(today, customers);
  }

  private readCandidates(today: string, customers: Set<number> | null): void {
    const [followUpSql, taskSql] = customers ? CUSTOMERS_CANDIDATES : ALL_CANDIDATES;
    const params = customers ? { today, ids: JSON.stringify([...customers]) } : { today };
    const read = [...(prepared(this.db, followUpSql).all(params) as Candidate[]), ...(prepared(this.db, taskSql).all(params) as Candidate[])];
    const tasks: number[] = [];
    const followUps: number[] = [];
    for (const c of read) {
      const key = `${c.source}-${c.source_id}`;
      this.candidates.set(key, c);
      let keys = this.keysOf.get(c.customer_id);
      if (!keys) this.keysOf.set(c.customer_id, (keys = new Set()));
      keys.add(key);
      (c.source === 'task' ? tasks : followUps).push(c.source_id);
    }
    // What the clerk did, read in one pass (newest last) rather than per item: the list can be long.
    const actions = prepared(
      this.db,
      `SELECT id, source_kind, source_id, action, until_date, collector, new_action, note, undoes FROM work_action
        WHERE source_kind = 'task' AND source_id IN (SELECT value FROM json_each(@tasks))
       UNION ALL
       SELECT id, source_kind, source_id, action, until_date, collector, new_action, note, undoes FROM work_action
        WHERE source_kind = 'follow_up' AND source_id IN (SELECT value FROM json_each(@followUps))
       ORDER BY id`,
    ).all({ tasks: JSON.stringify(tasks), followUps: JSON.stringify(followUps) }) as LoggedAction[];
    for (const a of actions) {
      const key = `${a.source_kind}-${a.source_id}`;
      const list = this.history.get(key);
      if (list) list.push(a);
      else this.history.set(key, [a]);
    }
    const missing = [...new Set(read.map((c) => c.customer_id))].filter((id) => !this.who.has(id));
    for (const c of prepared(this.db, 'SELECT id, code, name, collector FROM customer WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(missing)) as (Who & {
      id: number;
    })[]) {
      this.who.set(c.id, { code: c.code, name: c.name, collector: c.collector });
    }
  }

  /** What may be asked for that is overdue, and Σ collectable × days past due, per customer (collectable/collectable.ts). */
  private readWeights(today: string, customers: Set<number> | null): void {
    const weigh = (m: ReturnType<typeof collectable> extends Map<number, infer V> ? V : never) =>
      this.weights.set(m.customerId, { overdue: m.overdue, weight: m.items.reduce((w, i) => (i.daysPastDue > 0 ? w + i.collectable * i.daysPastDue : w), 0) });
    if (customers === null || customers.size > FULL_WEIGHTS_CUSTOMERS) {
      // One pass over the ledger beats a query per customer once there are many.
      const money = collectable(this.db, today);
      if (customers === null) this.weights.clear();
      for (const c of customers ?? []) this.weights.delete(c);
      for (const m of money.values()) if (customers === null || customers.has(m.customerId)) weigh(m);
      return;
    }
    for (const c of customers) {
      this.weights.delete(c);
      const m = collectable(this.db, today, c).get(c);
      if (m) weigh(m);
    }
  }

  private rankedItems(): Ranked[] {
    if (!this.ranked) {
      this.ranked = [];
      this.shown.clear();
      for (const c of this.candidates.values()) {
        const item = this.item(c);
        if (!item) continue;
        this.ranked.push(item);
        this.show(item);
      }
      this.ranked.sort(priority);
      this.counts = null;
    }
    return this.ranked;
  }

  /**
   * The list after some customers changed: their old items are taken out and their new ones put
   * in their places, each found by binary search (the order is total: keys are unique), so the
   * cost follows what changed rather than the length of the list.
   */
  private rerank(customers: Set<number>): void {
    const ranked = this.ranked;
    if (!ranked) return;
    const place = (item: Ranked) => {
      let lo = 0;
      let hi = ranked.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (priority(ranked[mid], item) < 0) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    for (const c of customers) {
      for (const old of this.shown.get(c) ?? []) {
        const at = place(old);
        if (ranked[at] !== old) {
          // Cannot happen while items are never changed in place; if it ever did, sort afresh.
          this.ranked = null;
          return;
        }
        ranked.splice(at, 1);
      }
      this.shown.delete(c);
      for (const key of this.keysOf.get(c) ?? []) {
        const item = this.item(this.candidates.get(key)!);
        if (!item) continue;
        ranked.splice(place(item), 0, item);
        this.show(item);
      }
    }
    this.counts = null;
  }

  private show(item: Ranked): void {
    const list = this.shown.get(item.customerId);
    if (list) list.push(item);
    else this.shown.set(item.customerId, [item]);
  }

  /** One item as the clerk sees it, or null when the log says it is done, skipped or snoozed past today. */
  private item(c: Candidate): Ranked | null {
    const key = `${c.source}-${c.source_id}`;
    const logged = this.history.get(key);
    const standing = logged ? (standingActions(logged).get(key) ?? []) : [];
    const latest = standing.at(-1);
    if (latest && (latest.action === 'done' || latest.action === 'skip' || (latest.action === 'snooze' && latest.until_date! > this.today!))) return null;
    const last = <T>(f: (x: (typeof standing)[number]) => T | null) => standing.reduce<T | null>((v, x) => f(x) ?? v, null);
    const reassigned = last((x) => (x.action === 'reassign' ? x.collector : null));
    const overridden = last((x) => (x.action === 'override' ? { new_action: x.new_action!, note: x.note! } : null));
    const who = this.who.get(c.customer_id)!;
    const o = this.weights.get(c.customer_id) ?? { overdue: 0, weight: 0 };
    return {
      key,
      source: c.source,
      sourceId: c.source_id,
      customerId: c.customer_id,
      customerCode: who.code,
      customerName: who.name,
      collector: reassigned ?? who.collector,
      dueDate: c.due_date,
      action: overridden ? overridden.new_action : c.action,
      reason: c.reason,
      strategy: c.strategy,
      template: overridden ? null : c.template,
      override: overridden ? { from: c.action as PolicyAction, note: overridden.note } : null,
      invoiceId: c.invoice_id,
      amount: c.amount,
      overdue: o.overdue,
      weight: o.weight,
      urgent: c.urgent,
    };
  }

  private readHolds(): Map<number, string> {
    const out = new Map<number, string>();
    for (const r of prepared(
      this.db,
      `SELECT customer_id AS c, 'd' || id || status || coalesce(resolved_on, '') AS f FROM dispute
        UNION ALL SELECT customer_id, 'p' || id || status || coalesce(signed_on, '') || coalesce(closed_on, '') FROM payment_plan
        ORDER BY 1, 2`,
    ).all() as { c: number; f: string }[]) {
      out.set(r.c, (out.get(r.c) ?? '') + r.f + ';');
    }
    return out;
  }
}

function sameLedger(a: LedgerMarks, b: LedgerMarks): boolean {
  if (a.customerUpdatedAt !== b.customerUpdatedAt) return false;
  const names = new Set([...Object.keys(a.seq), ...Object.keys(b.seq)]);
  for (const n of names) if ((a.seq[n] ?? 0) !== (b.seq[n] ?? 0)) return false;
  return true;
}

/** Items per collector, most first; a tie goes to the collector whose first item comes first in the list. */
function countByCollector(items: Ranked[]): { collector: string | null; count: number }[] {
  const counts = new Map<string | null, number>();
  for (const i of items) counts.set(i.collector, (counts.get(i.collector) ?? 0) + 1);
  return [...counts.entries()].map(([collector, count]) => ({ collector, count })).sort((a, b) => b.count - a.count);
}
