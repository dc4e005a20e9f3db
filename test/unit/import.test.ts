import fs from 'node:fs';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import * as csvRecords from '../../src-main/import/csv-records';
import { formatRowError, ImportRejected, type ImportKind } from '../../src-main/import/import-kinds';
import { importCsvFile } from '../../src-main/import/importer';
import { createHandlers } from '../../src-main/services/create-services';
import { dispatch } from '../../src-main/services/dispatch';
import { csvFile } from '../support/csv-files';
import { openTempLedger, snapshot } from '../support/temp-ledger';

let t: Awaited<ReturnType<typeof openTempLedger>>;
beforeEach(async () => {
  t = await openTempLedger();
});
afterEach(() => t.cleanup());

let fileSeq = 0;
function run(kind: ImportKind, lines: string[], opts?: { bom?: boolean; crlf?: boolean }) {
  return importCsvFile(t.ledger.db, kind, csvFile(t.dir, `${kind}-${++fileSeq}.csv`, lines, opts));
}

/** Imports a file that must be refused; proves nothing changed and returns the error lines. */
async function refused(kind: ImportKind, lines: string[]): Promise<string[]> {
  const before = snapshot(t.ledger);
  const err = await run(kind, lines).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportRejected);
  expect(snapshot(t.ledger)).toEqual(before);
  return (err as ImportRejected).errors.map(formatRowError);
}

const q = (sql: string, ...params: unknown[]) => t.ledger.db.prepare(sql).all(...params);

async function seedCustomersAndInvoices() {
  await run('customers', ['code,name', 'ACME,Acme Supply', 'BETA,Beta Foods']);
  await run('invoices', [
    'number,customer_code,issue_date,due_date,amount',
    'INV-1,ACME,2026-01-05,2026-02-04,100.00',
    'INV-2,ACME,2026-01-10,2026-01-25,50.00',
    'INV-3,ACME,2026-03-01,2026-03-31,70.00',
    'INV-9,BETA,2026-01-01,2026-01-31,10.00',
  ]);
}

describe('customers', () => {
  it('imports with case-insensitive headers, a BOM, CRLF, unknown columns and optional fields', async () => {
    const summary = await run(
      'customers',
      [
        'Code,NAME,Kind,Email,Terms_Days,Credit_Limit,Favourite_Colour',
        'ACME,"Acme Supply, Inc.",business,ap@acme.example,45,5000.5,blue',
        'JDOE,Jane Doe,consumer,,,,green',
      ],
      { bom: true, crlf: true },
    );
    expect(summary).toEqual({ kind: 'customers', inserted: 2, unchanged: 0 });
    expect(q('SELECT code, name, kind, email, terms_days, credit_limit FROM customer ORDER BY code')).toEqual([
      { code: 'ACME', name: 'Acme Supply, Inc.', kind: 'business', email: 'ap@acme.example', terms_days: 45, credit_limit: 500050 },
      { code: 'JDOE', name: 'Jane Doe', kind: 'consumer', email: null, terms_days: 30, credit_limit: null },
    ]);
  });

  it('re-importing the same rows changes nothing; a changed row is an error', async () => {
    const lines = ['code,name,email', 'ACME,Acme Supply,ap@acme.example'];
    await run('customers', lines);
    expect(await run('customers', lines)).toEqual({ kind: 'customers', inserted: 0, unchanged: 1 });
    expect(await refused('customers', ['code,name,email', 'ACME,Acme Supply,new@acme.example'])).toEqual([
      'line 2: email: ACME is already in the ledger with email ap@acme.example; this file has new@acme.example',
    ]);
  });

  it('refuses bad rows with the same rules as the customer form', async () => {
    expect(await refused('customers', ['code,name,email,terms_days,credit_limit', 'A 1,,not-an-email,thirty,12.345'])).toEqual([
      'line 2: terms_days: must be a whole number of days: thirty',
      'line 2: credit_limit: has more than two decimal places: 12.345',
      'line 2: code: Use letters, digits, dot, dash or underscore, starting with a letter or digit',
      'line 2: name: Name is required',
      'line 2: email: Enter a valid email address, like name@example.com',
    ]);
  });
});

