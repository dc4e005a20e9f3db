import type { Database } from 'better-sqlite3';
import type { CustomerCard, CustomerDetail, OpenItem } from '../contract/customers';
import { bucketIndex, bucketLabels, DEFAULT_BUCKET_LIMITS } from '../aging/buckets';
import { prepared } from '../ledger/prepared';
import { daysBetween } from '../money/dates';
import { promiseStates } from '../promises/promise-status';
import { collectableOf } from '../collectable/collectable';

/** Open invoices without a schedule and open instalments, oldest due first, from the running balances. */
export function customerOpenItems(db: Database, customerId: number, asOf: string): Omit<OpenItem, 'disputed' | 'onPlan' | 'collectable'>[] {
  return (
    prepared(
      db,
      `SELECT i.id AS invoiceId, NULL AS instalmentId, i.number, NULL AS seq, i.issue_date AS issueDate, i.due_date AS dueDate,
                i.amount, i.open_amount AS openAmount, i.po_number AS poNumber
           FROM invoice i WHERE i.customer_id = @c AND i.open_amount > 0 AND i.has_schedule = 0
         UNION ALL
         SELECT s.invoice_id, s.id, i.number, s.seq, s.issue_date, s.due_date, s.amount, s.open_amount, i.po_number
           FROM instalment s JOIN invoice i ON i.id = s.invoice_id WHERE s.customer_id = @c AND s.open_amount > 0
         ORDER BY dueDate, issueDate, number, seq`,
    ).all({ c: customerId }) as Omit<OpenItem, 'daysPastDue' | 'disputed' | 'onPlan' | 'collectable'>[]
  ).map((o) => ({ ...o, daysPastDue: daysBetween(o.dueDate, asOf) }));
}

/**
 * The customer's balance, as the card's headline and the customers list show it: what is open on
 * invoices and instalments, less unapplied cash and credits. One SQL expression for the customer
 * whose id is `customerId` (a column or a parameter), so a list can read it per row.
 */
export function balanceSql(customerId: string): string {
  return `(IFNULL((SELECT SUM(open_amount) FROM invoice WHERE customer_id = ${customerId} AND open_amount > 0 AND has_schedule = 0), 0)
         + IFNULL((SELECT SUM(open_amount) FROM instalment WHERE customer_id = ${customerId} AND open_amount > 0), 0)
         - IFNULL((SELECT SUM(unapplied) FROM payment WHERE customer_id = ${customerId} AND unapplied > 0), 0)
         - IFNULL((SELECT SUM(unapplied) FROM credit_note WHERE customer_id = ${customerId} AND unapplied > 0), 0))`;
}

/** Unapplied cash and credits as a negative amount (they reduce what is owed); 0 when there are none. */
export function unappliedAmount(db: Database, customerId: number): number {
  const unappliedCash = prepared(
    db,
    `SELECT IFNULL((SELECT SUM(unapplied) FROM payment WHERE customer_id = @c AND unapplied > 0), 0)
            + IFNULL((SELECT SUM(unapplied) FROM credit_note WHERE customer_id = @c AND unapplied > 0), 0)`,
    )
    .pluck()
    .get({ c: customerId }) as number;
  return unappliedCash === 0 ? 0 : -unappliedCash;
}

/**
 * Everything the customer card shows about money, from the running balances (so "as of"
 * is the ledger's current state): open items oldest due first, the aging bar, recent cash,
 * open credits and promises.
 */
export function customerCard(db: Database, customer: CustomerDetail, asOf: string): CustomerCard {
  const coll = collectableOf(db, customer.id, asOf);
  const parts = new Map(coll.items.map((i) => [`${i.invoiceId}:${i.instalmentId}`, i]));
  // The card shows the ledger as it stands; the collectable parts are as of asOf.
  const openItems: OpenItem[] = customerOpenItems(db, customer.id, asOf).map((o) => {
    const p = parts.get(`${o.invoiceId}:${o.instalmentId}`);
    return { ...o, disputed: p?.disputed ?? 0, onPlan: p?.onPlan ?? 0, collectable: p?.collectable ?? 0 };
  });

  const buckets = bucketLabels(DEFAULT_BUCKET_LIMITS).map(() => 0);
  for (const o of openItems) buckets[bucketIndex(o.daysPastDue, DEFAULT_BUCKET_LIMITS)] += o.openAmount;
  const unapplied = unappliedAmount(db, customer.id);

  const states = promiseStates(db, asOf, customer.id);
  return {
    customer,
    asOf,
    balance: { labels: bucketLabels(DEFAULT_BUCKET_LIMITS), buckets, unapplied, total: prepared(db, `SELECT ${balanceSql('@c')}`).pluck().get({ c: customer.id }) as number },
    openItems,
    collectable: { total: coll.collectable, dueNow: coll.dueNow, overdue: coll.overdue, disputed: coll.disputed, onPlan: coll.onPlan, unapplied: coll.unapplied, hold: coll.hold },
    recentPayments: db
      .prepare(`SELECT id, reference, date, amount, unapplied, method FROM payment WHERE customer_id = ? ORDER BY date DESC, id DESC LIMIT 10`)
      .all(customer.id) as CustomerCard['recentPayments'],
    openCredits: db
      .prepare(`SELECT id, number, date, amount, unapplied, reason FROM credit_note WHERE customer_id = ? AND unapplied > 0 ORDER BY date DESC`)
      .all(customer.id) as CustomerCard['openCredits'],
    promises: states
      .slice()
      .reverse()
      .slice(0, 20)
      .map(({ id, activityId, amount, promisedDate, received, status }) => ({ id, activityId, amount, promisedDate, received, status })),
    promiseRecord: {
      kept: states.filter((p) => p.status === 'kept').length,
      partlyKept: states.filter((p) => p.status === 'partly_kept').length,
      broken: states.filter((p) => p.status === 'broken').length,
      open: states.filter((p) => p.status === 'open').length,
    },
    statusHistory: db
      .prepare(
        `SELECT status, previous, reason, changed_by AS changedBy, changed_at AS changedAt FROM status_change
          WHERE customer_id = ? ORDER BY id DESC LIMIT 20`,
      )
      .all(customer.id) as CustomerCard['statusHistory'],
    overCreditLimit: customer.creditLimit === null ? 0 : Math.max(0, buckets.reduce((s, v) => s + v, 0) + unapplied - customer.creditLimit),
    openDisputes: (
      db
        .prepare(
          `SELECT d.id, d.reason, d.amount, d.status, d.owner, d.opened_on AS openedOn,
                  (SELECT json_group_array(i.number) FROM dispute_invoice di JOIN invoice i ON i.id = di.invoice_id WHERE di.dispute_id = d.id) AS invoices
             FROM dispute d WHERE d.customer_id = ? AND d.status <> 'resolved' ORDER BY d.opened_on, d.id`,
        )
        .all(customer.id) as { id: number; reason: string; amount: number; status: string; owner: string | null; openedOn: string; invoices: string }[]
    ).map(({ invoices, ...d }) => ({ ...d, daysOpen: daysBetween(d.openedOn, asOf), invoiceNumbers: JSON.parse(invoices) as string[] })),
  };
}
