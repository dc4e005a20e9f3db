import { isIsoDate } from '../../money/dates';

/** How a source writes 03/04/2026: the 3rd of April (dmy) or March the 4th (mdy). */
export type DateOrder = 'dmy' | 'mdy';
export const DATE_ORDERS: readonly DateOrder[] = ['dmy', 'mdy'];

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function iso(y: number, m: number, d: number): string | null {
  const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isIsoDate(text) ? text : null;
}

/** Two-digit years, as QuickBooks Desktop writes them (1/30/94): 70–99 are the 1900s, the rest this century. */
function fullYear(y: string): number {
  const n = Number(y);
  return y.length === 2 ? (n >= 70 ? 1900 + n : 2000 + n) : n;
}

/**
 * A date as accounting exports write it: ISO always; 3/4/2026, 03-04-26 or 03.04.2026 in the
 * source's order; "4 Mar 2026" and "March 4, 2026" (unambiguous). Null when it is none of these
 * or not a real date.
 */
export function parseSourceDate(text: string, order: DateOrder): string | null {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return isIsoDate(t) ? t : null;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(t);
  if (m) {
    const [a, b, y] = [Number(m[1]), Number(m[2]), fullYear(m[3])];
    return order === 'dmy' ? iso(y, b, a) : iso(y, a, b);
  }
  m = /^(\d{1,2})[ -]([A-Za-z]{3,9})[ -](\d{4})$/.exec(t);
  if (m) {
    const month = MONTHS.indexOf(m[2].slice(0, 3).toLowerCase()) + 1;
    return month ? iso(Number(m[3]), month, Number(m[1])) : null;
  }
  m = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/.exec(t);
  if (m) {
    const month = MONTHS.indexOf(m[1].slice(0, 3).toLowerCase()) + 1;
    return month ? iso(Number(m[3]), month, Number(m[2])) : null;
  }
  return null;
}

export type SourceAmount = { ok: true; value: number } | { ok: false; message: string };

/**
 * A signed amount as reports print it, in minor units: thousands separators, a currency sign,
 * and a minus sign or parentheses for a negative ("(1,250.00)", "-$40.5"). At most two decimals.
 */
export function parseSourceAmount(text: string): SourceAmount {
  const t = text.trim();
  if (t === '') return { ok: false, message: 'is required' };
  let body = t;
  let negative = false;
  const paren = /^\((.*)\)$/.exec(body);
  if (paren) [body, negative] = [paren[1].trim(), true];
  // The sign may come before or after a currency symbol: -$40.50 and $-40.50.
  for (const strip of [/^-\s*/, /^[$£€]\s*/, /^-\s*/]) {
    const found = strip.exec(body);
    if (!found) continue;
    if (found[0].startsWith('-')) negative = !negative;
    body = body.slice(found[0].length);
  }
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(body);
  if (!m) return { ok: false, message: `is not an amount: ${t}` };
  if ((m[2] ?? '').length > 2) return { ok: false, message: `has more than two decimal places: ${t}` };
  const whole = Number(m[1].replace(/,/g, ''));
  if (whole > 1e13) return { ok: false, message: `is too large: ${t}` };
  const value = whole * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return { ok: true, value: negative && value !== 0 ? -value : value };
}
