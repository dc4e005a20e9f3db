import type { Handlers } from '../contract';
import { localToday } from '../money/dates';

/**
 * Computes today's aging report once Settle has started, so the clerk's first visit to the
 * aging grid is served from the cache (a large ledger takes a few hundred milliseconds). It runs
 * after the window or the browser bridge is up, and a failure only means a cold first visit.
 */
export function warmUp(handlers: Handlers): void {
  setTimeout(() => {
    handlers['aging.page']({
      asOf: localToday(),
      basis: 'due',
      limits: [30, 60, 90, 120],
      search: '',
      sort: { field: 'customerCode', direction: 'asc' },
      offset: 0,
      limit: 100,
    }).catch(() => undefined);
  }, 50);
}
