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
