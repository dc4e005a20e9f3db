import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Ledger } from '../../src-main/ledger/ledger';
import { fillLetterheadFile } from '../support/letterhead';
import { createHandlers } from '../../src-main/services/create-services';
import { csvFile } from '../support/csv-files';
import { pdfText } from '../support/pdf-text';
import { serviceCaller } from '../support/service-caller';

// The built CLI, run as a user runs it (npm test builds before jest).
const CLI = path.resolve(__dirname, '..', '..', 'build', 'main', 'cli', 'settle.js');

let dir: string;
let ledger: string;
beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-letters-cli-'));
  ledger = path.join(dir, 'books.sqlite');
  const customers = csvFile(dir, 'customers.csv', [
    'code,name,address1,city,region,postal_code',
    'ACME,Acme Supply Co,4 Market Street,Springfield,IL,62701',
    'BETA,Beta Foods,12 Mill Road,Springfield,IL,62702',
    'GAMMA,Gamma Trading,9 Canal Lane,Springfield,IL,62703',
  ]);
  // ACME and BETA are 18 days past due on 2026-11-23 (the polite letter's step); GAMMA is not due yet.
  const invoices = csvFile(dir, 'invoices.csv', [
    'number,customer_code,issue_date,due_date,amount',
    'INV-1,ACME,2026-10-06,2026-11-05,1200.50',
    'INV-2,BETA,2026-10-06,2026-11-05,450.00',
    'INV-3,GAMMA,2026-11-20,2026-12-20,99.99',
  ]);
  expect(settle(['--ledger', ledger, 'import', 'customers', customers, '--create'])).toMatchObject({ code: 0 });
  expect(settle(['--ledger', ledger, 'import', 'invoices', invoices])).toMatchObject({ code: 0 });
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

const SUMMARY = /^(\d+) letters?, (\d+) pages? → (.+) \(archived as (.+), sha256 ([0-9a-f]{64})\)$/m;

