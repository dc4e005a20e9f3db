#!/usr/bin/env node
// Benchmarks the built `settle` CLI on synthetic ledgers of 10k, 100k and 1M invoices, and the
// bare sqlite3 shell doing the same work, so the numbers say how much the app costs over SQLite.
//
//   npm run bench                              (builds first, then all three sizes)
//   node bench/run.mjs --sizes 10000,100000    (pick sizes, in invoices)
//   node bench/run.mjs --generate-only         (only the CSV generation step)
//   node bench/run.mjs --sizes 100000 --check  (the quick bench CI runs: see checkAging)
//   node bench/run.mjs --sizes 1000000 --import-only  (only the imports and the bare sqlite3 .import)
//
// It is a measurement: a missed target is reported, never a failure. A command that fails is,
// and with --check so is an aging ratio to bare SQL past its target.

import { Buffer } from 'node:buffer';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { benchGrid } from './grid.mjs';
import { benchLetters } from './letters.mjs';
import { benchPolicy } from './policy.mjs';
import { benchBackend } from './backend.mjs';
import { bareRowsInFreshNode, benchAgingInProcess } from './aging-inprocess.mjs';
import { judgeWithRetries } from './check-ratios.cjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'build/main/cli/settle.js');
const DEMO_CSV = path.join(ROOT, 'build/main/demo/csv.js');
const RESULTS = path.join(ROOT, 'bench/results.json');
const GNU_TIME = '/usr/bin/time';
const DEFAULT_SIZES = [10_000, 100_000, 1_000_000];
const INVOICES_PER_CUSTOMER = 10;
const AGING_RUNS = 3;
/** The CLI's default buckets (days past due); the bare SQL must bucket the same way. */
const BUCKET_LIMITS = [30, 60, 90, 120];
const IMPORT_ORDER = ['customers', 'invoices', 'payments', 'credits'];
const OPEN_INVOICE_INDEX = 'invoice_open_ix';

const TARGETS = {
  size: 1_000_000,
  importRowsPerSec: 200_000,
  importPeakRssMb: 400,
  agingTodayMs: 250,
  agingTodayVsSqlite: 1.2,
  agingHistoricalMs: 1500,
  agingHistoricalVsSqlite: 1.0,
  policyNextDayMs: 300,
};

/**
 * --check, on the quick bench's size (100,000 invoices): today's target is the full bench's.
 * Historical aging is under bare SQL at a million invoices (0.72–0.81× in full runs), because it
 * walks every invoice once in customer order where bare SQL reads through the history index in
 * random order; at 100,000, where random reads are cheap, that walk costs it 1.09–1.20× bare SQL
 * (docs/performance.md: 1.14–1.20× in three quiet runs on 2026-12-01, 1.29× inside a CI run).
 * 1.5× still fails a regression worth a third of the report, without failing CI on noise.
 */
const CHECK_TARGETS = { agingTodayVsSqlite: TARGETS.agingTodayVsSqlite, agingHistoricalVsSqlite: 1.5 };
/** Rounds of each side per attempt (the first few warm the JIT up), and attempts while a ratio is past its target. */
const CHECK_ROUNDS = 15;
const CHECK_ATTEMPTS = 5;

class CommandFailed extends Error {}

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const opts = { sizes: DEFAULT_SIZES, generateOnly: false, keep: false, check: false, importOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sizes' || a.startsWith('--sizes=')) {
      const text = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      const sizes = (text ?? '').split(',').map((s) => s.trim().replace(/_/g, ''));
      if (sizes.some((s) => !/^[1-9]\d*$/.test(s))) usage(`--sizes wants invoice counts like 10000,100000 (got "${text}")`);
      opts.sizes = sizes.map(Number);
    } else if (a === '--generate-only') opts.generateOnly = true;
    else if (a === '--keep') opts.keep = true;
    else if (a === '--check') opts.check = true;
    else if (a === '--import-only') opts.importOnly = true;
    else if (a === '-h' || a === '--help') usage(null);
    else usage(`unknown argument "${a}"`);
  }
  return opts;
}

function usage(problem) {
  if (problem) console.error(`bench: ${problem}`);
  console.error('Usage: node bench/run.mjs [--sizes 10000,100000,1000000] [--generate-only | --check | --import-only] [--keep]');
  process.exit(problem ? 2 : 0);
}

// ---------------------------------------------------------------------------------------------
// Dates as 'YYYY-MM-DD' (UTC)

function utcToday() {
  return new Date().toISOString().slice(0, 10);
}

function addDays(iso, days) {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function assertIsoDate(iso) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || addDays(iso, 0) !== iso) throw new Error(`not a date: ${iso}`);
  return iso;
}

