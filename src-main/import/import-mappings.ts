import type { Database } from 'better-sqlite3';
import { settleColumns, type ColumnMapping } from './column-mapping';
import { IMPORT_KINDS, type ImportKind } from './import-kinds';

export interface RememberedMapping {
  kind: ImportKind;
  mapping: ColumnMapping;
}

/** The mapping last used for a file with this header, if any (only columns its kind still has). */
export function rememberedMapping(db: Database, signature: string): RememberedMapping | null {
  const row = db.prepare(`SELECT kind, mapping FROM import_mapping WHERE signature = ?`).get(signature) as { kind: string; mapping: string } | undefined;
  if (!row || !(IMPORT_KINDS as readonly string[]).includes(row.kind)) return null;
  const kind = row.kind as ImportKind;
  const known = new Set(settleColumns(kind));
  const mapping: ColumnMapping = {};
  for (const [column, file] of Object.entries(JSON.parse(row.mapping) as Record<string, unknown>)) {
    if (known.has(column) && typeof file === 'string') mapping[column] = file;
  }
  return { kind, mapping };
}

/** Remembers a mapping for files with this header; called inside the import's own transaction. */
export function rememberMapping(db: Database, signature: string, kind: ImportKind, mapping: ColumnMapping, now: string): void {
  db.prepare(
    `INSERT INTO import_mapping (signature, kind, mapping, saved_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (signature) DO UPDATE SET kind = excluded.kind, mapping = excluded.mapping, saved_at = excluded.saved_at`,
  ).run(signature, kind, JSON.stringify(mapping), now);
}
