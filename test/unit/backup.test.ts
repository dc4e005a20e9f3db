import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { restoreBackup } from '../../src-main/backup/backup-restore';
import { backupBeforeImport, backupFolder, backupIfDue, copyQuietLedger, createBackup, listBackups, writeKeep } from '../../src-main/backup/backup-store';
import { checkLedgerInvariants } from '../../src-main/backup/ledger-invariants';
import type { Handlers, RestoreSummary, ServiceErrorData } from '../../src-main/contract';
import { ServiceError } from '../../src-main/contract/service-error';
import { importCsvFile } from '../../src-main/import/importer';
import { Ledger } from '../../src-main/ledger/ledger';
import { createHandlers } from '../../src-main/services/create-services';
import { serviceCaller } from '../support/service-caller';
import { csvFile } from '../support/csv-files';

// The built CLI, run as a user runs it (npm run build:main first).
const CLI = path.resolve(__dirname, '..', '..', 'build', 'main', 'cli', 'settle.js');

let dir: string;
let file: string;
let ledger: Ledger;
let handlers: Handlers;
const { ok, call, refused } = serviceCaller(() => handlers, () => ledger);

// The handlers schedule the daily backup on a timer; here it runs only when a test moves time on,
// so each test's list of backups is exactly what it made. setImmediate stays real: the online
// backup steps through it.
const FAKE_TIMERS = { doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask', 'Date'] } as const;

beforeEach(async () => {
  jest.useFakeTimers({ doNotFake: [...FAKE_TIMERS.doNotFake] });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-backup-'));
  file = path.join(dir, 'acme.sqlite');
  ledger = await Ledger.open(file);
  handlers = createHandlers(ledger);
});
afterEach(async () => {
  jest.useRealTimers();
  await ledger.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const folder = () => backupFolder(file);
const sha = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');
const folderFiles = () => (fs.existsSync(folder()) ? fs.readdirSync(folder()).sort() : []);
const byReason = (reason: string) => listBackups(file).filter((b) => b.reason === reason);

/** Reads a file as SQLite sees it. */
function read<T>(f: string, sql: string): T {
  const db = new Database(f, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}

async function seed(): Promise<{ acme: number; invoice: number }> {
  const acme = (await ok<{ id: number }>('customers.create', { code: 'ACME', name: 'Acme Supply' })).id;
  const invoice = (await ok<{ id: number }>('invoices.create', { number: 'INV-1', customerId: acme, issueDate: '2026-01-01', dueDate: '2026-01-31', amount: 10_000 })).id;
  await ok('payments.record', { reference: 'CHK-1', customerId: acme, date: '2026-01-20', amount: 4_000, invoiceId: invoice });
  return { acme, invoice };
}

/** A copy of a backup for a test to spoil, named as Settle names them so it can be listed and restored by name. */
function spoilableCopy(name: string): string {
  const made = listBackups(file)[0];
  const copy = path.join(folder(), name);
  fs.copyFileSync(path.join(folder(), made.file), copy);
  return copy;
}

/** The restore is refused with a conflict saying why, and neither the ledger nor the backups changed. */
async function expectRefused(backup: string, why: RegExp): Promise<void> {
  await ledger.close();
  const before = { ledger: sha(file), backups: folderFiles(), beside: fs.readdirSync(dir).sort() };
  const err = (await restoreBackup(file, backup).then(
    () => null,
    (e: unknown) => e,
  )) as ServiceError | null;
  expect(err).toBeInstanceOf(ServiceError);
  expect(err!.code).toBe('conflict');
  expect(err!.message).toMatch(/^Nothing was restored: /);
  expect(err!.message).toMatch(why);
  expect({ ledger: sha(file), backups: folderFiles(), beside: fs.readdirSync(dir).sort() }).toEqual(before);
  ledger = await Ledger.open(file);
  handlers = createHandlers(ledger);
}

describe('backing up and restoring a ledger', () => {
  it('round trip: a backup taken through the service is restored with the ledger closed, and the later changes are gone', async () => {
    const { acme, invoice } = await seed();
    const made = await ok<{ file: string; reason: string; takenAt: string; bytes: number }>('backups.create', {});
    expect(made).toEqual({ file: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-manual\.sqlite$/), reason: 'manual', takenAt: expect.any(String), bytes: expect.any(Number) });
    expect(fs.existsSync(path.join(dir, 'acme.sqlite-backups', made.file))).toBe(true);

    // Changes after the backup.
    await ok('customers.create', { code: 'LATE', name: 'Added later' });
    await ok('payments.record', { reference: 'CHK-2', customerId: acme, date: '2026-02-01', amount: 6_000, invoiceId: invoice });
    expect(ledger.db.prepare('SELECT open_amount FROM invoice').pluck().get()).toBe(0);

    await ledger.close();
    const summary = await restoreBackup(file, path.join(folder(), made.file));
    expect(summary).toEqual({ file: made.file, takenAt: made.takenAt, reason: 'manual', customers: 1, invoices: 1, beforeRestore: expect.stringMatching(/-before-restore\.sqlite$/) });
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('acme.sqlite-') && !f.endsWith('-backups'))).toEqual([]);

    ledger = await Ledger.open(file);
    handlers = createHandlers(ledger);
    expect(ledger.db.prepare('SELECT code FROM customer ORDER BY code').pluck().all()).toEqual(['ACME']);
    expect(ledger.db.prepare('SELECT open_amount FROM invoice').pluck().get()).toBe(6_000);
    expect(ledger.db.pragma('integrity_check', { simple: true })).toBe('ok');

    // The ledger as it was is kept, with the later changes, and can itself be restored.
    const kept = path.join(folder(), summary.beforeRestore!);
    expect(read<{ n: number }>(kept, 'SELECT COUNT(*) AS n FROM customer').n).toBe(2);
    await ledger.close();
    expect((await restoreBackup(file, summary.beforeRestore!)).customers).toBe(2);
    ledger = await Ledger.open(file);
    handlers = createHandlers(ledger);
    expect(ledger.db.prepare('SELECT open_amount FROM invoice').pluck().get()).toBe(0);
  });

  it('lists backups newest first with the folder and the kept number; keep is 1 to 100', async () => {
    await seed();
    await createBackup(ledger.db, file, 'daily', new Date('2026-03-01T08:00:00Z'));
    await createBackup(ledger.db, file, 'before-import', new Date('2026-03-02T09:30:15Z'));
    await createBackup(ledger.db, file, 'manual', new Date('2026-03-02T09:30:15Z'));
    const list = await ok<{ folder: string; keep: number; backups: { file: string; reason: string; takenAt: string; bytes: number }[] }>('backups.list', {});
    expect(list.folder).toBe(`${file}-backups`);
    expect(list.keep).toBe(10);
    expect(list.backups.filter((b) => b.takenAt < '2026-04').map((b) => [b.file, b.reason, b.takenAt])).toEqual([
      ['2026-03-02T09-30-15Z-manual.sqlite', 'manual', '2026-03-02T09:30:15.000Z'],
      ['2026-03-02T09-30-15Z-before-import.sqlite', 'before-import', '2026-03-02T09:30:15.000Z'],
      ['2026-03-01T08-00-00Z-daily.sqlite', 'daily', '2026-03-01T08:00:00.000Z'],
    ]);
    expect(list.backups.every((b) => b.bytes > 0 && !b.file.includes('/'))).toBe(true);

    expect((await ok<{ keep: number }>('backups.settingsUpdate', { keep: 3 })).keep).toBe(3);
    expect(ledger.db.prepare(`SELECT value FROM ledger_setting WHERE key = 'backup_keep'`).pluck().get()).toBe('3');
    for (const keep of [0, 101, 2.5, '4']) {
      const err = await refused('backups.settingsUpdate', { keep });
      expect(err.code).toBe('validation');
      expect(err.fields?.keep).toBeDefined();
    }
    expect((await refused('backups.settingsUpdate', { keep: 5, extra: 1 })).code).toBe('validation');
  });

  it('keeps the newest N after each backup, whatever their reason, never the one just made', async () => {
    writeKeep(ledger.db, 3);
    const reasons = ['daily', 'before-import', 'manual', 'before-restore', 'daily'] as const;
    for (const [n, reason] of reasons.entries()) await createBackup(ledger.db, file, reason, new Date(Date.UTC(2026, 0, 1 + n, 12)));
    expect(listBackups(file).map((b) => b.file)).toEqual(['2026-01-05T12-00-00Z-daily.sqlite', '2026-01-04T12-00-00Z-before-restore.sqlite', '2026-01-03T12-00-00Z-manual.sqlite']);
    // A backup stamped earlier than the rest (a clock set back) is still kept: it was just made.
    await createBackup(ledger.db, file, 'manual', new Date(Date.UTC(2025, 0, 1)));
    expect(listBackups(file).map((b) => b.file)).toEqual(['2026-01-05T12-00-00Z-daily.sqlite', '2026-01-04T12-00-00Z-before-restore.sqlite', '2025-01-01T00-00-00Z-manual.sqlite']);
    writeKeep(ledger.db, 1);
    await createBackup(ledger.db, file, 'manual', new Date(Date.UTC(2026, 1, 1)));
    expect(folderFiles()).toEqual(['2026-02-01T00-00-00Z-manual.sqlite']);
  });

  it('two backups in the same second for the same reason both survive', async () => {
    const at = new Date('2026-05-05T05:05:05.100Z');
    const [a, b] = await Promise.all([createBackup(ledger.db, file, 'manual', at), createBackup(ledger.db, file, 'manual', at)]);
    expect([a.file, b.file].sort()).toEqual(['2026-05-05T05-05-05Z-manual-2.sqlite', '2026-05-05T05-05-05Z-manual.sqlite']);
    expect(listBackups(file).map((x) => x.file).sort()).toEqual(['2026-05-05T05-05-05Z-manual-2.sqlite', '2026-05-05T05-05-05Z-manual.sqlite']);
  });

  it('removes the remains of unfinished backups only once their process (or, for another thread, an hour) is gone', async () => {
    fs.mkdirSync(folder(), { recursive: true });
    const remains = (pid: number, thread: number) => `.2026-01-01T00-00-00Z-daily.sqlite.${pid}-${thread}-0badcafe.partial`;
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    const deadPid = Number(gone.stdout.trim());
    const files = {
      dead: remains(deadPid, 0),
      deadJournal: `${remains(deadPid, 0)}-journal`,
      running: remains(process.ppid, 0),
      otherThreadFresh: remains(process.pid, 99),
      otherThreadOld: remains(process.pid, 98),
      notOurs: '.something-else.partial',
    };
    for (const f of Object.values(files)) fs.writeFileSync(path.join(folder(), f), 'x');
    const hourAgo = new Date(Date.now() - 61 * 60 * 1000);
    fs.utimesSync(path.join(folder(), files.otherThreadOld), hourAgo, hourAgo);
    await createBackup(ledger.db, file, 'manual');
    expect(folderFiles().filter((f) => f.startsWith('.'))).toEqual([files.notOurs, files.otherThreadFresh, files.running].sort());
    expect(listBackups(file)).toHaveLength(1);
  });

  it('the backup before an import holds every committed row, copied as a file or, while a reader keeps the log, online', async () => {
    const other = new Database(file);
    const add = (code: string) => other.prepare(`INSERT INTO customer (code, name, created_at, updated_at) VALUES (?, ?, 'x', 'x')`).run(code, `${code} Ltd`);
    const codes = (b: { file: string }) => {
      // Opened from a copy: opening the backup itself would leave SQLite's side files in the folder.
      const copy = path.join(os.tmpdir(), `settle-backup-check-${process.pid}-${b.file}`);
      fs.copyFileSync(path.join(backupFolder(file), b.file), copy);
      const db = new Database(copy);
      try {
        return db.prepare(`SELECT code FROM customer ORDER BY code`).pluck().all();
      } finally {
        db.close();
        for (const side of ['', '-wal', '-shm']) fs.rmSync(copy + side, { force: true });
      }
    };
    const reader = new Database(file);
    try {
      // Committed by another connection: still in the write-ahead log, not yet in the ledger's file.
      add('WAL1');
      const copied = await backupBeforeImport(ledger.db, file, new Date('2026-03-01T10:00:00Z'));
      expect(fs.statSync(`${file}-wal`).size).toBe(0);
      // A read in progress keeps the log from being emptied, so the file alone is not the ledger.
      reader.exec('BEGIN');
      reader.prepare(`SELECT COUNT(*) FROM customer`).get();
      add('WAL2');
      const online = await backupBeforeImport(ledger.db, file, new Date('2026-03-01T11:00:00Z'));
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
      expect(codes(copied)).toContain('WAL1');
      expect(codes(copied)).not.toContain('WAL2');
      expect(codes(online)).toEqual(expect.arrayContaining(['WAL1', 'WAL2']));
      expect(ledger.db.inTransaction).toBe(false);
    } finally {
      if (reader.inTransaction) reader.exec('COMMIT');
      reader.close();
      other.close();
    }
  });

  it('the backup before an import right after another import is still a copy of the file', async () => {
    // Every import switches the ledger to a rollback journal and back to WAL; an unnamed checkpoint
    // then also took the temp schema, was refused (SQLITE_LOCKED), and the next backup went online.
    await importCsvFile(ledger.db, 'customers', csvFile(dir, 'first.csv', ['code,name', 'FIRST,First Ltd']));
    const copy = path.join(dir, 'copy.sqlite');
    expect(copyQuietLedger(ledger.db, copy)).toBe(true);
    const db = new Database(copy, { readonly: true });
    try {
      expect(db.prepare('SELECT code FROM customer').pluck().all()).toEqual(['FIRST']);
    } finally {
      db.close();
    }
  });

  it('makes the daily backup once a day: when there is none, or the newest of any kind is 24 hours old', async () => {
    const t0 = new Date('2026-06-01T07:00:00Z');
    const hours = (h: number) => new Date(t0.getTime() + h * 3_600_000);
    expect((await backupIfDue(ledger.db, file, t0))?.file).toBe('2026-06-01T07-00-00Z-daily.sqlite');
    expect(await backupIfDue(ledger.db, file, hours(1))).toBeNull();
    expect(await backupIfDue(ledger.db, file, hours(23.99))).toBeNull();
    expect((await backupIfDue(ledger.db, file, hours(24)))?.file).toBe('2026-06-02T07-00-00Z-daily.sqlite');
    // Any backup counts as the day's: one before an import at 30 h puts the next daily off to 54 h.
    await backupBeforeImport(ledger.db, file, hours(30));
    expect(await backupIfDue(ledger.db, file, hours(50))).toBeNull();
    expect((await backupIfDue(ledger.db, file, hours(54)))?.reason).toBe('daily');
    // Checks at the same moment (two threads on one ledger) make one backup between them.
    const both = await Promise.all([backupIfDue(ledger.db, file, hours(80)), backupIfDue(ledger.db, file, hours(80))]);
    expect(both.filter((b) => b !== null)).toHaveLength(1);
    expect(byReason('daily')).toHaveLength(4);
  });

  it('the handlers make the daily backup shortly after the ledger is opened, and again once the services’ day moves on', async () => {
    // Handlers of their own, with a clock the test can move (those of beforeEach stop with their ledger).
    await ledger.close();
    ledger = await Ledger.open(file);
    handlers = createHandlers(ledger, { clockControl: true });
    await ok('clock.set', { now: '2026-07-01T09:00:00Z' });
    jest.advanceTimersByTime(1_000);
    await drain();
    expect(listBackups(file)).toEqual([]);
    jest.advanceTimersByTime(600);
    await waitFor(() => byReason('daily').length === 1);
    expect(byReason('daily')[0].file).toBe('2026-07-01T09-00-00Z-daily.sqlite');

    jest.advanceTimersByTime(3_600_000);
    await drain();
    expect(byReason('daily')).toHaveLength(1);
    await ok('clock.set', { now: '2026-07-02T09:30:00Z' });
    jest.advanceTimersByTime(3_600_000);
    await waitFor(() => byReason('daily').length === 2);
    expect(byReason('daily')[0].file).toBe('2026-07-02T09-30-00Z-daily.sqlite');

    // Once the ledger is closed, the timer stops.
    await ledger.close();
    jest.advanceTimersByTime(48 * 3_600_000);
    await drain();
    expect(byReason('daily')).toHaveLength(2);
    ledger = await Ledger.open(file);
  });

  it('backups.restore takes only a listed name, and without the app host says to use the CLI', async () => {
    await seed();
    const made = await ok<{ file: string }>('backups.create', {});
    for (const name of ['../acme.sqlite', 'sub/x.sqlite', 'C:\\x.sqlite', '']) {
      const err = await refused('backups.restore', { file: name });
      expect(err.code).toBe('validation');
    }
    expect(await refused('backups.restore', { file: 'acme.sqlite' })).toMatchObject({ code: 'not_found' });
    expect(await refused('backups.restore', { file: '2020-01-01T00-00-00Z-manual.sqlite' })).toMatchObject({ code: 'not_found' });
    expect(await refused('backups.restore', { file: made.file })).toEqual<ServiceErrorData>({
      code: 'conflict',
      message: 'Restoring needs Settle to reopen the ledger; use `settle backup restore FILE` with the app closed.',
    });

    // With a host, it gets the backup's full path and its answer goes back to the caller.
    const asked: string[] = [];
    const answer: RestoreSummary = { file: made.file, takenAt: '2026-01-01T00:00:00.000Z', reason: 'manual', customers: 1, invoices: 1, beforeRestore: null };
    handlers = createHandlers(ledger, {
      restore: async (f) => {
        asked.push(f);
        return answer;
      },
    });
    expect(await ok('backups.restore', { file: made.file })).toEqual(answer);
    expect(asked).toEqual([path.join(file + '-backups', made.file)]);
    expect((await call('backups.restore', { file: 'nope.sqlite' })).ok).toBe(false);
    expect(asked).toHaveLength(1);
  });

  it('refuses a backup with bytes overwritten in the middle, and changes nothing', async () => {
    await seed();
    for (let i = 0; i < 200; i++) await ok('customers.create', { code: `C${i}`, name: `Customer number ${i} with a longer name to fill pages` });
    await ok('backups.create', {});
    const copy = spoilableCopy('2020-01-01T00-00-00Z-manual.sqlite');
    const size = fs.statSync(copy).size;
    const page = 4096;
    const fd = fs.openSync(copy, 'r+');
    fs.writeSync(fd, Buffer.alloc(page, 0x5a), 0, page, Math.floor(size / page / 2) * page);
    fs.closeSync(fd);
    await expectRefused(copy, /is damaged|not a Settle ledger/);
    await expectRefused(path.basename(copy), /is damaged|not a Settle ledger/);
  });

  it('refuses a truncated backup and a file that is not a database, and changes nothing', async () => {
    await seed();
    for (let i = 0; i < 100; i++) await ok('customers.create', { code: `C${i}`, name: `Customer ${i}` });
    await ok('backups.create', {});
    const copy = spoilableCopy('2020-01-01T00-00-00Z-manual.sqlite');
    fs.truncateSync(copy, Math.floor(fs.statSync(copy).size / 2));
    await expectRefused(copy, /is damaged|cannot be opened|not a Settle ledger/);
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'not a ledger at all\n'.repeat(500));
    await expectRefused(text, /not a Settle ledger or is damaged: file is not a database/);
    const empty = path.join(dir, 'empty.sqlite');
    new Database(empty).close();
    await expectRefused(empty, /is not a Settle ledger \(it has no migrations table\)/);
    await expect(restoreBackup(file, path.join(dir, 'missing.sqlite'))).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/^Nothing was restored: there is no backup .*missing\.sqlite\.$/) });
  });

  it('refuses a backup whose balances do not add up, naming what is wrong', async () => {
    const { invoice } = await seed();
    await ok('backups.create', {});
    const copy = spoilableCopy('2020-01-01T00-00-00Z-manual.sqlite');
    const db = new Database(copy);
    // open_amount is a running balance the app updates, so no trigger stops this.
    db.prepare('UPDATE invoice SET open_amount = open_amount - 1 WHERE id = ?').run(invoice);
    db.close();
    await expectRefused(copy, /has balances that do not add up \(1 problem\): invoice INV-1 \(id \d+\): open amount 5999 but amount 10000 less allocations 4000 is 6000/);
  });

  it('refuses a backup with rows pointing at nothing, or written by a newer Settle', async () => {
    await seed();
    await ok('backups.create', {});
    const orphan = spoilableCopy('2020-01-01T00-00-00Z-manual.sqlite');
    let db = new Database(orphan);
    db.pragma('foreign_keys = OFF');
    db.prepare(`INSERT INTO contact (customer_id, name, role) VALUES (999, 'Nobody', 'other')`).run();
    db.close();
    await expectRefused(orphan, /is damaged: 1 row point at rows that do not exist \(first: contact row \d+ → customer\)/);

    const newer = spoilableCopy('2020-01-02T00-00-00Z-manual.sqlite');
    db = new Database(newer);
    db.prepare(`INSERT INTO migrations (timestamp, name) VALUES (9999999999999, 'FromTheFuture9999999999999')`).run();
    db.close();
    await expectRefused(newer, /was written by a newer version of Settle \(its schema has FromTheFuture9999999999999/);
  });

  it('refuses while another connection has the ledger open, and changes nothing', async () => {
    await seed();
    const made = await ok<{ file: string }>('backups.create', {});
    // The handlers' ledger is still open: as if Settle were running.
    const before = { ledger: sha(file), backups: folderFiles() };
    await expect(restoreBackup(file, made.file)).rejects.toThrow(/Nothing was restored: .*acme\.sqlite is open in another program/);
    expect({ ledger: sha(file), backups: folderFiles() }).toEqual(before);
  });

  it('restores an older backup over a ledger SQLite cannot read, keeping the damaged bytes', async () => {
    await seed();
    const made = await ok<{ file: string }>('backups.create', {});
    await ledger.close();
    fs.writeFileSync(file, Buffer.alloc(8192, 0x41));
    const summary = await restoreBackup(file, made.file);
    expect(summary.customers).toBe(1);
    expect(fs.readFileSync(path.join(folder(), summary.beforeRestore!))).toEqual(Buffer.alloc(8192, 0x41));
    ledger = await Ledger.open(file);
    handlers = createHandlers(ledger);
    expect(ledger.db.prepare('SELECT code FROM customer').pluck().all()).toEqual(['ACME']);
  });
});

