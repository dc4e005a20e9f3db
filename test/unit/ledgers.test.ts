import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AgingReportData, CustomerCard, Handlers, LettersDueGroup, Policy, TemplateDetail, TemplateSummary, Worklist } from '../../src-main/contract';
import { createBackupSync } from '../../src-main/backup/backup-store';
import { loadDemo } from '../../src-main/demo/load-demo';
import { acquireInstanceLock } from '../../src-main/ledger/instance-lock';
import { Ledger } from '../../src-main/ledger/ledger';
import { DeskService, deskHandlers } from '../../src-main/ledgers/desk-service';
import { LedgerList } from '../../src-main/ledgers/ledger-list';
import { letterSettings } from '../../src-main/letters/letter-context';
import { localDateTime } from '../../src-main/money/dates';
import { createHandlers } from '../../src-main/services/create-services';
import { dispatch } from '../../src-main/services/dispatch';

const TODAY = '2026-05-10';

let dir: string;
let listFile: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-desk-'));
  listFile = path.join(dir, 'settings', 'ledgers.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function call<T>(handlers: Partial<Handlers> | ReturnType<typeof deskHandlers>, method: string, input: unknown): Promise<T> {
  const r = await dispatch(handlers, method, input, () => undefined);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

async function refusal(handlers: Partial<Handlers> | ReturnType<typeof deskHandlers>, method: string, input: unknown) {
  const r = await dispatch(handlers, method, input, () => undefined);
  if (r.ok) throw new Error(`${method} should have been refused`);
  return r.error;
}

/** A ledger file as a client's, optionally filled with demo data, closed again. */
async function clientLedger(name: string, opts: { company?: string; demo?: { customers: number; seed: number } } = {}): Promise<string> {
  const file = path.join(dir, `${name}.sqlite`);
  const ledger = await Ledger.open(file);
  try {
    if (opts.company) ledger.db.prepare(`INSERT INTO ledger_setting (key, value) VALUES ('company_name', ?)`).run(opts.company);
    if (opts.demo) await loadDemo(ledger.db, { ...opts.demo, today: TODAY });
  } finally {
    await ledger.close();
  }
  return file;
}

function tableCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get() as number]));
  } finally {
    db.close();
  }
}

describe('the list of ledgers', () => {
  it('adds by absolute path, named after the company, else the file; refuses a taken name; renames and forgets', async () => {
    const acme = await clientLedger('acme-books', { company: 'Acme Supply' });
    const plain = await clientLedger('plain');
    const list = new LedgerList(listFile);
    expect(list.list()).toEqual([]);

    const a = list.add(path.relative(process.cwd(), acme));
    expect(a).toEqual({ name: 'Acme Supply', path: acme, company: 'Acme Supply', lastOpened: null, present: true });
    expect(list.add(acme, 'Another name')).toEqual(a); // the same file again is the entry it has
    expect(list.add(plain)).toMatchObject({ name: 'plain', company: '' });
    expect(() => list.rename('plain', 'ACME supply ')).toThrow(/already called “Acme Supply”/);
    expect(() => list.add(path.join(dir, 'nowhere.sqlite'))).toThrow(/There is no ledger at/);

    expect(list.rename('PLAIN', ' Beta Foods ')).toMatchObject({ name: 'Beta Foods', path: plain });
    expect(list.resolve('beta foods')).toBe(plain);
    expect(list.resolve(acme)).toBe(acme);
    expect(list.resolve('Not in it')).toBe(path.resolve('Not in it'));
    expect(list.forget('acme supply')).toMatchObject({ path: acme });
    expect(fs.existsSync(acme)).toBe(true);
    expect(() => list.forget('acme supply')).toThrow(/No ledger in the list is called “acme supply”/);
    expect(list.list().map((e) => e.name)).toEqual(['Beta Foods']);
    // Stored in the settings file, not in any ledger.
    expect(JSON.parse(fs.readFileSync(listFile, 'utf8')).ledgers).toHaveLength(1);
  });

  it('shows a ledger removed from disk as not present, and touch records when it was opened', async () => {
    const file = await clientLedger('gone', { company: 'Gone Ltd' });
    const list = new LedgerList(listFile, () => new Date(2026, 4, 10, 9, 5));
    expect(list.touch(file)).toMatchObject({ name: 'Gone Ltd', lastOpened: '2026-05-10T09:05', present: true });
    fs.rmSync(file);
    expect(list.list()).toEqual([{ name: 'Gone Ltd', path: file, company: 'Gone Ltd', lastOpened: '2026-05-10T09:05', present: false }]);
  });

  it('sets a damaged list aside with a clear message and starts a new one, never failing', async () => {
    fs.mkdirSync(path.dirname(listFile), { recursive: true });
    fs.writeFileSync(listFile, '{"ledgers": [ oops');
    const warnings: string[] = [];
    const list = new LedgerList(listFile, () => new Date('2026-05-10T08:00:00Z'), (m) => warnings.push(m));
    expect(list.list()).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/could not be read .*set aside as .*ledgers\.json\.bad-2026-05-10T08-00-00-000Z/)]);
    expect(fs.readFileSync(`${listFile}.bad-2026-05-10T08-00-00-000Z`, 'utf8')).toBe('{"ledgers": [ oops');
    list.add(await clientLedger('fresh'));
    expect(list.list().map((e) => e.name)).toEqual(['fresh']);
  });
});

