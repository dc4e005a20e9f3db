import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The import wizard remembers how each source's columns map onto Settle's, keyed by the file's
 * header (lower case, in order), so the next file from the same program is mapped already. A
 * preference, not history: saving again replaces it.
 */
export class ImportMappings1764547200000 implements MigrationInterface {
  name = 'ImportMappings1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_mapping (
        signature TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('customers', 'invoices', 'payments', 'credits')),
        mapping TEXT NOT NULL CHECK (json_valid(mapping)),
        saved_at TEXT NOT NULL
      ) STRICT`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_mapping`);
  }
}