// ---------------------------------------------------------------------------------------------
// Bare SQL equivalents of `settle aging`, against the ledger schema (docs/ledger-schema.md).
// One statement each, literals inlined (dates are validated above, so nothing can be injected).
// Rows: code, name, one column per bucket (Current first), unapplied (positive), ordered by code.

/** Earliest reference date still in each bucket: Current holds refs ≥ asOf, bucket k refs ≥ asOf − limit[k−1]. */
function bucketBounds(asOf, bucketBoundaries) {
  return [asOf, ...bucketBoundaries.map((n) => addDays(asOf, -n))];
}

function bucketColumns(asOf, bucketBoundaries) {
  const b = bucketBounds(asOf, bucketBoundaries);
  const cols = [`SUM(CASE WHEN ref >= '${b[0]}' THEN amt ELSE 0 END)`];
  for (let k = 1; k < b.length; k++) cols.push(`SUM(CASE WHEN ref < '${b[k - 1]}' AND ref >= '${b[k]}' THEN amt ELSE 0 END)`);
  cols.push(`SUM(CASE WHEN ref < '${b[b.length - 1]}' THEN amt ELSE 0 END)`);
  return cols.join(',\n       ');
}

function agingSelect(asOf, bucketBoundaries, items) {
  // Unapplied rows carry a NULL ref, so every bucket comparison skips them.
  return `WITH items (customer_id, ref, amt, unapplied) AS (${items})
SELECT c.code, c.name,
       ${bucketColumns(asOf, bucketBoundaries)},
       SUM(unapplied)
  FROM items JOIN customer c ON c.id = items.customer_id
 GROUP BY items.customer_id
HAVING SUM(amt) <> 0 OR SUM(unapplied) <> 0
 ORDER BY c.code;`;
}

/**
 * When nothing is dated after asOf, the running balances kept on each row are exact.
 * `openInvoiceIndex` names the partial index of open invoices: Debian's sqlite3 3.40 planner
 * otherwise walks invoice_history_ix over every invoice (≈8× slower at 1M), while the SQLite
 * inside better-sqlite3 picks the open-items index unaided; the hint keeps the baseline honest.
 */
export function bareAgingSqlToday(asOf, bucketBoundaries, { openInvoiceIndex = null } = {}) {
  assertIsoDate(asOf);
  if (openInvoiceIndex !== null && !/^\w+$/.test(openInvoiceIndex)) throw new Error(`not an index name: ${openInvoiceIndex}`);
  return agingSelect(
    asOf,
    bucketBoundaries,
    `
  SELECT customer_id, due_date, open_amount, 0 FROM invoice${openInvoiceIndex ? ` INDEXED BY ${openInvoiceIndex}` : ''}
   WHERE open_amount > 0 AND has_schedule = 0 AND issue_date <= '${asOf}'
  UNION ALL
  SELECT customer_id, due_date, open_amount, 0 FROM instalment
   WHERE open_amount > 0 AND issue_date <= '${asOf}'
  UNION ALL
  SELECT customer_id, NULL, 0, unapplied FROM payment WHERE unapplied > 0 AND date <= '${asOf}'
  UNION ALL
  SELECT customer_id, NULL, 0, unapplied FROM credit_note WHERE unapplied > 0 AND date <= '${asOf}'`,
  );
}

/** At a past date: items not yet settled then, each re-summed from its allocations up to that date. */
export function bareAgingSqlHistorical(asOf, bucketBoundaries) {
  assertIsoDate(asOf);
  return agingSelect(
    asOf,
    bucketBoundaries,
    `
  SELECT i.customer_id, i.due_date,
         i.amount - IFNULL((SELECT SUM(a.amount) FROM allocation a WHERE a.invoice_id = i.id AND a.date <= '${asOf}'), 0), 0
    FROM invoice i
   WHERE i.has_schedule = 0 AND i.settled_date > '${asOf}' AND i.issue_date <= '${asOf}'
  UNION ALL
  SELECT s.customer_id, s.due_date,
         s.amount - IFNULL((SELECT SUM(a.amount) FROM allocation a WHERE a.instalment_id = s.id AND a.date <= '${asOf}'), 0), 0
    FROM instalment s
   WHERE s.settled_date > '${asOf}' AND s.issue_date <= '${asOf}'
  UNION ALL
  SELECT p.customer_id, NULL, 0,
         p.amount - IFNULL((SELECT SUM(a.amount) FROM allocation a
                             WHERE a.source_kind = 'payment' AND a.source_id = p.id AND a.date <= '${asOf}'), 0)
    FROM payment p WHERE p.settled_date > '${asOf}' AND p.date <= '${asOf}'
  UNION ALL
  SELECT n.customer_id, NULL, 0,
         n.amount - IFNULL((SELECT SUM(a.amount) FROM allocation a
                             WHERE a.source_kind = 'credit' AND a.source_id = n.id AND a.date <= '${asOf}'), 0)
    FROM credit_note n WHERE n.settled_date > '${asOf}' AND n.date <= '${asOf}'`,
  );
}

