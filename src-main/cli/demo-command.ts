import type { DemoOptions } from '../demo/generator';
import { loadDemo } from '../demo/load-demo';
import { Ledger } from '../ledger/ledger';
import { localToday } from '../money/dates';
import { CliError } from './cli-error';
import { ServiceError } from '../contract/service-error';

function positiveInt(name: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) throw new CliError(`--${name} must be a whole number from 1 to ${max}, not "${text}"`);
  return Number(text);
}

/**
 * A realistic synthetic ledger in a new file, built through the same CSV import a user runs,
 * so demos and benchmarks exercise the real write path.
 */
export async function runDemo(ledgerPath: string, args: { customers?: string; seed?: string; today?: string }): Promise<number> {
  const options: DemoOptions = {
    customers: positiveInt('customers', args.customers, 200, 1_000_000),
    seed: positiveInt('seed', args.seed, 1, 2 ** 31 - 1),
    today: args.today ?? localToday(),
  };
  const ledger = await Ledger.open(ledgerPath);
  try {
    // loadDemo is the one judge of "empty"; its refusal is a usage mistake here (exit 2).
    const c = await loadDemo(ledger.db, options).catch((err: unknown) => {
      if (err instanceof ServiceError && err.code === 'conflict') throw new CliError(`${ledger.path} already holds data; settle demo only fills a new, empty ledger`);
      throw err;
    });
    console.log(`Demo ledger ${ledger.path}: ${c.customers} customers, ${c.invoices} invoices, ${c.payments} payments, ${c.credits} credit notes (seed ${options.seed}).`);
    return 0;
  } finally {
    await ledger.close();
  }
}
