import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { DataSource, type MigrationInterface } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';
import { backupBeforeMigration as copyBeforeMigration, backupFolder } from '../backup/backup-store';
import { processNativeBinding } from './sqlite-binding';

export interface OpenLedgerOptions {
  /** Path to better-sqlite3's .node file; the Electron shell passes one built for its ABI. */
  nativeBinding?: string;
  /** How long a write waits for another program's write lock before a `busy` error (default 5 s). */
  busyTimeoutMs?: number;
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
      nativeBinding: options.nativeBinding ?? processNativeBinding(),
      prepareDatabase: (db: BetterSqlite3.Database) => {
        db.pragma('foreign_keys = ON');
        // Safe with WAL: a crash never corrupts the file; at worst the last commit is lost on power failure.
        db.pragma('synchronous = NORMAL');
        db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
      },
    });
    try {
      await dataSource.initialize();
    } catch (err) {
      throw new Error(`Cannot open ledger ${absolute}: ${(err as Error).message}`);
    }
    const ledger = new Ledger(absolute, dataSource);
    try {
      ledger.refuseNewerSchema();
      await ledger.migrate(existed);
    } catch (err) {
      await dataSource.destroy();
      throw err;
    }
    return ledger;
  }

  /**
   * A newer Settle may have changed the schema in ways this one does not know (new columns its
   * triggers or derived balances depend on): writing to it could corrupt it, so it is not opened
   * at all, and nothing is written to it — no migration, no backup.
   */
  private refuseNewerSchema(): void {
    if (!this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'`).get()) return;
    const applied = this.db.prepare('SELECT name FROM migrations').pluck().all() as string[];
    const known = new Set(this.dataSource.migrations.map(migrationName));
    if (applied.every((name) => known.has(name))) return;
    throw new Error(`This ledger was written by a newer version of Settle (schema ${applied.length}, this app knows ${known.size}). Update Settle to open it.`);
  }

  /**
   * Brings the schema up to date: all pending migrations in ONE transaction, so a failure leaves
   * the file exactly as it was (not half upgraded), after a copy of an existing file is taken.
   */
  private async migrate(existed: boolean): Promise<void> {
    if (!(await this.dataSource.showMigrations())) return;
    const backup = existed ? this.backupBeforeMigration() : null;
    // TypeORM rethrows the bare SQLite error; note which migration is running to name it.
    let running = '';
    for (const m of this.dataSource.migrations) {
      const up = m.up.bind(m);
      m.up = (q) => {
        running = migrationName(m);
        return up(q);
      };
    }
    try {
      await this.dataSource.runMigrations({ transaction: 'all' });
    } catch (err) {
      const copy = backup ? `; a copy made before the upgrade is at ${backup}` : '';
      throw new Error(`Could not upgrade the ledger ${this.path} (migration ${running}): ${(err as Error).message}. The file is unchanged${copy}.`, { cause: err });
    }
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
    if (this.idleCheckpoints) clearInterval(this.idleCheckpoints);
    this.idleCheckpoints = null;
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  private idleCheckpoints: ReturnType<typeof setInterval> | null = null;

  /**
   * For the one connection a process keeps open all day (the backend's): the WAL is copied back
   * into the file between calls instead of inside them. SQLite's own rule checkpoints in the
   * commit that takes the log past 1,000 pages, which made the policy's next-day run, one commit
   * of a few thousand task rows, ~10% slower (docs/performance.md). A passive checkpoint never
   * waits for or blocks another connection; a timer can only fire between calls, and one with
   * nothing new to copy costs microseconds. Job workers and the CLI keep SQLite's rule.
   * `elsewhere` says when another connection of the process is writing: its commits checkpoint
   * themselves, and one copy here at the same moment would take the whole log on this thread
   * (calls answered during a policy job went from ~30 to 110-126 ms).
   */
  checkpointWhenIdle(everyMs = 1000, elsewhere: () => boolean = () => false): void {
    if (this.idleCheckpoints) return;
    this.db.pragma('wal_autocheckpoint = 0');
    this.idleCheckpoints = setInterval(() => {
      if (!this.dataSource.isInitialized || elsewhere()) return;
      const db = this.db;
      if (!db.open || db.inTransaction) return;
      try {
        db.pragma('main.wal_checkpoint(PASSIVE)');
      } catch {
        // A checkpoint that cannot run now runs on the next tick; nothing depends on it.
      }
    }, everyMs);
    this.idleCheckpoints.unref();
  }

  /** A consistent copy in the backups folder (`<file>-backups/…-before-migration.sqlite`) before its schema changes, so an upgrade is undoable; returns its path. */
  private backupBeforeMigration(): string {
    return path.join(backupFolder(this.path), copyBeforeMigration(this.db, this.path).file);
  }
}

function migrationName(m: MigrationInterface): string {
  return m.name ?? m.constructor.name;
}