describe('a new client ledger', () => {
  it('is made with its currency and a letterhead naming the company, and put in the list; an existing file or a taken name is refused and nothing made', async () => {
    const desk = new DeskService(listFile);
    const h = deskHandlers(desk);
    const file = path.join(dir, 'clients', 'harbour.sqlite');
    const made = await call(h, 'ledgers.create', { path: file, company: 'Harbour Supplies Ltd', currency: 'eur' });
    expect(made).toEqual({ name: 'Harbour Supplies Ltd', path: file, company: 'Harbour Supplies Ltd', lastOpened: null, present: true });
    const ledger = await Ledger.open(file);
    try {
      expect(letterSettings(ledger.db).companyName).toBe('Harbour Supplies Ltd');
      expect(ledger.db.prepare(`SELECT value FROM ledger_setting WHERE key = 'currency'`).pluck().get()).toBe('EUR');
    } finally {
      await ledger.close();
    }
    const before = fs.readFileSync(file);
    expect(await refusal(h, 'ledgers.create', { path: file, company: 'Other' })).toMatchObject({ code: 'conflict', message: expect.stringMatching(/already exists/) });
    expect(fs.readFileSync(file).equals(before)).toBe(true);

    const other = path.join(dir, 'other.sqlite');
    expect(await refusal(h, 'ledgers.create', { path: other, company: 'harbour supplies ltd' })).toMatchObject({ code: 'conflict', message: expect.stringMatching(/already called/) });
    expect(await refusal(h, 'ledgers.create', { path: other, company: 'Yen Co', currency: 'JPY' })).toMatchObject({ code: 'validation', message: expect.stringMatching(/JPY has 0 decimal places/) });
    expect(await refusal(h, 'ledgers.create', { path: other, company: ' ' })).toMatchObject({ code: 'validation', fields: { company: expect.any(String) } });
    expect(fs.existsSync(other)).toBe(false);
    expect(desk.ledgers()).toHaveLength(1);
  });
});

