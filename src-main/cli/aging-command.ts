import { agingCsv, agingJson, agingTable } from '../aging/aging-format';
import { agingReport, type AgingBasis } from '../aging/aging-report';
import { DEFAULT_BUCKET_LIMITS, parseBucketLimits } from '../aging/buckets';
import { Ledger } from '../ledger/ledger';
import { isIsoDate, localToday } from '../money/dates';
import { CliError } from './cli-error';

export interface AgingArgs {
  asOf?: string;
  basis?: string;
  buckets?: string;
  format?: string;
}

export async function runAging(ledgerPath: string, args: AgingArgs): Promise<number> {
  const asOf = args.asOf ?? localToday();
  if (!isIsoDate(asOf)) throw new CliError(`--as-of must be a date like 2026-03-31, not "${asOf}"`);
  const basis = (args.basis ?? 'due') as AgingBasis;
  if (basis !== 'due' && basis !== 'issue') throw new CliError(`--basis must be due or issue, not "${args.basis}"`);
  let limits = DEFAULT_BUCKET_LIMITS;
  try {
    if (args.buckets !== undefined) limits = parseBucketLimits(args.buckets);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const format = args.format ?? 'table';
  if (!['json', 'csv', 'table'].includes(format)) throw new CliError(`--format must be json, csv or table, not "${format}"`);

  const ledger = await Ledger.open(ledgerPath);
  try {
    const started = process.hrtime.bigint();
    const report = agingReport(ledger.db, { asOf, basis, limits });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (process.env.SETTLE_TIMING) console.error(`timing aging_ms=${ms.toFixed(1)}`);
    process.stdout.write(format === 'json' ? JSON.stringify(agingJson(report)) + '\n' : format === 'csv' ? agingCsv(report) : agingTable(report));
    return 0;
  } finally {
    await ledger.close();
  }
}
