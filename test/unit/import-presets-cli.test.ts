import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The built CLI (npm run build:main first): settle import --preset, its dry run, its refusals.
const CLI = path.resolve(__dirname, '..', '..', 'build', 'main', 'cli', 'settle.js');
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'import');

let dir: string;
let ledger: string;
beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:main first`);
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-preset-cli-'));
  ledger = path.join(dir, 'books.sqlite');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function settle(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, '--ledger', ledger, ...args], { encoding: 'utf8' });
  return { code: r.status, out: String(r.stdout), err: String(r.stderr) };
}

describe('settle import --preset', () => {
  it('imports a QuickBooks Online report, dry-runs a later Xero-style sync and refuses an older export', () => {
    const qbo = settle(['import', '--preset', 'qbo', path.join(FIXTURES, 'quickbooks-online-aging.csv'), '--create']);
    expect(qbo.err).toBe('');
    expect(qbo.code).toBe(0);
    expect(qbo.out).toBe(
      [
        'QuickBooks Online export of 2026-12-01',
        '  3 customers, 4 invoices, 1 payment and 1 credit note added; 0 already in the ledger; 0 rows skipped (not receivables)',
        '  1032 (FERNWOOD-DENTAL): 1,000.00 settled in QuickBooks Online, paid before this export',
        '  Receivables before: 0.00; after: 6,575.25',
        '',
      ].join('\n'),
    );

    const xero = path.join(FIXTURES, 'xero-invoices.csv');
    expect(settle(['import', '--preset', 'xero', xero, '--export-date', '2026-12-01']).code).toBe(0);
    const later = path.join(FIXTURES, 'xero-invoices-later.csv');
    const unsynced = settle(['import', '--preset', 'xero', later, '--export-date', '2026-12-15']);
    expect(unsynced.code).toBe(2);
    expect(unsynced.err).toMatch(/already has the Xero export of 2026-12-01\. To bring it up to date from this one, import it with --sync/);

    const dry = settle(['import', '--preset', 'xero', later, '--export-date', '2026-12-15', '--sync', '--dry-run', '--format', 'json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({ status: 'dry-run', sync: true, openBefore: 139550 + 657525, openAfter: 132550 + 657525 });

    const older = settle(['import', '--preset', 'xero', later, '--export-date', '2026-11-30', '--sync']);
    expect(older).toMatchObject({ code: 2, out: '' });
    expect(older.err).toBe('settle: This Xero export is of 2026-11-30, older than the one last applied (of 2026-12-01): nothing was imported. Import a newer export.\n');
  });

  it('lists bad rows as line N: column: message and exits 2; a wrong --date-order is a usage error', () => {
    const bad = path.join(dir, 'bad.iif');
    fs.writeFileSync(bad, fs.readFileSync(path.join(FIXTURES, 'quickbooks-desktop.iif'), 'utf8').replace('110\tINVOICE\t11/20/2026', '110\tINVOICE\t11/31/2026'));
    const r = settle(['import', '--preset', 'iif', bad, '--create']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`Nothing was imported: 1 problem in ${bad} (QuickBooks Desktop).\nline 19: DATE: is not a date (month first, or YYYY-MM-DD): 11/31/2026\n`);
    expect(settle(['import', '--preset', 'iif', bad, '--date-order', 'ymd']).err).toMatch(/--date-order must be dmy or mdy, not "ymd"/);
    expect(settle(['import', '--preset', 'sage', bad]).err).toMatch(/--preset must be one of xero, iif, qbo, not "sage"/);
  });
});
