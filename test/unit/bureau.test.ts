import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { AgingReportData, ArchiveCheck, BureauExported, BureauFileRecord, BureauPreview, CustomerDetail, Handlers } from '../../src-main/contract';
import { formatRowError, ImportRejected } from '../../src-main/import/import-kinds';
import { importCsvFile } from '../../src-main/import/importer';
import { createHandlers } from '../../src-main/services/create-services';
import { csvFile } from '../support/csv-files';
import { serviceCaller } from '../support/service-caller';
import { openTempLedger } from '../support/temp-ledger';

// The built CLI, run as a user runs it (npm run build:main before jest).
const CLI = path.resolve(__dirname, '..', '..', 'build', 'main', 'cli', 'settle.js');
const settle = (args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok, call, refused } = serviceCaller(() => handlers, () => t.ledger);
const ids: Record<string, number> = {};
const AS_OF = '2026-06-30';

/*
 * As of 2026-06-30:
 * - ACME (business): INV-A1 1,000.00 due 03-31 with 300.00 paid (700.00, 91 days: 91+), INV-A2
 *   500.00 due 06-14 (1-30) disputed since 06-20, INV-A3 200.00 due 07-20 (current). A dispute on
 *   INV-A1 was resolved in April, so A1 stays in.
 * - BETA (business): one sale on 2026-03-31, paid in May: no balance, a sale three months back.
 * - OLDCO (business): one sale fourteen months back, paid: not reported.
 * - DOE (consumer): 250.00 in 1-30: never reported.
 * - GAMMA (business, due on receipt): INV-G1 120.00 due 06-25 (1-30) and a 30.00 credit left on account.
 */
beforeAll(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger);
  // GAMMA's credit stays on account rather than paying the invoice issued after it.
  await ok('settings.update', { autoApplyCash: false });
  const customer = async (code: string, extra: Record<string, unknown>) => (ids[code] = (await ok<CustomerDetail>('customers.create', { code, name: `${code} Trading`, ...extra })).id);
  await customer('ACME', {
    name: 'Acme Supply Co',
    address1: '4 Market Street',
    address2: 'Suite 2',
    city: 'Springfield',
    region: 'IL',
    postalCode: '62701',
    country: 'US',
    phone: '(217) 555-0100',
    taxId: '12-3456789',
    customerSince: '2020-01-15',
  });
  await customer('BETA', { termsDays: 15 });
  await customer('OLDCO', {});
  await customer('DOE', { kind: 'consumer', name: 'Jane Doe' });
  await customer('GAMMA', { termsDays: 0 });
  const invoice = async (number: string, customerCode: string, issueDate: string, dueDate: string, amount: number) =>
    (ids[number] = (await ok<{ id: number }>('invoices.create', { number, customerId: ids[customerCode], issueDate, dueDate, amount })).id);
  await invoice('INV-O1', 'OLDCO', '2025-04-01', '2025-05-01', 15_000);
  await invoice('INV-A1', 'ACME', '2026-03-01', '2026-03-31', 100_000);
  await invoice('INV-B1', 'BETA', '2026-03-31', '2026-04-15', 40_000);
  await invoice('INV-D1', 'DOE', '2026-05-01', '2026-05-31', 25_000);
  await invoice('INV-A2', 'ACME', '2026-05-15', '2026-06-14', 50_000);
  await invoice('INV-G1', 'GAMMA', '2026-06-10', '2026-06-25', 12_000);
  await invoice('INV-A3', 'ACME', '2026-06-20', '2026-07-20', 20_000);
  await ok('payments.record', { reference: 'P-O1', customerId: ids.OLDCO, date: '2025-05-20', amount: 15_000, invoiceId: ids['INV-O1'] });
  await ok('payments.record', { reference: 'P-B1', customerId: ids.BETA, date: '2026-05-10', amount: 40_000, invoiceId: ids['INV-B1'] });
  await ok('payments.record', { reference: 'P-A1', customerId: ids.ACME, date: '2026-06-25', amount: 30_000, invoiceId: ids['INV-A1'] });
  await ok('credits.record', { number: 'CN-G1', customerId: ids.GAMMA, date: '2026-06-05', amount: 3_000 });
  const dispute = async (code: string, day: string, invoices: string[], amount: number) =>
    (
      await ok<{ dispute: { id: number } }>('activities.record', {
        customerId: ids[code],
        occurredAt: `${day}T11:00`,
        summary: 'Raised a problem with the order.',
        outcome: 'dispute_raised',
        dispute: { reason: 'damaged', invoiceIds: invoices.map((n) => ids[n]), amount },
      })
    ).dispute.id;
  const resolved = await dispute('ACME', '2026-04-01', ['INV-A1'], 5_000);
  await ok('disputes.resolve', { id: resolved, resolution: 'no_credit', date: '2026-04-15' });
  await dispute('ACME', '2026-06-20', ['INV-A2'], 10_000);
});
afterAll(() => t.cleanup());

