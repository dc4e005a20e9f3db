import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exports from another accounting system applied as snapshots (docs/importing.md): which export
 * of which source was applied when, and what it said each invoice still owed and when it was
 * due. A later export of the same source is compared against them (sync), and an older one is
 * refused. Like the ledger's own history, these rows are never changed or deleted.
 */
export class ImportSnapshots1765152000000 implements MigrationInterface {
  name = 'ImportSnapshots1765152000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_snapshot (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source TEXT NOT NULL,
        export_date TEXT NOT NULL,
        file_name TEXT,
        applied_at TEXT NOT NULL,
        open_before INTEGER NOT NULL,
        open_after INTEGER NOT NULL
      ) STRICT`);
    await q.query(`CREATE INDEX import_snapshot_source_ix ON import_snapshot (source, export_date)`);
    await q.query(`
      CREATE TABLE import_snapshot_invoice (
        snapshot_id INTEGER NOT NULL REFERENCES import_snapshot (id),
        invoice_id INTEGER NOT NULL REFERENCES invoice (id),
        amount_due INTEGER NOT NULL CHECK (amount_due >= 0),
        due_date TEXT NOT NULL,
        PRIMARY KEY (snapshot_id, invoice_id)
      ) STRICT, WITHOUT ROWID`);
    await q.query(`CREATE INDEX import_snapshot_invoice_ix ON import_snapshot_invoice (invoice_id, snapshot_id)`);
    for (const table of ['import_snapshot', 'import_snapshot_invoice']) {
      for (const [when, doing] of [['UPDATE', 'changing'], ['DELETE', 'deleting']]) {
        await q.query(`CREATE TRIGGER ${table}_history_no_${when.toLowerCase()} BEFORE ${when} ON ${table}
          BEGIN SELECT RAISE(ABORT, 'Applied exports are history: import a newer export instead of ${doing} one'); END`);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_snapshot_invoice`);
    await q.query(`DROP TABLE import_snapshot`);
  }
}
