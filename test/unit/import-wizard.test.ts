import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Handlers, ImportInspection, ImportRunResult } from '../../src-main/contract';
import { jobContext } from '../../src-main/jobs/job-context';
import { listBackups } from '../../src-main/backup/backup-store';
import { createHandlers } from '../../src-main/services/create-services';
import { dispatch } from '../../src-main/services/dispatch';
import { csvFile } from '../support/csv-files';
import { openTempLedger, snapshot } from '../support/temp-ledger';

// The import wizard's two methods through dispatch, on real ledgers: the preview writes nothing,
// the run is `settle import` (backup, all or nothing, the same messages), and the mapping the
// clerk chose comes back for the next file with the same header.

const CLI = path.resolve(__dirname, '..', '..', 'build', 'main', 'cli', 'settle.js');

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger, { dailyBackups: false });
});
afterEach(() => t.cleanup());

const text = (lines: string[]) => lines.join('\n') + '\n';

async function ok<T>(method: string, input: unknown, job?: Parameters<typeof dispatch>[4]): Promise<T> {
  const r = await dispatch(handlers, method, input, () => undefined, job);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}
const inspect = (input: unknown) => ok<ImportInspection>('imports.inspect', input);
const run = (input: unknown) => ok<ImportRunResult>('imports.run', input);
const q = (sql: string) => t.ledger.db.prepare(sql).all();

async function seedCustomers() {
  expect(await run({ text: text(['code,name', 'ACME,Acme Supply', 'BETA,Beta Foods']), kind: 'customers', mapping: { code: 'code', name: 'name' } })).toMatchObject({
    status: 'imported',
    inserted: 2,
  });
}

/** Another program's invoice export: its own names, its own order, a column Settle does not read. */
const FOREIGN_INVOICES = [
  'Invoice No.,Customer,Total,Invoice Date,Due Date,Rep',
  'F-1,ACME,100.00,2026-01-05,2026-02-04,Sam',
  'F-2,ACME,12.3.4,2026-01-10,2026-01-25,Sam',
  'F-3,NOPE,70.00,2026-03-01,2026-03-31,Priya',
  'F-4,BETA,10.00,2026-01-01,2026-01-31,Priya',
];
const FOREIGN_MAPPING = { number: 'invoice no.', customer_code: 'customer', amount: 'total', issue_date: 'invoice date', due_date: 'due date' };

