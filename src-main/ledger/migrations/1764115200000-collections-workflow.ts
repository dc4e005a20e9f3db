import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The guided collections process: the escalation policy and the tasks it generates, payment
 * plans, late-fee and interest charges, write-off approval and recoveries, profile changes.
 * See docs/ledger-schema.md ("Collections workflow").
 */
export class CollectionsWorkflow1764115200000 implements MigrationInterface {
  name = 'CollectionsWorkflow1764115200000';

  async up(q: QueryRunner): Promise<void> {
    // The ordered, editable escalation policy. A step fires either at a number of days from an
    // item's due date (negative = before it) or on an event, `days` after the event.
    await q.query(`
      CREATE TABLE policy_step (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        seq INTEGER NOT NULL,
        name TEXT NOT NULL,
        trigger TEXT NOT NULL CHECK (trigger IN ('days_from_due', 'delivery', 'promise_broken', 'instalment_missed', 'dispute_resolved')),
        days INTEGER NOT NULL DEFAULT 0 CHECK (days BETWEEN -90 AND 730),
        action TEXT NOT NULL CHECK (action IN ('call', 'delivery_check', 'letter', 'certified_letter', 'escalate_principal',
                                               'credit_hold', 'cod_terms', 'prepay_terms', 'late_fees', 'agency', 'write_off_review')),
        template TEXT,
        customer_kind TEXT CHECK (customer_kind IN ('business', 'consumer')),
        profiles TEXT,
        min_amount INTEGER CHECK (min_amount IS NULL OR min_amount >= 0),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
      ) STRICT`);

    // What the policy asked for. dedupe_key makes a run idempotent: one task per step and
    // occasion (the item, promise, instalment or dispute that caused it). reason is written
    // when the task is made, so editing the policy later does not rewrite history.
    await q.query(`
      CREATE TABLE task (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        step_id INTEGER REFERENCES policy_step (id) ON DELETE SET NULL,
        dedupe_key TEXT NOT NULL UNIQUE,
        action TEXT NOT NULL,
        template TEXT,
        due_date TEXT NOT NULL,
        reason TEXT NOT NULL,
        strategy TEXT,
        amount INTEGER,
        invoice_id INTEGER REFERENCES invoice (id),
        promise_id INTEGER REFERENCES promise (id),
        plan_instalment_id INTEGER,
        dispute_id INTEGER REFERENCES dispute (id),
        created_on TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'skipped', 'superseded', 'resolved')),
        closed_on TEXT,
        closed_note TEXT
      ) STRICT`);
    await q.query(`CREATE INDEX task_open_ix ON task (status, due_date) WHERE status = 'open'`);
    await q.query(`CREATE INDEX task_customer_ix ON task (customer_id, id)`);

    // The work log gains tasks, skip and override (the clerk does something else than the step said).
    await q.query(`
      CREATE TABLE work_action_v2 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source_kind TEXT NOT NULL CHECK (source_kind IN ('follow_up', 'promise', 'task')),
        source_id INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('done', 'snooze', 'reassign', 'skip', 'override')),
        until_date TEXT,
        collector TEXT,
        new_action TEXT,
        note TEXT,
        at TEXT NOT NULL
      ) STRICT`);
    await q.query(`INSERT INTO work_action_v2 (id, source_kind, source_id, action, until_date, collector, at)
                   SELECT id, source_kind, source_id, action, until_date, collector, at FROM work_action`);
    await q.query(`DROP TABLE work_action`);
    await q.query(`ALTER TABLE work_action_v2 RENAME TO work_action`);
    await q.query(`CREATE INDEX work_action_source_ix ON work_action (source_kind, source_id, id)`);

    // Payment plans: a negotiated schedule tracked against the customer's payments. The ledger's
    // invoices are untouched; while a plan is signed and running the customer is held out of dunning.
    await q.query(`
      CREATE TABLE payment_plan (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        status TEXT NOT NULL CHECK (status IN ('proposed', 'signed', 'completed', 'cancelled')),
        total INTEGER NOT NULL CHECK (total > 0),
        instalment_count INTEGER NOT NULL CHECK (instalment_count BETWEEN 1 AND 120),
        frequency TEXT NOT NULL CHECK (frequency IN ('weekly', 'fortnightly', 'monthly')),
        start_date TEXT NOT NULL,
        fairness TEXT NOT NULL,
        override_reason TEXT,
        created_on TEXT NOT NULL,
        created_by TEXT,
        signed_on TEXT,
        signed_by TEXT,
        closed_on TEXT,
        closed_reason TEXT
      ) STRICT`);
    await q.query(`CREATE INDEX payment_plan_customer_ix ON payment_plan (customer_id, status)`);
    await q.query(`
      CREATE TABLE plan_instalment (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        plan_id INTEGER NOT NULL REFERENCES payment_plan (id),
        seq INTEGER NOT NULL CHECK (seq >= 1),
        due_date TEXT NOT NULL,
        amount INTEGER NOT NULL CHECK (amount > 0),
        UNIQUE (plan_id, seq)
      ) STRICT`);

    // Late fees and interest posted as ledger lines (invoice kinds late_fee / interest); this
    // remembers which overdue invoice each charge was for and the day interest was charged to.
    await q.query(`
      CREATE TABLE fee_charge (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source_invoice_id INTEGER NOT NULL REFERENCES invoice (id),
        fee_invoice_id INTEGER NOT NULL REFERENCES invoice (id),
        kind TEXT NOT NULL CHECK (kind IN ('late_fee', 'interest')),
        from_date TEXT,
        through_date TEXT NOT NULL,
        amount INTEGER NOT NULL CHECK (amount > 0)
      ) STRICT`);
    await q.query(`CREATE INDEX fee_charge_source_ix ON fee_charge (source_invoice_id, kind, through_date)`);

    // A write-off needs an approval; money that arrives after one is a recovery. A recovery does
    // not touch receivables (reversing the write-off and receiving the cash cancel out there).
    await q.query(`ALTER TABLE write_off ADD COLUMN approved_by TEXT`);
    await q.query(`ALTER TABLE write_off ADD COLUMN approval_note TEXT`);
    await q.query(`
      CREATE TABLE recovery (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        write_off_id INTEGER NOT NULL REFERENCES write_off (id),
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        date TEXT NOT NULL,
        amount INTEGER NOT NULL CHECK (amount > 0),
        reference TEXT NOT NULL COLLATE NOCASE UNIQUE,
        method TEXT,
        created_at TEXT NOT NULL
      ) STRICT`);
    await q.query(`CREATE INDEX recovery_write_off_ix ON recovery (write_off_id)`);

    // Every confirmed profile, with the suggestion's reasons the clerk saw.
    await q.query(`
      CREATE TABLE profile_change (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        profile TEXT,
        previous TEXT,
        suggested TEXT,
        reason TEXT NOT NULL,
        changed_by TEXT,
        changed_at TEXT NOT NULL
      ) STRICT`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE profile_change`);
    await q.query(`DROP TABLE recovery`);
    await q.query(`ALTER TABLE write_off DROP COLUMN approval_note`);
    await q.query(`ALTER TABLE write_off DROP COLUMN approved_by`);
    await q.query(`DROP TABLE fee_charge`);
    await q.query(`DROP TABLE plan_instalment`);
    await q.query(`DROP TABLE payment_plan`);
    await q.query(`DELETE FROM work_action WHERE source_kind = 'task' OR action IN ('skip', 'override')`);
    await q.query(`DROP TABLE task`);
    await q.query(`DROP TABLE policy_step`);
  }
}
