import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credit-bureau reporting. Customers gain what a bureau asks of a trade reference and the ledger
 * did not hold: the tax ID and the date the account was opened ("customer since").
 *
 * Each bureau file made is recorded like an archived letter: where it is in the archive, its
 * SHA-256 and size, and what it said (as-of date, layout, rows, totals per bucket, what was left
 * out), so anyone can later prove which figures were reported. The record is history: its row is
 * written once, whole (the file is named before the row is inserted), and never changed or removed.
 */
export class CreditBureau1764979200000 implements MigrationInterface {
  name = 'CreditBureau1764979200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customer ADD COLUMN tax_id TEXT`);
    await q.query(`ALTER TABLE customer ADD COLUMN customer_since TEXT CHECK (customer_since IS NULL OR customer_since GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')`);
    await q.query(`
      CREATE TABLE bureau_file (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        as_of TEXT NOT NULL,
        layout TEXT NOT NULL CHECK (layout IN ('trade', 'invoices')),
        made_at TEXT NOT NULL,
        rows INTEGER NOT NULL CHECK (rows >= 0),
        customers INTEGER NOT NULL CHECK (customers >= 0),
        current_amount INTEGER NOT NULL,
        days_1_30 INTEGER NOT NULL,
        days_31_60 INTEGER NOT NULL,
        days_61_90 INTEGER NOT NULL,
        days_91_plus INTEGER NOT NULL,
        balance INTEGER NOT NULL,
        disputed_items INTEGER NOT NULL CHECK (disputed_items >= 0),
        disputed_amount INTEGER NOT NULL,
        consumers_left_out INTEGER NOT NULL CHECK (consumers_left_out >= 0),
        path TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        bytes INTEGER NOT NULL CHECK (bytes > 0)
      ) STRICT`);
    const refuse = (doing: string) => `SELECT RAISE(ABORT, 'Bureau files made are history: make a new file instead of ${doing} one')`;
    await q.query(`CREATE TRIGGER bureau_file_history_no_update BEFORE UPDATE ON bureau_file BEGIN ${refuse('changing')}; END`);
    await q.query(`CREATE TRIGGER bureau_file_history_no_delete BEFORE DELETE ON bureau_file BEGIN ${refuse('deleting')}; END`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER bureau_file_history_no_delete`);
    await q.query(`DROP TRIGGER bureau_file_history_no_update`);
    await q.query(`DROP TABLE bureau_file`);
    await q.query(`ALTER TABLE customer DROP COLUMN customer_since`);
    await q.query(`ALTER TABLE customer DROP COLUMN tax_id`);
  }
}