// ---------------------------------------------------------------------------------------------
// Running commands

const hasGnuTime = fs.existsSync(GNU_TIME);

/**
 * Runs a command to completion: wall time from spawn to exit, and peak RSS from GNU time
 * (written to a file with -o so it never mixes with the command's own stderr).
 */
async function run(cmd, args, { env, input, tmp, label } = {}) {
  const timeFile = hasGnuTime ? path.join(tmp, `time-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`) : null;
  const [file, argv] = timeFile ? [GNU_TIME, ['-o', timeFile, '-f', '%M %e', cmd, ...args]] : [cmd, args];
  const started = process.hrtime.bigint();
  const child = spawn(file, argv, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  const out = [];
  const err = [];
  child.stdout.on('data', (b) => out.push(b));
  child.stderr.on('data', (b) => err.push(b));
  child.stdin.on('error', () => {}); // a command that exits early closes its stdin; its exit code tells
  child.stdin.end(input ?? '');
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c, signal) => resolve(signal ? `signal ${signal}` : c));
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const stdout = Buffer.concat(out).toString('utf8');
  const stderr = Buffer.concat(err).toString('utf8');
  let peakRssKb = null;
  if (timeFile && fs.existsSync(timeFile)) {
    const m = /(\d+) ([\d.]+)\s*$/.exec(fs.readFileSync(timeFile, 'utf8'));
    if (m) peakRssKb = Number(m[1]);
    fs.rmSync(timeFile, { force: true });
  }
  if (code !== 0) {
    throw new CommandFailed(`${label ?? cmd} failed (exit ${code}): ${cmd} ${args.join(' ')}\n${(stderr || stdout).trim().split('\n').slice(-20).join('\n')}`);
  }
  return { stdout, stderr, wallMs, peakRssKb };
}

