import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { saveLetterSettings } from '../../src-main/letters/letter-context';

/** A letterhead with every sender detail filled in: without it, letters are refused (letterhead-readiness.ts). */
export const LETTERHEAD = {
  companyName: 'Northwind Supplies',
  companyAddress: '1 Harbour Road\nSpringfield, IL 62701',
  companyPhone: '217 555 0100',
  companyEmail: 'accounts@northwind.example',
  clerkName: 'Sam Carter',
  clerkPhone: '217 555 0101',
};

export function fillLetterhead(db: Db): void {
  saveLetterSettings(db, LETTERHEAD);
}

/** The same, on a ledger file no program has open (CLI tests). */
export function fillLetterheadFile(file: string): void {
  const db = new Database(file);
  try {
    fillLetterhead(db);
  } finally {
    db.close();
  }
}