describe('the morning overview across ledgers', () => {
  it('gives each ledger the figures of its own worklist, letters and aging; a missing or unreadable ledger is a row saying so', async () => {
    const north = await clientLedger('north', { demo: { customers: 40, seed: 3 } });
    const south = await clientLedger('south', { demo: { customers: 30, seed: 8 } });
    const desk = new DeskService(listFile);
    desk.add({ path: north, name: 'North' });
    desk.add({ path: south, name: 'South' });
    const gone = await clientLedger('gone');
    desk.add({ path: gone, name: 'Gone' });
    fs.rmSync(gone);
    const text = path.join(dir, 'notes.sqlite');
    fs.writeFileSync(text, 'not a ledger at all');
    const foreign = path.join(dir, 'foreign.sqlite');
    const fdb = new Database(foreign);
    fdb.exec('CREATE TABLE recipes (name TEXT)');
    fdb.close();
    const newer = path.join(dir, 'newer.sqlite');
    fs.copyFileSync(south, newer);
    const ndb = new Database(newer);
    ndb.prepare(`INSERT INTO migrations (timestamp, name) VALUES (9999999999999, 'FromTheFuture9999999999999')`).run();
    ndb.close();
    // The list refuses what is not a ledger; these stand for files that changed after they were added.
    const stored = JSON.parse(fs.readFileSync(listFile, 'utf8'));
    for (const [name, file] of [['Notes', text], ['Foreign', foreign], ['Newer', newer]]) stored.ledgers.push({ name, path: file, company: '', lastOpened: null });
    fs.writeFileSync(listFile, JSON.stringify(stored));
    const foreignBefore = fs.readFileSync(foreign);
    const backup = (() => {
      const db = new Database(north);
      try {
        return createBackupSync(db, north, 'manual', new Date('2026-05-09T17:30:00Z'));
      } finally {
        db.close();
      }
    })();

    const overview = await call<{ asOf: string; ledgers: Record<string, unknown>[] }>(deskHandlers(desk), 'today.overview', { asOf: TODAY });
    expect(overview.asOf).toBe(TODAY);
    expect(overview.ledgers.map((l) => [l.name, l.state])).toEqual([
      ['North', 'ok'],
      ['South', 'ok'],
      ['Gone', 'missing'],
      ['Notes', 'unreadable'],
      ['Foreign', 'unreadable'],
      ['Newer', 'unreadable'],
    ]);
    expect(overview.ledgers[3].problem).toMatch(/cannot be read as a Settle ledger/);
    expect(overview.ledgers[4].problem).toMatch(/is not a Settle ledger/);
    expect(overview.ledgers[5].problem).toMatch(/newer version of Settle/);
    // Looking did not turn the other SQLite file into a ledger.
    expect(fs.readFileSync(foreign).equals(foreignBefore)).toBe(true);
    expect(overview.ledgers[0].lastBackup).toBe(localDateTime(new Date(backup.takenAt)));
    expect(overview.ledgers[1].lastBackup).toBeNull();

    for (const [i, file] of [[0, north], [1, south]] as const) {
      const ledger = await Ledger.open(file);
      try {
        const h = createHandlers(ledger, { dailyBackups: false });
        const worklist = await call<Worklist>(h, 'worklist.list', { today: TODAY, collector: null });
        const letters = await call<LettersDueGroup[]>(h, 'letters.dueToday', { today: TODAY, email: true });
        const dueBy = (email: boolean) => letters.filter((g) => (g.channel === 'email') === email).reduce((n, g) => n + g.tasks.length, 0);
        const aging = await call<AgingReportData>(h, 'aging.report', { asOf: TODAY });
        const from61 = aging.buckets.findIndex((b) => b.startsWith('61'));
        const promisers = ledger.db.prepare('SELECT DISTINCT customer_id FROM promise').pluck().all() as number[];
        let broken = 0;
        for (const id of promisers) broken += (await call<CustomerCard>(h, 'customers.card', { id, asOf: TODAY })).promiseRecord.broken;
        const row = overview.ledgers[i];
        expect(row).toMatchObject({
          tasksDue: worklist.total,
          lettersDue: dueBy(false),
          emailsDue: dueBy(true),
          overdue: aging.totals.buckets.slice(1).reduce((s, v) => s + v, 0),
          over60: aging.totals.buckets.slice(from61).reduce((s, v) => s + v, 0),
          brokenPromises: broken,
          currency: 'USD',
        });
        // A demo ledger has work: the figures are not zeros that would match anything.
        expect(worklist.total).toBeGreaterThan(0);
        expect(row.over60).toBeGreaterThan(0);
        expect(row.overdue as number).toBeGreaterThan(row.over60 as number);
      } finally {
        await ledger.close();
      }
    }
    expect(overview.ledgers[0].overdue).not.toBe(overview.ledgers[1].overdue);
  }, 120_000);

  it('counts the letters to print apart from the emails to send, as the Letters page splits them', async () => {
    // Invoices due in 3 days: the standard policy's pre-due reminder is today's, by email where the customer has an address.
    const file = path.join(dir, 'mail.sqlite');
    const ledger = await Ledger.open(file);
    const dueIn3 = '2026-05-13';
    try {
      const h = createHandlers(ledger, { dailyBackups: false });
      const withEmail = await call<{ id: number }>(h, 'customers.create', {
        code: 'ACME',
        name: 'Acme Supply Co',
        contacts: [{ name: 'Jo Payables', role: 'accounts_payable', email: 'ap@acme.example', isPrimary: true }],
      });
      const withoutEmail = await call<{ id: number }>(h, 'customers.create', { code: 'DELTA', name: 'Delta Print' });
      const other = await call<{ id: number }>(h, 'customers.create', { code: 'GAMMA', name: 'Gamma Trading' });
      for (const [n, c] of [withEmail, withoutEmail, other].entries()) {
        await call(h, 'invoices.create', { number: `INV-${n}`, customerId: c.id, issueDate: '2026-04-13', dueDate: dueIn3, amount: 100_00 });
      }
      const letters = await call<LettersDueGroup[]>(h, 'letters.dueToday', { today: TODAY, email: true });
      expect(letters.map((g) => [g.channel, g.tasks.length]).sort()).toEqual([
        ['email', 1],
        ['mail', 2],
      ]);
    } finally {
      await ledger.close();
    }
    const desk = new DeskService(listFile);
    desk.add({ path: file, name: 'Mail' });
    expect((await desk.today(TODAY)).ledgers[0]).toMatchObject({ state: 'ok', lettersDue: 2, emailsDue: 1 });
  });

  it('reads a ledger a Settle window holds as it stands, writing nothing to it', async () => {
    const held = await clientLedger('held', { demo: { customers: 30, seed: 8 } });
    const desk = new DeskService(listFile);
    desk.add({ path: held, name: 'Held' });
    const before = tableCounts(held);
    const lock = acquireInstanceLock(held, 'browser mode at http://127.0.0.1:4242/');
    let whileHeld;
    try {
      whileHeld = (await desk.today(TODAY)).ledgers[0];
      // Only the calls' follow-ups: the policy has not run today, and the overview did not run it.
      expect(whileHeld).toMatchObject({ state: 'ok', lettersDue: 0 });
      expect(whileHeld.overdue).toBeGreaterThan(0);
      expect(tableCounts(held)).toEqual(before);
    } finally {
      lock.release();
    }
    // Free again, the overview makes the day's run as the worklist would.
    const free = (await desk.today(TODAY)).ledgers[0];
    expect(free.tasksDue).toBeGreaterThan(whileHeld.tasksDue);
    expect(free.lettersDue).toBeGreaterThan(0);
    expect(tableCounts(held)).not.toEqual(before);
  }, 60_000);
});

