// The floor under any import into Settle's schema on this machine: the bench's customers,
// invoices and payments files loaded by the sqlite3 shell alone (`.import` into plain tables,
// then INSERT … SELECT into the ledger's own tables, keys resolved by joins, named payments
// applied to their invoices in one UPDATE), with every index of the three ledger tables dropped
// first and built again at the end, in one process with no JavaScript at all. It does less than
// an import does (no validation, no oldest-first matching of unnamed cash, no credits), so no
// import can beat it: it says whether a rows/s target is within reach of the schema itself.
// A measurement, never a pass/fail test.
//
//   node bench/run.mjs --sizes 1000000 --generate-only --keep   # prints where the CSVs were kept
//   node bench/import-floor.mjs /tmp/settle-bench-XXXX/size-1000000-YYYY

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.argv[2];
if (!dir || !fs.existsSync(path.join(dir, 'invoices.csv'))) {
  console.error('Usage: node bench/import-floor.mjs DIR   (DIR holds customers.csv, invoices.csv and payments.csv from bench/run.mjs --generate-only --keep)');
  process.exit(2);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-floor-'));
const ledger = path.join(tmp, 'floor.sqlite');
const init = spawnSync(process.execPath, [path.join(ROOT, 'build/main/cli/settle.js'), 'init', ledger], { encoding: 'utf8' });
if (init.status !== 0) throw new Error(`settle init failed (run npm run build:main first):\n${init.stderr}`);

const indexes = spawnSync('sqlite3', [ledger, `SELECT name || char(9) || sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('invoice', 'payment', 'allocation')`], {
  encoding: 'utf8',
})
  .stdout.trim()
  .split('\n')
  .map((l) => l.split('\t'));
const csv = (name) => `'${path.join(dir, name).replace(/'/g, "''")}'`;
const NOW = `'2026-01-01T00:00:00.000Z'`;
const money = (col) => `CAST(round(${col} * 100) AS INTEGER)`;

// The bare `.import` of the three files into plain tables, timed from outside (the shell does not time dot-commands).
const load = `CREATE TABLE raw_c (code, name, kind, email, phone, address1, address2, city, region, postal_code, country, terms_days, credit_limit, tax_id, customer_since);
CREATE TABLE raw_i (number, customer_code, issue_date, due_date, amount, currency, po_number, description);
CREATE TABLE raw_p (reference, customer_code, date, amount, invoice_number, method);
.import --csv --skip 1 ${csv('customers.csv')} raw_c
.import --csv --skip 1 ${csv('invoices.csv')} raw_i
.import --csv --skip 1 ${csv('payments.csv')} raw_p`;
// Each stage is its own statement(s) between `.print` marks, timed by the shell.
const stages = [
  ['customers', `INSERT INTO customer (code, name, kind, email, phone, address1, address2, city, region, postal_code, country, terms_days, credit_limit, tax_id, customer_since, created_at, updated_at)
  SELECT code, name, kind, nullif(email, ''), nullif(phone, ''), nullif(address1, ''), nullif(address2, ''), nullif(city, ''), nullif(region, ''), nullif(postal_code, ''), nullif(country, ''),
         CAST(terms_days AS INTEGER), ${money("nullif(credit_limit, '')")}, nullif(tax_id, ''), nullif(customer_since, ''), ${NOW}, ${NOW} FROM raw_c;`],
  ['drop the invoice, payment and allocation indexes', indexes.map(([name]) => `DROP INDEX ${name};`).join('\n')],
  ['invoices', `INSERT INTO invoice (number, customer_id, issue_date, due_date, amount, currency, po_number, description, open_amount, settled_date, created_at)
  SELECT r.number, c.id, r.issue_date, r.due_date, ${money('r.amount')}, r.currency, nullif(r.po_number, ''), nullif(r.description, ''), ${money('r.amount')}, '', ${NOW}
    FROM raw_i r JOIN customer c ON c.code = r.customer_code;`],
  ['payments', `INSERT INTO payment (reference, customer_id, date, amount, method, invoice_id, unapplied, settled_date, created_at)
  SELECT r.reference, c.id, r.date, ${money('r.amount')}, nullif(r.method, ''), i.id, CASE WHEN i.id IS NULL THEN ${money('r.amount')} ELSE 0 END, r.date, ${NOW}
    FROM raw_p r JOIN customer c ON c.code = r.customer_code LEFT JOIN invoice i ON i.number = nullif(r.invoice_number, '');`],
  ['allocations of named payments', `INSERT INTO allocation (customer_id, source_kind, source_id, invoice_id, date, amount)
  SELECT customer_id, 'payment', id, invoice_id, date, amount FROM payment WHERE invoice_id IS NOT NULL;`],
  ['open amounts', `UPDATE invoice SET open_amount = max(0, open_amount - s.paid) FROM (SELECT invoice_id, sum(amount) AS paid FROM allocation GROUP BY invoice_id) s WHERE invoice.id = s.invoice_id;`],
  ['build the indexes again', `PRAGMA threads = 2;\n${indexes.map(([, sql]) => `${sql};`).join('\n')}`],
  ['commit', 'COMMIT;'],
];
const script = [
  'PRAGMA journal_mode = DELETE;',
  'PRAGMA cache_size = -65536;',
  '.timer on',
  'BEGIN;',
  ...stages.flatMap(([label, sql]) => [`.print @@${label}`, sql]),
  '.print @@end',
  `SELECT (SELECT count(*) FROM customer) || ' ' || (SELECT count(*) FROM invoice) || ' ' || (SELECT count(*) FROM payment);`,
].join('\n');

const sqlite = (input) => {
  const started = process.hrtime.bigint();
  const r = spawnSync('sqlite3', ['-bail', ledger], { input, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`sqlite3 failed:\n${r.stderr}`);
  return { ...r, wallS: Number(process.hrtime.bigint() - started) / 1e9 };
};
const loaded = sqlite(load);
const r = sqlite(script);
const wallS = loaded.wallS + r.wallS;
const out = r.stdout + r.stderr;
const parts = out.split('@@').slice(1);
const [customers, invoices, payments] = (parts.at(-1).match(/(\d+) (\d+) (\d+)/) ?? []).slice(1).map(Number);
const rows = customers + invoices + payments;
console.log(`import floor: ${customers.toLocaleString('en-US')} customers, ${invoices.toLocaleString('en-US')} invoices, ${payments.toLocaleString('en-US')} payments (load ${os.loadavg()[0].toFixed(1)})`);
console.log(`  ${'load the three files into plain tables (the bare .import)'.padEnd(58)} ${loaded.wallS.toFixed(2).padStart(6)} s`);
for (const part of parts.slice(0, -1)) {
  const [label, ...rest] = part.split('\n');
  const times = [...rest.join('\n').matchAll(/Run Time: real ([\d.]+) user ([\d.]+) sys ([\d.]+)/g)];
  const real = times.reduce((s, m) => s + Number(m[1]), 0);
  const cpu = times.reduce((s, m) => s + Number(m[2]) + Number(m[3]), 0);
  console.log(`  ${label.padEnd(58)} ${real.toFixed(2).padStart(6)} s  (CPU ${cpu.toFixed(2)} s)`);
}
console.log(`  ${'all, the sqlite3 shell alone'.padEnd(58)} ${wallS.toFixed(2).padStart(6)} s  ${Math.round(rows / wallS).toLocaleString('en-US')} rows/s`);
fs.rmSync(tmp, { recursive: true, force: true });
