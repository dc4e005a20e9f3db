import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { LedgerCreateSchema, LedgerEntry } from '../contract/ledgers';
import { ServiceError } from '../contract/service-error';
import { Ledger } from '../ledger/ledger';
import { writeTransaction } from '../ledger/write-transaction';
import { saveLetterSettings } from '../letters/letter-context';
import { ledgerCurrency } from '../money/ledger-money';
import type { LedgerList } from './ledger-list';

/**
 * The ledger keeps amounts in hundredths of its currency (see money/amounts.ts), so only
 * currencies with two minor digits can be kept exactly; others are refused, not rounded.
 * Returns the code in capitals, or why it cannot be a ledger's currency.
 */
export function ledgerCurrencyCode(code: string): { code: string } | { problem: string } {
  const upper = code.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(upper)) return { problem: `must be a three-letter ISO 4217 code such as USD or EUR, not "${code}"` };
  if (!Intl.supportedValuesOf('currency').includes(upper)) return { problem: `${upper} is not a currency this system knows` };
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency: upper }).resolvedOptions().maximumFractionDigits;
  if (digits !== 2) return { problem: `${upper} has ${digits} decimal places; Settle keeps amounts in hundredths, so it supports currencies with two` };
  return { code: upper };
}

export interface MadeLedger {
  path: string;
  currency: string;
  company: string;
}

/**
 * A new, empty ledger file, made on purpose (`settle init`, the Ledgers screen): its currency,
 * and the company its letters are signed with. The caller has checked the inputs and that no
 * file is there.
 */
export async function makeLedger(file: string, opts: { currency: string | null; company: string | null }): Promise<MadeLedger> {
  const ledger = await Ledger.open(file);
  try {
    writeTransaction(ledger.db, () => {
      if (opts.currency) ledger.db.prepare(`UPDATE ledger_setting SET value = ? WHERE key = 'currency'`).run(opts.currency);
      if (opts.company) saveLetterSettings(ledger.db, { companyName: opts.company });
    })();
    return { path: ledger.path, currency: ledgerCurrency(ledger.db), company: opts.company ?? '' };
  } finally {
    await ledger.close();
  }
}

/** A client's ledger from the Ledgers screen: made, its letterhead named after the company, and put in the list. */
export async function createClientLedger(list: LedgerList, x: z.output<typeof LedgerCreateSchema>): Promise<LedgerEntry> {
  const file = path.resolve(x.path);
  if (fs.existsSync(file)) throw new ServiceError('conflict', `${file} already exists; choose a new file for the new ledger, or open the existing one.`, { path: 'A file is already there' });
  const currency = ledgerCurrencyCode(x.currency);
  if ('problem' in currency) throw new ServiceError('validation', `The currency ${currency.problem}.`, { currency: currency.problem });
  const name = x.name ?? x.company;
  // Checked before the file is made, so a refused name leaves nothing behind.
  const clash = list.find(name);
  if (clash) throw new ServiceError('conflict', `Another ledger in the list is already called “${clash.name}” (${clash.path}): choose another name.`, { name: 'Name taken' });
  await makeLedger(file, { currency: currency.code, company: x.company });
  return list.add(file, name);
}
