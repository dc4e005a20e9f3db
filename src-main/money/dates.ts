// Calendar dates as 'YYYY-MM-DD' text: they sort as text, store as text and need no time zone.
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True for a real calendar date (2026-02-30 is not). */
export function isIsoDate(text: string): boolean {
  const m = DATE_RE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** True for a real local date and time to the minute, 'YYYY-MM-DDTHH:MM' (T25:00 and 2026-02-30T10:00 are not). */
export function isLocalDateTime(text: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(text);
  return m !== null && isIsoDate(m[1]) && Number(m[2]) <= 23 && Number(m[3]) <= 59;
}

/** Days since 1970-01-01 for a valid ISO date. */
export function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY;
}

export function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(dayNumber(iso) + days);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}

/** Today in the local calendar of the machine, which is the clerk's calendar. */
export function localToday(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Local date and time to the minute, 'YYYY-MM-DDTHH:MM': the form the timeline records. */
export function localDateTime(now: Date = new Date()): string {
  return `${localToday(now)}T${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`;
}
