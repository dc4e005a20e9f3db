import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { csvFile } from '../support/csv-files';

// The built CLI (npm test builds before jest): an import whose writes fail must say so, exit 1
// and leave nothing behind, never report the rows it managed before the failure as imported.
const CLI = path.resolve(__dirname, '..', '..', 'build', 'main', 'cli', 'settle.js');
const NOBODY = 65534;

let dir: string;
let ledger: string;
beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-import-fail-'));
  ledger = path.join(dir, 'books.sqlite');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function settle(args: string[], options: SpawnSyncOptions = {}) {
  const r = spawnSync(process.execPath, [CLI, '--ledger', ledger, ...args], { encoding: 'utf8', ...options });
  return { code: r.status, out: String(r.stdout), err: String(r.stderr), error: r.error };
}

function count(sql: string): number {
  const db = new Database(ledger, { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

const TABLES = ['customer', 'invoice', 'payment', 'credit_note', 'allocation', 'instalment'];
function tableCounts() {
  return Object.fromEntries(TABLES.map((t) => [t, count(`SELECT COUNT(*) FROM ${t}`)]));
}

const ROWS = 5000;
function seed(): string {
  expect(settle(['import', 'customers', csvFile(dir, 'customers.csv', ['code,name', 'ACME,Acme Supply', 'BETA,Beta Foods']), '--create']).code).toBe(0);
  const lines = ['number,customer_code,issue_date,due_date,amount,description'];
  for (let i = 1; i <= ROWS; i++) lines.push(`F-${i},${i % 2 ? 'ACME' : 'BETA'},2026-04-01,2026-04-30,${i}.25,row ${i} of a file read in several chunks`);
  return csvFile(dir, 'invoices.csv', lines);
}

/**
 * Whether this process can show that a read-only ledger is refused: as root, file permissions
 * do not stop writes, so the CLI runs as an unprivileged user instead (when root may switch to one).
 */
function readOnlyRunner(): { options: SpawnSyncOptions } | { skip: string } {
  if (process.getuid?.() !== 0) return { options: {} };
  const probe = spawnSync(process.execPath, ['-e', 'process.exit(process.getuid() === 65534 ? 0 : 3)'], { uid: NOBODY, gid: NOBODY });
  if (probe.status === 0) return { options: { uid: NOBODY, gid: NOBODY } };
  return { skip: `running as root and cannot switch to uid ${NOBODY} (${probe.error?.message ?? `exit ${probe.status}`}), and root may write a chmod 444 file` };
}
const runner = readOnlyRunner();

describe('settle import when writing fails', () => {
  it('exits 1 naming the failure, and keeps none of the rows written before it', () => {
    const file = seed();
    const before = tableCounts();
    // A trigger stored in the ledger fails the 1,501st invoice, as a full disk or I/O error would.
    const db = new Database(ledger);
    db.exec(`CREATE TRIGGER inject_io_error BEFORE INSERT ON invoice WHEN (SELECT COUNT(*) FROM invoice) >= 1500
             BEGIN SELECT RAISE(ABORT, 'disk I/O error (injected)'); END`);
    db.close();

    const text = settle(['import', 'invoices', file]);
    expect(text.code).toBe(1);
    expect(text.out).not.toMatch(/new/);
    expect(text.err).toContain(`settle: Nothing was imported from ${file}: disk I/O error (injected)`);
    expect(tableCounts()).toEqual(before);

    const json = settle(['import', 'invoices', file, '--format', 'json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toEqual({ kind: 'invoices', inserted: 0, unchanged: 0, failed: 'disk I/O error (injected)' });
    expect(count(`SELECT COUNT(*) FROM invoice WHERE number LIKE 'F-%'`)).toBe(0);
    expect(tableCounts()).toEqual(before);
  });

  const readOnly = 'skip' in runner ? it.skip : it;
  readOnly(`exits 1 on a read-only ledger file and changes nothing${'skip' in runner ? ` (skipped: ${runner.skip})` : ''}`, () => {
    const file = seed();
    const before = tableCounts();
    const bytes = fs.readFileSync(ledger);
    // Folders stay writable (SQLite keeps its -shm and -wal files beside the ledger, backups go
    // in a folder beside it): only the ledger file itself is read-only.
    const openUp = (folder: string) => {
      fs.chmodSync(folder, 0o777);
      for (const e of fs.readdirSync(folder, { withFileTypes: true })) if (e.isDirectory()) openUp(path.join(folder, e.name));
    };
    openUp(dir);
    fs.chmodSync(file, 0o644);
    fs.chmodSync(ledger, 0o444);
    const r = settle(['import', 'invoices', file], 'options' in runner ? runner.options : {});
    expect(r.error).toBeUndefined();
    expect(r.code).toBe(1);
    expect(r.out).not.toMatch(/new/);
    expect(r.err).toMatch(new RegExp(`^settle: Nothing was imported from ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*readonly database`, 'm'));
    expect(fs.readFileSync(ledger).equals(bytes)).toBe(true);
    expect(tableCounts()).toEqual(before);
  });
});
