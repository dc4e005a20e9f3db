import type { Database } from 'better-sqlite3';
import { RUN_MARKS_KEY } from './policy-scope';

/**
 * A fingerprint of everything the policy reads, cheap enough to take on every worklist request,
 * and stored in the ledger so a restart on the same day does not run the policy again (on a
 * million-invoice ledger a run takes a couple of seconds on the one main-process thread).
 * New rows show in sqlite_sequence (every table is AUTOINCREMENT); the changes that are updates
 * rather than inserts either also write a row (status, profile, dispute steps and plan steps all
 * write to the timeline or a log) or live in the small tables read whole here. The policy's own
 * tasks and the clerk's work log are left out: the clerk's decisions never change what it makes.
 */
export function policyInputsStamp(db: Database): string {
  return db
    .prepare(
      `SELECT (SELECT group_concat(name || '=' || seq) FROM sqlite_sequence WHERE name NOT IN ('task', 'work_action'))
              || '|' || (SELECT coalesce(max(updated_at), '') FROM customer)
              || '|' || (SELECT coalesce(group_concat(key || '=' || value), '') FROM ledger_setting WHERE key NOT IN ('policy_last_run', '${RUN_MARKS_KEY}'))
              || '|' || (SELECT coalesce(group_concat(id || ',' || seq || ',' || trigger || ',' || days || ',' || action || ',' || active || ','
                                  || coalesce(customer_kind, '') || ',' || coalesce(profiles, '') || ',' || coalesce(min_amount, '')), '') FROM policy_step)`,
    )
    .pluck()
    .get() as string;
}

export function lastPolicyRun(db: Database): string | undefined {
  return db.prepare(`SELECT value FROM ledger_setting WHERE key = 'policy_last_run'`).pluck().get() as string | undefined;
}

export function rememberPolicyRun(db: Database, key: string): void {
  db.prepare(`INSERT INTO ledger_setting (key, value) VALUES ('policy_last_run', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(key);
}
