import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invoices (with optional instalment schedules), payments, credit notes, write-offs and the
 * allocations that tie them together. See docs/ledger-schema.md for the model and its invariants.
 */
export class LedgerEntries1763942400000 implements MigrationInterface {
  name = 'LedgerEntries1763942400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ledger_setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`);
    await q.query(`INSERT INTO ledger_setting (key, value) VALUES ('currency', 'USD'), ('latest_entry_date', '0000-00-00')`);

    await q.query(`
      CREATE TABLE invoice (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        number TEXT NOT NULL COLLATE NOCASE,
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        kind TEXT NOT NULL DEFAULT 'invoice' CHECK (kind IN ('invoice', 'late_fee', 'interest')),
        issue_date TEXT NOT NULL,
        due_date TEXT NOT NULL CHECK (due_date >= issue_date),
        amount INTEGER NOT NULL CHECK (amount > 0),
        currency TEXT NOT NULL,
        po_number TEXT,
        description TEXT,
        delivery_date TEXT,
        has_schedule INTEGER NOT NULL DEFAULT 0 CHECK (has_schedule IN (0, 1)),
        open_amount INTEGER NOT NULL CHECK (open_amount BETWEEN 0 AND amount),
        applied_through TEXT NOT NULL DEFAULT '',
        settled_date TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT`);
    await q.query(`CREATE UNIQUE INDEX invoice_number_uq ON invoice (number)`);
    await q.query(`CREATE INDEX invoice_customer_ix ON invoice (customer_id, issue_date)`);
    // Covering index for today's aging and for oldest-first allocation: only open, unscheduled items.
    await q.query(`
      CREATE INDEX invoice_open_ix ON invoice (customer_id, due_date, issue_date, number, open_amount)
      WHERE open_amount > 0 AND has_schedule = 0`);
    // Historical aging visits only items not yet settled at the as-of date.
    await q.query(`CREATE INDEX invoice_history_ix ON invoice (settled_date, issue_date) WHERE has_schedule = 0`);

    await q.query(`
      CREATE TABLE instalment (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        invoice_id INTEGER NOT NULL REFERENCES invoice (id),
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        seq INTEGER NOT NULL CHECK (seq >= 1),
        issue_date TEXT NOT NULL,
        due_date TEXT NOT NULL,
        amount INTEGER NOT NULL CHECK (amount > 0),
        open_amount INTEGER NOT NULL CHECK (open_amount BETWEEN 0 AND amount),
        applied_through TEXT NOT NULL DEFAULT '',
        settled_date TEXT NOT NULL,
        UNIQUE (invoice_id, seq)
      ) STRICT`);
    await q.query(`CREATE INDEX instalment_open_ix ON instalment (customer_id, due_date, issue_date, open_amount) WHERE open_amount > 0`);
    await q.query(`CREATE INDEX instalment_history_ix ON instalment (settled_date, issue_date)`);

    await q.query(`
      CREATE TABLE payment (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        reference TEXT NOT NULL COLLATE NOCASE,
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        date TEXT NOT NULL,
        amount INTEGER NOT NULL CHECK (amount > 0),
        method TEXT,
        invoice_id INTEGER REFERENCES invoice (id),
        unapplied INTEGER NOT NULL CHECK (unapplied BETWEEN 0 AND amount),
        applied_through TEXT NOT NULL DEFAULT '',
        settled_date TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT`);
    await q.query(`CREATE UNIQUE INDEX payment_reference_uq ON payment (reference)`);
    await q.query(`CREATE INDEX payment_customer_ix ON payment (customer_id, date)`);
    await q.query(`CREATE INDEX payment_unapplied_ix ON payment (customer_id, unapplied) WHERE unapplied > 0`);
    await q.query(`CREATE INDEX payment_history_ix ON payment (settled_date, date)`);

    await q.query(`
      CREATE TABLE credit_note (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        number TEXT NOT NULL COLLATE NOCASE,
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        date TEXT NOT NULL,
        amount INTEGER NOT NULL CHECK (amount > 0),
        reason TEXT,
        invoice_id INTEGER REFERENCES invoice (id),
        unapplied INTEGER NOT NULL CHECK (unapplied BETWEEN 0 AND amount),
        applied_through TEXT NOT NULL DEFAULT '',
        settled_date TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT`);
    await q.query(`CREATE UNIQUE INDEX credit_note_number_uq ON credit_note (number)`);
    await q.query(`CREATE INDEX credit_note_customer_ix ON credit_note (customer_id, date)`);
    await q.query(`CREATE INDEX credit_note_unapplied_ix ON credit_note (customer_id, unapplied) WHERE unapplied > 0`);
    await q.query(`CREATE INDEX credit_note_history_ix ON credit_note (settled_date, date)`);

    await q.query(`
      CREATE TABLE write_off (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        invoice_id INTEGER NOT NULL REFERENCES invoice (id),
        date TEXT NOT NULL,
        amount INTEGER NOT NULL CHECK (amount > 0),
        reason TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT`);
    await q.query(`CREATE INDEX write_off_customer_ix ON write_off (customer_id, date)`);

    // One row per (source → invoice or instalment) application. date is when it takes effect:
    // the later of the source's date and the invoice's issue date.
    await q.query(`
      CREATE TABLE allocation (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        source_kind TEXT NOT NULL CHECK (source_kind IN ('payment', 'credit', 'write_off')),
        source_id INTEGER NOT NULL,
        invoice_id INTEGER NOT NULL REFERENCES invoice (id),
        instalment_id INTEGER REFERENCES instalment (id),
        date TEXT NOT NULL,
        amount INTEGER NOT NULL CHECK (amount > 0)
      ) STRICT`);
    await q.query(`CREATE INDEX allocation_invoice_ix ON allocation (invoice_id, date, amount)`);
    await q.query(`CREATE INDEX allocation_instalment_ix ON allocation (instalment_id, date, amount) WHERE instalment_id IS NOT NULL`);
    await q.query(`CREATE INDEX allocation_source_ix ON allocation (source_kind, source_id, date, amount)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['allocation', 'write_off', 'credit_note', 'payment', 'instalment', 'invoice', 'ledger_setting']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
