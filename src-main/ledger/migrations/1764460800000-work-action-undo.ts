import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A clerk's Done, Snooze, Skip or Reassign on the worklist can be undone. The undo is one more
 * row in the work log (`action = 'undo'`, `undoes` naming the row it reverses), so the log still
 * says what was done and taken back; nothing is deleted. SQLite cannot widen a CHECK in place,
 * so the table is rebuilt with its rows and index.
 */
export class WorkActionUndo1764460800000 implements MigrationInterface {
  name = 'WorkActionUndo1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE work_action_v3 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source_kind TEXT NOT NULL CHECK (source_kind IN ('follow_up', 'promise', 'task')),
        source_id INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('done', 'snooze', 'reassign', 'skip', 'override', 'undo')),
        until_date TEXT,
        collector TEXT,
        new_action TEXT,
        note TEXT,
        at TEXT NOT NULL,
        undoes INTEGER REFERENCES work_action_v3 (id),
        CHECK ((action = 'undo') = (undoes IS NOT NULL))
      ) STRICT`);
    await q.query(`INSERT INTO work_action_v3 (id, source_kind, source_id, action, until_date, collector, new_action, note, at)
                   SELECT id, source_kind, source_id, action, until_date, collector, new_action, note, at FROM work_action`);
    await q.query(`DROP TABLE work_action`);
    await q.query(`ALTER TABLE work_action_v3 RENAME TO work_action`);
    await q.query(`CREATE INDEX work_action_source_ix ON work_action (source_kind, source_id, id)`);
    // One undo per action: undoing twice would be a second reversal of the same thing.
    await q.query(`CREATE UNIQUE INDEX work_action_undoes_ux ON work_action (undoes) WHERE undoes IS NOT NULL`);
  }

  async down(): Promise<void> {
    throw new Error('WorkActionUndo1764460800000 cannot be reverted: restore the backup made before the upgrade');
  }
}
