import type { Database } from 'better-sqlite3';
import { prepared } from '../ledger/prepared';
import { daysBetween } from '../money/dates';
import { disputeOpenAt } from '../timeline/dispute-open';

/*
 * What Settle may ask a customer for, as of a date. The one definition every consumer reads:
 * the escalation policy, fees and interest, letters, the CLI batch, worklist reasons and the
 * customer card. Nothing else decides what is held.
 *
 * For each open item (an invoice without a schedule, or one instalment of a scheduled invoice),
 * open at the date:
 *   collectable = open − the disputed part − the part covered by a running payment plan
 * and then the customer's unapplied cash and open credits are netted against the collectable
 * items, oldest due first. An account with an agency or closed has nothing collectable at all.
 *
 * - Disputed part: each dispute open at the date (opened on or before it, not resolved by it)
 *   holds its amount on its invoices, oldest due first, and within a scheduled invoice the
 *   oldest instalments first, never more than is open. The rest of the invoice stays collectable.
 * - Plan part: a plan signed on or before the date and not closed by it holds each item it names
 *   up to the amount it covers, less what has been paid or credited to that item since the plan
 *   was signed (that money is the plan being paid). Items the plan does not name stay in normal
 *   collections.
 */

/** Customer statuses that take the whole account out of our hands. */
const HOLD_STATUSES: Record<string, string> = {
  with_agency: 'the account is with an agency',
  closed: 'the account is closed',
};

export interface CollectableItem {
  invoiceId: number;
  instalmentId: number | null;
  /** Invoice number, with " #seq" for an instalment. */
  label: string;
  number: string;
  seq: number | null;
  kind: 'invoice' | 'late_fee' | 'interest';
  issueDate: string;
  dueDate: string;
  /** Days from the due date to the as-of date; 0 on the due date, negative before it. */
  daysPastDue: number;
  open: number;
  disputed: number;
  onPlan: number;
  /** Taken by the customer's unapplied cash and credits. */
  netted: number;
  collectable: number;
}

export interface CustomerCollectable {
  customerId: number;
  asOf: string;
  /** Why nothing at all may be asked for (agency, closed), or null. */
  hold: string | null;
  /** Every item open at the date, oldest due first. */
  items: CollectableItem[];
  open: number;
  disputed: number;
  onPlan: number;
  /** Unapplied cash and credits at the date (positive). */
  unapplied: number;
  /** Everything that may be asked for, due or not. */
  collectable: number;
  /** What may be asked for that is due on or before the date (due today counts). */
  dueNow: number;
  /** What may be asked for that is past due (due before the date). */
  overdue: number;
  /** The oldest collectable item due by the date: its due date, age, and the amount due that day. */
  oldest: { dueDate: string; daysPastDue: number; amount: number; labels: string[] } | null;
}

interface ItemRow {
  customer_id: number;
  invoice_id: number;
  instalment_id: number | null;
  number: string;
  seq: number | null;
  kind: CollectableItem['kind'];
  issue_date: string;
  due_date: string;
  open: number;
}

const ORDER = 'ORDER BY customer_id, due_date, issue_date, number, seq';

/**
 * Items open at @a: running balances when no entry is later than @a, else re-summed allocations.
 * On the first path nothing is issued after @a (that is what picks it), so issue dates are not
 * compared: the comparison made SQLite read invoices through the (customer, issue date) index and
 * the table, instead of the covering index of open items — ~2× slower for a few thousand customers.
 */
