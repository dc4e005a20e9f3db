import { addMonths } from 'date-fns';
import type { PlanFrequency, PlanScheduleLine } from '../contract/plans';
import { addDays } from '../money/dates';

/**
 * Splits a total into `count` whole-cent instalments. The cents that do not divide evenly go on
 * the FIRST instalment, so every later one is the same amount: the customer can set up one
 * recurring payment for the rest of the plan, and the odd cents are paid while the agreement is
 * fresh rather than left to the end. The remainder is less than `count` cents.
 */
export function splitTotal(total: number, count: number): number[] {
  const each = Math.floor(total / count);
  const remainder = total - each * count;
  return Array.from({ length: count }, (_, i) => (i === 0 ? each + remainder : each));
}

/** 'YYYY-MM-DD' plus whole months; a day past the target month's end is clamped to its last day. */
export function addMonthsIso(iso: string, months: number): string {
  // Local midnight in, local calendar out: date-fns works in the machine's calendar, so reading
  // it back the same way never shifts the day.
  const d = addMonths(new Date(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))), months);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Due date of instalment `seq` (1-based). Monthly dates are each counted from the start date,
 * not from the previous instalment, so a plan starting on the 31st falls on the 31st whenever
 * the month has one (Jan 31, Feb 28, Mar 31) instead of drifting to the 28th for good.
 */
export function instalmentDueDate(startDate: string, frequency: PlanFrequency, seq: number): string {
  switch (frequency) {
    case 'weekly':
      return addDays(startDate, 7 * (seq - 1));
    case 'fortnightly':
      return addDays(startDate, 14 * (seq - 1));
    case 'monthly':
      return addMonthsIso(startDate, seq - 1);
  }
}

export function planSchedule(total: number, count: number, frequency: PlanFrequency, startDate: string): PlanScheduleLine[] {
  return splitTotal(total, count).map((amount, i) => ({ seq: i + 1, dueDate: instalmentDueDate(startDate, frequency, i + 1), amount }));
}

/** One instalment expressed per month (52 weeks or 26 fortnights to 12 months), rounded to the cent. */
export function monthlyEquivalent(amount: number, frequency: PlanFrequency): number {
  return frequency === 'weekly' ? Math.round((amount * 52) / 12) : frequency === 'fortnightly' ? Math.round((amount * 26) / 12) : amount;
}
