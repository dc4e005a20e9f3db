import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { csvFile } from '../support/csv-files';
import { fillLetterheadFile } from '../support/letterhead';
import { pdfPages, pdfText } from '../support/pdf-text';

// The built CLI, run as a user runs it (npm test builds before jest).
const CLI = path.resolve(__dirname, '..', '..', 'build', 'main', 'cli', 'settle.js');

let dir: string;
let ledger: string;
beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-statements-cli-'));
  ledger = path.join(dir, 'books.sqlite');
  const customers = csvFile(dir, 'customers.csv', [
    'code,name,address1,city,region,postal_code',
    'BETA,Beta Foods,12 Mill Road,Springfield,IL,62702',
    'ACME,Acme Supply Co,4 Market Street,Springfield,IL,62701',
    'GAMMA,Gamma Trading,9 Canal Lane,Springfield,IL,62703',
  ]);
  // On 30 September: ACME owes 1,200.50 (700.00 of it paid later, on 15 October), BETA 450.00; GAMMA's invoice is not issued yet.
  const invoices = csvFile(dir, 'invoices.csv', [
    'number,customer_code,issue_date,due_date,amount',
    'INV-1,ACME,2026-08-06,2026-09-05,1200.50',
    'INV-2,BETA,2026-09-06,2026-10-06,450.00',
    'INV-3,GAMMA,2026-10-20,2026-11-19,99.99',
  ]);
  const payments = csvFile(dir, 'payments.csv', ['reference,customer_code,date,amount,invoice_number', 'P-1,ACME,2026-10-15,700.00,INV-1']);
  expect(settle(['--ledger', ledger, 'import', 'customers', customers, '--create'])).toMatchObject({ code: 0 });
  expect(settle(['--ledger', ledger, 'import', 'invoices', invoices])).toMatchObject({ code: 0 });
  expect(settle(['--ledger', ledger, 'import', 'payments', payments])).toMatchObject({ code: 0 });
  fillLetterheadFile(ledger);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function settle(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function query<T>(sql: string): T[] {
  const db = new Database(ledger, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

const SUMMARY = /^(\d+) statements? as of (\S+), (\d+) pages? → (.+) \(archived as (.+), sha256 ([0-9a-f]{64})\)$/m;

describe('settle statements', () => {
  it('prints a statement for every customer with a balance as of the date, by code, archived and recorded', () => {
    const out = path.join(dir, 'statements.pdf');
    const r = settle(['--ledger', ledger, 'statements', '--as-of', '2026-09-30', '--out', out]);
    expect(r).toMatchObject({ code: 0, err: '' });
    const [, count, asOf, , written, archived, sha] = SUMMARY.exec(r.out)!;
    expect([count, asOf, written]).toEqual(['2', '2026-09-30', out]);
    const bytes = fs.readFileSync(out);
    expect(bytes.equals(fs.readFileSync(archived))).toBe(true);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha);
    expect(query('SELECT sha256 FROM letter_file')).toEqual([{ sha256: sha }]);

    const pages = pdfPages(bytes);
    expect(pages[0]).toContain('Statement of account ACME as of 30 September 2026');
    const text = pdfText(bytes);
    expect(text.indexOf('Statement of account ACME')).toBeLessThan(text.indexOf('Statement of account BETA'));
    // ACME's invoice at what was open on the 30th, though it has been part paid since.
    expect(text).toContain('Amount due $1,200.50');
    expect(text).toContain('Amount due $450.00');
    expect(text).not.toContain('Gamma Trading');
    expect(query('SELECT c.code, l.letter_date, l.total_due FROM letter l JOIN customer c ON c.id = l.customer_id ORDER BY c.code')).toEqual([
      { code: 'ACME', letter_date: '2026-09-30', total_due: 120_050 },
      { code: 'BETA', letter_date: '2026-09-30', total_due: 45_000 },
    ]);
    expect(query<{ summary: string }>(`SELECT summary FROM activity WHERE kind = 'letter' ORDER BY id`).map((a) => a.summary)).toEqual([
      expect.stringMatching(/^Statement sent: as of 30 September 2026/),
      expect.stringMatching(/^Statement sent: as of 30 September 2026/),
    ]);
  });

  it('prints one customer’s statement with --customer (any case)', () => {
    const out = path.join(dir, 'beta.pdf');
    const r = settle(['--ledger', ledger, 'statements', '--as-of', '2026-11-30', '--out', out, '--customer', 'beta']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^1 statement as of 2026-11-30, 1 page → /);
    const text = pdfText(fs.readFileSync(out));
    expect(text).toContain('Statement of account BETA as of 30 November 2026');
    expect(text).not.toContain('Acme Supply Co');
  });

  it('refuses an unknown customer code with exit 2, writing nothing', () => {
    const out = path.join(dir, 'nobody.pdf');
    const before = query('SELECT COUNT(*) AS n FROM letter_file');
    const r = settle(['--ledger', ledger, 'statements', '--as-of', '2026-09-30', '--out', out, '--customer', 'NOPE']);
    expect(r).toEqual({ code: 2, out: '', err: 'settle: There is no customer with the code "NOPE".\n' });
    expect(fs.existsSync(out)).toBe(false);
    expect(query('SELECT COUNT(*) AS n FROM letter_file')).toEqual(before);
    expect(fs.existsSync(path.join(dir, 'books-archive'))).toBe(false);
  });

  it('says so when nobody has a balance, and refuses a bad date or a missing --out', () => {
    const out = path.join(dir, 'none.pdf');
    expect(settle(['--ledger', ledger, 'statements', '--as-of', '2026-01-01', '--out', out])).toEqual({
      code: 0,
      out: 'No customer has a balance as of 2026-01-01: no statements written.\n',
      err: '',
    });
    expect(fs.existsSync(out)).toBe(false);
    expect(settle(['--ledger', ledger, 'statements', '--as-of', '30/09/2026', '--out', out])).toMatchObject({ code: 2, err: expect.stringContaining('--as-of must be a date') });
    expect(settle(['--ledger', ledger, 'statements', '--as-of', '2026-09-30'])).toMatchObject({ code: 2, err: expect.stringContaining('needs --out') });
  });
});
