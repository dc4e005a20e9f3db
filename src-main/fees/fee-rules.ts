import type { Database } from 'better-sqlite3';
import { FeeRulesSchema, type FeeRules } from '../contract/fees';

const KEY = 'fee_rules';

/** Until a business sets its own rules, nothing is charged. */
export const DEFAULT_FEE_RULES: FeeRules = {
  lateFee: null,
  interest: null,
  graceDays: 10,
  capBasisPoints: null,
  applyToConsumers: false,
};

/**
 * The ledger's fee rules (JSON in ledger_setting). Text that no longer passes the schema reads
 * as the defaults, which charge nothing: a damaged setting must never charge a customer.
 */
export function readFeeRules(db: Database): FeeRules {
  const text = db.prepare('SELECT value FROM ledger_setting WHERE key = ?').pluck().get(KEY) as string | undefined;
  if (text === undefined) return { ...DEFAULT_FEE_RULES };
  try {
    const parsed = FeeRulesSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : { ...DEFAULT_FEE_RULES };
  } catch {
    return { ...DEFAULT_FEE_RULES };
  }
}

export function writeFeeRules(db: Database, rules: FeeRules): FeeRules {
  db.prepare('INSERT INTO ledger_setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    KEY,
    JSON.stringify(rules),
  );
  return readFeeRules(db);
}