describe('checkLedgerInvariants', () => {
  it('finds nothing wrong in a ledger written by the services, and each kind of damage when it is there', async () => {
    const { acme, invoice } = await seed();
    const scheduled = (
      await ok<{ id: number }>('invoices.create', {
        number: 'INV-2',
        customerId: acme,
        issueDate: '2026-02-01',
        dueDate: '2026-02-28',
        amount: 9_000,
        schedule: [
          { dueDate: '2026-02-28', amount: 3_000 },
          { dueDate: '2026-03-31', amount: 6_000 },
        ],
      })
    ).id;
    await ok('payments.record', { reference: 'CHK-3', customerId: acme, date: '2026-03-01', amount: 4_000, invoiceId: scheduled });
    await ok('credits.record', { number: 'CN-1', customerId: acme, date: '2026-03-02', amount: 500, invoiceId: invoice, reason: 'Damaged' });
    await ok('writeOffs.record', { invoiceId: invoice, date: '2026-04-01', amount: 1_000, reason: 'Small balance', approvedBy: 'J. Ortiz', approvalNote: 'ok' });
    const db = ledger.db;
    expect(checkLedgerInvariants(db)).toEqual([]);

    db.prepare(`UPDATE payment SET unapplied = unapplied + 1 WHERE reference = 'CHK-1'`).run();
    db.prepare(`UPDATE instalment SET open_amount = open_amount + 1 WHERE seq = 2`).run();
    db.prepare(`UPDATE credit_note SET settled_date = '9999-12-31'`).run();
    expect(checkLedgerInvariants(db)).toEqual([
      expect.stringMatching(/^instalment 2 of invoice INV-2 \(id \d+\): open amount 5001 but amount 6000 less allocations 1000 is 5000$/),
      expect.stringMatching(/^invoice INV-2 \(id \d+\): its instalments add up to 9000 \(open 5001\), the invoice is 9000 \(open 5000\)$/),
      expect.stringMatching(/^payment CHK-1 \(id \d+\): unapplied 1 but amount 4000 less allocations 4000 is 0$/),
      expect.stringMatching(/^payment CHK-1 \(id \d+\): 1 still open but marked settled on 2026-01-20$/),
      expect.stringMatching(/^credit note CN-1 \(id \d+\): nothing left open but not marked settled$/),
    ]);
  });

  it('finds an allocation deleted behind the ledger’s back (its triggers dropped) from both sides', async () => {
    await seed();
    const db = ledger.db;
    db.exec('DROP TRIGGER allocation_history_no_delete; DELETE FROM allocation;');
    expect(checkLedgerInvariants(db)).toEqual([
      expect.stringMatching(/^invoice INV-1 \(id \d+\): open amount 6000 but amount 10000 less allocations 0 is 10000$/),
      expect.stringMatching(/^payment CHK-1 \(id \d+\): unapplied 0 but amount 4000 less allocations 0 is 4000$/),
    ]);
  });
});

