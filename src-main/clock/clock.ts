import { localToday } from '../money/dates';

/**
 * The one clock the services of an open ledger read "now" and the clerk's today from. It is the
 * machine's clock unless pinned; pinning exists so end-to-end tests can move the main process
 * through simulated days together with the renderer (see `clock.set`, which refuses unless the
 * handlers were created with clock control, a test-only option).
 */
export class Clock {
  private fixed: Date | null = null;

  now(): Date {
    // A copy, so a caller that mutates the Date it got cannot move the pinned clock.
    return this.fixed ? new Date(this.fixed.getTime()) : new Date();
  }

  /** The clerk's date in the machine's local calendar. */
  today(): string {
    return localToday(this.now());
  }

  get pinned(): boolean {
    return this.fixed !== null;
  }

  /** Pins the clock at `fixed` (it stays there until set again), or unpins it with null. */
  set(fixed: Date | null): void {
    if (fixed && Number.isNaN(fixed.getTime())) throw new RangeError('Cannot pin the clock to an invalid date.');
    this.fixed = fixed ? new Date(fixed.getTime()) : null;
  }
}
