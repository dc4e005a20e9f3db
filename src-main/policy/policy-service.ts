import type { Database } from 'better-sqlite3';
import type { Policy, PolicyStep, PolicyStepInput } from '../contract/policy';
import { PolicySaveSchema } from '../contract/policy';
import { ServiceError } from '../contract/service-error';
import { DEFAULT_POLICY_NAME, DEFAULT_POLICY_STEPS } from './default-policy';
import type { z } from 'zod';
import { writeTransaction } from '../ledger/write-transaction';

interface StepRow {
  id: number;
  seq: number;
  name: string;
  trigger: PolicyStep['trigger'];
  days: number;
  action: PolicyStep['action'];
  template: string | null;
  customer_kind: PolicyStep['customerKind'];
  profiles: string | null;
  min_amount: number | null;
  channel: PolicyStep['channel'];
  cc_roles: string | null;
  active: number;
}

export function readPolicy(db: Database): Policy {
  const name = (db.prepare(`SELECT value FROM ledger_setting WHERE key = 'policy_name'`).pluck().get() as string | undefined) ?? DEFAULT_POLICY_NAME;
  const rows = db.prepare('SELECT * FROM policy_step ORDER BY seq, id').all() as StepRow[];
  return {
    name,
    steps: rows.map((r) => ({
      id: r.id,
      seq: r.seq,
      name: r.name,
      trigger: r.trigger,
      days: r.days,
      action: r.action,
      template: r.template,
      customerKind: r.customer_kind,
      profiles: r.profiles ? (JSON.parse(r.profiles) as PolicyStep['profiles']) : null,
      minAmount: r.min_amount,
      channel: r.channel,
      ccRoles: r.cc_roles ? (JSON.parse(r.cc_roles) as PolicyStep['ccRoles']) : null,
      active: r.active === 1,
    })),
  };
}

/**
 * A new ledger gets the default policy once. The flag, not an empty table, decides: a business
 * that deletes every step has chosen to have none.
 */
export function seedDefaultPolicy(db: Database): void {
  if (db.prepare(`SELECT 1 FROM ledger_setting WHERE key = 'policy_seeded'`).get()) return;
  writeTransaction(db, () => {
    writeSteps(db, DEFAULT_POLICY_NAME, DEFAULT_POLICY_STEPS.map((s) => PolicySaveSchema.shape.steps.element.parse(s)));
    db.prepare(`INSERT INTO ledger_setting (key, value) VALUES ('policy_seeded', '1')`).run();
  })();
}

export function resetToDefaultPolicy(db: Database): Policy {
  writeTransaction(db, () => {
    writeSteps(db, DEFAULT_POLICY_NAME, DEFAULT_POLICY_STEPS.map((s) => PolicySaveSchema.shape.steps.element.parse(s)));
  })();
  return readPolicy(db);
}

/** Saves the whole ordered policy: existing steps keep their ids (so their tasks are not made again). */
export function savePolicy(db: Database, x: z.output<typeof PolicySaveSchema>): Policy {
  writeTransaction(db, () => {
    const known = new Set(db.prepare('SELECT id FROM policy_step').pluck().all() as number[]);
    x.steps.forEach((s, i) => {
      if (s.id !== undefined && !known.has(s.id)) {
        throw new ServiceError('validation', `Step ${i + 1} refers to a step that no longer exists; reload the policy.`, { [`steps.${i}.id`]: 'Unknown step' });
      }
    });
    writeSteps(db, x.name, withKnownTemplates(db, x.steps));
  })();
  return readPolicy(db);
}

const LETTER_STEP_ACTIONS = new Set(['letter', 'certified_letter', 'escalate_principal']);

/**
 * A letter step must name a template that exists, or its tasks could never be printed (a typo
 * like "Certified final demnd" used to be saved and only found on the day). Names are matched
 * ignoring case and stored as the template spells them.
 */
function withKnownTemplates(db: Database, steps: z.output<typeof PolicySaveSchema>['steps']): z.output<typeof PolicySaveSchema>['steps'] {
  const find = db.prepare('SELECT name FROM letter_template WHERE name = ? COLLATE NOCASE').pluck();
  return steps.map((s, i) => {
    if (!LETTER_STEP_ACTIONS.has(s.action) || s.template === null) return s;
    const name = find.get(s.template) as string | undefined;
    if (name === undefined) {
      throw new ServiceError('validation', `Step ${i + 1} (“${s.name}”) names the letter template “${s.template}”, which does not exist: choose one of the templates.`, {
        [`steps.${i}.template`]: `No template is called “${s.template}”`,
      });
    }
    return { ...s, template: name };
  });
}

function writeSteps(db: Database, name: string, steps: ReturnType<typeof PolicySaveSchema.shape.steps.element.parse>[]): void {
  const keep = steps.filter((s) => s.id !== undefined).map((s) => s.id!);
  // Tasks outlive the step that made them (their reason text was written when they were made).
  db.prepare(`UPDATE task SET step_id = NULL WHERE step_id IS NOT NULL AND step_id NOT IN (SELECT value FROM json_each(?))`).run(JSON.stringify(keep));
  db.prepare(`DELETE FROM policy_step WHERE id NOT IN (SELECT value FROM json_each(?))`).run(JSON.stringify(keep));
  const update = db.prepare(
    `UPDATE policy_step SET seq = @seq, name = @name, trigger = @trigger, days = @days, action = @action, template = @template,
            customer_kind = @customerKind, profiles = @profiles, min_amount = @minAmount, channel = @channel, cc_roles = @ccRoles, active = @active WHERE id = @id`,
  );
  const insert = db.prepare(
    `INSERT INTO policy_step (seq, name, trigger, days, action, template, customer_kind, profiles, min_amount, channel, cc_roles, active)
     VALUES (@seq, @name, @trigger, @days, @action, @template, @customerKind, @profiles, @minAmount, @channel, @ccRoles, @active)`,
  );
  steps.forEach((s, i) => {
    const row = {
      seq: i + 1,
      name: s.name,
      trigger: s.trigger,
      days: s.days,
      action: s.action,
      template: s.template,
      customerKind: s.customerKind,
      profiles: s.profiles ? JSON.stringify(s.profiles) : null,
      minAmount: s.minAmount,
      channel: s.channel,
      ccRoles: s.ccRoles ? JSON.stringify(s.ccRoles) : null,
      active: s.active ? 1 : 0,
    };
    if (s.id !== undefined) update.run({ ...row, id: s.id });
    else insert.run(row);
  });
  db.prepare(`INSERT INTO ledger_setting (key, value) VALUES ('policy_name', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(name);
}

export type { PolicyStepInput };