function itemsSql(historical: boolean, filter: string): string {
  if (!historical) {
    return `SELECT customer_id, id AS invoice_id, NULL AS instalment_id, number, NULL AS seq, kind, issue_date, due_date, open_amount AS open
              FROM invoice WHERE open_amount > 0 AND has_schedule = 0 ${filter}
            UNION ALL
            SELECT s.customer_id, s.invoice_id, s.id, i.number, s.seq, i.kind, s.issue_date, s.due_date, s.open_amount
              FROM instalment s JOIN invoice i ON i.id = s.invoice_id WHERE s.open_amount > 0 AND s.issue_date <= @a ${filter.replace(/customer_id/g, 's.customer_id')}
            ${ORDER}`;
  }
  return `SELECT * FROM (
            SELECT customer_id, id AS invoice_id, NULL AS instalment_id, number, NULL AS seq, kind, issue_date, due_date,
                   amount - IFNULL((SELECT SUM(a.amount) FROM allocation a WHERE a.invoice_id = invoice.id AND a.date <= @a), 0) AS open
              FROM invoice WHERE has_schedule = 0 AND settled_date > @a AND issue_date <= @a ${filter}
            UNION ALL
            SELECT s.customer_id, s.invoice_id, s.id, i.number, s.seq, i.kind, s.issue_date, s.due_date,
                   s.amount - IFNULL((SELECT SUM(a.amount) FROM allocation a WHERE a.instalment_id = s.id AND a.date <= @a), 0)
              FROM instalment s JOIN invoice i ON i.id = s.invoice_id WHERE s.settled_date > @a AND s.issue_date <= @a ${filter.replace(/customer_id/g, 's.customer_id')})
           WHERE open > 0 ${ORDER}`;
}

/**
 * Payments and credits with money not yet applied at @a, one row each: the running balance when
 * no entry is later than @a, else the amount less its allocations up to @a. `detail` adds what a
 * statement prints of each (kind, id, reference, date); the sums below read the same rows.
 */
function unappliedRowsSql(historical: boolean, filter: string, detail: boolean): string {
  const cols = (kind: string, ref: string) => (detail ? `, '${kind}' AS kind, id, ${ref} AS reference, date` : '');
  if (!historical) {
    return `SELECT customer_id, unapplied${cols('payment', 'reference')} FROM payment WHERE unapplied > 0 AND date <= @a ${filter}
            UNION ALL SELECT customer_id, unapplied${cols('credit', 'number')} FROM credit_note WHERE unapplied > 0 AND date <= @a ${filter}`;
  }
  const left = (table: string, kind: string, ref: string) =>
    `SELECT customer_id, amount - IFNULL((SELECT SUM(a.amount) FROM allocation a WHERE a.source_kind = '${kind}' AND a.source_id = ${table}.id AND a.date <= @a), 0) AS unapplied${cols(kind, ref)}
       FROM ${table} WHERE settled_date > @a AND date <= @a ${filter}`;
  return `SELECT * FROM (${left('payment', 'payment', 'reference')} UNION ALL ${left('credit_note', 'credit', 'number')}) WHERE unapplied > 0`;
}

function unappliedSql(historical: boolean, filter: string): string {
  return `SELECT customer_id, SUM(unapplied) AS amount FROM (${unappliedRowsSql(historical, filter, false)}) GROUP BY customer_id`;
}

const DISPUTES_SQL = (filter: string) =>
  `SELECT d.id, d.customer_id, d.amount, di.invoice_id FROM dispute d JOIN dispute_invoice di ON di.dispute_id = d.id
    WHERE ${disputeOpenAt('d', '@a')} ${filter.replace(/customer_id/g, 'd.customer_id')}
    ORDER BY d.id`;

const PLAN_ITEMS_SQL = (filter: string) =>
  `SELECT p.customer_id, pi.invoice_id, pi.instalment_id, pi.amount,
          IFNULL((SELECT SUM(a.amount) FROM allocation a
                   WHERE a.invoice_id = pi.invoice_id AND (pi.instalment_id IS NULL OR a.instalment_id = pi.instalment_id)
                     AND a.source_kind IN ('payment', 'credit') AND a.date >= p.signed_on AND a.date <= @a), 0) AS paid
     FROM payment_plan p JOIN plan_item pi ON pi.plan_id = p.id
    WHERE p.signed_on IS NOT NULL AND p.signed_on <= @a AND (p.closed_on IS NULL OR p.closed_on > @a) ${filter.replace(/customer_id/g, 'p.customer_id')}
    ORDER BY p.id, pi.position`;

