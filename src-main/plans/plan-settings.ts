import type { Database } from 'better-sqlite3';
import { ledgerMoney } from '../money/ledger-money';

export const DEFAULT_PLAN_MAX_MONTHS = 12;
export const DEFAULT_PLAN_MIN_INSTALMENT = 5_000;

function setting(db: Database, key: string): string | undefined {
  return db.prepare('SELECT value FROM ledger_setting WHERE key = ?').pluck().get(key) as string | undefined;
}

function numberSetting(db: Database, key: string, fallback: number): number {
  const raw = setting(db, key);
  const v = Number(raw);
  return raw === undefined || raw.trim() === '' || !Number.isFinite(v) ? fallback : v;
}

/** The limits a plan must keep unless the clerk overrides them with a reason. */
export function planLimits(db: Database): { maxMonths: number; minInstalment: number } {
  return {
    maxMonths: numberSetting(db, 'plan_max_months', DEFAULT_PLAN_MAX_MONTHS),
    minInstalment: numberSetting(db, 'plan_min_instalment', DEFAULT_PLAN_MIN_INSTALMENT),
  };
}

export function companyName(db: Database): string {
  return setting(db, 'company_name')?.trim() || 'Our company';
}

/** Money for people, in the ledger's currency: the one shared formatter ("$1,234.56"). */
export function moneyFormatter(db: Database): (minor: number) => string {
  return ledgerMoney(db);
}
