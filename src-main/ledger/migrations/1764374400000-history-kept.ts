import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What has happened is never rewritten: every table that records money or a document sent is
 * append-only, as the timeline already is (Timeline1764028800000). Triggers refuse DELETE, and
 * UPDATE of every column except the few the app keeps up to date:
 *
 * - running balances kept by `Postings` (`open_amount` / `unapplied`, `applied_through`, `settled_date`);
 * - the state of a dispute and of a payment plan (status, owner, resolution, signed, closed);
 * - a certified letter's return receipt, once, and an archived file's final name, once (it is
 *   inserted as `pending/…` and renamed in the same transaction).
 *
 * A mistake is put right by a new entry (credit note, write-off, correction on the timeline),
 * so the ledger always shows what was recorded and when. Contacts who appear on the timeline are
 * no longer deleted (the timeline would lose whom a call was with): they are marked removed.
 *
 * The guarded columns are read from the table when this runs; a later migration that adds a
 * column to one of these tables must recreate that table's trigger (the tests check every column).
 */

interface Guard {
  table: string;
  /** "Payments are history: <fix> instead of changing one". */
  noun: string;
  fix: string;
  /** Columns the app legitimately updates; every other column is refused. */
  mutable?: string[];
}

const HISTORY_GUARDS: Guard[] = [
  { table: 'invoice', noun: 'Invoices', fix: 'record a credit note or a write-off', mutable: ['open_amount', 'applied_through', 'settled_date'] },
  { table: 'instalment', noun: 'Instalments', fix: 'record a credit note or a write-off', mutable: ['open_amount', 'applied_through', 'settled_date'] },
  { table: 'payment', noun: 'Payments', fix: 'record a correction', mutable: ['unapplied', 'applied_through', 'settled_date'] },
  { table: 'credit_note', noun: 'Credit notes', fix: 'record a correction', mutable: ['unapplied', 'applied_through', 'settled_date'] },
  { table: 'write_off', noun: 'Write-offs', fix: 'record a recovery or a correction' },
  { table: 'allocation', noun: 'Allocations', fix: 'record a correction' },
  { table: 'recovery', noun: 'Recoveries', fix: 'record a correction' },
  { table: 'fee_charge', noun: 'Fee and interest charges', fix: 'record a credit note' },
  { table: 'promise', noun: 'Promises to pay', fix: 'record a correction on the timeline' },
  { table: 'dispute', noun: 'Disputes', fix: 'resolve the dispute or raise a new one', mutable: ['status', 'owner', 'resolution', 'resolved_on', 'credit_note_id'] },
  { table: 'dispute_invoice', noun: 'Disputed invoices', fix: 'resolve the dispute or raise a new one' },
  { table: 'status_change', noun: 'Status changes', fix: 'record a new change' },
  { table: 'profile_change', noun: 'Profile changes', fix: 'record a new change' },
  { table: 'payment_plan', noun: 'Payment plans', fix: 'cancel the plan and make a new one', mutable: ['status', 'signed_on', 'signed_by', 'closed_on', 'closed_reason'] },
  { table: 'plan_instalment', noun: 'Plan instalments', fix: 'cancel the plan and make a new one' },
  { table: 'plan_item', noun: 'Plan items', fix: 'cancel the plan and make a new one' },
  { table: 'letter', noun: 'Sent letters', fix: 'send a new letter' },
  { table: 'letter_file', noun: 'Archived letter files', fix: 'send a new letter', mutable: ['path'] },
  { table: 'certified_mail', noun: 'Certified-mail records', fix: 'note the correction on the timeline', mutable: ['return_receipt_on', 'signed_by'] },
];

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

export class HistoryKept1764374400000 implements MigrationInterface {
  name = 'HistoryKept1764374400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contact ADD COLUMN removed_at TEXT`);

    for (const g of HISTORY_GUARDS) {
      const refuse = (doing: string) => `SELECT RAISE(ABORT, ${quote(`${g.noun} are history: ${g.fix} instead of ${doing} one`)})`;
      const columns = ((await q.query(`SELECT name FROM pragma_table_info(?)`, [g.table])) as { name: string }[]).map((c) => c.name);
      const history = columns.filter((c) => !g.mutable?.includes(c));
      // No column list for a table with nothing mutable: a column added later is guarded too.
      const of = g.mutable ? ` OF ${history.map((c) => `"${c}"`).join(', ')}` : '';
      await q.query(`CREATE TRIGGER ${g.table}_history_no_update BEFORE UPDATE${of} ON ${g.table} BEGIN ${refuse('changing')}; END`);
      await q.query(`CREATE TRIGGER ${g.table}_history_no_delete BEFORE DELETE ON ${g.table} BEGIN ${refuse('deleting')}; END`);
    }
    // Set once: the archive names a file after its row id, so the row is inserted as pending/… first.
    await q.query(`CREATE TRIGGER letter_file_path_once BEFORE UPDATE OF path ON letter_file WHEN OLD.path NOT LIKE 'pending/%'
      BEGIN SELECT RAISE(ABORT, 'Archived letter files are history: the file''s name in the archive is never changed'); END`);
    await q.query(`CREATE TRIGGER certified_mail_receipt_once BEFORE UPDATE OF return_receipt_on, signed_by ON certified_mail WHEN OLD.return_receipt_on IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'Certified-mail records are history: the return receipt is already recorded'); END`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER certified_mail_receipt_once`);
    await q.query(`DROP TRIGGER letter_file_path_once`);
    for (const g of [...HISTORY_GUARDS].reverse()) {
      await q.query(`DROP TRIGGER ${g.table}_history_no_delete`);
      await q.query(`DROP TRIGGER ${g.table}_history_no_update`);
    }
    await q.query(`ALTER TABLE contact DROP COLUMN removed_at`);
  }
}