/**
 * A customer's status on a date: the current one, or what it was before the first change made after that date.
 * Read from the narrow customer index (migration CustomerPolicyIndexes): through the table, each
 * customer of a list costs a page of its own, and all of them the whole wide table.
 */
const STATUS_SQL = (filter: string) =>
  `SELECT c.id AS customer_id,
          IFNULL((SELECT sc.previous FROM status_change sc WHERE sc.customer_id = c.id AND substr(sc.changed_at, 1, 10) > @a ORDER BY sc.id LIMIT 1), c.status) AS status
     FROM customer c INDEXED BY customer_policy_ix WHERE (c.status IN ('with_agency', 'closed')
        OR EXISTS (SELECT 1 FROM status_change sc WHERE sc.customer_id = c.id AND sc.previous IN ('with_agency', 'closed') AND substr(sc.changed_at, 1, 10) > @a))
        ${filter.replace(/customer_id/g, 'c.id')}`;

function latestEntryDate(db: Database): string {
  return prepared(db, `SELECT value FROM ledger_setting WHERE key = 'latest_entry_date'`).pluck().get() as string;
}

/**
 * What may be asked for as of `asOf`, for one customer, a list of customers, or every customer
 * with something open or unapplied. Reads only.
 */
export function collectable(db: Database, asOf: string, customers?: number | Iterable<number>): Map<number, CustomerCollectable> {
  const historical = asOf < latestEntryDate(db);
  let filter = '';
  let params: Record<string, unknown> = { a: asOf };
  if (typeof customers === 'number') {
    filter = 'AND customer_id = @c';
    params = { a: asOf, c: customers };
  } else if (customers !== undefined) {
    // A list of customers (the policy's next run redoes only those whose money changed).
    filter = 'AND customer_id IN (SELECT value FROM json_each(@ids))';
    params = { a: asOf, ids: JSON.stringify([...customers]) };
  }

  const byCustomer = new Map<number, CustomerCollectable>();
  const byInvoice = new Map<number, CollectableItem[]>();
  const byInstalment = new Map<number, CollectableItem>();
  const entry = (id: number): CustomerCollectable => {
    let e = byCustomer.get(id);
    if (!e) {
      e = { customerId: id, asOf, hold: null, items: [], open: 0, disputed: 0, onPlan: 0, unapplied: 0, collectable: 0, dueNow: 0, overdue: 0, oldest: null };
      byCustomer.set(id, e);
    }
    return e;
  };

  for (const r of prepared(db, itemsSql(historical, filter)).iterate(params) as IterableIterator<ItemRow>) {
    const item: CollectableItem = {
      invoiceId: r.invoice_id,
      instalmentId: r.instalment_id,
      label: r.seq === null ? r.number : `${r.number} #${r.seq}`,
      number: r.number,
      seq: r.seq,
      kind: r.kind,
      issueDate: r.issue_date,
      dueDate: r.due_date,
      daysPastDue: daysBetween(r.due_date, asOf),
      open: r.open,
      disputed: 0,
      onPlan: 0,
      netted: 0,
      collectable: 0,
    };
    entry(r.customer_id).items.push(item);
    const list = byInvoice.get(r.invoice_id);
    if (list) list.push(item);
    else byInvoice.set(r.invoice_id, [item]);
    if (r.instalment_id !== null) byInstalment.set(r.instalment_id, item);
  }

  // Disputes: each holds its amount on its invoices' items, oldest due first.
  const disputes = new Map<number, { amount: number; items: CollectableItem[] }>();
  for (const d of prepared(db, DISPUTES_SQL(filter)).iterate(params) as IterableIterator<{ id: number; amount: number; invoice_id: number }>) {
    let x = disputes.get(d.id);
    if (!x) disputes.set(d.id, (x = { amount: d.amount, items: [] }));
    x.items.push(...(byInvoice.get(d.invoice_id) ?? []));
  }
  for (const { amount, items } of disputes.values()) {
    let left = amount;
    for (const it of items.sort(itemOrder)) {
      if (left <= 0) break;
      const take = Math.min(left, it.open - it.disputed);
      it.disputed += take;
      left -= take;
    }
  }

  // Running plans: each named item is held up to what the plan still has to collect on it.
  for (const p of prepared(db, PLAN_ITEMS_SQL(filter)).iterate(params) as IterableIterator<{ invoice_id: number; instalment_id: number | null; amount: number; paid: number }>) {
    const item = p.instalment_id !== null ? byInstalment.get(p.instalment_id) : byInvoice.get(p.invoice_id)?.[0];
    if (!item) continue;
    const still = Math.max(0, p.amount - p.paid);
    item.onPlan += Math.min(still, item.open - item.disputed - item.onPlan);
  }

  for (const u of prepared(db, unappliedSql(historical, filter)).iterate(params) as IterableIterator<{ customer_id: number; amount: number }>) {
    entry(u.customer_id).unapplied = u.amount;
  }

  const holds = new Map<number, string>();
  for (const s of prepared(db, STATUS_SQL(filter)).iterate(params) as IterableIterator<{ customer_id: number; status: string }>) {
    const why = HOLD_STATUSES[s.status];
    if (why) holds.set(s.customer_id, why);
  }

  for (const c of byCustomer.values()) {
    c.hold = holds.get(c.customerId) ?? null;
    let credit = c.unapplied;
    for (const it of c.items) {
      const before = c.hold ? 0 : it.open - it.disputed - it.onPlan;
      it.netted = Math.min(credit, before);
      credit -= it.netted;
      it.collectable = before - it.netted;
      c.open += it.open;
      c.disputed += it.disputed;
      c.onPlan += it.onPlan;
      c.collectable += it.collectable;
      if (it.daysPastDue >= 0) c.dueNow += it.collectable;
      if (it.daysPastDue > 0) c.overdue += it.collectable;
      if (it.daysPastDue >= 0 && it.collectable > 0) {
        if (!c.oldest) c.oldest = { dueDate: it.dueDate, daysPastDue: it.daysPastDue, amount: 0, labels: [] };
        if (c.oldest.dueDate === it.dueDate) {
          c.oldest.amount += it.collectable;
          c.oldest.labels.push(it.label);
        }
      }
    }
  }
  return byCustomer;
}

