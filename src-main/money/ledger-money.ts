import type { Database } from 'better-sqlite3';
import { prepared } from '../ledger/prepared';
import { formatMoney, machineLocale } from './money-format';

/** How this ledger writes money for people: its currency, in this machine's locale. */
export interface MoneyStyle {
  currency: string;
  locale: string;
}

/** The ledger's currency code (ISO 4217), set when the ledger is made. */
export function ledgerCurrency(db: Database): string {
  return (prepared(db, `SELECT value FROM ledger_setting WHERE key = 'currency'`).pluck().get() as string | undefined) ?? 'USD';
}

export function ledgerMoneyStyle(db: Database): MoneyStyle {
  const currency = ledgerCurrency(db);
  // Letters are printed by the backend and screens drawn by the window on the same machine; the
  // window is told this locale (app.info) so a letter and the card print an amount identically.
  return { currency, locale: machineLocale() };
}

/**
 * formatMoney bound to the ledger's currency and locale: the one way the backend writes an amount
 * into a sentence (task reasons, fee explanations, timeline notes, field errors, letters), so it
 * reads "$300,000.00 is 30 days late" just as the screen beside it shows "$300,000.00".
 */
export function ledgerMoney(db: Database): (minor: number) => string {
  const { currency, locale } = ledgerMoneyStyle(db);
  return (minor) => formatMoney(minor, currency, locale);
}
