import type { Database } from 'better-sqlite3';
import type { CeiResult } from '../contract/reports';
import { addDays } from '../money/dates';
import { creditSales } from './credit-sales';
import { ratioOrReason } from './ratio';
import { receivablesAt } from './receivables';

/**
 * Collection effectiveness for [from, to]: of what could have been collected (receivables the
 * day before `from`, plus the period's credit sales, less what was not yet due at `to`), how
 * much was:
 *   (begin + sales − end) ÷ (begin + sales − end Current) × 100.
 */
export function cei(db: Database, from: string, to: string): CeiResult {
  const before = addDays(from, -1);
  const beginReceivables = receivablesAt(db, before).total;
  const sales = creditSales(db, before, to);
  const end = receivablesAt(db, to);
  const collectable = BigInt(beginReceivables) + BigInt(sales) - BigInt(end.current);
  const r = ratioOrReason(
    (BigInt(beginReceivables) + BigInt(sales) - BigInt(end.total)) * 100n,
    collectable,
    `Nothing was collectable from ${from} to ${to} (opening receivables and credit sales less what was not yet due at the end are 0): CEI has no divisor`,
  );
  return {
    from,
    to,
    beginReceivables,
    creditSales: sales,
    endReceivables: end.total,
    endCurrent: end.current,
    cei: r.value,
    ...(r.reason ? { reason: r.reason } : {}),
  };
}
