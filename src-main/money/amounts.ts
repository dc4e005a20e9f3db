// Money is integer minor units everywhere; these are the only places text becomes money.

const DECIMAL_RE = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

export type ParsedAmount = { ok: true; value: number } | { ok: false; message: string };

/** "1234.5" → 123450. Positive, at most two fraction digits, no signs, separators or exponents. */
export function parsePositiveDecimal(text: string): ParsedAmount {
  const t = text.trim();
  if (t === '') return { ok: false, message: 'is required' };
  const m = DECIMAL_RE.exec(t);
  if (!m) {
    if (/^-/.test(t)) return { ok: false, message: `must be positive, not ${t}` };
    if (/^\d+\.\d{3,}$/.test(t)) return { ok: false, message: `has more than two decimal places: ${t}` };
    return { ok: false, message: `is not a plain decimal amount: ${t}` };
  }
  const value = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (value === 0) return { ok: false, message: 'must be more than zero' };
  return { ok: true, value };
}

/** 123450 → "1234.50" (no grouping): for CSV and other machine-readable text. */
export function formatDecimal(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * 123450 → "1,234.50": only for the terminal's aligned aging table, whose columns are all money and
 * where a symbol on every cell would only widen them. Sentences and screens use ledgerMoney/formatMoney.
 */
export function formatGrouped(minor: number): string {
  const [whole, cents] = formatDecimal(minor).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}
