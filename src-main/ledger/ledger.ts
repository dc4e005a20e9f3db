import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';

export interface OpenLedgerOptions {
  /** Path to better-sqlite3's .node file; the Electron shell passes one built for its ABI. */
  nativeBinding?: string;
}

/**
 * One open ledger file. TypeORM is used for the domain; `db` is the same connection's raw
 * better-sqlite3 handle for hot paths (bulk import, aggregates), so both share transactions.
 */
export class Ledger {
  private constructor(
    readonly path: string,
    readonly dataSource: DataSource,
  ) {}

  static async open(file: string, options: OpenLedgerOptions = {}): Promise<Ledger> {
    const absolute = path.resolve(file);
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    const existed = fs.existsSync(absolute) && fs.statSync(absolute).size > 0;

    const dataSource = new DataSource({
      type: 'better-sqlite3',
      database: absolute,
      entities,
      migrations,
      synchronize: false,
      migrationsRun: false,
      enableWAL: true,
      nativeBinding: options.nativeBinding,
      prepareDatabase: (db: BetterSqlite3.Database) => {
        db.pragma('foreign_keys = ON');
        // Safe with WAL: a crash never corrupts the file; at worst the last commit is lost on power failure.
        db.pragma('synchronous = NORMAL');
        db.pragma('busy_timeout = 5000');
      },
    });
    try {
      await dataSource.initialize();
    } catch (err) {
      throw new Error(`Cannot open ledger ${absolute}: ${(err as Error).message}`);
    }
    const ledger = new Ledger(absolute, dataSource);
    try {
      if (existed && (await dataSource.showMigrations())) ledger.backupBeforeMigration();
      await dataSource.runMigrations({ transaction: 'each' });
    } catch (err) {
      await dataSource.destroy();
      throw err;
    }
    return ledger;
  }

  get db(): BetterSqlite3.Database {
    return (this.dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
  }

  /** Number of migrations applied; shown in About and used by tests. */
  schemaVersion(): number {
    const row = this.db.prepare('SELECT COUNT(*) AS n FROM migrations').get() as { n: number };
    return row.n;
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  /** A consistent copy beside the file before its schema changes, so an upgrade is undoable. */
  private backupBeforeMigration(): void {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const target = `${this.path}.before-migration-${stamp}.bak`;
    this.db.prepare('VACUUM INTO ?').run(target);
  }
}
