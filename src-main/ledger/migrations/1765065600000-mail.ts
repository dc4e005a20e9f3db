import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders and letters by email (docs/mail.md).
 *
 * - Templates gain an email subject and plain-text body and whether the letter goes attached as a PDF.
 * - Policy steps gain how their letter goes out: print, email, or email where there is an address.
 * - A letter may now be sent by `email`: SQLite cannot change a CHECK, so `letter` is rebuilt with
 *   the same rows, indexes and history triggers (foreign keys deferred to the end of the upgrade's
 *   transaction, when certified_mail again finds every letter it points at).
 * - `mail_setting`: the ledger's one mail server, WITHOUT its password (kept by the operating
 *   system's credential store or for the session, never in this file).
 * - `mail_message`: every attempt to send one message, sent or failed, with the server's answer and
 *   the archived .eml (a letter_file) holding the exact bytes. History: written once, never changed.
 */
export class Mail1765065600000 implements MigrationInterface {
  name = 'Mail1765065600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE letter_template_version ADD COLUMN email_subject TEXT`);
    await q.query(`ALTER TABLE letter_template_version ADD COLUMN email_body TEXT`);
    await q.query(`ALTER TABLE letter_template_version ADD COLUMN attach_pdf INTEGER NOT NULL DEFAULT 1 CHECK (attach_pdf IN (0, 1))`);
    await q.query(`ALTER TABLE policy_step ADD COLUMN channel TEXT NOT NULL DEFAULT 'print' CHECK (channel IN ('print', 'email', 'email_or_print'))`);
    // JSON array of contact roles copied in on the step's emails, or null.
    await q.query(`ALTER TABLE policy_step ADD COLUMN cc_roles TEXT`);

    await q.query(`PRAGMA defer_foreign_keys = ON`);
    await q.query(`
      CREATE TABLE letter_next (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        template_version_id INTEGER NOT NULL REFERENCES letter_template_version (id),
        activity_id INTEGER NOT NULL REFERENCES activity (id),
        file_id INTEGER NOT NULL REFERENCES letter_file (id),
        first_page INTEGER NOT NULL CHECK (first_page >= 1),
        page_count INTEGER NOT NULL CHECK (page_count >= 1),
        channel TEXT NOT NULL CHECK (channel IN ('mail', 'certified_mail', 'email_pdf', 'email')),
        letter_date TEXT NOT NULL,
        resolution_date TEXT,
        subject TEXT NOT NULL,
        total_due INTEGER NOT NULL,
        task_id INTEGER REFERENCES task (id),
        created_at TEXT NOT NULL
      ) STRICT`);
    await q.query(`INSERT INTO letter_next SELECT id, customer_id, template_version_id, activity_id, file_id, first_page, page_count, channel, letter_date,
                          resolution_date, subject, total_due, task_id, created_at FROM letter`);
    // Dropping the table drops its triggers; the implicit delete fires none.
    await q.query(`DROP TABLE letter`);
    await q.query(`ALTER TABLE letter_next RENAME TO letter`);
    await q.query(`CREATE INDEX letter_customer_ix ON letter (customer_id, id)`);
    await q.query(`CREATE INDEX letter_file_ix ON letter (file_id)`);
    await historyTriggers(q, 'letter', 'Sent letters', 'send a new letter');

    await q.query(`
      CREATE TABLE mail_setting (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        host TEXT NOT NULL,
        port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
        tls TEXT NOT NULL CHECK (tls IN ('none', 'starttls', 'tls')),
        user TEXT,
        from_address TEXT NOT NULL,
        from_name TEXT,
        reply_to TEXT,
        bcc_self INTEGER NOT NULL DEFAULT 0 CHECK (bcc_self IN (0, 1)),
        updated_at TEXT NOT NULL
      ) STRICT`);

    await q.query(`
      CREATE TABLE mail_message (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        template_version_id INTEGER NOT NULL REFERENCES letter_template_version (id),
        letter_date TEXT NOT NULL,
        subject TEXT NOT NULL,
        recipients TEXT NOT NULL,
        task_ids TEXT NOT NULL DEFAULT '[]',
        file_id INTEGER NOT NULL REFERENCES letter_file (id),
        status TEXT NOT NULL CHECK (status IN ('sent', 'failed')),
        response TEXT NOT NULL,
        attempted_at TEXT NOT NULL,
        attempted_by TEXT,
        -- A retry points at the failed attempt whose bytes it sent again.
        retry_of INTEGER REFERENCES mail_message (id),
        letter_id INTEGER REFERENCES letter (id),
        CHECK ((status = 'sent') = (letter_id IS NOT NULL))
      ) STRICT`);
    await q.query(`CREATE INDEX mail_message_day_ix ON mail_message (customer_id, template_version_id, letter_date)`);
    await q.query(`CREATE INDEX mail_message_status_ix ON mail_message (status, id)`);
    await historyTriggers(q, 'mail_message', 'Email attempts', 'send again');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mail_message`);
    await q.query(`DROP TABLE mail_setting`);
    await q.query(`ALTER TABLE policy_step DROP COLUMN cc_roles`);
    await q.query(`ALTER TABLE policy_step DROP COLUMN channel`);
    await q.query(`ALTER TABLE letter_template_version DROP COLUMN attach_pdf`);
    await q.query(`ALTER TABLE letter_template_version DROP COLUMN email_body`);
    await q.query(`ALTER TABLE letter_template_version DROP COLUMN email_subject`);
  }
}

/** As HistoryKept1764374400000 guards its tables: no update of any column, no delete. */
async function historyTriggers(q: QueryRunner, table: string, noun: string, fix: string): Promise<void> {
  const refuse = (doing: string) => `SELECT RAISE(ABORT, '${noun} are history: ${fix} instead of ${doing} one')`;
  await q.query(`CREATE TRIGGER ${table}_history_no_update BEFORE UPDATE ON ${table} BEGIN ${refuse('changing')}; END`);
  await q.query(`CREATE TRIGGER ${table}_history_no_delete BEFORE DELETE ON ${table} BEGIN ${refuse('deleting')}; END`);
}
