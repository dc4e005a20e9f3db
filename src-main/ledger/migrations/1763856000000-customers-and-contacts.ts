import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CustomersAndContacts1763856000000 implements MigrationInterface {
  name = 'CustomersAndContacts1763856000000';

  async up(q: QueryRunner): Promise<void> {
    // STRICT tables: SQLite refuses a value of the wrong type instead of storing it anyway.
    // AUTOINCREMENT so an id is never reused after a delete (history refers to ids).
    await q.query(`
      CREATE TABLE customer (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        code TEXT NOT NULL COLLATE NOCASE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'business' CHECK (kind IN ('business', 'consumer')),
        email TEXT,
        phone TEXT,
        address1 TEXT,
        address2 TEXT,
        city TEXT,
        region TEXT,
        postal_code TEXT,
        country TEXT,
        terms_days INTEGER NOT NULL DEFAULT 30 CHECK (terms_days BETWEEN 0 AND 365),
        credit_limit INTEGER CHECK (credit_limit IS NULL OR credit_limit >= 0),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT`);
    await q.query(`CREATE UNIQUE INDEX customer_code_uq ON customer (code)`);
    await q.query(`CREATE INDEX customer_name_ix ON customer (name COLLATE NOCASE)`);
    await q.query(`
      CREATE TABLE contact (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('accounts_payable', 'principal', 'senior_leadership', 'purchasing', 'other')),
        phone TEXT,
        email TEXT,
        is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
        position INTEGER NOT NULL DEFAULT 0
      ) STRICT`);
    await q.query(`CREATE INDEX contact_customer_ix ON contact (customer_id, position)`);
    await q.query(`CREATE UNIQUE INDEX contact_one_primary_uq ON contact (customer_id) WHERE is_primary = 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contact`);
    await q.query(`DROP TABLE customer`);
  }
}