function cli(args, opts) {
  return run(process.execPath, [CLI, ...args], opts);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const mb = (kb) => (kb === null ? null : kb / 1024);

// ---------------------------------------------------------------------------------------------
// sqlite3 shell

function findSqlite3() {
  const probe = () => spawnSync('sqlite3', ['--version'], { encoding: 'utf8' });
  let p = probe();
  if (p.status !== 0 && process.getuid?.() === 0) {
    console.error('bench: sqlite3 not found; trying apt-get install -y sqlite3');
    spawnSync('apt-get', ['install', '-y', 'sqlite3'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    p = probe();
  }
  return p.status === 0 ? { available: true, version: p.stdout.trim().split(' ')[0] } : { available: false, version: null };
}

function sqliteHasIndex(dbFile, name) {
  const r = spawnSync('sqlite3', ['-readonly', dbFile, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = '${name}'`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() === '1';
}

/** The SQLite the app itself runs (bundled in better-sqlite3), which may plan differently from the shell's. */
function appSqliteVersion() {
  try {
    const Database = createRequire(path.join(ROOT, 'package.json'))('better-sqlite3');
    const db = new Database(':memory:');
    const v = db.prepare('SELECT sqlite_version()').pluck().get();
    db.close();
    return v;
  } catch {
    return null;
  }
}

/** `.timer on` prints "Run Time: real X …" per statement; older shells to stdout, newer ones to .output. */
function parseRunTimes(text) {
  return [...text.matchAll(/Run Time: real ([\d.]+)/g)].map((m) => Number(m[1]) * 1000);
}

/** The shell's `.import` of one CSV file into a plain table of text columns (no keys, no checks): the floor. */
async function sqliteImport(tmp, csvFile, rows) {
  const db = path.join(tmp, 'bare-import.sqlite');
  fs.rmSync(db, { force: true });
  const header = fs.readFileSync(csvFile, 'utf8').slice(0, 4096).split('\n')[0].trim().split(',');
  const script = [
    `CREATE TABLE raw (${header.map((c) => `"${c}" TEXT`).join(', ')});`,
    `.import --csv --skip 1 '${csvFile.replace(/'/g, "''")}' raw`,
    'SELECT COUNT(*) FROM raw;',
  ].join('\n');
  const r = await run('sqlite3', ['-bail', db], { input: script, tmp, label: 'sqlite3 .import' });
  const imported = Number(r.stdout.trim().split('\n').pop());
  fs.rmSync(db, { force: true });
  if (imported !== rows) throw new CommandFailed(`sqlite3 .import loaded ${imported} rows, expected ${rows}`);
  return { rows, wallS: r.wallMs / 1000, rowsPerSec: rows / (r.wallMs / 1000), peakRssMb: mb(r.peakRssKb) };
}

/** One timed run of a statement against the ledger; the result rows go to a file, read back for the cross-check. */
async function sqliteAgingOnce(tmp, ledgerFile, sql) {
  const outFile = path.join(tmp, 'bare-aging.tsv');
  const script = ['.mode tabs', '.headers off', `.output '${outFile.replace(/'/g, "''")}'`, '.timer on', sql, '.output stdout'].join('\n');
  const r = await run('sqlite3', ['-bail', '-readonly', ledgerFile], { input: script, tmp, label: 'sqlite3 aging' });
  const written = fs.readFileSync(outFile, 'utf8');
  fs.rmSync(outFile, { force: true });
  const times = parseRunTimes(r.stdout + '\n' + written);
  if (times.length === 0) throw new CommandFailed(`sqlite3 printed no "Run Time" line:\n${r.stdout.slice(0, 500)}`);
  const rows = written
    .split('\n')
    .filter((l) => l && !l.startsWith('Run Time:'))
    .map((l) => l.split('\t'));
  return { ms: times[times.length - 1], wallMs: r.wallMs, rows };
}

/**
 * Row-by-row comparison of the CLI's JSON report with the bare SQL's rows (both ordered by
 * code): the first difference, or null when they agree on every customer, bucket and unapplied.
 */
function firstDifference(report, bareRows) {
  if (report.rows.length !== bareRows.length) return `CLI has ${report.rows.length} customers, sqlite3 ${bareRows.length}`;
  const n = report.buckets.length;
  for (let i = 0; i < bareRows.length; i++) {
    const c = report.rows[i];
    const b = bareRows[i];
    const cli = [c.customerCode, c.customerName, ...c.buckets, -c.unapplied].join('|');
    const bare = [b[0], b[1], ...b.slice(2, 2 + n).map(Number), Number(b[2 + n])].join('|');
    if (cli !== bare) return `row ${i + 1}: CLI ${cli} vs sqlite3 ${bare}`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// One size

async function benchSize(size, { today, pastDate, sqlite, tmpRoot, generateOnly, keep, gridBench, check, importOnly }) {
  const { writeDemoCsvs } = createRequire(import.meta.url)(DEMO_CSV);
  const customers = Math.max(1, Math.round(size / INVOICES_PER_CUSTOMER));
  const dir = fs.mkdtempSync(path.join(tmpRoot, `size-${size}-`));
  const result = { invoices: size, customers, today };

  console.log(`\n== ${fmtInt(size)} invoices, ${fmtInt(customers)} customers (today ${today}) ==`);
  const g0 = process.hrtime.bigint();
  const files = await writeDemoCsvs(dir, { customers, invoicesPerCustomer: size / customers, seed: 1, today });
  const genS = Number(process.hrtime.bigint() - g0) / 1e9;
  const bytes = Object.fromEntries(IMPORT_ORDER.map((k) => [k, fs.statSync(files[k]).size]));
  result.generation = { seconds: genS, counts: files.counts, bytes };
  console.log(row('generate CSVs', `${fmtS(genS)}`, IMPORT_ORDER.map((k) => `${k} ${fmtInt(files.counts[k])}`).join(', ')));
  if (generateOnly) return result;

  // Import through the CLI, in dependency order, each file in its own process as a user runs it.
  const ledger = path.join(dir, 'ledger.sqlite');
  const perFile = {};
  let totalRows = 0;
  let totalS = 0;
  let peakKb = null;
  for (const kind of IMPORT_ORDER) {
    const r = await cli(['--ledger', ledger, 'import', kind, files[kind], '--create', '--format', 'json'], { tmp: dir, label: `settle import ${kind}` });
    const summary = JSON.parse(r.stdout.trim().split('\n').pop());
    const rows = files.counts[kind];
    if (summary.inserted !== rows) throw new CommandFailed(`settle import ${kind} inserted ${summary.inserted} of ${rows} rows: ${r.stdout.trim()}`);
    const s = r.wallMs / 1000;
    perFile[kind] = { rows, seconds: s, rowsPerSec: rows / s, peakRssMb: mb(r.peakRssKb) };
    totalRows += rows;
    totalS += s;
    if (r.peakRssKb !== null) peakKb = Math.max(peakKb ?? 0, r.peakRssKb);
    console.log(row(`import ${kind}`, `${fmtInt(rows)} rows`, `${fmtS(s)}`, `${fmtInt(rows / s)} rows/s`, `peak ${fmtMb(mb(r.peakRssKb))}`));
  }
  result.import = { files: perFile, totalRows, seconds: totalS, rowsPerSec: totalRows / totalS, peakRssMb: mb(peakKb) };
  console.log(row('import, all files', `${fmtInt(totalRows)} rows`, `${fmtS(totalS)}`, `${fmtInt(totalRows / totalS)} rows/s`, `peak ${fmtMb(mb(peakKb))}`));

  if (check) {
    result.check = checkAging({ ledger, today, pastDate });
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
    return result;
  }

  if (sqlite.available) {
    // Each file the CLI imported, by the bare shell, each in its own process as well.
    const bare = { files: {}, rows: 0, wallS: 0, peakRssMb: null };
    for (const kind of IMPORT_ORDER) {
      const b = await sqliteImport(dir, files[kind], files.counts[kind]);
      b.cliToSqliteTime = perFile[kind].seconds / b.wallS;
      bare.files[kind] = b;
      bare.rows += b.rows;
      bare.wallS += b.wallS;
      if (b.peakRssMb !== null) bare.peakRssMb = Math.max(bare.peakRssMb ?? 0, b.peakRssMb);
      console.log(row(`sqlite3 .import ${kind}`, `${fmtInt(b.rows)} rows`, `${fmtS(b.wallS)}`, `${fmtInt(b.rowsPerSec)} rows/s`, `peak ${fmtMb(b.peakRssMb)}`, `CLI takes ${fmtX(b.cliToSqliteTime)} as long`));
    }
    bare.rowsPerSec = bare.rows / bare.wallS;
    bare.cliToSqliteTime = totalS / bare.wallS;
    result.sqliteImport = bare;
    console.log(row('sqlite3 .import, all files', `${fmtInt(bare.rows)} rows`, `${fmtS(bare.wallS)}`, `${fmtInt(bare.rowsPerSec)} rows/s`, `peak ${fmtMb(bare.peakRssMb)}`, `CLI takes ${fmtX(bare.cliToSqliteTime)} as long`));
  } else {
    result.sqliteImport = null;
  }
  if (importOnly) {
    result.targets = size === TARGETS.size ? importTargets(result) : null;
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
    return result;
  }

  // Aging: the CLI reports its own computation time (SETTLE_TIMING), free of Node start-up.
  result.aging = {};
  for (const [name, asOf, sqlOf] of [
    ['today', today, bareAgingSqlToday],
    ['historical', pastDate, bareAgingSqlHistorical],
  ]) {
    const agingMs = [];
    const processMs = [];
    let report = null;
    for (let i = 0; i < AGING_RUNS; i++) {
      const r = await cli(['--ledger', ledger, 'aging', '--as-of', asOf, '--format', 'json'], { env: { SETTLE_TIMING: '1' }, tmp: dir, label: `settle aging --as-of ${asOf}` });
      const m = /timing aging_ms=([\d.]+)/.exec(r.stderr);
      if (!m) throw new CommandFailed(`settle aging printed no "timing aging_ms=" line on stderr with SETTLE_TIMING=1:\n${r.stderr.slice(0, 500)}`);
      agingMs.push(Number(m[1]));
      processMs.push(r.wallMs);
      report = JSON.parse(r.stdout);
    }
    const entry = {
      asOf,
      cli: { agingMs, agingMsMedian: median(agingMs), processMs, processMsMedian: median(processMs), rows: report.rows.length, total: report.totals.total },
      sqlite3: null,
    };
    if (sqlite.available) {
      const hint = name === 'today' && sqliteHasIndex(ledger, OPEN_INVOICE_INDEX) ? OPEN_INVOICE_INDEX : null;
      const sql = sqlOf(asOf, BUCKET_LIMITS, { openInvoiceIndex: hint });
      const ms = [];
      let rows = [];
      for (let i = 0; i < AGING_RUNS; i++) {
        const b = await sqliteAgingOnce(dir, ledger, sql);
        ms.push(b.ms);
        rows = b.rows;
      }
      const difference = firstDifference(report, rows);
      entry.sqlite3 = { ms, msMedian: median(ms), cliToSqlite: entry.cli.agingMsMedian / Math.max(median(ms), 0.001), sameResult: difference === null, difference, indexHint: hint, sql };
      // The floor under the CLI's figure: the same bare statement, its rows merely turned into JS
      // arrays in a fresh node, as any command printing the report must (docs/performance.md).
      const freshMs = Array.from({ length: AGING_RUNS }, () => bareRowsInFreshNode({ root: ROOT, ledger, sql }));
      entry.bareInFreshNode = { ms: freshMs, msMedian: median(freshMs), toSqlite: median(freshMs) / Math.max(median(ms), 0.001) };
    }
    result.aging[name] = entry;
    const s = entry.sqlite3;
    console.log(
      row(
        `aging ${name === 'today' ? 'today' : 'as of'} ${asOf}`,
        `CLI ${fmtMs(entry.cli.agingMsMedian)}`,
        `process ${fmtMs(entry.cli.processMsMedian)}`,
        s ? `sqlite3 ${fmtMs(s.msMedian)}` : 'sqlite3 n/a',
        s ? `CLI/sqlite3 ${fmtX(s.cliToSqlite)}` : '',
        s ? (s.sameResult ? 'same rows' : `ROWS DIFFER: ${s.difference}`) : '',
        `${fmtInt(entry.cli.rows)} customers`,
      ),
    );
    const f = entry.bareInFreshNode;
    if (f) console.log(row('', `bare SQL's rows into a fresh node ${fmtMs(f.msMedian)}`, `${fmtX(f.toSqlite)} the shell`));
  }

  // The yardstick of the issue-17 target: bare SQL in the same SQLite and process (see checkAging).
  if (size === TARGETS.size) result.agingInProcess = checkAging({ ledger, today, pastDate, targets: TARGETS });

  // 1,000 two-page letters into one PDF, as a day's batch prints (targets 5 s, 300 MB).
  const lt = benchLetters({ root: ROOT, ledger, tmp: dir, today });
  result.letters = lt;
  console.log(
    `  letters: ${fmtInt(lt.letters)} letters (${fmtInt(lt.pages)} pages) in ${lt.seconds.toFixed(2)} s, peak ${fmtMb(lt.peakRssMb)}` +
      `  (targets ${lt.targets.seconds} s / ${lt.targets.peakRssMb} MB: ${lt.targets.pass ? 'PASS' : 'FAIL'}; ${fmtInt(lt.padded)} letters padded to two pages)`,
  );

  // After the letters (they set a letterhead, which the policy's inputs include) and before the
  // grid: the grid's browser opens on the worklist, which would otherwise make the day's tasks
  // first and hold the main process while the grid asks for its first page.
  const p = benchPolicy({ root: ROOT, ledger, today });
  result.policy = p;
  console.log(
    row(
      'escalation policy',
      `first run ${fmtMs(p.firstMs)} (${fmtInt(p.created)} tasks)`,
      `again ${fmtMs(p.againMs)} (${fmtInt(p.createdAgain)} new)`,
      `worklist first call of the day ${fmtMs(p.worklistFirstPageMs)} (${fmtInt(p.worklistTotal)} items)`,
      `any page after it ≤ ${p.worklistAnyPage.limit} ms: ${fmtMs(p.worklistAnyPage.value)} ${p.worklistAnyPage.pass ? 'PASS' : 'FAIL'}`,
      `peak ${fmtMb(p.peakRssMb)}`,
    ),
  );
  console.log(
    row(
      'policy, the next days',
      ...p.nextDays.map((d) => `${d.day} ${fmtMs(d.ms)} (${d.everyone ? 'everyone' : `${fmtInt(d.customers)} customers looked at`}, ${fmtInt(d.created)} new, ${fmtInt(d.closed)} closed)`),
    ),
  );

  // The backend process: calls answered while long jobs run, progress, Cancel.
  const bk = benchBackend({ root: ROOT, ledger, today });
  result.backend = bk;
  const t = bk.targets;
  console.log(
    row(
      'backend during jobs',
      `policy run ${fmtMs(bk.policy.jobMs)}: app.info max ${fmtMs(bk.policy.appInfoMaxMs)}, aging page max ${fmtMs(bk.policy.agingPageMaxMs)}`,
      `${fmtInt(bk.letterCount)} letters ${fmtMs(bk.letters.jobMs)}: app.info max ${fmtMs(bk.letters.appInfoMaxMs)}, aging page max ${fmtMs(bk.letters.agingPageMaxMs)}`,
      `first grid page after the batch is recorded ${fmtMs(bk.letters.agingPageAfterMs)}`,
    ),
  );
  console.log(
    row(
      'backend targets',
      `calls during jobs ≤ ${t.callDuringJob.limit} ms: ${fmtMs(t.callDuringJob.value)} ${t.callDuringJob.pass ? 'PASS' : 'FAIL'}`,
      `first progress ≤ ${t.firstProgress.limit} ms: ${fmtMs(t.firstProgress.value)} ${t.firstProgress.pass ? 'PASS' : 'FAIL'}`,
      `cancel ≤ ${t.cancel.limit} ms: ${fmtMs(t.cancel.value)} ${t.cancel.pass ? 'PASS' : 'FAIL'} (${bk.cancelLetters.outcome}, ${bk.cancelPolicy.outcome})`,
    ),
  );

  if (gridBench) {
    const g = await benchGrid({ cli: CLI, ledger, tmp: dir });
    result.grid = g;
    console.log(
      g.skipped
        ? row('aging grid (Chromium)', `skipped: ${g.skipped}`)
        : row(
            'aging grid (Chromium)',
            `first rows on the first visit ≤ ${g.targets.firstRows.limit} ms: ${fmtMs(g.firstRowsColdMs)} ${g.targets.firstRows.pass ? 'PASS' : 'FAIL'} (${fmtMs(g.firstRowsWarmMsMedian)} later)`,
            `page change or re-sort ≤ ${g.targets.pageChange.limit} ms: ${fmtMs(g.targets.pageChange.value)} ${g.targets.pageChange.pass ? 'PASS' : 'FAIL'} (next page ${g.nextPageMs.map(fmtMs).join(', ')}; re-sort ${g.resortMs.map(fmtMs).join(', ')})`,
            `scroll: ${g.scroll.framesWithBlanks} of ${g.scroll.frames} frames with blank rows (max ${g.scroll.maxBlankRows})`,
          ),
    );
  }

  result.targets = size === TARGETS.size ? evaluateTargets(result) : null;
  // A million-invoice ledger and its CSVs take a few hundred MB: free them before the next size.
  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  return result;
}

/**
 * The quick bench (--check): the report against bare SQL through the same better-sqlite3, each
 * attempt in a fresh process (bench/aging-inprocess.mjs), best of CHECK_ROUNDS runs of each; while
 * a ratio is past its target it is measured again with the samples pooled, CHECK_ATTEMPTS times
 * at most. Ratios, not times: CI machines are shared, and both sides slow down together.
 */
function checkAging({ ledger, today, pastDate, targets = CHECK_TARGETS }) {
  const figures = [
    { name: `aging today ${today}`, asOf: today, sql: bareAgingSqlToday(today, BUCKET_LIMITS), limit: targets.agingTodayVsSqlite, difference: null },
    { name: `aging as of ${pastDate}`, asOf: pastDate, sql: bareAgingSqlHistorical(pastDate, BUCKET_LIMITS), limit: targets.agingHistoricalVsSqlite, difference: null },
  ];
  const measure = (attempt) => {
    if (attempt > 1) console.log(`  (a ratio is past its target after attempt ${attempt - 1} of ${CHECK_ATTEMPTS}: measuring again)`);
    return figures.map((f) => {
      const m = benchAgingInProcess({ root: ROOT, ledger, asOf: f.asOf, limits: BUCKET_LIMITS, sql: f.sql, rounds: CHECK_ROUNDS });
      f.difference ??= firstDifference(m.report, m.bareRows);
      return { appMs: m.reportMs, bareMs: m.bareMs, sameRows: f.difference === null };
    });
  };
  const { verdicts, attempts, pools } = judgeWithRetries(figures, measure, CHECK_ATTEMPTS);
  return verdicts.map((v, i) => {
    const { asOf, difference, appMs, bareMs, sameRows } = pools[i];
    console.log(
      row(
        `check ${v.name}`,
        `report ${fmtMs(v.app)}`,
        `bare SQL ${fmtMs(v.bare)}`,
        `ratio ${fmtX(v.ratio)}`,
        `target ≤ ${fmtX(v.limit)}`,
        v.pass ? 'PASS' : 'FAIL',
        `best of ${appMs.length}, ${sameRows ? 'same rows' : `ROWS DIFFER: ${difference}`}`,
      ),
    );
    return { ...v, asOf, runs: appMs.length, attempts, sameRows, difference, appMs, bareMs };
  });
}

const targetCheck = (name, value, limit, ok) => ({ name, value, limit, pass: value === null || value === undefined ? null : ok });

function importTargets(r) {
  return [
    targetCheck('import rows/s ≥ 200k', r.import.rowsPerSec, TARGETS.importRowsPerSec, r.import.rowsPerSec >= TARGETS.importRowsPerSec),
    targetCheck('import peak RSS ≤ 400 MB', r.import.peakRssMb, TARGETS.importPeakRssMb, r.import.peakRssMb <= TARGETS.importPeakRssMb),
  ];
}

function evaluateTargets(r) {
  const check = targetCheck;
  const s = r.aging.today.sqlite3;
  const h = r.aging.historical.sqlite3;
  return [
    ...importTargets(r),
    check('aging today ≤ 250 ms', r.aging.today.cli.agingMsMedian, TARGETS.agingTodayMs, r.aging.today.cli.agingMsMedian <= TARGETS.agingTodayMs),
    check(`aging today ≤ ${TARGETS.agingTodayVsSqlite.toFixed(1)}× sqlite3 shell`, s ? s.cliToSqlite : null, TARGETS.agingTodayVsSqlite, s ? s.cliToSqlite <= TARGETS.agingTodayVsSqlite : false),
    ...(r.agingInProcess ?? []).map((v) => check(`${v.asOf === r.aging.today.asOf ? 'aging today' : 'historical aging'} ≤ ${v.limit.toFixed(1)}× bare SQL, one process`, v.ratio, v.limit, v.pass)),
    check('historical aging ≤ 1.5 s', r.aging.historical.cli.agingMsMedian, TARGETS.agingHistoricalMs, r.aging.historical.cli.agingMsMedian <= TARGETS.agingHistoricalMs),
    check(`historical aging ≤ ${TARGETS.agingHistoricalVsSqlite.toFixed(1)}× sqlite3 shell`, h ? h.cliToSqlite : null, TARGETS.agingHistoricalVsSqlite, h ? h.cliToSqlite <= TARGETS.agingHistoricalVsSqlite : false),
    check('policy run next day ≤ 300 ms', r.policy ? Math.max(...r.policy.nextDays.map((d) => d.ms)) : null, TARGETS.policyNextDayMs, r.policy ? Math.max(...r.policy.nextDays.map((d) => d.ms)) <= TARGETS.policyNextDayMs : false),
  ];
}

// ---------------------------------------------------------------------------------------------
// Output

const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
const fmtS = (s) => `${s.toFixed(2)} s`;
const fmtMs = (ms) => `${ms.toFixed(1)} ms`;
const fmtX = (x) => `${x.toFixed(2)}×`;
const fmtMb = (m) => (m === null ? 'n/a' : `${m.toFixed(0)} MB`);

function row(label, ...cells) {
  return `  ${label.padEnd(28)} ${cells.filter(Boolean).map((c) => c.padStart(14)).join('  ')}`;
}

function machineFacts(sqlite) {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? null,
    totalMemoryMb: Math.round(os.totalmem() / 1024 / 1024),
    sqlite3: sqlite.version,
    appSqlite: appSqliteVersion(),
    gnuTime: hasGnuTime,
  };
}

function printTargets(results) {
  const measured = results.sizes.filter((s) => s.targets);
  if (measured.length === 0) {
    console.log(`\nTargets apply at ${fmtInt(TARGETS.size)} invoices, which this run did not include.`);
    return;
  }
  console.log(`\nTargets at ${fmtInt(TARGETS.size)} invoices:`);
  for (const t of measured[0].targets) {
    const v = t.value === null || t.value === undefined ? 'n/a' : t.name.includes('×') ? fmtX(t.value) : t.name.includes('rows/s') ? fmtInt(t.value) : t.value.toFixed(1);
    console.log(`  ${t.pass === null ? 'N/A ' : t.pass ? 'PASS' : 'FAIL'}  ${t.name.padEnd(46)} measured ${v}`);
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(DEMO_CSV)) throw new CommandFailed(`${path.relative(ROOT, DEMO_CSV)} is missing: run npm run build first (npm run bench does)`);
  if (!opts.generateOnly && !fs.existsSync(CLI)) throw new CommandFailed(`${path.relative(ROOT, CLI)} is missing: run npm run build first`);
  // --check needs no sqlite3 shell (CI may have none): its bare SQL runs in better-sqlite3.
  const sqlite = opts.generateOnly || opts.check ? { available: false, version: null } : findSqlite3();
  const today = utcToday();
  const pastDate = addDays(today, -365);
  const results = {
    date: new Date().toISOString(),
    machine: machineFacts(sqlite),
    targets: TARGETS,
    bucketLimits: BUCKET_LIMITS,
    sizes: [],
  };
  console.log(`Settle bench ${today}: node ${process.version}, ${results.machine.cpus} × ${results.machine.cpuModel}, ${fmtInt(results.machine.totalMemoryMb)} MB RAM${opts.generateOnly ? '' : opts.check ? `, quick check against bare SQL in the app's SQLite ${results.machine.appSqlite ?? '?'}` : `, sqlite3 shell ${sqlite.version ?? 'unavailable'} (app's SQLite ${results.machine.appSqlite ?? '?'})`}${hasGnuTime ? '' : ', no GNU time (no peak RSS)'}`);

  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-bench-'));
  const cleanup = () => {
    if (!opts.keep) fs.rmSync(tmpRoot, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  let failure = null;
  try {
    for (const size of opts.sizes) {
      const gridBench = !opts.generateOnly && !opts.check && size === Math.max(...opts.sizes);
      results.sizes.push(
        await benchSize(size, { today, pastDate, sqlite, tmpRoot, generateOnly: opts.generateOnly, keep: opts.keep, gridBench: gridBench && !opts.importOnly, check: opts.check, importOnly: opts.importOnly }),
      );
    }
  } catch (err) {
    failure = err;
    results.error = err.message;
  } finally {
    cleanup();
  }
  const failedChecks = results.sizes.flatMap((s) => s.check ?? []).filter((v) => !v.pass);
  if (opts.check) console.log(`\nQuick check: ${failedChecks.length === 0 ? 'PASS' : `FAIL (${failedChecks.map((v) => v.name).join('; ')})`}`);
  else if (!opts.generateOnly) printTargets(results);
  fs.writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nResults written to ${path.relative(process.cwd(), RESULTS)}${opts.keep ? `; temp files kept in ${tmpRoot}` : ''}`);
  if (failure) throw failure;
  if (failedChecks.length > 0) process.exitCode = 1;
}

// Only when run: importing this file for its bare SQL (bareAgingSqlToday …) must not start a bench.
if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`bench: ${err instanceof CommandFailed ? err.message : err.stack}`);
    process.exitCode = 1;
  });
}
