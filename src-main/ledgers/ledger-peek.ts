import fs from 'node:fs';
import type { Database as SqliteDb } from 'better-sqlite3';
import { openSqlite } from '../ledger/sqlite-binding';
import { letterSettings } from '../letters/letter-context';
import { PLACEHOLDER_COMPANY_NAME } from '../letters/letterhead-readiness';
import { ledgerCurrency } from '../money/ledger-money';

export type LedgerPeek = { state: 'ok'; company: string; currency: string } | { state: 'missing' } | { state: 'unreadable'; problem: string };

/**
 * What a ledger file is, read through a read-only connection that never migrates, seeds or
 * backs up anything: the list and the overview look at files the clerk may not be working in,
 * and opening one the usual way would turn any SQLite file into a Settle ledger.
 */
export function peekLedger(file: string): LedgerPeek {
  if (!fs.existsSync(file)) return { state: 'missing' };
  if (fs.statSync(file).isDirectory()) return { state: 'unreadable', problem: `${file} is a folder, not a ledger file` };
  let db: SqliteDb | null = null;
  try {
    db = openSqlite(file, { readonly: true, fileMustExist: true });
    const tables = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]);
    if (!tables.has('migrations') || !tables.has('ledger_setting')) return { state: 'unreadable', problem: `${file} is not a Settle ledger` };
    const company = letterSettings(db).companyName;
    return { state: 'ok', company: company === PLACEHOLDER_COMPANY_NAME ? '' : company, currency: ledgerCurrency(db) };
  } catch (err) {
    return { state: 'unreadable', problem: `${file} cannot be read as a Settle ledger: ${(err as Error).message}` };
  } finally {
    db?.close();
  }
}