describe('invoices', () => {
  beforeEach(async () => {
    await run('customers', ['code,name', 'ACME,Acme Supply', 'BETA,Beta Foods']);
  });

  it('imports invoices in minor units with their optional fields', async () => {
    await run('invoices', [
      'number,customer_code,issue_date,due_date,amount,currency,po_number,description',
      'INV-1,acme,2026-01-05,2026-02-04,1234.5,usd,PO-77,"Pallets, 12"',
      'INV-2,BETA,2026-01-06,2026-01-06,0.07,,,',
    ]);
    expect(q('SELECT number, issue_date, due_date, amount, open_amount, currency, po_number, description FROM invoice ORDER BY number')).toEqual([
      { number: 'INV-1', issue_date: '2026-01-05', due_date: '2026-02-04', amount: 123450, open_amount: 123450, currency: 'USD', po_number: 'PO-77', description: 'Pallets, 12' },
      { number: 'INV-2', issue_date: '2026-01-06', due_date: '2026-01-06', amount: 7, open_amount: 7, currency: 'USD', po_number: null, description: null },
    ]);
  });

  it('takes a delivery date, from which the policy’s delivery-confirmation call is due the next day', async () => {
    expect(
      await refused('invoices', ['number,customer_code,issue_date,due_date,amount,delivery_date', 'INV-D0,ACME,2026-01-05,2026-02-04,10.00,2026-13-01']),
    ).toEqual(['line 2: delivery_date: is not a valid date in YYYY-MM-DD form: 2026-13-01']);
    await run('invoices', [
      'number,customer_code,issue_date,due_date,amount,delivery_date',
      'INV-D1,ACME,2026-01-05,2026-02-04,500.00,2026-01-07',
      'INV-D2,BETA,2026-01-05,2026-02-04,20.00,',
    ]);
    expect(q('SELECT number, delivery_date FROM invoice ORDER BY number')).toEqual([
      { number: 'INV-D1', delivery_date: '2026-01-07' },
      { number: 'INV-D2', delivery_date: null },
    ]);
    // Re-importing with another delivery date is a change, reported like any other.
    expect(await refused('invoices', ['number,customer_code,issue_date,due_date,amount,delivery_date', 'INV-D1,ACME,2026-01-05,2026-02-04,500.00,2026-01-09'])).toEqual([
      expect.stringMatching(/^line 2: delivery_date: .*2026-01-07.*2026-01-09|^line 2: delivery_date: .*2026-01-09.*2026-01-07/),
    ]);
    const handlers = createHandlers(t.ledger, { dailyBackups: false });
    await dispatch(handlers, 'policy.run', { today: '2026-01-08' }, () => undefined);
    expect(q(`SELECT t.action, i.number, t.due_date FROM task t JOIN invoice i ON i.id = t.invoice_id WHERE t.action = 'delivery_check'`)).toEqual([
      { action: 'delivery_check', number: 'INV-D1', due_date: '2026-01-08' },
    ]);
  });

  it('lists every bad row and imports none of them, nor the good ones', async () => {
    const errors = await refused('invoices', [
      'number,customer_code,issue_date,due_date,amount',
      'INV-1,ACME,2026-01-05,2026-02-04,100.00',
      'INV-2,ACME,2026-02-30,2026-03-30,100.00',
      'INV-3,ACME,2026-01-05,2026-02-04,-5.00',
      'INV-4,ACME,2026-01-05,2026-02-04,1.005',
      'INV-5,NOBODY,2026-01-05,2026-02-04,1.00',
      'INV-1,ACME,2026-01-05,2026-02-04,100.00',
      'INV-6,ACME,2026-02-05,2026-01-04,1.00',
      'INV-7,ACME,2026-01-05,2026-02-04,1e3',
      'INV-8,ACME,2026-01-05,2026-02-04,0',
      ',ACME,20260105,2026-02-04,1.00',
    ]);
    expect(errors).toEqual([
      'line 3: issue_date: is not a valid date in YYYY-MM-DD form: 2026-02-30',
      'line 4: amount: must be positive, not -5.00',
      'line 5: amount: has more than two decimal places: 1.005',
      'line 6: customer_code: no customer with code NOBODY',
      'line 7: number: INV-1 appears more than once in this file',
      'line 8: due_date: is before the issue date 2026-02-05',
      'line 9: amount: is not a plain decimal amount: 1e3',
      'line 10: amount: must be more than zero',
      'line 11: number: is required',
      'line 11: issue_date: is not a valid date in YYYY-MM-DD form: 20260105',
    ]);
  });

  it('refuses a file missing a required column, an empty file and a header with no rows', async () => {
    expect(await refused('invoices', ['number,customer_code,issue_date,amount', 'INV-1,ACME,2026-01-05,1.00'])).toEqual([
      'line 1: due_date: required column is missing from the header',
    ]);
    expect(await refused('invoices', [''])).toEqual(['line 1: file: the file is empty']);
    expect(await refused('invoices', ['number,customer_code,issue_date,due_date,amount'])).toEqual(['line 2: file: the file has a header but no rows']);
  });

  it('refuses another currency and rows wider than the header', async () => {
    expect(
      await refused('invoices', [
        'number,customer_code,issue_date,due_date,amount,currency',
        'INV-1,ACME,2026-01-05,2026-02-04,1.00,EUR',
        'INV-2,ACME,2026-01-05,2026-02-04,1.00,USD,extra',
      ]),
    ).toEqual(['line 2: currency: is EUR, but this ledger keeps its accounts in USD', 'line 3: row: has 7 fields but the header has 6']);
  });

  it('counts lines as an editor does, across blank lines and quoted line breaks', async () => {
    const errors = await refused('invoices', [
      'number,customer_code,issue_date,due_date,amount,description',
      'INV-1,ACME,2026-01-05,2026-02-04,1.00,"two',
      'lines"',
      '',
      'INV-2,ACME,2026-01-05,2026-02-04,oops,',
    ]);
    expect(errors).toEqual(['line 5: amount: is not a plain decimal amount: oops']);
  });

  it('is idempotent by invoice number, and a changed invoice is an error', async () => {
    const lines = ['number,customer_code,issue_date,due_date,amount', 'INV-1,ACME,2026-01-05,2026-02-04,100.00'];
    await run('invoices', lines);
    expect(await run('invoices', lines)).toEqual({ kind: 'invoices', inserted: 0, unchanged: 1 });
    expect(await refused('invoices', ['number,customer_code,issue_date,due_date,amount', 'inv-1,ACME,2026-01-05,2026-02-04,120.00'])).toEqual([
      'line 2: amount: inv-1 is already in the ledger with amount 100.00; this file has 120.00',
    ]);
    expect(await refused('invoices', ['number,customer_code,issue_date,due_date,amount', 'INV-1,ACME,2026-01-05,2026-02-04,100.00', 'INV-1,ACME,2026-01-05,2026-02-04,100.00'])).toEqual([
      'line 3: number: INV-1 appears more than once in this file',
    ]);
  });
});

