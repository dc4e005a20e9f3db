import fs from 'node:fs';
import { ledgerCurrency } from '../money/ledger-money';
import { Ledger } from '../ledger/ledger';
import { saveLetterSettings } from '../letters/letter-context';
import { writeTransaction } from '../ledger/write-transaction';
import { CliError } from './cli-error';

/**
 * The ledger keeps amounts in hundredths of its currency (see money/amounts.ts), so only
 * currencies with two minor digits can be kept exactly; others are refused, not rounded.
 */
export function checkCurrency(code: string): string {
  const upper = code.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(upper)) throw new CliError(`--currency must be a three-letter ISO 4217 code such as USD or EUR, not "${code}"`);
  const known = Intl.supportedValuesOf('currency');
  if (!known.includes(upper)) throw new CliError(`--currency ${upper} is not a currency this system knows`);
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency: upper }).resolvedOptions().maximumFractionDigits;
  if (digits !== 2) throw new CliError(`--currency ${upper} has ${digits} decimal places; Settle keeps amounts in hundredths, so it supports currencies with two`);
  return upper;
}

/** `settle init FILE`: a new, empty ledger, made on purpose. An existing file is never touched. */
export async function runInit(ledgerPath: string, opts: { company?: string; currency?: string }): Promise<number> {
  if (fs.existsSync(ledgerPath)) throw new CliError(`${ledgerPath} already exists; settle init only makes a new ledger`);
  const currency = opts.currency === undefined ? null : checkCurrency(opts.currency);
  const company = opts.company?.trim();
  if (opts.company !== undefined && (!company || company.length > 120)) throw new CliError('--company must be the company name letters are signed with (1 to 120 characters)');
  const ledger = await Ledger.open(ledgerPath);
  try {
    writeTransaction(ledger.db, () => {
      if (currency) ledger.db.prepare(`UPDATE ledger_setting SET value = ? WHERE key = 'currency'`).run(currency);
      if (company) saveLetterSettings(ledger.db, { companyName: company });
    })();
    const shown = ledgerCurrency(ledger.db);
    console.log(`New ledger ${ledger.path} (${shown}${company ? `, ${company}` : ''}). Next: settle import customers FILE.csv --ledger ${ledger.path}, or open it with settle web.`);
    return 0;
  } finally {
    await ledger.close();
  }
}
