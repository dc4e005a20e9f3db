import fs from 'node:fs';
import path from 'node:path';
import type { Database as SqliteDb } from 'better-sqlite3';
import { openSqlite } from '../ledger/sqlite-binding';
import { DEFAULT_BACKUP_KEEP, type BackupReason, type RestoreSummary } from '../contract/backups';
import { ServiceError } from '../contract/service-error';
import { migrations } from '../ledger/migrations';
import { backupFolder, copyFileAsBackup, createBackup, fsyncFile, fsyncFolder, parseBackupName, readKeep, removeStaleTemps, removeTemp, tempPath } from './backup-store';
import { checkLedgerInvariants } from './ledger-invariants';

/** Migration names this version of Settle knows, in order. */
function knownMigrations(): string[] {
  return migrations.map((M) => new M().name ?? M.name);
}

function refuse(file: string, why: string): never {
  throw new ServiceError('conflict', `Nothing was restored: ${file} ${why}`);
}

/**
 * Checks a copy of a ledger file before it may replace the ledger: SQLite's integrity check,
 * foreign keys, a schema this version knows (not newer), and the balances (checkLedgerInvariants).
 * Throws ServiceError('conflict') saying what is wrong; returns the counts shown after a restore.
 */
export function verifyLedgerCopy(copy: string, shownAs: string): { customers: number; invoices: number } {
  let db: SqliteDb;
  try {
    db = openSqlite(copy, { fileMustExist: true });
  } catch (err) {
    refuse(shownAs, `cannot be opened: ${(err as Error).message}.`);
  }
  try {
    let integrity: string[];
    try {
      integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (err) {
      refuse(shownAs, `is not a Settle ledger or is damaged: ${(err as Error).message}.`);
    }
    if (integrity.length !== 1 || integrity[0] !== 'ok') {
      refuse(shownAs, `is damaged (SQLite's integrity check: ${integrity.slice(0, 3).join('; ')}${integrity.length > 3 ? '; …' : ''}).`);
    }
    const orphans = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    if (orphans.length > 0) {
      refuse(shownAs, `is damaged: ${orphans.length} row${orphans.length === 1 ? '' : 's'} point at rows that do not exist (first: ${orphans[0].table} row ${orphans[0].rowid} → ${orphans[0].parent}).`);
    }
    const hasMigrations = db.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'migrations'`).pluck().get() as number;
    if (!hasMigrations) refuse(shownAs, 'is not a Settle ledger (it has no migrations table).');
    const applied = db.prepare('SELECT name FROM migrations ORDER BY id').pluck().all() as string[];
    const known = new Set(knownMigrations());
    const unknown = applied.filter((n) => !known.has(n));
    if (unknown.length > 0) {
      refuse(shownAs, `was written by a newer version of Settle (its schema has ${unknown.join(', ')}, which this version does not know). Update Settle, then restore it.`);
    }
    const problems = checkLedgerInvariants(db);
    if (problems.length > 0) {
      refuse(shownAs, `has balances that do not add up (${problems.length === 1 ? '1 problem' : `${problems.length} problems`}): ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? '; …' : ''}.`);
    }
    const count = (table: string) =>
      (db.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?`).pluck().get(table) as number)
        ? (db.prepare(`SELECT COUNT(*) FROM "${table}"`).pluck().get() as number)
        : 0;
    return { customers: count('customer'), invoices: count('invoice') };
  } finally {
    db.close();
  }
}

/** A backup file named by the caller: a name in the ledger's backups folder, or a path. */
export function resolveBackupFile(ledgerPath: string, file: string): string {
  if (!/[\\/]/.test(file)) {
    const inFolder = path.join(backupFolder(ledgerPath), file);
    if (fs.existsSync(inFolder)) return inFolder;
  }
  return path.resolve(file);
}

