import fs from 'node:fs';
import { ledgerCurrencyCode, makeLedger } from '../ledgers/new-ledger';
import { CliError } from './cli-error';

/** `settle init FILE`: a new, empty ledger, made on purpose. An existing file is never touched. */
export async function runInit(ledgerPath: string, opts: { company?: string; currency?: string }): Promise<number> {
  if (fs.existsSync(ledgerPath)) throw new CliError(`${ledgerPath} already exists; settle init only makes a new ledger`);
  let currency: string | null = null;
  if (opts.currency !== undefined) {
    const checked = ledgerCurrencyCode(opts.currency);
    if ('problem' in checked) throw new CliError(`--currency ${checked.problem}`);
    currency = checked.code;
  }
  const company = opts.company?.trim();
  if (opts.company !== undefined && (!company || company.length > 120)) throw new CliError('--company must be the company name letters are signed with (1 to 120 characters)');
  const made = await makeLedger(ledgerPath, { currency, company: company || null });
  console.log(`New ledger ${made.path} (${made.currency}${company ? `, ${company}` : ''}). Next: settle import customers FILE.csv --ledger ${made.path}, or open it with settle web.`);
  return 0;
}
