// Money for people, the one way: screens, the timeline, letters, agreements and exports all call
// formatMoney, so the same amount reads the same everywhere. This module is shared with the
// renderer (the one src-main module it may import as code), so it must stay free of Node imports.

/**
 * The ledger keeps every amount as an integer number of hundredths of its currency, whatever the
 * currency (imports accept at most two decimals, `formatDecimal` divides by 100). The display
 * uses the currency's own digits: a yen ledger's 123400 shows as ¥1,234, a dinar's as KWD 1,234.000.
 * A fraction the currency does not have is still shown rather than rounded away, since money on
 * screen must never differ from money in the ledger.
 */
export const LEDGER_MINOR_DIGITS = 2;
const LEDGER_MINOR_PER_UNIT = 10 ** LEDGER_MINOR_DIGITS;

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string, locale: string | undefined): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    const digits = new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? LEDGER_MINOR_DIGITS;
    f = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: Math.max(digits, LEDGER_MINOR_DIGITS),
    });
    formatters.set(key, f);
  }
  return f;
}

/**
 * 123456 in USD → "$1,234.56" (en-US), "1.234,56 $" (de-DE); −500 → "-$5.00"; 0 → "$0.00".
 * `locale` undefined means this machine's. Throws a RangeError for a code that is not a currency.
 */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  // minor / 100 is not exact in binary, but it is the nearest double to the decimal, and for every
  // amount the ledger can hold (at most 15 significant digits) Intl rounds it back to the same cents.
  return formatter(currency, locale).format(minor / LEDGER_MINOR_PER_UNIT);
}

/** Blank-looking zero for grids and tables where zeros would drown the amounts that matter. */
export const ZERO_PLACEHOLDER = '–';

export function formatMoneyOrBlank(minor: number, currency: string, locale?: string): string {
  return minor === 0 ? ZERO_PLACEHOLDER : formatMoney(minor, currency, locale);
}

let locale: string | undefined;

/**
 * The locale this machine formats in (the backend's and, in a window, the user's). Fixed when the
 * process starts, so asked for once: building a formatter to read it costs ~80 µs, which a batch
 * of a thousand letters paid once a letter.
 */
export function machineLocale(): string {
  return (locale ??= new Intl.NumberFormat().resolvedOptions().locale);
}

/** The currency's symbol as the locale writes it ("$", "€", "CHF"), for column titles. */
export function currencySymbol(currency: string, locale?: string): string {
  return formatter(currency, locale).formatToParts(0).find((p) => p.type === 'currency')?.value ?? currency;
}
