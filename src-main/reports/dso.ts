import type { Database } from 'better-sqlite3';
import { DEFAULT_DSO_DAYS, type DsoMethod, type DsoResult } from '../contract/reports';
import { addDays } from '../money/dates';
import { creditSales, firstSaleDate, monthlyCreditSales } from './credit-sales';
import { addMonths, daysInMonth, monthOf } from './months';
import { oneDecimal, ratioOrReason } from './ratio';
import { receivablesAt } from './receivables';

/**
 * Days sales outstanding on `asOf`, from the ledger's history. Standard: receivables ÷ the credit
 * sales of the `days` days up to asOf × days. Countback: see countbackDso.
 */
export function dso(db: Database, asOf: string, method: DsoMethod = 'standard', days: number = DEFAULT_DSO_DAYS): DsoResult {
  const receivables = receivablesAt(db, asOf).total;
  return method === 'countback' ? countbackDso(db, asOf, receivables) : standardDso(db, asOf, days, receivables);
}

function standardDso(db: Database, asOf: string, days: number, receivables: number): DsoResult {
  const sales = creditSales(db, addDays(asOf, -days), asOf);
  const r = ratioOrReason(BigInt(receivables) * BigInt(days), sales, `No credit sales in the ${days} days up to ${asOf}: DSO has no divisor`);
  return { asOf, days, method: 'standard', receivables, creditSales: sales, dso: r.value, ...(r.reason ? { reason: r.reason } : {}) };
}

/**
 * Countback: the receivables are matched against the most recent sales first. Starting with the
 * as-of month (its 1st to asOf), each period whose sales the remainder still covers is used up
 * whole (its days added, its sales taken off); the first one it does not cover adds its share,
 * remainder ÷ its sales × its days. Worked in integers: dso = (days × S + remainder × D) ÷ S for
 * the last period's sales S and days D, rounded once.
 *
 * Receivables of 0 or less (unapplied cash exceeding what is open) take no days: 0. Receivables
 * larger than every credit sale on record (late fees, opening balances) cannot be placed: null.
 */
function countbackDso(db: Database, asOf: string, receivables: number): DsoResult {
  const sales = monthlyCreditSales(db, asOf);
  const first = firstSaleDate(db, asOf);
  let month = monthOf(asOf);
  let periodDays = Number(asOf.slice(8, 10));
  let remainder = receivables;
  let days = 0;
  let walked = 0;
  const result = (dsoValue: number | null, reason?: string): DsoResult => ({
    asOf,
    days,
    method: 'countback',
    receivables,
    creditSales: walked,
    dso: dsoValue,
    ...(reason ? { reason } : {}),
  });
  if (remainder <= 0) return result(0);
  for (;;) {
    if (first === null || month < monthOf(first)) {
      const since = first === null ? `no credit sale was made by ${asOf}` : `credit sales since ${first} do not cover them`;
      return result(null, `Receivables exceed every credit sale on record (${since}): countback cannot place them`);
    }
    const s = sales.get(month) ?? 0;
    if (remainder >= s) {
      remainder -= s;
      days += periodDays;
      walked += s;
      if (remainder === 0) return result(days);
    } else {
      walked += s;
      const value = oneDecimal(BigInt(days) * BigInt(s) + BigInt(remainder) * BigInt(periodDays), s);
      days += periodDays;
      return result(value);
    }
    month = addMonths(month, -1);
    periodDays = daysInMonth(month);
  }
}
