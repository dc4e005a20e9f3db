import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ledger } from '../../src-main/ledger/ledger';
import { migrations } from '../../src-main/ledger/migrations';
import { LEDGER_FILE_NAME, resolveLedgerPath, userDataDir } from '../../src-main/ledger/ledger-path';
import { openTempLedger } from '../support/temp-ledger';

describe('opening a ledger file', () => {
  it('creates the file with WAL, foreign keys and the customer tables from the migration', async () => {
    const t = await openTempLedger();
    try {
      expect(fs.existsSync(t.ledger.path)).toBe(true);
      expect(t.ledger.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(t.ledger.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(t.ledger.schemaVersion()).toBe(migrations.length);
      const tables = t.ledger.db.prepare(`SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' AND name <> 'migrations' ORDER BY name`).all();
      expect(tables).toEqual(
        ['activity', 'allocation', 'contact', 'credit_note', 'customer', 'instalment', 'invoice', 'ledger_setting', 'payment', 'promise', 'work_action', 'write_off'].concat(['dispute', 'dispute_invoice', 'draft', 'status_change', 'policy_step', 'task', 'payment_plan', 'plan_instalment', 'fee_charge', 'recovery', 'profile_change', 'letter_template', 'letter_template_version', 'letter_file', 'letter', 'certified_mail', 'plan_item', 'import_mapping', 'bureau_file', 'import_snapshot', 'import_snapshot_invoice', 'mail_setting', 'mail_message']).sort().map((name) => ({ name, strict: 1 })),
      );
    } finally {
      await t.cleanup();
    }
  });

  it('reopens an existing file without running its migrations again or backing it up', async () => {
    const t = await openTempLedger();
    const file = t.ledger.path;
    t.ledger.db.prepare(`INSERT INTO customer (code, name, created_at, updated_at) VALUES ('A1', 'Kept', 'x', 'x')`).run();
    await t.ledger.close();
    const again = await Ledger.open(file);
    try {
      expect(again.schemaVersion()).toBe(migrations.length);
      expect(again.db.prepare('SELECT name FROM customer').all()).toEqual([{ name: 'Kept' }]);
      expect(fs.readdirSync(t.dir).filter((f) => f.includes('before-migration') || f.endsWith('-backups'))).toEqual([]);
    } finally {
      await again.close();
      fs.rmSync(t.dir, { recursive: true, force: true });
    }
  });

  it('keeps a copy of an existing file before migrating it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-test-'));
    const file = path.join(dir, 'old.sqlite');
    const raw = new Database(file);
    raw.exec(`CREATE TABLE note (text TEXT); INSERT INTO note VALUES ('from an older Settle');`);
    raw.close();
    const ledger = await Ledger.open(file);
    try {
      // In the backups folder beside the file, named for the time and the reason.
      const backups = fs.readdirSync(path.join(dir, 'old.sqlite-backups'));
      expect(backups).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-before-migration\.sqlite$/)]);
      const copy = new Database(path.join(dir, 'old.sqlite-backups', backups[0]), { readonly: true });
      expect(copy.prepare('SELECT text FROM note').all()).toEqual([{ text: 'from an older Settle' }]);
      expect(copy.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'customer'`).get()).toEqual({ n: 0 });
      copy.close();
    } finally {
      await ledger.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a ledger written by a newer Settle, without migrating or copying it', async () => {
    const t = await openTempLedger();
    const file = t.ledger.path;
    t.ledger.db.prepare(`INSERT INTO migrations (timestamp, name) VALUES (1900000000000, 'FromTheFuture1900000000000')`).run();
    await t.ledger.close();
    const before = fs.readFileSync(file);
    const files = fs.readdirSync(t.dir).sort();
    await expect(Ledger.open(file)).rejects.toThrow(`This ledger was written by a newer version of Settle (schema ${migrations.length + 1}, this app knows ${migrations.length}). Update Settle to open it.`);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(t.dir).sort()).toEqual(files);
    fs.rmSync(t.dir, { recursive: true, force: true });
  });

  it('names the file and the migration when an upgrade fails, leaves the file as it was and says where the copy is', async () => {
    const t = await openTempLedger();
    const file = t.ledger.path;
    // As if the letters upgrade and those after it had never been recorded, though its tables exist: it fails.
    t.ledger.db.prepare(`DELETE FROM migrations WHERE name IN ('Letters1764201600000', 'Collectable1764288000000', 'HistoryKept1764374400000')`).run();
    await t.ledger.close();
    const schema = () => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare('SELECT type, name, sql FROM sqlite_master UNION ALL SELECT id, name, timestamp FROM migrations ORDER BY 1, 2').all();
      } finally {
        db.close();
      }
    };
    const before = schema();
    const failure = await Ledger.open(file).then(
      () => null,
      (err: Error) => err.message,
    );
    const prefix = `Could not upgrade the ledger ${file} (migration Letters1764201600000): table letter_template already exists. The file is unchanged; a copy made before the upgrade is at `;
    expect(failure?.startsWith(prefix)).toBe(true);
    const copy = failure!.slice(prefix.length, -1);
    expect(fs.existsSync(copy)).toBe(true);
    // One transaction for the whole upgrade: the collectable and history migrations did not run either.
    expect(schema()).toEqual(before);
    fs.rmSync(t.dir, { recursive: true, force: true });
  });

  it('says which file it could not open', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-test-'));
    const file = path.join(dir, 'not-a-ledger.sqlite');
    fs.writeFileSync(file, 'this is a text file, not SQLite');
    await expect(Ledger.open(file)).rejects.toThrow(file);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('where the ledger lives', () => {
  it('prefers --ledger, then SETTLE_LEDGER, then the user data folder', () => {
    const env = { SETTLE_LEDGER: '/data/env.sqlite', XDG_CONFIG_HOME: '/home/u/.config' };
    expect(resolveLedgerPath('/data/flag.sqlite', env)).toBe(path.resolve('/data/flag.sqlite'));
    expect(resolveLedgerPath(undefined, env)).toBe(path.resolve('/data/env.sqlite'));
    expect(resolveLedgerPath(undefined, { XDG_CONFIG_HOME: '/home/u/.config' })).toBe(path.join('/home/u/.config', 'Settle', LEDGER_FILE_NAME));
  });

  it('matches the folder Electron uses for a product named Settle', () => {
    expect(userDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe(path.join('/x', 'Settle'));
    expect(userDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toBe(path.join('C:\\Users\\u\\AppData\\Roaming', 'Settle'));
    expect(userDataDir({}, 'darwin')).toBe(path.join(os.homedir(), 'Library', 'Application Support', 'Settle'));
  });
});
