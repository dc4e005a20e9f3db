import { z } from 'zod';
import { isoDate } from './date-fields';

/** Fills a new, empty ledger with demo customers, invoices, payments and a morning's calls. */
export const DemoLoadSchema = z.strictObject({
  /** The clerk's today: nothing in the demo is dated after it. */
  today: isoDate('Today'),
});

export interface DemoLoaded {
  customers: number;
  invoices: number;
  payments: number;
  credits: number;
}