/**
 * Replaces the ledger file by a backup. The ledger must be CLOSED by this process (the app host
 * closes it, calls this and opens it again; the CLI is a process of its own); if another program
 * still has it open, nothing happens.
 *
 * 1. The backup is copied beside the ledger under a temp name and the copy is checked
 *    (verifyLedgerCopy); any problem refuses the restore and changes nothing.
 * 2. The current ledger is backed up ('before-restore'), through SQLite so any transactions still
 *    in its -wal are included; a file SQLite cannot read is copied byte for byte instead.
 * 3. The checked copy is flushed to disk and renamed over the ledger, an atomic replacement: a
 *    crash leaves either the old ledger or the restored one, never a mixture.
 */
export async function restoreBackup(ledgerPath: string, backupFile: string, now: Date = new Date()): Promise<RestoreSummary> {
  const ledger = path.resolve(ledgerPath);
  const source = resolveBackupFile(ledger, backupFile);
  const inFolder = path.dirname(source) === backupFolder(ledger);
  const shownAs = inFolder ? path.basename(source) : source;
  if (!fs.existsSync(source) || !fs.statSync(source).isFile()) throw new ServiceError('not_found', `Nothing was restored: there is no backup ${shownAs}.`);
  if (source === ledger) throw new ServiceError('conflict', 'Nothing was restored: that is the ledger itself, not a backup of it.');

  const dir = path.dirname(ledger);
  fs.mkdirSync(dir, { recursive: true });
  removeStaleTemps(dir);
  const temp = tempPath(dir, `${path.basename(ledger)}.restore`);
  try {
    fs.copyFileSync(source, temp);
    // A file with transactions still in its -wal (a byte copy of a damaged ledger, or a file
    // from elsewhere): the log goes along, SQLite replays it while checking and folds it in on close.
    if (fs.existsSync(`${source}-wal`)) fs.copyFileSync(`${source}-wal`, `${temp}-wal`);
    const counts = verifyLedgerCopy(temp, shownAs);
    for (const side of ['-wal', '-shm', '-journal']) fs.rmSync(temp + side, { force: true });

    const beforeRestore = fs.existsSync(ledger) ? await backUpCurrent(ledger, now) : null;

    // No log of the old file may outlive it: SQLite would replay it into the restored one.
    for (const side of ['-wal', '-shm', '-journal']) fs.rmSync(ledger + side, { force: true });
    fsyncFile(temp);
    fs.renameSync(temp, ledger);
    fsyncFolder(dir);

    const named = inFolder ? parseBackupName(path.basename(source)) : null;
    return {
      file: shownAs,
      takenAt: named?.takenAt ?? fs.statSync(source).mtime.toISOString(),
      reason: (named?.reason ?? null) as BackupReason | null,
      customers: counts.customers,
      invoices: counts.invoices,
      beforeRestore,
    };
  } finally {
    removeTemp(temp);
  }
}

/**
 * The 'before-restore' backup of the ledger about to be replaced. It is opened with an exclusive
 * lock, which also proves no other program has it open (the restore is refused if one does).
 */
async function backUpCurrent(ledger: string, now: Date): Promise<string> {
  let db: SqliteDb | undefined;
  try {
    db = openSqlite(ledger, { fileMustExist: true, timeout: 1000 });
    db.pragma('locking_mode = EXCLUSIVE');
    // The first read takes the lock (and replays a -wal left by a crash).
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (err) {
    db?.close();
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw new ServiceError('conflict', `Nothing was restored: ${ledger} is open in another program (is Settle running?). Close it and try again.`);
    }
    // SQLite cannot read the current ledger (the reason for restoring, perhaps): keep its bytes.
    const copy = copyFileAsBackup(ledger, ledger, 'before-restore', readKeepOf(ledger), now);
    return copy.file;
  }
  try {
    return (await createBackup(db, ledger, 'before-restore', now)).file;
  } finally {
    db.close();
  }
}

/** The kept number, from a ledger SQLite may not be able to read: the default, then. */
function readKeepOf(ledger: string): number {
  try {
    const db = openSqlite(ledger, { readonly: true, fileMustExist: true });
    try {
      return readKeep(db);
    } finally {
      db.close();
    }
  } catch {
    return DEFAULT_BACKUP_KEEP;
  }
}
