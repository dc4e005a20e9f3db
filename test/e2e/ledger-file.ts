import Database from 'better-sqlite3';

/** Reads the ledger file directly, to prove what was (and was not) written. */
export function ledgerCounts(file: string): { customers: number; contacts: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const customers = (db.prepare('SELECT COUNT(*) AS n FROM customer').get() as { n: number }).n;
    const contacts = (db.prepare('SELECT COUNT(*) AS n FROM contact').get() as { n: number }).n;
    return { customers, contacts };
  } finally {
    db.close();
  }
}
