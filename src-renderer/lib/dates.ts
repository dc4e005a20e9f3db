import { format, isValid, parseISO } from 'date-fns';

/** Local calendar date as 'YYYY-MM-DD', the ledger's date form. */
export function toIsoDate(d: Date): string {
  return format(d, 'yyyy-MM-dd');
}

export function fromIsoDate(s: string): Date {
  return parseISO(s);
}

export function isValidDate(d: Date | null): d is Date {
  return d !== null && isValid(d);
}

// Dates for people: one Intl formatter in the user's locale for every date a screen shows, and one
// reader for what they type, which takes the ledger's own ISO form as well as the locale's.

/** The user's locale (the browser's or the window's). */
export function userLocale(): string | undefined {
  // Through globalThis: this module is also run by the unit tests in Node, which has no navigator.
  return (globalThis as { navigator?: { language?: string } }).navigator?.language || undefined;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(style: 'medium' | 'medium-time'): Intl.DateTimeFormat {
  const locale = userLocale();
  const key = `${locale ?? ''}|${style}`;
  let f = dateFormats.get(key);
  if (!f) {
    // UTC on both sides: a ledger date is a calendar day, never shifted by the machine's time zone.
    f = new Intl.DateTimeFormat(locale, style === 'medium' ? { dateStyle: 'medium', timeZone: 'UTC' } : { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
    dateFormats.set(key, f);
  }
  return f;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;

/** '2026-12-08' → "Dec 8, 2026" (en-US), "8 Dec 2026" (en-GB), "08.12.2026" (de-DE). Anything else is shown as it is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = ISO_DATE.exec(iso);
  return m ? dateFormat('medium').format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : iso;
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/** A report's month ('2026-11', or any date in it) → "Nov 2026" in the clerk's locale. */
export function formatMonth(month: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(month);
  if (!m) return month;
  const locale = userLocale();
  let f = monthFormats.get(locale ?? '');
  if (!f) monthFormats.set(locale ?? '', (f = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' })));
  return f.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
}

/** A local date and time as the timeline records it ('2026-12-08T14:05') → "Dec 8, 2026, 2:05 PM". */
export function formatDateTime(local: string | null | undefined): string {
  if (!local) return '';
  const m = ISO_DATE_TIME.exec(local);
  if (!m) return formatDate(local);
  return dateFormat('medium-time').format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])));
}

function isoOf(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return null;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The order the user's locale writes day, month and year in numbers (en-US: month, day, year). */
const orders = new Map<string, ('day' | 'month' | 'year')[]>();
const months = new Map<string, Map<string, number>>();

function numericOrder(): ('day' | 'month' | 'year')[] {
  const key = userLocale() ?? '';
  let order = orders.get(key);
  if (!order) orders.set(key, (order = readNumericOrder()));
  return order;
}

function readNumericOrder(): ('day' | 'month' | 'year')[] {
  return new Intl.DateTimeFormat(userLocale(), { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' })
    .formatToParts(Date.UTC(2026, 11, 8))
    .map((p) => p.type)
    .filter((t): t is 'day' | 'month' | 'year' => t === 'day' || t === 'month' || t === 'year');
}

/** Month names in the user's locale and in English, long and short, lower case without dots → month number. */
function monthNames(): Map<string, number> {
  const key = userLocale() ?? '';
  let names = months.get(key);
  if (!names) months.set(key, (names = readMonthNames()));
  return names;
}

function readMonthNames(): Map<string, number> {
  const names = new Map<string, number>();
  for (const locale of [userLocale(), 'en']) {
    for (const month of ['long', 'short'] as const) {
      const f = new Intl.DateTimeFormat(locale, { month, timeZone: 'UTC' });
      for (let i = 0; i < 12; i++) names.set(f.format(Date.UTC(2026, i, 15)).toLowerCase().replace(/\./g, ''), i + 1);
    }
  }
  return names;
}

export const DATE_INPUT_HINT = 'Enter a date such as 2026-12-08';

/**
 * What a person typed into a date field, as a ledger date: '2026-12-08' (the ledger's own form,
 * whatever the locale), the locale's numbers (12/8/2026 in en-US, 8/12/2026 in en-GB, 8.12.2026
 * in de-DE) or words ("Dec 8, 2026", "8 December 2026"). Years have four digits, so nothing is
 * guessed; a day that does not exist (2026-02-30) is an error, not the next month.
 */
export function parseDateInput(text: string): { ok: true; value: string | null } | { ok: false; message: string } {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  const bad = { ok: false as const, message: DATE_INPUT_HINT };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (iso) {
    const v = isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return v ? { ok: true, value: v } : bad;
  }
  const numbers = /^(\d{1,4})[./\-\s]+(\d{1,4})[./\-\s]+(\d{1,4})\.?$/.exec(t);
  if (numbers) {
    const order = numericOrder();
    const parts: Record<string, string> = {};
    order.forEach((k, i) => (parts[k] = numbers[i + 1]));
    if (parts.year?.length !== 4) return bad;
    const v = isoOf(Number(parts.year), Number(parts.month), Number(parts.day));
    return v ? { ok: true, value: v } : bad;
  }
  const tokens = t.toLowerCase().replace(/\./g, ' ').split(/[\s,/-]+/).filter(Boolean);
  if (tokens.length === 3) {
    const names = monthNames();
    const month = tokens.map((x) => names.get(x)).find((x) => x !== undefined);
    const nums = tokens.filter((x) => /^\d+$/.test(x));
    const year = nums.find((x) => x.length === 4);
    const day = nums.find((x) => x !== year);
    if (month !== undefined && year && day && nums.length === 2) {
      const v = isoOf(Number(year), month, Number(day));
      return v ? { ok: true, value: v } : bad;
    }
  }
  return bad;
}
