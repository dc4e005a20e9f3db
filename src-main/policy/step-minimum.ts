import type { CustomerCollectable } from '../collectable/collectable';

/**
 * A step with a minimum applies only when at least that much may be asked for. For a dunning
 * step the amount is what may be asked for that is due by the day (collectable's dueNow): the
 * figure the policy run compares and the letter review warns on, so the two cannot disagree.
 */
export function meetsMinimum(minAmount: number | null, amount: number): boolean {
  return minAmount === null || amount >= minAmount;
}

/** The amount a dunning step's minimum is compared with. */
export function dunningAmount(c: Pick<CustomerCollectable, 'dueNow'>): number {
  return c.dueNow;
}