describe('imports.inspect', () => {
  it('recognises the kind, maps the columns by their names and previews each row with its problems, writing nothing', async () => {
    await seedCustomers();
    const before = snapshot(t.ledger);
    const seen = await inspect({ text: text(FOREIGN_INVOICES), fileName: 'export.csv' });
    expect(snapshot(t.ledger)).toEqual(before);
    expect(seen.kind).toBe('invoices');
    expect(seen.mappingSource).toBe('suggested');
    expect(seen.mapping).toEqual(FOREIGN_MAPPING);
    expect(seen.headers[0]).toEqual({ label: 'Invoice No.', column: 'invoice no.' });
    expect(seen.rows.map((r) => [r.line, r.values.number, r.values.amount, r.errors.map((e) => e.text)])).toEqual([
      [2, 'F-1', '100.00', []],
      [3, 'F-2', '12.3.4', ['line 3: amount: is not a plain decimal amount: 12.3.4']],
      [4, 'F-3', '70.00', ['line 4: customer_code: no customer with code NOPE']],
      [5, 'F-4', '10.00', []],
    ]);
    // The column Settle does not read is not passed on.
    expect(Object.keys(seen.rows[0].values).sort()).toEqual(['amount', 'customer_code', 'due_date', 'issue_date', 'number']);
    expect(seen.fileErrors).toEqual([]);
  });

  it('previews only the first rows of a long file', async () => {
    await seedCustomers();
    const lines = ['number,customer_code,issue_date,due_date,amount'];
    for (let i = 1; i <= 500; i++) lines.push(`L-${i},ACME,2026-01-01,2026-01-31,${i}.00`);
    const seen = await inspect({ text: text(lines) });
    expect(seen.rows).toHaveLength(seen.previewLimit);
    expect(seen.rows.at(-1)?.line).toBe(seen.previewLimit + 1);
    expect(q('SELECT COUNT(*) AS n FROM invoice')).toEqual([{ n: 0 }]);
  });

  it('takes the clerk’s kind and mapping; a column left unmapped is missing from the header, as in the CLI', async () => {
    const withoutAmount = Object.fromEntries(Object.entries(FOREIGN_MAPPING).filter(([c]) => c !== 'amount'));
    const seen = await inspect({ text: text(FOREIGN_INVOICES), kind: 'invoices', mapping: withoutAmount });
    expect(seen.mappingSource).toBe('given');
    expect(seen.rows).toEqual([]);
    expect(seen.fileErrors.map((e) => e.text)).toEqual(['line 1: amount: required column is missing from the header']);
  });

  it('refuses a mapping naming a column the file lacks, or one column twice, by the Settle column', async () => {
    const r = await dispatch(handlers, 'imports.inspect', { text: text(FOREIGN_INVOICES), kind: 'invoices', mapping: { ...FOREIGN_MAPPING, due_date: 'when', po_number: 'total' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', fields: { 'mapping.due_date': 'the file has no column “when”', 'mapping.po_number': '“total” is already used for amount' } } });
  });

  it('says what is wrong with an empty file', async () => {
    expect((await inspect({ text: '' })).fileErrors.map((e) => e.text)).toEqual(['line 1: file: the file is empty']);
    expect((await inspect({ text: 'code,name\n' })).fileErrors.map((e) => e.text)).toEqual(['line 2: file: the file has a header but no rows']);
  });

  it('refuses a file over the size limit with the limit in words', async () => {
    const r = await dispatch(handlers, 'imports.inspect', { text: 'x'.repeat(50 * 1024 * 1024 + 1) }, () => undefined);
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', fields: { text: expect.stringContaining('larger than 50 MB') } } });
  });
});

describe('imports.run', () => {
  it('imports nothing from a file with a bad row and lists every problem as the CLI does; the fixed file goes in whole', async () => {
    await seedCustomers();
    const before = snapshot(t.ledger);
    const rejected = await run({ text: text(FOREIGN_INVOICES), kind: 'invoices', mapping: FOREIGN_MAPPING });
    expect(rejected).toEqual({
      status: 'rejected',
      kind: 'invoices',
      errorCount: 2,
      errors: [
        { line: 3, column: 'amount', message: 'is not a plain decimal amount: 12.3.4', text: 'line 3: amount: is not a plain decimal amount: 12.3.4' },
        { line: 4, column: 'customer_code', message: 'no customer with code NOPE', text: 'line 4: customer_code: no customer with code NOPE' },
      ],
    });
    expect(snapshot(t.ledger)).toEqual(before);

    const fixed = [...FOREIGN_INVOICES];
    fixed[2] = 'F-2,ACME,12.34,2026-01-10,2026-01-25,Sam';
    fixed[3] = 'F-3,BETA,70.00,2026-03-01,2026-03-31,Priya';
    const done = await run({ text: text(fixed), fileName: 'export.csv', kind: 'invoices', mapping: FOREIGN_MAPPING });
    expect(done).toMatchObject({ status: 'imported', kind: 'invoices', inserted: 4, unchanged: 0 });
    expect(q('SELECT number, amount, due_date FROM invoice ORDER BY number')).toEqual([
      { number: 'F-1', amount: 10000, due_date: '2026-02-04' },
      { number: 'F-2', amount: 1234, due_date: '2026-01-25' },
      { number: 'F-3', amount: 7000, due_date: '2026-03-31' },
      { number: 'F-4', amount: 1000, due_date: '2026-01-31' },
    ]);
    // Backed up before each import, as `settle import` does.
    const backups = listBackups(t.ledger.path).filter((b) => b.reason === 'before-import');
    expect(backups.map((b) => b.file)).toContain((done as { backup: string }).backup);
    expect(backups.length).toBe(3);
  });

  it('remembers the mapping of an import for the next file with the same header, and not after a refused one', async () => {
    await seedCustomers();
    const header = 'Ref,Acct,Paid On,Sum,Inv';
    const mapping = { reference: 'ref', customer_code: 'acct', date: 'paid on', amount: 'sum', invoice_number: 'inv' };
    const bad = await run({ text: text([header, 'P-1,ACME,2026-02-01,oops,']), kind: 'payments', mapping });
    expect(bad.status).toBe('rejected');
    expect((await inspect({ text: text([header, 'P-2,BETA,2026-02-02,5.00,']) })).mappingSource).toBe('suggested');

    expect(await run({ text: text([header, 'P-1,ACME,2026-02-01,20.00,']), kind: 'payments', mapping })).toMatchObject({ status: 'imported', inserted: 1 });
    const next = await inspect({ text: text([header, 'P-2,BETA,2026-02-02,5.00,']) });
    expect(next).toMatchObject({ kind: 'payments', mappingSource: 'remembered', mapping });
    expect(next.rows).toEqual([{ line: 2, values: { reference: 'P-2', customer_code: 'BETA', date: '2026-02-02', amount: '5.00', invoice_number: '' }, errors: [] }]);
    // A different header is another source.
    expect((await inspect({ text: text(['Ref,Acct,Paid On,Sum', 'P-3,BETA,2026-02-02,5.00']) })).mappingSource).toBe('suggested');
  });

  it('as a job: reports progress, and a cancel rolls back every row already posted', async () => {
    await seedCustomers();
    const lines = ['number,customer_code,issue_date,due_date,amount,description'];
    for (let i = 1; i <= 4000; i++) lines.push(`J-${i},${i % 2 ? 'ACME' : 'BETA'},2026-04-01,2026-04-30,${i}.25,row ${i} of a file read in several chunks`);
    const mapping = { number: 'number', customer_code: 'customer_code', issue_date: 'issue_date', due_date: 'due_date', amount: 'amount', description: 'description' };
    const before = snapshot(t.ledger);
    const seen: { done: number; total: number; phase: string }[] = [];
    let cancel = false;
    const job = jobContext(
      (p) => {
        seen.push(p);
        if (p.phase === 'Rows' && p.done > 0) cancel = true;
      },
      () => cancel,
      0,
    );
    const r = await dispatch(handlers, 'imports.run', { text: text(lines), kind: 'invoices', mapping }, () => undefined, job);
    expect(r).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(seen.some((p) => p.phase === 'Rows' && p.total === 4000 && p.done > 0 && p.done < 4000)).toBe(true);
    expect(snapshot(t.ledger)).toEqual(before);
    expect(t.ledger.db.inTransaction).toBe(false);

    cancel = false;
    const all = await dispatch(handlers, 'imports.run', { text: text(lines), kind: 'invoices', mapping }, () => undefined, jobContext(() => undefined, () => false));
    expect(all).toMatchObject({ ok: true, value: { status: 'imported', inserted: 4000 } });
  });

  it('leaves the same ledger as settle import of the same file under Settle’s own header', async () => {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:main first`);
    const customers = ['code,name,terms_days', 'ACME,Acme Supply,30', 'BETA,Beta Foods,14'];
    const invoices = ['number,customer_code,issue_date,due_date,amount', 'I-1,ACME,2026-01-05,2026-02-04,100.00', 'I-2,ACME,2026-01-10,2026-01-25,50.00', 'I-3,BETA,2026-02-01,2026-02-15,30.00'];
    const payments = ['reference,customer_code,date,amount,invoice_number', 'P-1,ACME,2026-02-10,120.00,', 'P-2,BETA,2026-02-11,10.00,I-3'];
    const cliLedger = path.join(t.dir, 'cli.sqlite');
    for (const [kind, lines] of [['customers', customers], ['invoices', invoices], ['payments', payments]] as const) {
      const r = spawnSync(process.execPath, [CLI, '--ledger', cliLedger, 'import', kind, csvFile(t.dir, `${kind}.csv`, lines), '--create'], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      // The wizard gets the same rows under other names and in another column order.
      const header = lines[0].split(',');
      const order = header.map((_, i) => i).reverse();
      const renamed = [order.map((i) => `Their ${header[i]}`).join(','), ...lines.slice(1).map((l) => order.map((i) => l.split(',')[i]).join(','))];
      const mapping = Object.fromEntries(header.map((c) => [c, `their ${c}`]));
      expect(await run({ text: text(renamed), kind, mapping })).toMatchObject({ status: 'imported', inserted: lines.length - 1 });
    }
    const cli = new Database(cliLedger, { readonly: true });
    try {
      for (const table of ['customer', 'invoice', 'payment', 'allocation']) {
        // Row stamps are the time of each import; everything else must agree.
        const rows = (db: Database.Database) =>
          db.prepare(`SELECT * FROM ${table} ORDER BY id`).all().map((r) => Object.fromEntries(Object.entries(r as object).filter(([k]) => !/_at$/.test(k))));
        expect(rows(t.ledger.db)).toEqual(rows(cli));
        expect(rows(t.ledger.db).length).toBeGreaterThan(0);
      }
    } finally {
      cli.close();
    }
  });
});
