import Box from '@mui/material/Box';
import { eachMonthOfInterval, startOfMonth, subMonths } from 'date-fns';
import { DateField } from '../../app/DateField';
import { fromIsoDate, toIsoDate } from '../../lib/dates';

/** From and To of a report's period; an empty or half-typed date leaves the last good one. */
export function PeriodFields({ from, to, onChange }: { from: string; to: string; onChange(next: { from: string; to: string }): void }) {
  const error = from && to && from > to ? 'From must be on or before To' : undefined;
  return (
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
      <DateField label="From" value={from} onChange={(v) => v && onChange({ from: v, to })} width={170} error={error} />
      <DateField label="To" value={to} onChange={(v) => v && onChange({ from, to: v })} width={170} />
    </Box>
  );
}

/** The first day of a date's month, some months back (0: its own month). */
export function monthStart(iso: string, monthsBack = 0): string {
  return toIsoDate(startOfMonth(subMonths(fromIsoDate(iso), monthsBack)));
}

/** The months from one date's to another's, as 'YYYY-MM', for charts that show every month. */
export function monthsOf(from: string, to: string): string[] {
  return eachMonthOfInterval({ start: fromIsoDate(from), end: fromIsoDate(to) }).map((d) => toIsoDate(d).slice(0, 7));
}
