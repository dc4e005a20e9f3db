import type { Database } from 'better-sqlite3';
import { bucketIndex, bucketLabels } from '../aging/buckets';
import { unappliedEntries, type CustomerCollectable, type UnappliedEntry } from '../collectable/collectable';

/**
 * The buckets a statement's aging summary shows: Current, 1-30, 31-60, 61-90 and Over 90 days
 * past due, the ledger's bucket rule (aging/buckets.ts) with the limits customers are used to
 * seeing on a statement.
 */
export const STATEMENT_BUCKET_LIMITS = [30, 60, 90];

export interface StatementItem {
  /** Invoice number, with " #seq" for an instalment. */
  label: string;
  issueDate: string;
  dueDate: string;
  daysPastDue: number;
  /** What was open on the statement date. */
  open: number;
  /** The part of it held by a dispute open on that date: listed, marked, and not asked for. */
  disputed: number;
}

/**
 * An open-item statement of one customer's account as of a date: every invoice and instalment
 * open that day (disputed or not), the payments and credits not yet applied, the balance they
 * net to, and what the statement asks to be paid.
 */
export interface Statement {
  asOf: string;
  items: StatementItem[];
  unapplied: UnappliedEntry[];
  /** The aging summary: labels and open amounts per bucket, by due date. */
  aging: { labels: string[]; buckets: number[] };
  /** Everything open, before unapplied money. */
  open: number;
  /** Unapplied payments and credits (positive). */
  unappliedTotal: number;
  /** open − unappliedTotal: the customer's aging total on the date (negative when in credit). */
  balance: number;
  /** Open amounts held by disputes. */
  disputed: number;
  /**
   * "Please pay": the balance less what is in dispute, never below zero. A disputed amount is
   * shown so the customer sees the whole account, but asking for it while the question is open
   * would contradict the dispute letter.
   */
  toPay: number;
}

/**
 * The statement from the collectable record (the one reading of what is open at a date, and
 * of what disputes hold then) and the unapplied entries behind its unapplied total.
 */
export function statementFrom(c: CustomerCollectable, unapplied: UnappliedEntry[]): Statement {
  const labels = bucketLabels(STATEMENT_BUCKET_LIMITS);
  const buckets = labels.map(() => 0);
  const items = c.items.map((it) => {
    buckets[bucketIndex(it.daysPastDue, STATEMENT_BUCKET_LIMITS)] += it.open;
    return { label: it.label, issueDate: it.issueDate, dueDate: it.dueDate, daysPastDue: it.daysPastDue, open: it.open, disputed: it.disputed };
  });
  const balance = c.open - c.unapplied;
  return {
    asOf: c.asOf,
    items,
    unapplied,
    aging: { labels, buckets },
    open: c.open,
    unappliedTotal: c.unapplied,
    balance,
    disputed: c.disputed,
    toPay: Math.max(0, balance - c.disputed),
  };
}

/** One customer's statement, reading the unapplied entries the collectable record sums. */
export function statementOf(db: Database, c: CustomerCollectable): Statement {
  return statementFrom(c, c.unapplied > 0 ? unappliedEntries(db, c.customerId, c.asOf) : []);
}