describe('one ledger, one window', () => {
  it('refuses a second handle on the same file, naming who holds it', async () => {
    const file = await clientLedger('locked');
    const first = acquireInstanceLock(file, 'the window for Acme Supply');
    try {
      expect(() => acquireInstanceLock(file, 'a second window')).toThrow(
        /^This ledger is already open in another Settle window: the window for Acme Supply \(process \d+, since .+\)\. Switch to that window, or close it and try again\.$/,
      );
    } finally {
      first.release();
    }
    acquireInstanceLock(file, 'the next window').release();
  });

  it('takes the lock on a first start, before the ledger or even its folder exists', () => {
    // The app's own data folder (~/.config/Settle) is made by the first start: the lock comes first.
    const file = path.join(dir, 'first-start', 'Settle', 'ledger.sqlite');
    const lock = acquireInstanceLock(file, 'browser mode');
    try {
      expect(fs.existsSync(`${file}.lock`)).toBe(true);
      expect(() => acquireInstanceLock(file, 'a second window')).toThrow(/already open in another Settle window: browser mode/);
    } finally {
      lock.release();
    }
  });
});

describe('copying from another ledger', () => {
  it('copies a template as a new version of the same-named one or as a new template, and the whole policy; the source is only read', async () => {
    const source = await clientLedger('source', { company: 'Source Co' });
    const target = await clientLedger('target', { company: 'Target Co' });
    const desk = new DeskService(listFile);
    desk.add({ path: source });
    desk.add({ path: target });

    const src = await Ledger.open(source);
    let custom: TemplateDetail;
    let srcPolicy: Policy;
    try {
      const h = createHandlers(src, { dailyBackups: false, ledgerList: desk.list });
      const list = await call<TemplateSummary[]>(h, 'templates.list', {});
      const first = await call<TemplateDetail>(h, 'templates.get', { id: list[0].id });
      await call(h, 'templates.save', { ...pick(first), body: `${first.body}\n\nWith thanks from Source Co.` });
      custom = await call<TemplateDetail>(h, 'templates.save', { name: 'Friendly nudge', tone: 1, addressedTo: 'accounts_payable', subject: 'A reminder', body: 'Dear {{customer.name}},\n\nA friendly nudge from {{company.name}}.' });
      const policy = await call<Policy>(h, 'policy.get', {});
      srcPolicy = await call<Policy>(h, 'policy.save', { name: 'Source policy', steps: policy.steps.slice(0, 3).map(({ seq: _seq, ...s }) => s) });
    } finally {
      await src.close();
    }
    const sourceBefore = fs.readFileSync(source);

    const tgt = await Ledger.open(target);
    try {
      const h = createHandlers(tgt, { dailyBackups: false, ledgerList: desk.list });
      const list = await call<TemplateSummary[]>(h, 'templates.list', {});
      const copied = await call<TemplateDetail>(h, 'templates.copyFrom', { from: 'source co', template: list[0].name });
      expect(copied).toMatchObject({ templateId: list[0].id, version: list[0].version + 1, body: expect.stringMatching(/With thanks from Source Co\.$/) });
      expect(copied.history[0].createdBy).toBe(`copied from ${source}`);
      const added = await call<TemplateDetail>(h, 'templates.copyFrom', { from: 'Source Co', template: 'friendly nudge' });
      expect(added).toMatchObject({ name: 'Friendly nudge', version: 1, subject: custom.subject, body: custom.body });
      expect(await refusal(h, 'templates.copyFrom', { from: 'Source Co', template: 'No such letter' })).toMatchObject({ code: 'not_found' });
      expect(await refusal(h, 'templates.copyFrom', { from: 'Nobody', template: 'Friendly nudge' })).toMatchObject({ code: 'not_found', message: expect.stringMatching(/No ledger in the list/) });
      expect(await refusal(h, 'policy.copyFrom', { from: 'Target Co' })).toMatchObject({ code: 'validation', message: expect.stringMatching(/is this ledger/) });
      // The list of ledgers is the desk's, not one ledger's.
      expect(await refusal(h, 'ledgers.list', {})).toMatchObject({ code: 'unknown_method', message: expect.stringMatching(/about the list of ledgers/) });
      expect(await refusal(deskHandlers(desk), 'policy.get', {})).toMatchObject({ code: 'unknown_method', message: expect.stringMatching(/about one open ledger/) });

      const policy = await call<Policy>(h, 'policy.copyFrom', { from: 'Source Co' });
      const shape = (p: Policy) => ({ name: p.name, steps: p.steps.map(({ id: _id, ...s }) => s) });
      expect(shape(policy)).toEqual(shape(srcPolicy));
    } finally {
      await tgt.close();
    }
    expect(fs.readFileSync(source).equals(sourceBefore)).toBe(true);
  }, 60_000);
});

function pick(t: TemplateDetail) {
  return { id: t.templateId, name: t.name, tone: t.tone, addressedTo: t.addressedTo, subject: t.subject, body: t.body };
}
