import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The built CLI, run as a user runs it (npm run build:main first).
const CLI = path.resolve(__dirname, '..', '..', 'build', 'main', 'cli', 'settle.js');
const TODAY = '2026-05-10';

let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-desk-cli-'));
  // The list lives in the user's settings: a settings folder of the test's own.
  env = { XDG_CONFIG_HOME: path.join(dir, 'config'), SETTLE_LEDGER: '' };
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function settle(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function json(...args: string[]) {
  const r = settle(...args);
  expect({ args, code: r.code, err: r.err }).toEqual({ args, code: 0, err: '' });
  return JSON.parse(r.out);
}

describe('settle ledgers and settle today', () => {
  it('keeps the list in the user settings, takes a ledger by name everywhere, and gives the morning per ledger in minor units', () => {
    const north = path.join(dir, 'north.sqlite');
    const south = path.join(dir, 'south.sqlite');
    expect(settle('init', north, '--company', 'North Ltd')).toMatchObject({ code: 0 });
    expect(settle('init', south, '--company', 'South Ltd')).toMatchObject({ code: 0 });
    expect(json('ledgers', 'list', '--format', 'json')).toEqual([]);
    expect(json('ledgers', 'add', north, '--format', 'json')).toEqual({ name: 'North Ltd', path: north, company: 'North Ltd', lastOpened: null, present: true });
    expect(settle('ledgers', 'add', south, '--name', 'South')).toMatchObject({ code: 0, out: `Added South (${south})\n` });
    expect(fs.existsSync(path.join(dir, 'config', 'Settle', 'ledgers.json'))).toBe(true);

    // --ledger by name: demo data into each, then the aging of one by its name.
    expect(settle('--ledger', 'north ltd', 'demo', '--customers', '30', '--seed', '3', '--today', TODAY)).toMatchObject({ code: 0 });
    expect(settle('demo', '--customers', '30', '--seed', '8', '--today', TODAY, '--ledger', 'SOUTH')).toMatchObject({ code: 0 });
    const byName = json('--ledger', 'North Ltd', 'aging', '--as-of', TODAY, '--format', 'json');
    const byPath = json('--ledger', north, 'aging', '--as-of', TODAY, '--format', 'json');
    expect(byName).toEqual(byPath);
    const neither = settle('--ledger', 'Nobody', 'aging');
    expect(neither.code).toBe(2);
    expect(neither.err).toBe(`settle: There is no ledger at ${path.resolve('Nobody')}: check the path. To start a new ledger, run settle init FILE.\n`);

    const today = json('today', '--as-of', TODAY, '--format', 'json');
    expect(Object.keys(today)).toEqual(['asOf', 'ledgers']);
    expect(today.asOf).toBe(TODAY);
    expect(today.ledgers.map((l: Record<string, unknown>) => Object.keys(l))).toEqual(
      Array(2).fill(['name', 'path', 'company', 'state', 'tasksDue', 'brokenPromises', 'lettersDue', 'emailsDue', 'overdue', 'over60', 'currency', 'lastBackup']),
    );
    expect(today.ledgers.map((l: Record<string, unknown>) => [l.name, l.path, l.state, l.currency])).toEqual([
      ['North Ltd', north, 'ok', 'USD'],
      ['South', south, 'ok', 'USD'],
    ]);
    // The same past-due and 61+ figures settle aging gives, in minor units.
    const sum = (xs: number[]) => xs.reduce((s, v) => s + v, 0);
    expect(today.ledgers[0]).toMatchObject({ overdue: sum(byName.totals.buckets.slice(1)), over60: sum(byName.totals.buckets.slice(byName.buckets.indexOf('61-90'))) });
    for (const l of today.ledgers) {
      expect(Number.isInteger(l.overdue) && Number.isInteger(l.over60) && Number.isInteger(l.tasksDue)).toBe(true);
      expect(l.overdue).toBeGreaterThan(l.over60);
      expect(l.tasksDue).toBeGreaterThan(0);
    }

    const table = settle('today', '--as-of', TODAY);
    expect(table.code).toBe(0);
    expect(table.out.split('\n').slice(0, 2)).toEqual([`Today, ${TODAY}`, expect.stringMatching(/^Ledger\s+Tasks due\s+Broken promises\s+Letters due\s+Emails due\s+Overdue\s+61\+\s+Last backup$/)]);
    expect(table.out).toMatch(/^South\s+\d+\s+\d+\s+\d+\s+\d+\s+\$[\d,]+\.\d\d/m);

    // A ledger removed from disk is a row saying so, not a failure.
    expect(settle('ledgers', 'rename', 'South', '--name', 'South Ltd')).toMatchObject({ code: 0, out: `Renamed to South Ltd (${south})\n` });
    fs.rmSync(south);
    expect(json('ledgers', 'list', '--format', 'json').map((e: { name: string; present: boolean }) => [e.name, e.present])).toEqual([
      ['North Ltd', true],
      ['South Ltd', false],
    ]);
    expect(json('today', '--as-of', TODAY, '--format', 'json').ledgers[1]).toMatchObject({ name: 'South Ltd', state: 'missing' });
    expect(settle('today', '--as-of', TODAY).out).toMatch(/^South Ltd: missing, no file at /m);
    expect(settle('ledgers', 'forget', 'south ltd')).toMatchObject({ code: 0 });
    expect(json('ledgers', 'list', '--format', 'json')).toHaveLength(1);
  }, 120_000);

  it('exits 2 with one line for usage mistakes and names it cannot use', () => {
    const north = path.join(dir, 'north.sqlite');
    expect(settle('init', north, '--company', 'North Ltd')).toMatchObject({ code: 0 });
    expect(settle('ledgers', 'add', north)).toMatchObject({ code: 0 });
    const other = path.join(dir, 'other.sqlite');
    expect(settle('init', other, '--company', 'north ltd')).toMatchObject({ code: 0 });
    for (const [args, message] of [
      [['ledgers', 'add', other], /Another ledger in the list is already called “North Ltd”/],
      [['ledgers', 'add', path.join(dir, 'none.sqlite')], /There is no ledger at/],
      [['ledgers', 'forget', 'Nobody'], /No ledger in the list is called “Nobody”/],
      [['ledgers', 'rename', 'North Ltd'], /settle ledgers rename NAME --name NEW/],
      [['ledgers', 'rename', 'North Ltd', '--name', ' '], /--name: Give the ledger a name/],
      [['ledgers', 'launch'], /Unknown ledgers command "launch"/],
      [['today', '--as-of', '2026-02-30'], /--as-of: /],
      [['today', '--format', 'csv'], /--format must be json or table/],
    ] as const) {
      const r = settle(...args);
      expect({ args, code: r.code, out: r.out }).toEqual({ args, code: 2, out: '' });
      expect(r.err.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
    }
  });
});
