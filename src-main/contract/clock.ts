import { z } from 'zod';

// The main process's clock, for end-to-end tests that simulate days. Reading it is harmless;
// setting it is refused unless Settle was started with clock control (SETTLE_CLOCK_CONTROL=1).

export const ClockSetSchema = z.strictObject({
  /** The instant to pin the clock at, with its offset (2026-03-13T09:00:00Z); null unpins it. */
  now: z.iso.datetime({ offset: true, error: 'Use an ISO date and time with its offset, like 2026-03-13T09:00:00Z' }).nullable(),
});

export interface ClockState {
  /** ISO 8601 instant (UTC). */
  now: string;
  /** The clerk's date, YYYY-MM-DD, in the machine's local calendar. */
  today: string;
  pinned: boolean;
}
