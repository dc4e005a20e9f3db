import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Letter templates (every edit is a new version; a sent letter keeps the version it used), the
 * letters sent, and certified mail. The PDF bytes themselves live in the archive folder beside
 * the ledger file; the ledger keeps each file's SHA-256 so the archive can be verified.
 */
export class Letters1764201600000 implements MigrationInterface {
  name = 'Letters1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE letter_template (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        created_at TEXT NOT NULL,
        archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
      ) STRICT`);
    await q.query(`
      CREATE TABLE letter_template_version (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        template_id INTEGER NOT NULL REFERENCES letter_template (id),
        version INTEGER NOT NULL CHECK (version >= 1),
        tone INTEGER NOT NULL CHECK (tone BETWEEN 1 AND 5),
        -- Whom the letter is to: the accounts-payable contact, or the owner / senior leadership.
        addressed_to TEXT NOT NULL DEFAULT 'accounts_payable' CHECK (addressed_to IN ('accounts_payable', 'principal')),
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT,
        UNIQUE (template_id, version)
      ) STRICT`);
    // Versions are history: never edited or removed.
    await q.query(`CREATE TRIGGER letter_template_version_no_update BEFORE UPDATE ON letter_template_version
      BEGIN SELECT RAISE(ABORT, 'A template version is never edited: save a new version'); END`);
    await q.query(`CREATE TRIGGER letter_template_version_no_delete BEFORE DELETE ON letter_template_version
      BEGIN SELECT RAISE(ABORT, 'A template version is never removed'); END`);

    // One PDF file in the archive: a single letter, or a batch printed as one document.
    await q.query(`
      CREATE TABLE letter_file (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        path TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        bytes INTEGER NOT NULL CHECK (bytes > 0),
        pages INTEGER NOT NULL CHECK (pages > 0),
        created_at TEXT NOT NULL
      ) STRICT`);
    await q.query(`
      CREATE TABLE letter (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        template_version_id INTEGER NOT NULL REFERENCES letter_template_version (id),
        activity_id INTEGER NOT NULL REFERENCES activity (id),
        file_id INTEGER NOT NULL REFERENCES letter_file (id),
        first_page INTEGER NOT NULL CHECK (first_page >= 1),
        page_count INTEGER NOT NULL CHECK (page_count >= 1),
        channel TEXT NOT NULL CHECK (channel IN ('mail', 'certified_mail', 'email_pdf')),
        letter_date TEXT NOT NULL,
        resolution_date TEXT,
        subject TEXT NOT NULL,
        total_due INTEGER NOT NULL,
        task_id INTEGER REFERENCES task (id),
        created_at TEXT NOT NULL
      ) STRICT`);
    await q.query(`CREATE INDEX letter_customer_ix ON letter (customer_id, id)`);
    await q.query(`CREATE INDEX letter_file_ix ON letter (file_id)`);
    await q.query(`
      CREATE TABLE certified_mail (
        letter_id INTEGER PRIMARY KEY REFERENCES letter (id),
        tracking_number TEXT NOT NULL UNIQUE,
        mailed_on TEXT NOT NULL,
        return_receipt_on TEXT,
        signed_by TEXT
      ) STRICT`);
    await q.query(`CREATE INDEX certified_mail_mailed_ix ON certified_mail (mailed_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE certified_mail`);
    await q.query(`DROP TABLE letter`);
    await q.query(`DROP TABLE letter_file`);
    await q.query(`DROP TABLE letter_template_version`);
    await q.query(`DROP TABLE letter_template`);
  }
}
