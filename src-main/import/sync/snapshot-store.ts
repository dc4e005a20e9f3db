import type { Database } from 'better-sqlite3';

// The exports applied so far, per source (import_snapshot, import_snapshot_invoice).

export function lastExportDate(db: Database, source: string): string | null {
  return (db.prepare(`SELECT MAX(export_date) FROM import_snapshot WHERE source = ?`).pluck().get(source) as string | null) ?? null;
}

/** Every invoice an earlier export of this source listed, with what the latest of them said. */
export function invoicesFromSource(db: Database, source: string): Map<number, { dueDate: string; amountDue: number }> {
  const rows = db
    .prepare(
      `SELECT l.invoice_id AS id, l.due_date AS dueDate, l.amount_due AS amountDue
         FROM import_snapshot_invoice l JOIN import_snapshot s ON s.id = l.snapshot_id
        WHERE s.source = ? ORDER BY s.export_date, s.id`,
    )
    .all(source) as { id: number; dueDate: string; amountDue: number }[];
  // Ordered oldest first, so the last export's word on an invoice is the one kept.
  return new Map(rows.map((r) => [r.id, { dueDate: r.dueDate, amountDue: r.amountDue }]));
}

export function recordSnapshot(
  db: Database,
  x: { source: string; exportDate: string; fileName: string | null; appliedAt: string; openBefore: number; openAfter: number; invoices: { id: number; amountDue: number; dueDate: string }[] },
): void {
  const id = db
    .prepare(`INSERT INTO import_snapshot (source, export_date, file_name, applied_at, open_before, open_after) VALUES (?, ?, ?, ?, ?, ?)`)
    .run(x.source, x.exportDate, x.fileName, x.appliedAt, x.openBefore, x.openAfter).lastInsertRowid;
  const line = db.prepare(`INSERT INTO import_snapshot_invoice (snapshot_id, invoice_id, amount_due, due_date) VALUES (?, ?, ?, ?)`);
  for (const inv of x.invoices) line.run(id, inv.id, inv.amountDue, inv.dueDate);
}

/** The ledger's receivables: open invoices less unapplied payments and credits. */
export function receivablesTotal(db: Database): number {
  return db
    .prepare(
      `SELECT (SELECT IFNULL(SUM(open_amount), 0) FROM invoice)
            - (SELECT IFNULL(SUM(unapplied), 0) FROM payment)
            - (SELECT IFNULL(SUM(unapplied), 0) FROM credit_note)`,
    )
    .pluck()
    .get() as number;
}
