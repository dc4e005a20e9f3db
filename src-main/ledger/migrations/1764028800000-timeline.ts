import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The customer's timeline (calls, emails, letters, visits, notes) and the promises to pay taken
 * on calls, plus the customer's collection status, profile and collector. The timeline is
 * append-only: triggers refuse any UPDATE or DELETE, so a correction is always a new entry that
 * points at the one it corrects.
 */
export class Timeline1764028800000 implements MigrationInterface {
  name = 'Timeline1764028800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customer ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
      CHECK (status IN ('active', 'credit_hold', 'cod_only', 'prepay_only', 'in_dispute', 'payment_plan', 'with_agency', 'closed'))`);
    await q.query(`ALTER TABLE customer ADD COLUMN profile TEXT
      CHECK (profile IN ('disorganised', 'cash_flow', 'disputing', 'failing', 'angry', 'good'))`);
    await q.query(`ALTER TABLE customer ADD COLUMN collector TEXT`);

    await q.query(`
      CREATE TABLE activity (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        kind TEXT NOT NULL CHECK (kind IN ('call', 'email', 'letter', 'visit', 'note')),
        occurred_at TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        author TEXT,
        contact_id INTEGER REFERENCES contact (id) ON DELETE SET NULL,
        direction TEXT CHECK (direction IN ('outbound', 'inbound')),
        outcome TEXT CHECK (outcome IN ('reached', 'voicemail', 'no_answer', 'wrong_number', 'promise_to_pay',
                                        'dispute_raised', 'refused', 'paid', 'other')),
        summary TEXT NOT NULL,
        follow_up_date TEXT,
        corrects_id INTEGER REFERENCES activity (id)
      ) STRICT`);
    await q.query(`CREATE INDEX activity_customer_ix ON activity (customer_id, occurred_at)`);
    await q.query(`CREATE INDEX activity_follow_up_ix ON activity (follow_up_date) WHERE follow_up_date IS NOT NULL`);
    await q.query(`CREATE INDEX activity_corrects_ix ON activity (corrects_id) WHERE corrects_id IS NOT NULL`);
    await q.query(`CREATE TRIGGER activity_no_update BEFORE UPDATE ON activity
      BEGIN SELECT RAISE(ABORT, 'The timeline is append-only: record a correction instead'); END`);
    await q.query(`CREATE TRIGGER activity_no_delete BEFORE DELETE ON activity
      BEGIN SELECT RAISE(ABORT, 'The timeline is append-only: record a correction instead'); END`);

    await q.query(`
      CREATE TABLE promise (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        activity_id INTEGER NOT NULL REFERENCES activity (id),
        amount INTEGER NOT NULL CHECK (amount > 0),
        promised_date TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT`);
    await q.query(`CREATE INDEX promise_customer_ix ON promise (customer_id, promised_date)`);

    // A complaint behind a late payment, raised on a call; the collections workflow resolves it.
    await q.query(`
      CREATE TABLE dispute (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        activity_id INTEGER REFERENCES activity (id),
        reason TEXT NOT NULL CHECK (reason IN ('not_received', 'damaged', 'pricing', 'quality', 'duplicate_billing', 'other')),
        amount INTEGER NOT NULL CHECK (amount > 0),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'investigating', 'resolved')),
        owner TEXT,
        opened_on TEXT NOT NULL,
        resolution TEXT CHECK (resolution IN ('credit_note', 'return', 'replacement', 'price_correction', 'no_credit')),
        resolved_on TEXT,
        credit_note_id INTEGER REFERENCES credit_note (id)
      ) STRICT`);
    await q.query(`CREATE INDEX dispute_customer_ix ON dispute (customer_id, status)`);
    await q.query(`
      CREATE TABLE dispute_invoice (
        dispute_id INTEGER NOT NULL REFERENCES dispute (id),
        invoice_id INTEGER NOT NULL REFERENCES invoice (id),
        PRIMARY KEY (dispute_id, invoice_id)
      ) STRICT, WITHOUT ROWID`);

    // Every change of a customer's collection status, with who, when and why.
    await q.query(`
      CREATE TABLE status_change (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        status TEXT NOT NULL,
        previous TEXT NOT NULL,
        reason TEXT NOT NULL,
        changed_by TEXT,
        changed_at TEXT NOT NULL
      ) STRICT`);
    await q.query(`CREATE INDEX status_change_customer_ix ON status_change (customer_id, id)`);

    // Unfinished call notes, kept in the ledger so they survive restarts whatever the window's
    // origin (browser mode picks a new port each launch). Not part of the record: overwritten.
    await q.query(`CREATE TABLE draft (key TEXT PRIMARY KEY, body TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT`);

    // What a clerk did with a worklist item (done, snoozed, reassigned): a log, newest wins.
    await q.query(`
      CREATE TABLE work_action (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source_kind TEXT NOT NULL CHECK (source_kind IN ('follow_up', 'promise')),
        source_id INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('done', 'snooze', 'reassign')),
        until_date TEXT,
        collector TEXT,
        at TEXT NOT NULL
      ) STRICT`);
    await q.query(`CREATE INDEX work_action_source_ix ON work_action (source_kind, source_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE work_action`);
    await q.query(`DROP TABLE draft`);
    await q.query(`DROP TABLE status_change`);
    await q.query(`DROP TABLE dispute_invoice`);
    await q.query(`DROP TABLE dispute`);
    await q.query(`DROP TABLE promise`);
    await q.query(`DROP TABLE activity`);
    await q.query(`ALTER TABLE customer DROP COLUMN collector`);
    await q.query(`ALTER TABLE customer DROP COLUMN profile`);
    await q.query(`ALTER TABLE customer DROP COLUMN status`);
  }
}