describe('settle letters batch', () => {
  it('prints the letters due as of a day into one PDF, archived and recorded, and verify passes', () => {
    const out = path.join(dir, 'today.pdf');
    const r = settle(['--ledger', ledger, 'letters', 'batch', '--as-of', '2026-11-23', '--out', out]);
    expect(r).toMatchObject({ code: 0, err: '' });
    const [, count, pages, written, archived, sha] = SUMMARY.exec(r.out)!;
    expect(count).toBe('2');
    expect(written).toBe(out);
    expect(archived).toBe(path.join(dir, 'books-archive', 'letters', '2026', '11', path.basename(archived)));
    // --out is a copy of the archived batch, byte for byte, and the printed hash is the ledger's.
    const bytes = fs.readFileSync(out);
    expect(bytes.equals(fs.readFileSync(archived))).toBe(true);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha);
    expect(query<{ sha256: string; pages: number }>('SELECT sha256, pages FROM letter_file')).toEqual([{ sha256: sha, pages: Number(pages) }]);
    const text = pdfText(bytes);
    expect(text).toContain('Acme Supply Co');
    expect(text).toContain('Beta Foods');
    expect(text).not.toContain('Gamma Trading');

    // Recorded as the app records it: a letter and a timeline entry each, and the policy's tasks done.
    expect(query('SELECT c.code, l.channel, l.letter_date FROM letter l JOIN customer c ON c.id = l.customer_id ORDER BY c.code')).toEqual([
      { code: 'ACME', channel: 'mail', letter_date: '2026-11-23' },
      { code: 'BETA', channel: 'mail', letter_date: '2026-11-23' },
    ]);
    expect(query<{ summary: string }>(`SELECT summary FROM activity WHERE kind = 'letter'`).map((a) => a.summary)).toEqual([
      expect.stringMatching(/^Letter sent: Polite past-due letter \(version 1\) by mail — "/),
      expect.stringMatching(/^Letter sent: Polite past-due letter \(version 1\) by mail — "/),
    ]);
    expect(query(`SELECT status FROM task WHERE template = 'Polite past-due letter'`)).toEqual([{ status: 'done' }, { status: 'done' }]);

    // Run again the same day: nothing is due any more, and no file is written.
    const again = path.join(dir, 'again.pdf');
    expect(settle(['--ledger', ledger, 'letters', 'batch', '--as-of', '2026-11-23', '--out', again])).toMatchObject({ code: 0, out: 'No letters are due as of 2026-11-23.\n' });
    expect(fs.existsSync(again)).toBe(false);

    expect(settle(['--ledger', ledger, 'letters', 'verify'])).toEqual({ code: 0, out: 'Checked 1 archived letter file: all match what was sent.\n', err: '' });
  });

  it('with --template writes to every customer with something overdue, by the channel asked for', () => {
    const out = path.join(dir, 'demand.pdf');
    const r = settle(['--ledger', ledger, 'letters', 'batch', '--as-of', '2026-11-23', '--out', out, '--template', 'certified final demand', '--channel', 'certified_mail']);
    expect(r.code).toBe(0);
    expect(SUMMARY.exec(r.out)![1]).toBe('2');
    expect(query(`SELECT channel, COUNT(*) AS n FROM letter GROUP BY channel`)).toEqual([{ channel: 'certified_mail', n: 2 }]);
    expect(pdfText(fs.readFileSync(out))).toContain('Acme Supply Co');
    // The policy's polite-letter tasks were not what this batch did: they stay open.
    expect(query(`SELECT COUNT(*) AS n FROM task WHERE status = 'done'`)).toEqual([{ n: 0 }]);
  });

  it('with --template skips customers whose past-due money is disputed, on a signed plan, or with an agency, saying why', async () => {
    // Set up through the services, as the app would, with the clock pinned before the letter's date
    // so the agency status was already in force on it.
    const open = await Ledger.open(ledger);
    try {
      const handlers = createHandlers(open, { clockControl: true });
      const { ok } = serviceCaller(() => handlers, () => open);
      await ok('clock.set', { now: '2026-11-20T12:00:00Z' });
      const account = async (code: string, name: string) => {
        const c = await ok<{ id: number }>('customers.create', { code, name, address1: '1 Quay Road', city: 'Springfield', region: 'IL', postalCode: '62701' });
        const inv = await ok<{ id: number }>('invoices.create', { number: `${code}-1`, customerId: c.id, issueDate: '2026-10-06', dueDate: '2026-11-05', amount: 60_000 });
        return { id: c.id, invoiceId: inv.id };
      };
      const disp = await account('DISP', 'Disputing Dairy');
      await ok('activities.record', {
        customerId: disp.id,
        occurredAt: '2026-11-18T10:00',
        summary: 'Half the order arrived spoiled.',
        outcome: 'dispute_raised',
        dispute: { reason: 'damaged', invoiceIds: [disp.invoiceId], amount: 60_000 },
      });
      const plan = await account('PLAN', 'Planned Pantry');
      const p = await ok<{ id: number }>('plans.create', { customerId: plan.id, total: 60_000, count: 3, frequency: 'monthly', startDate: '2026-12-01', today: '2026-11-20' });
      await ok('plans.sign', { id: p.id, signedOn: '2026-11-20', signedBy: 'Pat Pantry' });
      const agcy = await account('AGCY', 'Agency Grocers');
      await ok('customers.setStatus', { id: agcy.id, status: 'with_agency', reason: 'Passed to the collection agency' });
    } finally {
      await open.close();
    }

    const out = path.join(dir, 'polite.pdf');
    const r = settle(['--ledger', ledger, 'letters', 'batch', '--as-of', '2026-11-23', '--out', out, '--template', 'Polite past-due letter']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out.split('\n').filter((l) => l.startsWith('skipped '))).toEqual([
      'skipped AGCY Agency Grocers: Agency Grocers has nothing that may be asked for on 23 November 2026: the account is with an agency.',
      'skipped DISP Disputing Dairy: Disputing Dairy has nothing that may be asked for on 23 November 2026: the $600.00 past due is in dispute.',
      'skipped PLAN Planned Pantry: Planned Pantry has nothing that may be asked for on 23 November 2026: the $600.00 past due is on a payment plan.',
    ]);
    expect(SUMMARY.exec(r.out)![1]).toBe('2');
    const text = pdfText(fs.readFileSync(out));
    expect(text).toContain('Acme Supply Co');
    expect(text).toContain('Beta Foods');
    for (const name of ['Disputing Dairy', 'Planned Pantry', 'Agency Grocers', 'Gamma Trading']) expect(text).not.toContain(name);
    expect(query('SELECT c.code FROM letter l JOIN customer c ON c.id = l.customer_id ORDER BY c.code')).toEqual([{ code: 'ACME' }, { code: 'BETA' }]);
  });

  it('exits 2 with one line for usage mistakes, writing nothing', () => {
    for (const [args, message] of [
      [['letters'], 'settle letters needs a command: batch or verify.'],
      [['letters', 'print'], 'Unknown letters command "print": use batch or verify.'],
      [['letters', 'batch', '--as-of', '2026-11-23'], 'settle letters batch needs --out FILE.pdf: where to write the letters for printing.'],
      [['letters', 'batch', '--as-of', '2026-02-30', '--out', 'x.pdf'], '--as-of must be a date like 2026-03-31, not "2026-02-30"'],
      [['letters', 'batch', '--out', path.join(dir, 'x.pdf'), '--channel', 'fax'], '--channel must be mail, certified_mail or email, not "fax"'],
      [['letters', 'batch', '--out', path.join(dir, 'nowhere', 'x.pdf')], `The folder for --out does not exist: ${path.join(dir, 'nowhere')}`],
      [['letters', 'batch', '--out', path.join(dir, 'x.pdf'), '--template', 'Sternest letter'], 'There is no letter template named "Sternest letter".'],
    ] as const) {
      const r = settle(['--ledger', ledger, ...args]);
      expect({ args, code: r.code, err: r.err }).toEqual({ args, code: 2, err: `settle: ${message}\n` });
    }
    expect(query('SELECT COUNT(*) AS n FROM letter')).toEqual([{ n: 0 }]);
    expect(fs.existsSync(path.join(dir, 'x.pdf'))).toBe(false);
  });
});

describe('settle letters verify', () => {
  it('lists an unfinished batch left by an interrupted print as safe to delete, without failing on it', () => {
    expect(settle(['--ledger', ledger, 'letters', 'verify'])).toEqual({ code: 0, out: 'No letters have been archived yet.\n', err: '' });
    settle(['--ledger', ledger, 'letters', 'batch', '--as-of', '2026-11-23', '--out', path.join(dir, 'a.pdf')]);
    // What a batch killed half way leaves: its temporary file, never renamed nor recorded.
    const partial = path.join(dir, 'books-archive', 'letters', '2026', '11', '.2026-11-23-0123456789ab.pdf.partial');
    fs.writeFileSync(partial, '%PDF-1.7 half a batch');
    expect(settle(['--ledger', ledger, 'letters', 'verify'])).toEqual({
      code: 0,
      out: `unfinished batch left by an interrupted print: ${partial} — not recorded, safe to delete\nChecked 1 archived letter file: all match what was sent.\n`,
      err: '',
    });
    expect(fs.existsSync(partial)).toBe(true);
  });

  it('exits 1 naming a file with one byte changed, and a missing one', () => {
    const first = SUMMARY.exec(settle(['--ledger', ledger, 'letters', 'batch', '--as-of', '2026-11-23', '--out', path.join(dir, 'a.pdf')]).out)![4];
    const second = SUMMARY.exec(settle(['--ledger', ledger, 'letters', 'batch', '--as-of', '2026-11-23', '--out', path.join(dir, 'b.pdf'), '--template', 'Account statement']).out)![4];
    expect(settle(['--ledger', ledger, 'letters', 'verify']).code).toBe(0);

    const bytes = fs.readFileSync(first);
    bytes[bytes.length >> 1] ^= 0x20;
    fs.writeFileSync(first, bytes);
    const altered = settle(['--ledger', ledger, 'letters', 'verify']);
    expect(altered.code).toBe(1);
    expect(altered.out).toBe(`altered (its SHA-256 no longer matches): ${first} (letter file 1)\nChecked 2 archived letter files: 1 ok, 1 altered, 0 missing.\n`);

    fs.rmSync(second);
    const missing = settle(['--ledger', ledger, 'letters', 'verify']);
    expect(missing.code).toBe(1);
    expect(missing.out.split('\n')).toEqual([
      `altered (its SHA-256 no longer matches): ${first} (letter file 1)`,
      `missing: ${second} (letter file 2)`,
      'Checked 2 archived letter files: 0 ok, 1 altered, 1 missing.',
      '',
    ]);
  });
});