const preview = (asOf: string, layout: 'trade' | 'invoices') => ok<BureauPreview>('bureau.preview', { asOf, layout, limit: 500 });
const csvRows = (text: string) => Papa.parse<string[]>(text, { skipEmptyLines: true }).data;

const TRADE_HEADER = [
  'account number', 'name', 'address', 'city', 'state/region', 'postal code', 'country', 'phone', 'tax ID', 'account open date', 'report date', 'last sale date',
  'high credit in the last 12 months', 'terms', 'balance', 'current', '1-30', '31-60', '61-90', '91+', 'comment',
];
const TRADE_ROWS = [
  ['ACME', 'Acme Supply Co', '4 Market Street, Suite 2', 'Springfield', 'IL', '62701', 'US', '(217) 555-0100', '12-3456789', '2020-01-15', AS_OF, '2026-06-20',
    '1500.00', 'Net 30', '900.00', '200.00', '0.00', '0.00', '0.00', '700.00', 'disputed items excluded: 1 (500.00)'],
  ['BETA', 'BETA Trading', '', '', '', '', '', '', '', '2026-03-31', AS_OF, '2026-03-31', '400.00', 'Net 15', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00', ''],
  ['GAMMA', 'GAMMA Trading', '', '', '', '', '', '', '', '2026-06-10', AS_OF, '2026-06-10', '120.00', 'Due on receipt', '90.00', '0.00', '120.00', '0.00', '0.00', '0.00',
    'unapplied cash and credits netted in balance: -30.00'],
];

describe('customer fields for the bureau', () => {
  it('keeps a tax ID and a customer-since date, and refuses a day that does not exist', async () => {
    const acme = await ok<CustomerDetail>('customers.get', { id: ids.ACME });
    expect(acme).toMatchObject({ taxId: '12-3456789', customerSince: '2020-01-15' });
    const error = await refused('customers.create', { code: 'BAD', name: 'Bad Date Ltd', customerSince: '2026-02-30' });
    expect(error.fields).toEqual({ customerSince: 'Customer since must be a real date like 2026-03-31' });
  });
});

describe('customer fields in the import', () => {
  it('takes tax_id and customer_since columns, and refuses a customer-since day that does not exist', async () => {
    const lines = ['code,name,tax_id,customer_since', 'IMP1,Imported One,98-7654321,2018-05-01', 'IMP2,Imported Two,,'];
    await importCsvFile(t.ledger.db, 'customers', csvFile(t.dir, 'customers-ok.csv', lines));
    expect(t.ledger.db.prepare(`SELECT code, tax_id, customer_since FROM customer WHERE code LIKE 'IMP%' ORDER BY code`).all()).toEqual([
      { code: 'IMP1', tax_id: '98-7654321', customer_since: '2018-05-01' },
      { code: 'IMP2', tax_id: null, customer_since: null },
    ]);
    const err = await importCsvFile(t.ledger.db, 'customers', csvFile(t.dir, 'customers-bad.csv', ['code,name,customer_since', 'IMP3,Imported Three,2018-02-30'])).catch((e: unknown) => e);
    expect((err as ImportRejected).errors.map(formatRowError)).toEqual(['line 2: customer_since: Customer since must be a real date like 2026-03-31']);
    // With no sale and no balance they are not reported: the files below do not list them.
  });
});

describe('bureau file, trade layout', () => {
  it('reports business customers with a balance or a sale in the last 12 months, disputed items left out, columns as the bureaus name them', async () => {
    const p = await preview(AS_OF, 'trade');
    expect(p.columns).toEqual(TRADE_HEADER);
    expect(p.rows).toEqual(TRADE_ROWS);
    expect(p.rowCount).toBe(3);
    expect(p.totals).toEqual({ buckets: [20_000, 12_000, 0, 0, 70_000], unapplied: -3_000, balance: 99_000 });
    expect(p.disputed).toEqual({ count: 1, amount: 50_000 });
    expect(p.consumersLeftOut).toBe(1);
  });

  it('reconciles with the aging report as of the same date, less consumers and disputed items', async () => {
    const aging = await ok<AgingReportData>('aging.report', { asOf: AS_OF, basis: 'due', limits: [30, 60, 90] });
    expect(aging.totals).toEqual({ buckets: [20_000, 87_000, 0, 0, 70_000], unapplied: -3_000, total: 174_000 });
    const p = await preview(AS_OF, 'trade');
    expect(p.reconciliation.map(({ key, count, buckets, unapplied, balance }) => ({ key, count, buckets, unapplied, balance }))).toEqual([
      { key: 'aging', count: 3, buckets: [20_000, 87_000, 0, 0, 70_000], unapplied: -3_000, balance: 174_000 },
      { key: 'consumers', count: 1, buckets: [0, 25_000, 0, 0, 0], unapplied: 0, balance: 25_000 },
      { key: 'disputed', count: 1, buckets: [0, 50_000, 0, 0, 0], unapplied: 0, balance: 50_000 },
      { key: 'file', count: 3, buckets: [20_000, 12_000, 0, 0, 70_000], unapplied: -3_000, balance: 99_000 },
    ]);
    expect(p.reconciles).toBe(true);
  });

  it('judges disputes and balances as they stood on a past date', async () => {
    // On 05-31 the dispute on INV-A2 was not raised yet, and INV-A1 was unpaid and 61 days late.
    const p = await preview('2026-05-31', 'trade');
    expect(p.rows.map((r) => [r[0], r[14], r[15], r[16], r[17], r[18], r[19], r[20]])).toEqual([
      ['ACME', '1500.00', '500.00', '0.00', '0.00', '1000.00', '0.00', ''],
      ['BETA', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00', ''],
    ]);
    expect(p.disputed).toEqual({ count: 0, amount: 0 });
    expect(p.reconciles).toBe(true);
  });
});

describe('bureau file, invoices layout', () => {
  it('has one row per open item of the reported customers, disputed items and consumers left out; unapplied cash is a line of the reconciliation', async () => {
    const p = await preview(AS_OF, 'invoices');
    expect(p.columns.slice(9)).toEqual(['invoice number', 'invoice date', 'due date', 'amount', 'open amount', 'days past due']);
    expect(p.rows.map((r) => [r[0], ...r.slice(9)])).toEqual([
      ['ACME', 'INV-A1', '2026-03-01', '2026-03-31', '1000.00', '700.00', '91'],
      ['ACME', 'INV-A3', '2026-06-20', '2026-07-20', '200.00', '200.00', '0'],
      ['GAMMA', 'INV-G1', '2026-06-10', '2026-06-25', '120.00', '120.00', '5'],
    ]);
    expect(p.totals).toEqual({ buckets: [20_000, 12_000, 0, 0, 70_000], unapplied: 0, balance: 102_000 });
    expect(p.reconciliation.find((l) => l.key === 'unapplied')).toMatchObject({ count: 1, unapplied: -3_000, balance: -3_000 });
    expect(p.reconciles).toBe(true);
  });
});

describe('bureau export, archive and verify', () => {
  it('archives the file with its SHA-256, records what it said, hands the same bytes back, and finds a file altered later', async () => {
    const made = await ok<BureauExported>('bureau.export', { asOf: AS_OF, layout: 'trade' });
    const text = Buffer.from(made.file.base64, 'base64').toString('utf8');
    expect(csvRows(text)).toEqual([TRADE_HEADER, ...TRADE_ROWS]);
    expect(made.record).toMatchObject({
      asOf: AS_OF,
      layout: 'trade',
      rows: 3,
      customers: 3,
      totals: { buckets: [20_000, 12_000, 0, 0, 70_000], balance: 99_000 },
      disputed: { count: 1, amount: 50_000 },
      consumersLeftOut: 1,
      bytes: Buffer.byteLength(text),
    });
    expect(made.record.path).toMatch(/^2026\/06\/bureau-trade-2026-06-30-USD-\d{8}T\d{6}-[0-9a-f]{4}\.csv$/);
    const archived = path.join(t.dir, 'ledger-archive', 'bureau', ...made.record.path.split('/'));
    expect(fs.readFileSync(archived, 'utf8')).toBe(text);
    expect(await ok<BureauFileRecord[]>('bureau.list', {})).toEqual([made.record]);
    expect(await ok<ArchiveCheck>('bureau.verify', {})).toEqual({ checked: 1, ok: 1, problems: [] });
    expect(Buffer.from((await ok<{ base64: string }>('bureau.file', { id: made.record.id })).base64, 'base64').toString('utf8')).toBe(text);

    // The record is history.
    expect(() => t.ledger.db.prepare('UPDATE bureau_file SET balance = 0').run()).toThrow();
    try {
      t.ledger.db.prepare('DELETE FROM bureau_file').run();
      throw new Error('deleted');
    } catch (err) {
      expect(err).toMatchObject({ message: 'Bureau files made are history: make a new file instead of deleting one' });
    }

    fs.writeFileSync(archived, text.replace('900.00', '100.00'));
    expect(await ok<ArchiveCheck>('bureau.verify', {})).toEqual({ checked: 1, ok: 0, problems: [{ fileId: made.record.id, path: archived, problem: 'altered' }] });
    expect(await call('bureau.file', { id: made.record.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    fs.writeFileSync(archived, text);
  });

  it('refuses an unknown layout or a date that does not exist, and writes nothing', async () => {
    expect((await refused('bureau.export', { asOf: AS_OF, layout: 'nacm' })).fields).toEqual({ layout: 'Choose the trade or the invoices layout' });
    expect((await refused('bureau.export', { asOf: '2026-02-30', layout: 'trade' })).fields).toEqual({ asOf: 'As-of date must be a real date like 2026-03-31' });
  });
});

describe('settle bureau', () => {
  beforeAll(() => {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:main first`);
  });

  it('exports a file as the app does, lists it, and verify fails once it is altered', () => {
    const out = path.join(t.dir, 'to-bureau.csv');
    const ledger = path.join(t.dir, 'ledger.sqlite');
    const r = settle(['--ledger', ledger, 'bureau', 'export', '--as-of', AS_OF, '--layout', 'invoices', '--out', out]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('3 rows (3 business customers) as of 2026-06-30, invoices layout');
    expect(r.stdout).toContain('left out: 1 consumers; 1 disputed items (500.00)');
    expect(csvRows(fs.readFileSync(out, 'utf8')).map((row) => row[9])).toEqual(['invoice number', 'INV-A1', 'INV-A3', 'INV-G1']);
    const listed = JSON.parse(settle(['--ledger', ledger, 'bureau', 'list', '--format', 'json']).stdout) as BureauFileRecord[];
    expect(listed.map((f) => f.layout)).toEqual(['invoices', 'trade']);
    const archived = path.join(t.dir, 'ledger-archive', 'bureau', ...listed[0].path.split('/'));
    expect(fs.readFileSync(archived, 'utf8')).toBe(fs.readFileSync(out, 'utf8'));
    expect(settle(['--ledger', ledger, 'bureau', 'verify'])).toMatchObject({ code: 0, stdout: 'Checked 2 archived bureau files: all match what was made.\n' });
    fs.appendFileSync(archived, 'X,extra\n');
    const failed = settle(['--ledger', ledger, 'bureau', 'verify']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(`altered (its size changed): ${archived}`);
  });

  it('refuses an unknown layout or a bad date with one line, exit 2, and writes nothing', () => {
    const out = path.join(t.dir, 'never.csv');
    const ledger = path.join(t.dir, 'ledger.sqlite');
    const before = (t.ledger.db.prepare('SELECT COUNT(*) FROM bureau_file').pluck().get() as number);
    expect(settle(['--ledger', ledger, 'bureau', 'export', '--as-of', AS_OF, '--layout', 'nacm', '--out', out])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'settle: --layout must be trade or invoices, not "nacm"\n',
    });
    expect(settle(['--ledger', ledger, 'bureau', 'export', '--as-of', '2026-13-01', '--layout', 'trade', '--out', out])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'settle: --as-of must be a date like 2026-03-31, not "2026-13-01"\n',
    });
    expect(fs.existsSync(out)).toBe(false);
    expect(t.ledger.db.prepare('SELECT COUNT(*) FROM bureau_file').pluck().get()).toBe(before);
  });
});

describe('bureau export on the demo ledger', () => {
  let demo: Awaited<ReturnType<typeof openTempLedger>>;
  let demoHandlers: Handlers;
  const d = serviceCaller(() => demoHandlers, () => demo.ledger);
  afterAll(() => demo.cleanup());

  it('totals the aging less consumers and disputed items, names no consumer, and is archived and verifiable', async () => {
    demo = await openTempLedger();
    demoHandlers = createHandlers(demo.ledger);
    const today = '2026-12-01';
    await d.ok('demo.load', { today });
    // A business disputes its oldest open invoice, so the file has something to leave out.
    const disputed = demo.ledger.db
      .prepare(`SELECT i.id, i.customer_id AS customerId, i.open_amount AS open FROM invoice i JOIN customer c ON c.id = i.customer_id
                 WHERE c.kind = 'business' AND i.open_amount > 0 AND i.has_schedule = 0 ORDER BY i.due_date, i.id LIMIT 1`)
      .get() as { id: number; customerId: number; open: number };
    await d.ok('activities.record', {
      customerId: disputed.customerId,
      occurredAt: `${today}T09:00`,
      summary: 'The goods arrived damaged.',
      outcome: 'dispute_raised',
      dispute: { reason: 'damaged', invoiceIds: [disputed.id], amount: 1_000 },
    });

    const aging = await d.ok<AgingReportData>('aging.report', { asOf: today, basis: 'due', limits: [30, 60, 90] });
    const kinds = new Map((demo.ledger.db.prepare('SELECT code, kind FROM customer').all() as { code: string; kind: string }[]).map((c) => [c.code, c.kind]));
    const consumers = aging.rows.filter((r) => kinds.get(r.customerCode) === 'consumer').reduce((s, r) => s + r.total, 0);
    expect(consumers).toBeGreaterThan(0);

    const made = await d.ok<BureauExported>('bureau.export', { asOf: today, layout: 'trade' });
    expect(made.record.totals.balance).toBe(aging.totals.total - consumers - disputed.open);
    expect(made.record.disputed).toEqual({ count: 1, amount: disputed.open });
    const rows = csvRows(Buffer.from(made.file.base64, 'base64').toString('utf8')).slice(1);
    expect(rows.length).toBe(made.record.rows);
    expect(rows.filter((r) => kinds.get(r[0]) !== 'business')).toEqual([]);
    expect(rows.every((r) => r[8] !== '')).toBe(true); // every demo business has a tax ID
    expect(await d.ok<ArchiveCheck>('bureau.verify', {})).toEqual({ checked: 1, ok: 1, problems: [] });
  });
});
