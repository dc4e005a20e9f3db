import { formatMoney as sharedFormatMoney, formatMoneyOrBlank as sharedFormatMoneyOrBlank } from '../../src-main/money/money-format';

/**
 * Turns what a person typed ("1,250.5", "1250") into integer minor units without ever
 * going through a float. Returns an error message instead of guessing.
 */
export function parseMoneyInput(text: string): { ok: true; value: number | null } | { ok: false; message: string } {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return { ok: true, value: null };
  const m = /^(\d{1,13})(?:\.(\d{0,2}))?$/.exec(t);
  if (!m) {
    return /^\d+\.\d{3,}$/.test(t)
      ? { ok: false, message: 'Use at most two decimal places' }
      : { ok: false, message: 'Enter an amount like 5000 or 5,000.00' };
  }
  const cents = (m[2] ?? '').padEnd(2, '0');
  return { ok: true, value: Number(m[1]) * 100 + Number(cents) };
}

export function formatMoneyInput(minor: number | null): string {
  if (minor === null) return '';
  const whole = Math.trunc(minor / 100);
  const cents = String(Math.abs(minor % 100)).padStart(2, '0');
  return `${whole}.${cents}`;
}

// Money on screen is written by the one shared formatter, in the ledger's currency and the
// locale letters are printed in, so the card, a letter and an agreement show the same string.
// The style is set once from app.info before any page renders (see App).
let style: { currency: string; locale: string | undefined } = { currency: 'USD', locale: undefined };

export function setMoneyStyle(currency: string, locale: string): void {
  style = { currency, locale };
}

export function moneyLocale(): string | undefined {
  return style.locale;
}

/** 123450 → "$1,234.50" in the ledger's currency; negatives with a minus sign. For display only. */
export function formatMoney(minor: number): string {
  return sharedFormatMoney(minor, style.currency, style.locale);
}

/** As formatMoney, but zero is "–": for grids where zeros would drown the amounts that matter. */
export function formatMoneyOrBlank(minor: number): string {
  return sharedFormatMoneyOrBlank(minor, style.currency, style.locale);
}

/** An amount of another ledger (the Today overview, the Ledgers page): in that ledger's currency. */
export function formatMoneyIn(minor: number, currency: string): string {
  return sharedFormatMoney(minor, currency, style.locale);
}
