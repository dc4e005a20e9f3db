import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { simpleParser } from 'mailparser';
import { fillLetterheadFile } from '../support/letterhead';
import { csvFile } from '../support/csv-files';
import { startSmtpSink } from '../support/smtp-sink';

// The built CLI, run as a user runs it; asynchronously, so the SMTP server in this process can answer it.
const CLI = path.resolve(__dirname, '..', '..', 'build', 'main', 'cli', 'settle.js');
const PASSWORD = 'cli-Pw#4417-marmalade';

// Each run of the CLI starts Node and opens the ledger: seconds each on a busy machine.
jest.setTimeout(120_000);

let dir: string;
let ledger: string;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:main first`);
});

function settle(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const { SETTLE_SMTP_PASSWORD: _drop, ...base } = process.env;
    const child = spawn(process.execPath, [CLI, '--ledger', ledger, ...args], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

function query<T>(sql: string): T[] {
  const db = new Database(ledger, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-mail-cli-'));
  ledger = path.join(dir, 'books.sqlite');
  // Both 18 days past due on 2026-11-23: the standard policy's polite letter, by email where there is an address.
  const customers = csvFile(dir, 'customers.csv', [
    'code,name,email,address1,city,region,postal_code',
    'ACME,Acme Supply Co,ap@acme.example,4 Market Street,Springfield,IL,62701',
    'BETA,Beta Foods,,12 Mill Road,Springfield,IL,62702',
  ]);
  const invoices = csvFile(dir, 'invoices.csv', ['number,customer_code,issue_date,due_date,amount', 'INV-1,ACME,2026-10-06,2026-11-05,1200.50', 'INV-2,BETA,2026-10-06,2026-11-05,450.00']);
  expect(await settle(['import', 'customers', customers, '--create'])).toMatchObject({ code: 0 });
  expect(await settle(['import', 'invoices', invoices])).toMatchObject({ code: 0 });
  fillLetterheadFile(ledger);
  smtp = await startSmtpSink('clerk', PASSWORD);
});
afterEach(async () => {
  await smtp.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const setArgs = () => ['mail', 'set', '--host', '127.0.0.1', '--port', String(smtp.port), '--tls', 'none', '--user', 'clerk', '--from', 'accounts@northwind.example', '--from-name', 'Northwind Supplies', '--bcc-self'];

describe('settle mail', () => {
  it('sets the server without the password, refuses bad options with one line, and tests with the password from the environment', async () => {
    const bad = await settle(['mail', 'set', '--host', '127.0.0.1', '--port', '25', '--tls', 'ssl', '--from', 'accounts@northwind.example']);
    expect(bad).toMatchObject({ code: 2, err: 'settle: --tls: Choose none, STARTTLS or TLS\n' });
    expect(await settle(['mail', 'set', '--host', '127.0.0.1', '--port', '25', '--tls', 'none'])).toMatchObject({ code: 2, err: 'settle: settle mail set needs --from.\n' });
    expect(await settle(['mail', 'set', '--password', 'x'])).toMatchObject({ code: 2 });

    const set = await settle(setArgs(), { SETTLE_SMTP_PASSWORD: PASSWORD });
    expect(set.code).toBe(0);
    expect(set.out).toContain(`Mail server set: 127.0.0.1:${smtp.port} (no TLS) as clerk, from Northwind Supplies <accounts@northwind.example>, a copy to yourself.`);
    expect(query('SELECT host, user, from_address, bcc_self FROM mail_setting')).toEqual([{ host: '127.0.0.1', user: 'clerk', from_address: 'accounts@northwind.example', bcc_self: 1 }]);

    // Without the password and no terminal to ask at: told where to give it, nothing sent.
    const noPassword = await settle(['mail', 'test', '--to', 'sam@northwind.example']);
    expect(noPassword).toMatchObject({ code: 2, err: 'settle: The mail server needs the password for clerk: set SETTLE_SMTP_PASSWORD (it is never taken as an option).\n' });
    const tested = await settle(['mail', 'test', '--to', 'sam@northwind.example'], { SETTLE_SMTP_PASSWORD: PASSWORD });
    expect(tested).toMatchObject({ code: 0 });
    expect(tested.out).toMatch(/^Test message accepted for sam@northwind\.example: 250 Ok: queued as TEST/);
    const wrong = await settle(['mail', 'test', '--to', 'sam@northwind.example'], { SETTLE_SMTP_PASSWORD: 'nope' });
    expect(wrong.code).toBe(1);
    expect(wrong.out).toMatch(/The server did not take the test message: .*535/);
    expect(smtp.received).toHaveLength(1);
    for (const f of fs.readdirSync(dir).filter((f) => fs.statSync(path.join(dir, f)).isFile())) expect({ f, leaked: fs.readFileSync(path.join(dir, f)).includes(PASSWORD) }).toEqual({ f, leaked: false });
  });

  it('letters batch --channel email --dry-run shows whom the day’s email steps go to and sends nothing; without it, sends them and leaves the rest to print', async () => {
    expect(await settle(setArgs())).toMatchObject({ code: 0 });
    const dry = await settle(['letters', 'batch', '--as-of', '2026-11-23', '--channel', 'email', '--dry-run']);
    expect(dry).toMatchObject({ code: 0, err: '' });
    expect(dry.out).toBe(
      [
        'Polite past-due letter (version 1): 1 message — dry run, nothing sent',
        '  would send ACME Acme Supply Co → ap@acme.example, bcc accounts@northwind.example',
        '',
      ].join('\n'),
    );
    expect(smtp.received).toHaveLength(0);
    expect(query('SELECT * FROM mail_message')).toEqual([]);

    const sent = await settle(['letters', 'batch', '--as-of', '2026-11-23', '--channel', 'email'], { SETTLE_SMTP_PASSWORD: PASSWORD });
    expect(sent).toMatchObject({ code: 0 });
    expect(sent.out).toMatch(/^Polite past-due letter: 1 message\nsent ACME Acme Supply Co: 250 Ok: queued as TEST\n1 sent, 0 failed, 0 skipped\.\n$/);
    expect(smtp.received.map((m) => m.rcptTo)).toEqual([['ap@acme.example', 'accounts@northwind.example']]);
    expect((await simpleParser(smtp.received[0].raw)).subject).toMatch(/^Past-due balance on account ACME: please settle by \S/);
    expect(query(`SELECT channel FROM letter`)).toEqual([{ channel: 'email' }]);

    // Run again: nothing is sent twice.
    const again = await settle(['letters', 'batch', '--as-of', '2026-11-23', '--channel', 'email'], { SETTLE_SMTP_PASSWORD: PASSWORD });
    expect(again.out).toBe('No letters are due by email as of 2026-11-23.\n');
    const forced = await settle(['letters', 'batch', '--as-of', '2026-11-23', '--channel', 'email', '--template', 'Polite past-due letter'], { SETTLE_SMTP_PASSWORD: PASSWORD });
    expect(forced.out).toMatch(/skipped ACME Acme Supply Co: “Polite past-due letter” already went to this customer by email on 2026-11-23/);
    expect(forced.out).toMatch(/skipped BETA Beta Foods: No email address: print this letter instead\./);
    expect(smtp.received).toHaveLength(1);

    // The printed batch prints BETA's letter only.
    const printed = await settle(['letters', 'batch', '--as-of', '2026-11-23', '--out', path.join(dir, 'day.pdf')]);
    expect(printed).toMatchObject({ code: 0 });
    expect(printed.out).toMatch(/^1 letter, 1 page → /m);
    expect(query(`SELECT c.code, l.channel FROM letter l JOIN customer c ON c.id = l.customer_id ORDER BY l.id`)).toEqual([
      { code: 'ACME', channel: 'email' },
      { code: 'BETA', channel: 'mail' },
    ]);
    expect(await settle(['letters', 'verify'])).toMatchObject({ code: 0, out: 'Checked 2 archived letter files: all match what was sent.\n' });
  });
});
