import fs from 'node:fs';
import path from 'node:path';
import type { Database as SqliteDb } from 'better-sqlite3';
import { openSqlite } from '../ledger/sqlite-binding';
import { restoreBackup } from '../backup/backup-restore';
import { backupFolder, backupList, createBackup, writeKeep } from '../backup/backup-store';
import { MAX_BACKUP_KEEP } from '../contract/backups';
import { ServiceError } from '../contract/service-error';
import { CliError, outputFormat } from './cli-error';

export interface BackupArgs {
  format?: string;
}

/**
 * `settle backup` (a backup now), `backup list`, `backup restore FILE`, `backup keep N`.
 * These open the ledger file with SQLite directly, not through `Ledger.open`: backing up must
 * work on a file that would fail to migrate, and nothing here changes its schema.
 */
export async function runBackup(ledgerPath: string, args: string[], options: BackupArgs): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case undefined:
      return create(ledgerPath, options);
    case 'list':
      noMore(rest, 'settle backup list [--format json]');
      return list(ledgerPath, options);
    case 'restore':
      if (rest.length !== 1) throw new CliError('Name the backup to restore: settle backup restore FILE (a name from settle backup list, or a path)');
      return restore(ledgerPath, rest[0], options);
    case 'keep':
      if (rest.length !== 1) throw new CliError(`Say how many backups to keep: settle backup keep N (1 to ${MAX_BACKUP_KEEP})`);
      return keep(ledgerPath, rest[0]);
    default:
      throw new CliError(`Unknown backup command "${sub}": use list, restore FILE or keep N, or nothing to back up now.`);
  }
}

function noMore(rest: string[], usage: string): void {
  if (rest.length > 0) throw new CliError(`Unexpected "${rest[0]}": ${usage}`);
}

function openExisting(ledgerPath: string): SqliteDb {
  if (!fs.existsSync(ledgerPath)) throw new CliError(`There is no ledger at ${ledgerPath}`);
  const db = openSqlite(ledgerPath, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

async function create(ledgerPath: string, options: BackupArgs): Promise<number> {
  const format = outputFormat(options.format);
  const db = openExisting(ledgerPath);
  try {
    const made = await createBackup(db, ledgerPath, 'manual');
    if (format === 'json') console.log(JSON.stringify({ folder: backupFolder(ledgerPath), ...made }));
    else console.log(`Backed up ${ledgerPath} to ${path.join(backupFolder(ledgerPath), made.file)} (${size(made.bytes)}).`);
    return 0;
  } finally {
    db.close();
  }
}

async function list(ledgerPath: string, options: BackupArgs): Promise<number> {
  const format = outputFormat(options.format);
  const db = openExisting(ledgerPath);
  try {
    const all = backupList(db, ledgerPath);
    if (format === 'json') {
      console.log(JSON.stringify(all));
      return 0;
    }
    if (all.backups.length === 0) {
      console.log(`No backups of ${ledgerPath} yet (they go in ${all.folder}; keeping the last ${all.keep}).`);
      return 0;
    }
    console.log(`Backups of ${ledgerPath} in ${all.folder}, newest first (keeping the last ${all.keep}):`);
    const width = Math.max(...all.backups.map((b) => b.file.length));
    for (const b of all.backups) console.log(`  ${b.file.padEnd(width)}  ${size(b.bytes).padStart(9)}`);
    return 0;
  } finally {
    db.close();
  }
}

/**
 * Replaces the ledger by a backup, after checking it. Settle must not have the ledger open: the
 * restore finds out (it takes an exclusive lock first) and refuses, changing nothing.
 */
async function restore(ledgerPath: string, file: string, options: BackupArgs): Promise<number> {
  const format = outputFormat(options.format);
  try {
    const done = await restoreBackup(ledgerPath, file);
    if (format === 'json') console.log(JSON.stringify(done));
    else {
      const what = done.reason ? `the ${done.reason} backup taken ${done.takenAt}` : `${done.file}`;
      console.log(`Restored ${what}: ${done.customers} customers, ${done.invoices} invoices.`);
      if (done.beforeRestore) console.log(`The ledger as it was is kept as ${path.join(backupFolder(ledgerPath), done.beforeRestore)}.`);
    }
    return 0;
  } catch (err) {
    // A refused restore is about the file the user named: one line, exit 2, as a rejected import.
    if (err instanceof ServiceError) throw new CliError(err.message);
    throw err;
  }
}

function keep(ledgerPath: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_BACKUP_KEEP) {
    throw new CliError(`The number of backups to keep must be a whole number from 1 to ${MAX_BACKUP_KEEP}, not "${text}"`);
  }
  const db = openExisting(ledgerPath);
  try {
    writeKeep(db, Number(text));
    console.log(`Keeping the last ${text} backups of ${ledgerPath} (older ones go after the next backup).`);
    return 0;
  } finally {
    db.close();
  }
}