describe('settle backup (the built CLI)', () => {
  beforeAll(() => {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:main first`);
  });
  // Child processes are watched with real timers.
  beforeEach(() => jest.useRealTimers());

  function settle(args: string[]) {
    const r = spawnSync(process.execPath, [CLI, '--ledger', file, ...args], { encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  }

  it('backs up, lists, keeps N and restores by name, with the app closed', async () => {
    await seed();
    await ledger.close();
    const made = settle(['backup']);
    expect(made).toMatchObject({ code: 0, err: '' });
    expect(made.out).toMatch(/^Backed up .*acme\.sqlite to .*acme\.sqlite-backups[\\/]\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-manual\.sqlite \(\d+(\.\d)? [KM]?B\)\.\n$/);
    const list = JSON.parse(settle(['backup', 'list', '--format', 'json']).out);
    expect(list).toMatchObject({ folder: `${file}-backups`, keep: 10, backups: [{ reason: 'manual' }] });
    expect(settle(['backup', 'list']).out).toContain(list.backups[0].file);

    expect(settle(['backup', 'keep', '2'])).toMatchObject({ code: 0 });
    expect(read<{ value: string }>(file, `SELECT value FROM ledger_setting WHERE key = 'backup_keep'`).value).toBe('2');

    ledger = await Ledger.open(file);
    handlers = createHandlers(ledger);
    await ok('customers.create', { code: 'LATE', name: 'Added later' });
    await ledger.close();
    const restored = settle(['backup', 'restore', list.backups[0].file]);
    expect(restored).toMatchObject({ code: 0, err: '' });
    expect(restored.out).toMatch(/^Restored the manual backup taken .*: 1 customers, 1 invoices\.\nThe ledger as it was is kept as .*-before-restore\.sqlite\.\n$/);
    expect(read<{ n: number }>(file, 'SELECT COUNT(*) AS n FROM customer').n).toBe(1);
    ledger = await Ledger.open(file);
    handlers = createHandlers(ledger);
  }, 90_000);

  it('exits 2 with one line for usage errors and a refused restore', async () => {
    await ledger.close();
    const oneLine = (r: { code: number | null; out: string; err: string }, text: RegExp) => {
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(text);
    };
    oneLine(settle(['backup', 'keep', '0']), /^settle: The number of backups to keep must be a whole number from 1 to 100, not "0"/);
    oneLine(settle(['backup', 'keep', 'ten']), /not "ten"/);
    oneLine(settle(['backup', 'keep']), /^settle: Say how many backups to keep/);
    oneLine(settle(['backup', 'restore']), /^settle: Name the backup to restore/);
    oneLine(settle(['backup', 'frob']), /^settle: Unknown backup command "frob"/);
    oneLine(settle(['backup', 'list', 'extra']), /^settle: Unexpected "extra"/);
    oneLine(settle(['backup', 'list', '--format', 'xml']), /--format must be text or json/);
    oneLine(settle(['backup', 'restore', 'nope.sqlite']), /^settle: Nothing was restored: there is no backup .*nope\.sqlite\./);
    fs.writeFileSync(path.join(dir, 'junk.sqlite'), 'junk'.repeat(2000));
    oneLine(settle(['backup', 'restore', path.join(dir, 'junk.sqlite')]), /^settle: Nothing was restored: .*junk\.sqlite is not a Settle ledger or is damaged/);
    oneLine(spawnSyncResult([CLI, '--ledger', path.join(dir, 'none.sqlite'), 'backup']), /^settle: There is no ledger at .*none\.sqlite/);
    ledger = await Ledger.open(file);
    handlers = createHandlers(ledger);
  }, 120_000);

  it('backs up before an import', async () => {
    await ledger.close();
    const customers = csvFile(dir, 'customers.csv', ['code,name', 'ACME,Acme Supply']);
    expect(settle(['import', 'customers', customers])).toMatchObject({ code: 0 });
    expect(listBackups(file).map((b) => b.reason)).toEqual(['before-import']);
    ledger = await Ledger.open(file);
    handlers = createHandlers(ledger);
  }, 60_000);

  it('a backup killed midway (SIGKILL) leaves the ledger whole and no backup that looks complete; the next backup clears the remains', async () => {
    await ledger.close();
    fs.rmSync(file, { force: true });
    const demo = spawnSync(process.execPath, [CLI, '--ledger', file, 'demo', '--customers', '5000', '--seed', '7'], { encoding: 'utf8' });
    expect(demo.status).toBe(0);
    expect(read<{ n: number }>(file, 'SELECT COUNT(*) AS n FROM invoice').n).toBe(50_000);
    const ledgerHash = sha(file);

    let killedMidway = 0;
    for (let round = 0; round < 5; round++) {
      const outcome = await killDuringBackup(file, round * 40);
      if (outcome === 'killed midway') killedMidway++;
    }
    expect(killedMidway).toBeGreaterThan(0);
    // Remains of the killed backups are there, hidden and never listed.
    expect(folderFiles().some((f) => f.endsWith('.partial'))).toBe(true);
    for (const b of listBackups(file)) expect(read<{ integrity_check: string }>(path.join(folder(), b.file), 'PRAGMA quick_check').integrity_check).toBe('ok');

    // The ledger itself: whole, and unchanged (a backup only reads it).
    expect(read<{ integrity_check: string }>(file, 'PRAGMA integrity_check').integrity_check).toBe('ok');
    expect(read<{ n: number }>(file, 'SELECT COUNT(*) AS n FROM invoice').n).toBe(50_000);
    const db = new Database(file);
    db.close(); // folds in any -wal the killed processes left
    expect(sha(file)).toBe(ledgerHash);

    const complete = listBackups(file).length;
    expect(settle(['backup'])).toMatchObject({ code: 0 });
    expect(folderFiles().filter((f) => f.startsWith('.'))).toEqual([]);
    expect(listBackups(file)).toHaveLength(complete + 1);
    ledger = await Ledger.open(file);
    handlers = createHandlers(ledger);
  }, 180_000);
});

function spawnSyncResult(args: string[]) {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Starts `settle backup`, waits until its temp file appears, then `extraMs`, and kills it with SIGKILL. */
function killDuringBackup(ledgerPath: string, extraMs: number): Promise<'killed midway' | 'finished first'> {
  const backups = backupFolder(ledgerPath);
  const child = spawn(process.execPath, [CLI, '--ledger', ledgerPath, 'backup'], { stdio: 'ignore' });
  return new Promise((resolve) => {
    let exited = false;
    child.once('exit', (_code, signal) => {
      exited = true;
      clearInterval(poll);
      resolve(signal === 'SIGKILL' ? 'killed midway' : 'finished first');
    });
    // The backup may rename its temp file between the listing and the stat: gone is not yet.
    const freshPartial = (f: string) => {
      try {
        return f.endsWith('.partial') && fs.statSync(path.join(backups, f)).mtimeMs > started;
      } catch {
        return false;
      }
    };
    const partialAppeared = () => fs.existsSync(backups) && fs.readdirSync(backups).some(freshPartial);
    const started = Date.now() - 1;
    const poll = setInterval(() => {
      if (exited || !partialAppeared()) return;
      clearInterval(poll);
      setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
      }, extraMs);
    }, 1);
  });
}

/** Waits (for real) until the condition holds, for up to 10 s. */
async function waitFor(condition: () => boolean): Promise<void> {
  const until = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setImmediate(r));
  }
}

/** Lets pending work on the event loop run. */
async function drain(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
}
