import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { csvFile } from '../support/csv-files';

// The built CLI, run as a user runs it (npm test builds before jest).
const CLI = path.resolve(__dirname, '..', '..', 'build', 'main', 'cli', 'settle.js');

let dir: string;
let ledger: string;
beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-cli-'));
  ledger = path.join(dir, 'books.sqlite');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function settle(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tableCounts(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(
      ['customer', 'invoice', 'payment', 'credit_note', 'allocation'].map((t) => [t, db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get()]),
    );
  } finally {
    db.close();
  }
}

function seed() {
  const customers = csvFile(dir, 'customers.csv', ['code,name', 'ACME,Acme Supply', 'BETA,Beta Foods']);
  const invoices = csvFile(dir, 'invoices.csv', [
    'number,customer_code,issue_date,due_date,amount',
    'INV-1,ACME,2026-01-01,2026-01-31,100.00',
    'INV-2,BETA,2026-03-01,2026-03-31,250.25',
  ]);
  const payments = csvFile(dir, 'payments.csv', ['reference,customer_code,date,amount', 'P-1,ACME,2026-02-15,40.00', 'P-2,BETA,2026-03-05,300.00']);
  expect(settle(['import', 'customers', customers, '--ledger', ledger, '--create', '--format', 'json'])).toMatchObject({ code: 0 });
  expect(settle(['--ledger', ledger, 'import', 'invoices', invoices, '--format', 'json'])).toMatchObject({ code: 0 });
  expect(settle(['--ledger', ledger, 'import', 'payments', payments, '--format', 'json'])).toMatchObject({ code: 0 });
  return { customers, invoices, payments };
}

