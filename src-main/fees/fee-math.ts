// Integer arithmetic for fees and interest: amounts up to 10^14 minor units times rates and day
// counts overflow a double's exact range, so the products are taken in BigInt.

/** num / den rounded half up (away from zero for the positive values used here). */
export function divideHalfUp(num: bigint, den: bigint): number {
  if (den <= 0n || num < 0n) throw new Error('divideHalfUp expects a non-negative numerator and a positive denominator');
  return Number((2n * num + den) / (2n * den));
}

/** basisPoints / 10000 of amount, half up to the minor unit: 150 bp of 333 is 4.995 → 5. */
export function percentOf(amount: number, basisPoints: number): number {
  return divideHalfUp(BigInt(amount) * BigInt(basisPoints), 10_000n);
}

/** The cap as an amount: rounded down, so the stated share is never exceeded. */
export function capOf(amount: number, basisPoints: number): number {
  return Number((BigInt(amount) * BigInt(basisPoints)) / 10_000n);
}

/** A run of days on which the open balance stayed the same. */
export interface BalanceSpan {
  balance: number;
  days: number;
}

/**
 * Simple interest over spans of constant balance, on a fixed 365-day year (a leap year's 29
 * February is one more day charged, not a different divisor), rounded once for the whole line
 * so splitting a period never adds rounding.
 */
export function simpleInterest(spans: BalanceSpan[], annualRateBasisPoints: number): number {
  const balanceDays = spans.reduce((s, x) => s + BigInt(Math.max(0, x.balance)) * BigInt(x.days), 0n);
  return divideHalfUp(balanceDays * BigInt(annualRateBasisPoints), 10_000n * 365n);
}

/** 150 → "1.5%", 1800 → "18%", 1 → "0.01%". */
export function formatRate(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const frac = String(basisPoints % 100).padStart(2, '0').replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''}%`;
}
