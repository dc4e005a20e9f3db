import type { Database } from 'better-sqlite3';

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
              || '|' || ${policyConfigSql([])}`,
    )
    .pluck()
    .get() as string;
}

/** How many runs the ledger has had, so a reader sees a run even when it left the same stamp (a forced run, a run after an Undo). */
const RUNS_KEY = 'policy_runs';

/** Where each run records the high-water marks it read (policy/policy-scope.ts), left out of every stamp. */
export const RUN_MARKS_KEY = 'policy_last_marks';

/**
 * The settings and the policy's steps, as one SQL string expression: what a run's result depends
 * on besides the entries. The run's own bookkeeping is left out, and so are `alsoLeftOut` keys.
 */
export function policyConfigSql(alsoLeftOut: string[]): string {
  const leftOut = ['policy_last_run', RUNS_KEY, RUN_MARKS_KEY, ...alsoLeftOut].map((k) => `'${k}'`).join(', ');
  return `(SELECT coalesce(group_concat(key || '=' || value), '') FROM ledger_setting WHERE key NOT IN (${leftOut}))
              || '|' || (SELECT coalesce(group_concat(id || ',' || seq || ',' || trigger || ',' || days || ',' || action || ',' || active || ','
                                  || coalesce(customer_kind, '') || ',' || coalesce(profiles, '') || ',' || coalesce(min_amount, '')), '') FROM policy_step)`;
}

export function lastPolicyRun(db: Database): string | undefined {
  return db.prepare(`SELECT value FROM ledger_setting WHERE key = 'policy_last_run'`).pluck().get() as string | undefined;
}

export function rememberPolicyRun(db: Database, key: string): void {
  db.prepare(`INSERT INTO ledger_setting (key, value) VALUES ('policy_last_run', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(key);
  db.prepare(`INSERT INTO ledger_setting (key, value) VALUES (?, '1') ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`).run(RUNS_KEY);
}

/**
 * Moves with every policy run, even one that ends at the stamp the last left: a run rewrites open
 * tasks' figures (a task an Undo reopened is brought up to date), which a kept worklist must see.
 */
export function policyRunMark(db: Database): string {
  return db
    .prepare(
      `SELECT coalesce((SELECT value FROM ledger_setting WHERE key = 'policy_last_run'), '') || '#' || coalesce((SELECT value FROM ledger_setting WHERE key = @runs), '')`,
    )
    .pluck()
    .get({ runs: RUNS_KEY }) as string;
}