describe('settle import', () => {
  it('prints a JSON summary, accepts --ledger before or after the command, and is idempotent', () => {
    const { customers } = seed();
    expect(JSON.parse(settle(['--ledger', ledger, 'import', 'customers', customers, '--format', 'json']).out)).toEqual({
      kind: 'customers',
      inserted: 0,
      unchanged: 2,
    });
    expect(settle(['import', 'customers', customers, '--ledger', ledger]).out).toMatch(/0 new, 2 already in the ledger/);
  });

  it('exits 2 listing every bad row, and writes nothing', () => {
    seed();
    const before = tableCounts(ledger);
    const bad = csvFile(dir, 'bad.csv', [
      'number,customer_code,issue_date,due_date,amount',
      'INV-3,ACME,2026-02-30,2026-03-30,1.00',
      'INV-4,NOBODY,2026-02-01,2026-03-01,1.00',
      'INV-5,ACME,2026-02-01,2026-03-01,1.001',
    ]);
    const json = settle(['--ledger', ledger, 'import', 'invoices', bad, '--format', 'json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.out).errors).toEqual([
      'line 2: issue_date: is not a valid date in YYYY-MM-DD form: 2026-02-30',
      'line 3: customer_code: no customer with code NOBODY',
      'line 4: amount: has more than two decimal places: 1.001',
    ]);
    const text = settle(['--ledger', ledger, 'import', 'invoices', bad]);
    expect(text.code).toBe(2);
    expect(text.err).toContain('line 3: customer_code: no customer with code NOBODY');
    expect(tableCounts(ledger)).toEqual(before);
  });

  it('refuses to read a ledger that does not exist, instead of making an empty one and reporting nothing owed', () => {
    const typo = path.join(dir, 'wrong-path.sqlite');
    for (const args of [['aging'], ['letters', 'verify'], ['backup', 'list']]) {
      const r = settle(['--ledger', typo, ...args]);
      expect(r).toMatchObject({ code: 2, out: '' });
      expect(r.err).toBe(`settle: There is no ledger at ${typo}: check the path. To start a new ledger, run settle init FILE.\n`);
      expect(fs.existsSync(typo)).toBe(false);
    }
  });

  it('makes a ledger only when asked: a named file that does not exist is refused by import and web, and made by --create', () => {
    const typo = path.join(dir, 'wrong-path.sqlite');
    const customers = csvFile(dir, 'customers.csv', ['code,name', 'ACME,Acme Supply']);
    for (const args of [['import', 'customers', customers], ['web', '--no-open', '--port', '0']]) {
      const r = settle(['--ledger', typo, ...args]);
      expect(r).toMatchObject({ code: 2, out: '' });
      expect(r.err).toBe(`settle: There is no ledger at ${typo}: check the path. To start a new ledger there, run settle init ${typo} (or add --create).\n`);
      expect(fs.existsSync(typo)).toBe(false);
    }
    // SETTLE_LEDGER names a file as much as --ledger does.
    expect(settle(['import', 'customers', customers], { SETTLE_LEDGER: typo }).code).toBe(2);
    expect(fs.existsSync(typo)).toBe(false);
    expect(settle(['--ledger', typo, 'import', 'customers', customers, '--create'])).toMatchObject({ code: 0 });
    expect(tableCounts(typo).customer).toBe(1);
  });

  it('settle init makes a new, empty ledger with its currency and company, and never touches an existing file', () => {
    const r = settle(['init', ledger, '--currency', 'eur', '--company', 'Harbour Supplies Ltd']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^New ledger .*books\.sqlite \(EUR, Harbour Supplies Ltd\)/);
    const db = new Database(ledger, { readonly: true });
    try {
      const setting = (key: string) => db.prepare('SELECT value FROM ledger_setting WHERE key = ?').pluck().get(key);
      expect(setting('currency')).toBe('EUR');
      expect(db.prepare(`SELECT value FROM ledger_setting WHERE value = 'Harbour Supplies Ltd'`).pluck().get()).toBe('Harbour Supplies Ltd');
      expect(db.prepare('SELECT COUNT(*) FROM customer').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
    expect(settle(['--ledger', ledger, 'aging', '--format', 'json']).code).toBe(0);

    const before = fs.readFileSync(ledger);
    const again = settle(['init', ledger]);
    expect(again).toMatchObject({ code: 2, out: '' });
    expect(again.err).toBe(`settle: ${ledger} already exists; settle init only makes a new ledger\n`);
    expect(fs.readFileSync(ledger).equals(before)).toBe(true);

    const other = path.join(dir, 'other.sqlite');
    for (const [args, message] of [
      [['init', other, '--currency', 'JPY'], /JPY has 0 decimal places/],
      [['init', other, '--currency', 'EURO'], /three-letter ISO 4217 code/],
      [['init', other, '--currency', 'XQQ'], /not a currency this system knows/],
      [['init', other, '--company', '  '], /--company must be/],
      [['init'], /Name the new ledger file/],
      [['init', other, 'second.sqlite'], /takes one ledger file/],
    ] as const) {
      const bad = settle([...args]);
      expect({ args, code: bad.code }).toEqual({ args, code: 2 });
      expect(bad.err).toMatch(message);
      expect(fs.existsSync(other)).toBe(false);
    }
  });

  it('exits 2 with one clear line for usage mistakes', () => {
    for (const args of [
      ['import', 'widgets', 'x.csv'],
      ['import', 'invoices', path.join(dir, 'missing.csv')],
      ['aging', '--as-of', '2026-02-30'],
      ['aging', '--buckets', '60,30'],
      ['aging', '--basis', 'sideways'],
      ['frobnicate'],
      ['aging', '--colour', 'red'],
    ]) {
      const r = settle(['--ledger', ledger, ...args]);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^settle: /);
    }
  });
});

describe('settle aging', () => {
  it('prints the JSON contract in minor units, with totals equal to the sum of the rows', () => {
    seed();
    const r = settle(['--ledger', ledger, 'aging', '--as-of', '2026-03-10', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report).toEqual({
      asOf: '2026-03-10',
      basis: 'due',
      buckets: ['Current', '1-30', '31-60', '61-90', '91-120', 'Over 120'],
      rows: [
        { customerCode: 'ACME', customerName: 'Acme Supply', buckets: [0, 0, 6000, 0, 0, 0], unapplied: 0, total: 6000 },
        { customerCode: 'BETA', customerName: 'Beta Foods', buckets: [0, 0, 0, 0, 0, 0], unapplied: -4975, total: -4975 },
      ],
      totals: { buckets: [0, 0, 6000, 0, 0, 0], unapplied: -4975, total: 1025 },
    });
  });

  it('honours --basis, --buckets, an as-of date before the payments, and csv and table output', () => {
    seed();
    const early = JSON.parse(settle(['--ledger', ledger, 'aging', '--as-of', '2026-02-10', '--basis', 'issue', '--buckets', '15,45', '--format', 'json']).out);
    expect(early.buckets).toEqual(['Current', '1-15', '16-45', 'Over 45']);
    expect(early.rows).toEqual([{ customerCode: 'ACME', customerName: 'Acme Supply', buckets: [0, 0, 10000, 0], unapplied: 0, total: 10000 }]);
    const csv = settle(['--ledger', ledger, 'aging', '--as-of', '2026-03-10', '--format', 'csv']).out.trim().split('\n');
    expect(csv).toEqual([
      'customer_code,customer_name,Current,1-30,31-60,61-90,91-120,Over 120,unapplied,total',
      'ACME,Acme Supply,0.00,0.00,60.00,0.00,0.00,0.00,0.00,60.00',
      'BETA,Beta Foods,0.00,0.00,0.00,0.00,0.00,0.00,-49.75,-49.75',
      ',Total,0.00,0.00,60.00,0.00,0.00,0.00,-49.75,10.25',
    ]);
    expect(settle(['--ledger', ledger, 'aging', '--as-of', '2026-03-10']).out).toMatch(/Aged receivables as of 2026-03-10/);
  });

  it('uses SETTLE_LEDGER when no --ledger is given', () => {
    seed();
    const r = settle(['aging', '--as-of', '2026-03-10', '--format', 'json'], { SETTLE_LEDGER: ledger });
    expect(JSON.parse(r.out).totals.total).toBe(1025);
  });
});

describe('settle demo', () => {
  it('is deterministic for a seed, and only fills an empty ledger', () => {
    const a = path.join(dir, 'a.sqlite');
    const b = path.join(dir, 'b.sqlite');
    const c = path.join(dir, 'c.sqlite');
    for (const [file, seedValue] of [[a, '7'], [b, '7'], [c, '8']]) {
      const r = settle(['demo', '--ledger', file, '--customers', '30', '--seed', seedValue, '--today', '2026-11-23']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/30 customers, 300 invoices/);
    }
    const aging = (file: string) => settle(['--ledger', file, 'aging', '--as-of', '2026-11-23', '--format', 'json']).out;
    expect(aging(a)).toBe(aging(b));
    expect(aging(a)).not.toBe(aging(c));
    expect(JSON.parse(aging(a)).rows.length).toBeGreaterThan(0);
    const again = settle(['demo', '--ledger', a]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already holds data/);
  });
});
