import type { Handlers } from '../contract';
import { noJob } from '../jobs/job-context';

/**
 * Computes today's aging report once Settle has started, so the clerk's first visit to the
 * aging grid is served from the cache (a large ledger takes a few hundred milliseconds). It runs
 * after the window or the browser bridge is up, and a failure only means a cold first visit.
 */
export function warmUp(handlers: Handlers): void {
  const warm = async () => {
    // The services' clock rather than the machine's, so the cache is for the day they work in.
    const { today } = await handlers['clock.get']({}, noJob);
    await handlers['aging.page']({
      asOf: today,
      basis: 'due',
      limits: [30, 60, 90, 120],
      search: '',
      sort: { field: 'customerCode', direction: 'asc' },
      offset: 0,
      limit: 100,
    }, noJob);
  };
  setTimeout(() => void warm().catch(() => undefined), 50);
}
