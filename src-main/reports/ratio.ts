/**
 * The one rounding of the reports' ratios: numerator ÷ denominator, rounded half-up (a half
 * goes away from zero) to one decimal, done once at the very end on exact integers. Doing it on
 * a double would round some halves the wrong way (1.05 is 1.0499999… as a double); BigInt keeps
 * ledgers of any size exact. The caller says why a zero divisor has no ratio, so this throws on one.
 */
export function oneDecimal(numerator: bigint | number, denominator: bigint | number): number {
  let n = BigInt(numerator) * 10n;
  let d = BigInt(denominator);
  if (d === 0n) throw new Error('oneDecimal: the divisor is 0 (the caller reports why)');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const negative = n < 0n;
  const magnitude = (2n * (negative ? -n : n) + d) / (2n * d);
  return Number(negative ? -magnitude : magnitude) / 10;
}

/** A ratio, or null with the reason when the divisor is 0. */
export type Ratio = { value: number; reason?: undefined } | { value: null; reason: string };

export function ratioOrReason(numerator: bigint | number, denominator: bigint | number, reasonIfZero: string): Ratio {
  return BigInt(denominator) === 0n ? { value: null, reason: reasonIfZero } : { value: oneDecimal(numerator, denominator) };
}