describe('journal mode', () => {
  it('imports with a rollback journal when it is alone, and leaves the ledger in WAL mode whatever happens', async () => {
    await run('customers', ['code,name', 'ACME,Acme Supply']);
    expect(t.ledger.db.pragma('journal_mode', { simple: true })).toBe('wal');
    await refused('customers', ['code,name', ',No code']);
    expect(t.ledger.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('still imports, in WAL mode, while another connection has the file open', async () => {
    const other = new Database(t.ledger.path);
    try {
      expect(other.prepare('SELECT COUNT(*) FROM customer').pluck().get()).toBe(0);
      expect(await run('customers', ['code,name', 'ACME,Acme Supply'])).toMatchObject({ inserted: 1 });
      expect(other.prepare('SELECT COUNT(*) FROM customer').pluck().get()).toBe(1);
      expect(t.ledger.db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      other.close();
    }
  });
});

describe('payments', () => {
  beforeEach(seedCustomersAndInvoices);

  const open = () => q('SELECT number, open_amount FROM invoice ORDER BY number');

  it('without an invoice number, pays the oldest due invoices first; cash that arrives before an invoice applies from its issue date', async () => {
    await run('payments', ['reference,customer_code,date,amount', 'P-1,ACME,2026-02-01,120.00', 'P-2,ACME,2026-02-02,50.00']);
    // INV-2 (due 01-25) first, then INV-1 (due 02-04), then INV-3, issued after both payments.
    expect(open()).toEqual([
      { number: 'INV-1', open_amount: 0 },
      { number: 'INV-2', open_amount: 0 },
      { number: 'INV-3', open_amount: 5000 },
      { number: 'INV-9', open_amount: 1000 },
    ]);
    expect(q('SELECT reference, unapplied FROM payment ORDER BY reference')).toEqual([
      { reference: 'P-1', unapplied: 0 },
      { reference: 'P-2', unapplied: 0 },
    ]);
    expect(q(`SELECT a.date, a.amount FROM allocation a JOIN invoice i ON i.id = a.invoice_id WHERE i.number = 'INV-3'`)).toEqual([{ date: '2026-03-01', amount: 2000 }]);
  });

  it('with an invoice number, pays that invoice up to its open amount; the excess pays the oldest due invoices', async () => {
    await run('payments', ['reference,customer_code,date,amount,invoice_number,method', 'P-1,ACME,2026-02-10,130.00,INV-3,check']);
    expect(q('SELECT open_amount FROM invoice WHERE number = ?', 'INV-3')).toEqual([{ open_amount: 0 }]);
    expect(q('SELECT unapplied, method FROM payment')).toEqual([{ unapplied: 0, method: 'check' }]);
    // Paid before it was issued: the allocation takes effect on the issue date.
    expect(q('SELECT i.number, a.date, a.amount FROM allocation a JOIN invoice i ON i.id = a.invoice_id ORDER BY a.id')).toEqual([
      { number: 'INV-3', date: '2026-03-01', amount: 7000 },
      { number: 'INV-2', date: '2026-02-10', amount: 5000 },
      { number: 'INV-1', date: '2026-02-10', amount: 1000 },
    ]);
  });

  it('gives the same ledger whichever comes first, payments or invoices, and whatever the order of the rows', async () => {
    const payments = ['reference,customer_code,date,amount', 'P-2,ACME,2026-02-02,50.00', 'P-1,ACME,2026-02-01,120.00', 'P-9,BETA,2026-01-15,4.00'];
    const ledgerState = () => ({
      invoices: q('SELECT number, open_amount, settled_date FROM invoice ORDER BY number'),
      payments: q('SELECT reference, unapplied, settled_date FROM payment ORDER BY reference'),
      allocations: q(`SELECT p.reference, i.number, a.date, a.amount FROM allocation a JOIN payment p ON p.id = a.source_id JOIN invoice i ON i.id = a.invoice_id
                       ORDER BY p.reference, i.number`),
    });
    await run('payments', payments);
    const invoicesFirst = ledgerState();

    await t.cleanup();
    t = await openTempLedger();
    await run('customers', ['code,name', 'ACME,Acme Supply', 'BETA,Beta Foods']);
    await run('payments', [payments[0], payments[3], payments[2], payments[1]]);
    await run('invoices', [
      'number,customer_code,issue_date,due_date,amount',
      'INV-9,BETA,2026-01-01,2026-01-31,10.00',
      'INV-3,ACME,2026-03-01,2026-03-31,70.00',
      'INV-1,ACME,2026-01-05,2026-02-04,100.00',
      'INV-2,ACME,2026-01-10,2026-01-25,50.00',
    ]);
    expect(ledgerState()).toEqual(invoicesFirst);
  });

  it('refuses an unknown invoice, another customer’s invoice and an unknown customer', async () => {
    expect(
      await refused('payments', [
        'reference,customer_code,date,amount,invoice_number',
        'P-1,ACME,2026-02-10,1.00,INV-404',
        'P-2,ACME,2026-02-10,1.00,INV-9',
        'P-3,GHOST,2026-02-10,1.00,',
      ]),
    ).toEqual([
      'line 2: invoice_number: no invoice numbered INV-404',
      'line 3: invoice_number: invoice INV-9 belongs to customer BETA, not ACME',
      'line 4: customer_code: no customer with code GHOST',
    ]);
  });

  it('is idempotent by reference and does not allocate twice', async () => {
    const lines = ['reference,customer_code,date,amount', 'P-1,ACME,2026-02-01,30.00'];
    await run('payments', lines);
    const before = snapshot(t.ledger);
    expect(await run('payments', lines)).toEqual({ kind: 'payments', inserted: 0, unchanged: 1 });
    expect(snapshot(t.ledger)).toEqual(before);
    expect(await refused('payments', ['reference,customer_code,date,amount', 'P-1,ACME,2026-02-02,30.00'])).toEqual([
      'line 2: date: P-1 is already in the ledger with date 2026-02-01; this file has 2026-02-02',
    ]);
  });
});

describe('credits', () => {
  beforeEach(seedCustomersAndInvoices);

  it('reduce the named invoice, the excess and credits naming none go to the oldest due invoices', async () => {
    await run('credits', ['number,customer_code,date,amount,invoice_number,reason', 'CN-1,ACME,2026-02-01,60.00,INV-2,Damaged', 'CN-2,BETA,2026-02-01,5.00,,Goodwill']);
    expect(q('SELECT number, open_amount FROM invoice WHERE number IN (?, ?, ?) ORDER BY number', 'INV-1', 'INV-2', 'INV-9')).toEqual([
      { number: 'INV-1', open_amount: 9000 },
      { number: 'INV-2', open_amount: 0 },
      { number: 'INV-9', open_amount: 500 },
    ]);
    expect(q('SELECT number, unapplied, reason FROM credit_note ORDER BY number')).toEqual([
      { number: 'CN-1', unapplied: 0, reason: 'Damaged' },
      { number: 'CN-2', unapplied: 0, reason: 'Goodwill' },
    ]);
  });

  it('stay unapplied when automatic application is turned off', async () => {
    t.ledger.db.prepare(`INSERT INTO ledger_setting (key, value) VALUES ('auto_apply_cash', '0')`).run();
    await run('credits', ['number,customer_code,date,amount,invoice_number,reason', 'CN-1,ACME,2026-02-01,60.00,INV-2,Damaged', 'CN-2,BETA,2026-02-01,5.00,,Goodwill']);
    expect(q('SELECT number, unapplied FROM credit_note ORDER BY number')).toEqual([
      { number: 'CN-1', unapplied: 1000 },
      { number: 'CN-2', unapplied: 500 },
    ]);
  });

  it('refuse bad rows and change nothing', async () => {
    expect(await refused('credits', ['number,customer_code,date,amount,invoice_number', 'CN-1,ACME,2026-13-01,1.00,INV-1', 'CN-2,BETA,2026-02-01,1.00,INV-1'])).toEqual([
      'line 2: date: is not a valid date in YYYY-MM-DD form: 2026-13-01',
      'line 3: invoice_number: invoice INV-1 belongs to customer ACME, not BETA',
    ]);
  });
});

describe('a failure while reading or writing', () => {
  const ROWS = 5000;
  /** Enough rows to span several of the reader's 64 KiB chunks, so the failure comes mid-stream. */
  function bigInvoiceFile(name: string) {
    const lines = ['number,customer_code,issue_date,due_date,amount,description'];
    for (let i = 1; i <= ROWS; i++) lines.push(`BIG-${i},${i % 2 ? 'ACME' : 'BETA'},2026-04-01,2026-04-30,${i}.50,row ${i} of a file long enough to be read in several chunks`);
    return csvFile(t.dir, name, lines);
  }
  const fromFile = () => q(`SELECT COUNT(*) AS n FROM invoice WHERE number LIKE 'BIG-%'`)[0];

  beforeEach(seedCustomersAndInvoices);

  it('rejects, rolls back and keeps nothing when a write fails part-way through the file', async () => {
    const file = bigInvoiceFile('big.csv');
    expect(fs.statSync(file).size).toBeGreaterThan(4 * 65536);
    const before = snapshot(t.ledger);
    // Fails the 1,501st invoice of the file, as a full disk or an I/O error would: the statement
    // throws inside the reader's chunk callback, which is where papaparse's abort path runs.
    const existing = q('SELECT COUNT(*) AS n FROM invoice')[0] as { n: number };
    t.ledger.db.exec(`CREATE TEMP TRIGGER inject_io_error BEFORE INSERT ON main.invoice
      WHEN (SELECT COUNT(*) FROM main.invoice) >= ${existing.n + 1500}
      BEGIN SELECT RAISE(ABORT, 'disk I/O error (injected)'); END`);
    // Counts the batches the reader delivers, to show the failure came part-way through the stream.
    const batches: number[] = [];
    const readCsv = csvRecords.readCsv;
    const records = jest
      .spyOn(csvRecords, 'readCsv')
      .mockImplementation((f, h) => readCsv(f, { header: h.header, records: (b) => (batches.push(b.length), h.records(b)) }));
    try {
      // Row by row: the batches counted are the main thread's (the bulk path reads in a worker; see below).
      const err = await importCsvFile(t.ledger.db, 'invoices', file, { rowByRow: true }).then(
        () => null,
        (e: unknown) => e,
      );
      // Not toBeInstanceOf(Error): better-sqlite3's native part keeps the SqliteError class of the
      // first test file that loaded it, so in a reused jest worker it belongs to another realm.
      expect(err).toMatchObject({ message: 'disk I/O error (injected)' });
      expect(err).not.toBeInstanceOf(ImportRejected);
      expect(batches.length).toBeGreaterThan(1);
      expect(batches.reduce((a, b) => a + b, 0)).toBeLessThan(ROWS);
    } finally {
      records.mockRestore();
      t.ledger.db.exec('DROP TRIGGER temp.inject_io_error');
    }
    expect(t.ledger.db.inTransaction).toBe(false);
    expect(fromFile()).toEqual({ n: 0 });
    expect(snapshot(t.ledger)).toEqual(before);
    expect(t.ledger.db.pragma('journal_mode', { simple: true })).toBe('wal');
    // The connection is left fit for use: the same file imports in full once writes work again.
    expect(await importCsvFile(t.ledger.db, 'invoices', file)).toEqual({ kind: 'invoices', inserted: ROWS, unchanged: 0 });
    expect(fromFile()).toEqual({ n: ROWS });
  });

  it('rejects and keeps nothing when a bulk write fails part-way through the file', async () => {
    const file = bigInvoiceFile('big-bulk.csv');
    const before = snapshot(t.ledger);
    const existing = q('SELECT COUNT(*) AS n FROM invoice')[0] as { n: number };
    t.ledger.db.exec(`CREATE TEMP TRIGGER inject_io_error BEFORE INSERT ON main.invoice
      WHEN (SELECT COUNT(*) FROM main.invoice) >= ${existing.n + 1500}
      BEGIN SELECT RAISE(ABORT, 'disk I/O error (injected)'); END`);
    try {
      await expect(importCsvFile(t.ledger.db, 'invoices', file)).rejects.toMatchObject({ message: 'disk I/O error (injected)' });
    } finally {
      t.ledger.db.exec('DROP TRIGGER temp.inject_io_error');
    }
    expect(t.ledger.db.inTransaction).toBe(false);
    expect(snapshot(t.ledger)).toEqual(before);
    expect(t.ledger.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('rejects and keeps nothing when a write fails after the file was read (matching cash)', async () => {
    const before = snapshot(t.ledger);
    t.ledger.db.exec(`CREATE TEMP TRIGGER inject_io_error BEFORE INSERT ON main.allocation BEGIN SELECT RAISE(ABORT, 'disk I/O error (injected)'); END`);
    try {
      // toMatchObject rather than toThrow: the SqliteError may come from another realm (see above).
      await expect(run('payments', ['reference,customer_code,date,amount', 'P-1,ACME,2026-02-01,120.00', 'P-2,BETA,2026-02-02,5.00'])).rejects.toMatchObject({
        message: 'disk I/O error (injected)',
      });
    } finally {
      t.ledger.db.exec('DROP TRIGGER temp.inject_io_error');
    }
    expect(snapshot(t.ledger)).toEqual(before);
  });

  it('rejects and keeps nothing when reading the file fails part-way', async () => {
    const file = bigInvoiceFile('unreadable.csv');
    const text = fs.readFileSync(file);
    const before = snapshot(t.ledger);
    // Two chunks of the real file, then the error a failing disk or a vanished network share gives.
    const failing = jest.spyOn(fs, 'createReadStream').mockImplementation(((_path: fs.PathLike, opts?: { encoding?: BufferEncoding }) => {
      const parts = [text.subarray(0, 65536), text.subarray(65536, 131072)];
      return Readable.from(
        (async function* () {
          for (const p of parts) yield opts?.encoding ? p.toString(opts.encoding) : p;
          throw Object.assign(new Error('EIO: i/o error, read (injected)'), { code: 'EIO' });
        })(),
      ) as unknown as fs.ReadStream;
    }) as typeof fs.createReadStream);
    try {
      // Row by row: the failing stream is the main thread's; the bulk path's worker reports a read failure the same way (as its message).
      await expect(importCsvFile(t.ledger.db, 'invoices', file, { rowByRow: true })).rejects.toThrow('EIO: i/o error, read (injected)');
    } finally {
      failing.mockRestore();
    }
    expect(fromFile()).toEqual({ n: 0 });
    expect(snapshot(t.ledger)).toEqual(before);
  });
});

describe('readCsv', () => {
  it('rejects with the handler’s error, and delivers no batch after it, even though papaparse reports completion on abort', async () => {
    const lines = ['a,b'];
    for (let i = 0; i < 20_000; i++) lines.push(`${i},${'x'.repeat(20)}`);
    const file = csvFile(t.dir, 'many.csv', lines);
    const seen: number[] = [];
    const result = csvRecords.readCsv(file, {
      header: () => undefined,
      records(batch) {
        seen.push(batch.length);
        if (seen.length === 2) throw new Error('write failed (injected)');
      },
    });
    await expect(result).rejects.toThrow('write failed (injected)');
    // Give a stream that was not stopped time to deliver more.
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toHaveLength(2);
  });
});
