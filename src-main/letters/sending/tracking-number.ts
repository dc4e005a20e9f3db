/**
 * USPS Certified Mail tracking numbers: 20 digits (the older PS Form 3800 labels) or 22 digits
 * (Intelligent Mail package barcode, IMpb). The last digit is a mod-10 check digit: from the
 * right of the other digits, every first, third, fifth… digit counts three times and the rest
 * once; the check digit brings the sum to a multiple of 10. One mistyped digit, and most swaps
 * of two neighbours, change the sum, so a typo is caught before it goes on the record.
 */
export const TRACKING_LENGTHS = [20, 22] as const;

/** The digits of what was typed, or null if it has anything but digits and spaces. */
export function trackingDigits(typed: string): string | null {
  const compact = typed.replace(/[\s-]+/g, '');
  return /^\d+$/.test(compact) ? compact : null;
}

export function uspsCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** Why the number cannot be a certified-mail tracking number, or null if it can. */
export function trackingNumberProblem(typed: string): string | null {
  const digits = trackingDigits(typed);
  if (digits === null) return 'A tracking number has digits only (spaces are fine)';
  if (!(TRACKING_LENGTHS as readonly number[]).includes(digits.length)) return `A certified-mail tracking number has 20 or 22 digits; this has ${digits.length}`;
  if (uspsCheckDigit(digits.slice(0, -1)) !== Number(digits.at(-1))) return 'This tracking number’s check digit does not match: look for a mistyped digit';
  return null;
}

/** 9400 1118 9922 3818 2184 07: groups of four, as printed on the receipt. */
export function formatTrackingNumber(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}