/** A payment or credit note with money not yet applied to an invoice at a date. */
export interface UnappliedEntry {
  kind: 'payment' | 'credit';
  id: number;
  /** The payment's reference or the credit note's number. */
  reference: string;
  date: string;
  /** What was still unapplied at the date (positive). */
  unapplied: number;
}

/**
 * One customer's unapplied payments and credits at a date, oldest first: the entries behind
 * CustomerCollectable.unapplied, for a statement that lists them.
 */
export function unappliedEntries(db: Database, customerId: number, asOf: string): UnappliedEntry[] {
  const historical = asOf < latestEntryDate(db);
  return prepared(db, `SELECT kind, id, reference, date, unapplied FROM (${unappliedRowsSql(historical, 'AND customer_id = @c', true)}) ORDER BY date, kind DESC, id`).all({
    a: asOf,
    c: customerId,
  }) as UnappliedEntry[];
}

/** One customer's collectable money; a customer with nothing open gets an empty record. */
export function collectableOf(db: Database, customerId: number, asOf: string): CustomerCollectable {
  return (
    collectable(db, asOf, customerId).get(customerId) ?? {
      customerId,
      asOf,
      hold: null,
      items: [],
      open: 0,
      disputed: 0,
      onPlan: 0,
      unapplied: 0,
      collectable: 0,
      dueNow: 0,
      overdue: 0,
      oldest: null,
    }
  );
}

function itemOrder(a: CollectableItem, b: CollectableItem): number {
  return a.dueDate.localeCompare(b.dueDate) || a.issueDate.localeCompare(b.issueDate) || a.number.localeCompare(b.number) || (a.seq ?? 0) - (b.seq ?? 0);
}
