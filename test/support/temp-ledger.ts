import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ledger } from '../../src-main/ledger/ledger';

/** A real ledger file in its own temp folder; removed by cleanup(). */
export async function openTempLedger(): Promise<{ ledger: Ledger; dir: string; cleanup(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-test-'));
  const ledger = await Ledger.open(path.join(dir, 'ledger.sqlite'));
  return {
    ledger,
    dir,
    async cleanup() {
      await ledger.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every row of every table, to prove a failed call changed nothing. */
export function snapshot(ledger: Ledger): Record<string, unknown[]> {
  const tables = ledger.db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as { name: string }[];
  // Sorted in JS: some tables are WITHOUT ROWID.
  const rows = (name: string) => ledger.db.prepare(`SELECT * FROM "${name}"`).all().map((r) => JSON.stringify(r)).sort();
  return Object.fromEntries(tables.map(({ name }) => [name, rows(name)]));
}
