import type { Database } from 'better-sqlite3';
import { prepared } from '../ledger/prepared';

/**
 * Credit sales: invoices of kind 'invoice' issued after `after` and on or before `through`.
 * Late fees and interest are charges on old sales, not sales, so DSO and CEI leave them out of
 * the divisor (they stay in receivables, where the aging report has them). An invoice counts in
 * full on its issue date, instalments or not.
 */
export function creditSales(db: Database, after: string, through: string): number {
  return prepared(db, `SELECT COALESCE(SUM(amount), 0) FROM invoice WHERE kind = 'invoice' AND issue_date > ? AND issue_date <= ?`)
    .pluck()
    .get(after, through) as number;
}

/** The first issue date of a credit sale on or before `through`, or null when there is none. */
export function firstSaleDate(db: Database, through: string): string | null {
  return (prepared(db, `SELECT MIN(issue_date) FROM invoice WHERE kind = 'invoice' AND issue_date <= ?`).pluck().get(through) as string | null) ?? null;
}

/** Credit sales per calendar month ('2026-03' → minor units) of invoices issued on or before `through`. */
export function monthlyCreditSales(db: Database, through: string): Map<string, number> {
  const rows = prepared(
    db,
    `SELECT substr(issue_date, 1, 7) AS month, SUM(amount) AS sales FROM invoice WHERE kind = 'invoice' AND issue_date <= ? GROUP BY month`,
  ).all(through) as { month: string; sales: number }[];
  return new Map(rows.map((r) => [r.month, r.sales]));
}
