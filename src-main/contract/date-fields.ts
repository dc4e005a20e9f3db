import { z } from 'zod';
import { isIsoDate, isLocalDateTime } from '../money/dates';

// The contract's only date and date-time fields. Every method that takes one refuses a day or a
// time that does not exist (2026-02-30, T25:00) before anything is read or written.

/** A calendar date, YYYY-MM-DD, that exists: "<label> must be a real date like 2026-03-31". */
export function isoDate(label: string) {
  const message = `${label} must be a real date like 2026-03-31`;
  return z.string({ error: `${label} is required` }).max(10, { error: message, abort: true }).refine(isIsoDate, message);
}

/** A local date and time to the minute, YYYY-MM-DDTHH:MM, as the clerk's clock shows it, that exists. */
export function localDateTime(label: string) {
  const message = `${label} must be a real date and time like 2026-03-31T14:05`;
  return z.string({ error: `${label} is required` }).max(16, { error: message, abort: true }).refine(isLocalDateTime, message);
}
