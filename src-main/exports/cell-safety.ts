/**
 * CSV injection (OWASP): a spreadsheet opening an export reads a cell starting with =, +, - or @
 * as a formula, and some strip a leading tab or carriage return first; a customer named
 * `=HYPERLINK("http://…")` must show as text, never run. Such text gets a leading apostrophe.
 *
 * Only text goes through here (names, codes, notes, labels). Amounts are numbers in a workbook and
 * plain decimals in CSV, and stay as they are, so a credit of -12.50 still sums. Every export
 * (CSV and XLSX) uses this one rule.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function safeText(value: string): string;
export function safeText(value: string | null): string | null;
export function safeText(value: string | null): string | null {
  return value !== null && FORMULA_START.test(value) ? `'${value}` : value;
}
