import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

// kill -9 (no handler runs, nothing is flushed) in the middle of the CLI's two long writers: a
// big import and a letters batch. Afterwards the ledger must pass SQLite's integrity check, keep
// the ledger's invariants, and hold all of an import or none of it; the letter archive must
// still verify. The built CLI is used (npm test builds before jest).

const CLI = path.resolve(__dirname, '..', '..', 'build', 'main', 'cli', 'settle.js');
const TODAY = '2026-06-30';
const KILLS = 4;

let dir: string;
let demo: string;

beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-kill-'));
  demo = path.join(dir, 'demo.sqlite');
  const r = spawnSync(process.execPath, [CLI, '--ledger', demo, 'demo', '--customers', '3000', '--today', TODAY], { encoding: 'utf8' });
  expect({ code: r.status, err: r.stderr }).toEqual({ code: 0, err: '' });
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A copy of the demo ledger (closed cleanly by the demo, so the file alone is the whole ledger). */
function copyOfDemo(name: string): string {
  const file = path.join(dir, name);
  fs.copyFileSync(demo, file);
  return file;
}

interface LedgerCheck {
  counts: Record<string, number>;
}

const TABLES = ['customer', 'contact', 'invoice', 'instalment', 'payment', 'credit_note', 'write_off', 'allocation', 'activity', 'letter', 'letter_file', 'task'];

/**
 * Opens the file read-write, as the next run of Settle would (so SQLite rolls back a hot journal
 * or replays the WAL), and checks it: integrity, foreign keys, and every running balance equal
 * to what the allocations say (docs/ledger-schema.md, "Derived columns").
 */
function checkLedger(file: string): LedgerCheck {
  const db = new Database(file);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const broken = (sql: string) => db.prepare(sql).pluck().get() as number;
    expect({
      invoices: broken(`SELECT COUNT(*) FROM invoice i WHERE open_amount <> amount - IFNULL((SELECT SUM(amount) FROM allocation a WHERE a.invoice_id = i.id), 0) OR open_amount < 0`),
      instalments: broken(`SELECT COUNT(*) FROM instalment s WHERE open_amount <> amount - IFNULL((SELECT SUM(amount) FROM allocation a WHERE a.instalment_id = s.id), 0) OR open_amount < 0`),
      schedules: broken(`SELECT COUNT(*) FROM invoice i WHERE has_schedule = 1 AND amount <> (SELECT SUM(amount) FROM instalment s WHERE s.invoice_id = i.id)`),
      payments: broken(
        `SELECT COUNT(*) FROM payment p WHERE unapplied <> amount - IFNULL((SELECT SUM(amount) FROM allocation a WHERE a.source_kind = 'payment' AND a.source_id = p.id), 0) OR unapplied < 0`,
      ),
      credits: broken(
        `SELECT COUNT(*) FROM credit_note c WHERE unapplied <> amount - IFNULL((SELECT SUM(amount) FROM allocation a WHERE a.source_kind = 'credit' AND a.source_id = c.id), 0) OR unapplied < 0`,
      ),
    }).toEqual({ invoices: 0, instalments: 0, schedules: 0, payments: 0, credits: 0 });
    const present = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]));
    const counts = Object.fromEntries(TABLES.filter((t) => present.has(t)).map((t) => [t, db.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get() as number]));
    return { counts };
  } finally {
    db.close();
  }
}

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface KillOutcome {
  /** False when the run finished before its kill came. */
  killed: boolean;
  /** The run was inside its write (or render) when it was killed. */
  whileBusy: boolean;
  delayMs: number;
}

/**
 * Starts the CLI, waits until `busy()` says the work is under way (or a plain random delay, for
 * `busy === null`), then a random further delay, and kills it with SIGKILL.
 */
async function killDuring(args: string[], busy: ((startedAt: number) => boolean) | null, extraMs: number): Promise<KillOutcome> {
  const startedAt = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore' });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  if (busy) {
    const giveUp = Date.now() + 30_000;
    while (!exited && !busy(startedAt) && Date.now() < giveUp) await sleep(10);
  }
  const delayMs = Math.round(Math.random() * extraMs);
  await Promise.race([sleep(delayMs), exit]);
  if (exited) return { killed: false, whileBusy: false, delayMs };
  const whileBusy = busy ? busy(startedAt) : false;
  child.kill('SIGKILL');
  await exit;
  return { killed: true, whileBusy, delayMs };
}

/** Written since `since`: a file that a run still in progress is working on. */
function touchedSince(file: string, since: number): boolean {
  try {
    return fs.statSync(file).mtimeMs >= since - 5;
  } catch {
    return false;
  }
}

describe('kill -9 leaves the ledger whole', () => {
  it('during an import: all of the file or none of it, and the ledger balances', async () => {
    const ledger = copyOfDemo('import.sqlite');
    const codes = (() => {
      const db = new Database(ledger, { readonly: true });
      try {
        return db.prepare('SELECT code FROM customer ORDER BY id').pluck().all() as string[];
      } finally {
        db.close();
      }
    })();
    const ROWS = 150_000;
    const csv = path.join(dir, 'invoices.csv');
    const lines = ['number,customer_code,issue_date,due_date,amount,description'];
    for (let i = 0; i < ROWS; i++) lines.push(`KILL-${i},${codes[i % codes.length]},2026-06-01,2026-07-01,${10 + (i % 900)}.25,invoice ${i} of the kill test`);
    fs.writeFileSync(csv, lines.join('\n') + '\n');
    const baseline = checkLedger(ledger);
    const fromFile = () => {
      const db = new Database(ledger, { readonly: true });
      try {
        return db.prepare(`SELECT COUNT(*) FROM invoice WHERE number LIKE 'KILL-%'`).pluck().get() as number;
      } finally {
        db.close();
      }
    };

    // Run alone, the import writes through a rollback journal: the journal being written to
    // says its transaction is open. One kill comes at a plain random moment instead.
    const outcomes: KillOutcome[] = [];
    for (let i = 0; i < KILLS; i++) {
      const busy = i === 0 ? null : (since: number) => touchedSince(`${ledger}-journal`, since);
      outcomes.push(await killDuring(['--ledger', ledger, 'import', 'invoices', csv], busy, i === 0 ? 1500 : 1200));
      const after = checkLedger(ledger);
      const n = fromFile();
      expect({ kill: i, outcome: outcomes[i], rowsFromFile: [0, ROWS].includes(n) ? 'none or all' : n }).toEqual({ kill: i, outcome: outcomes[i], rowsFromFile: 'none or all' });
      if (n === 0) expect(after.counts).toEqual(baseline.counts);
    }
    expect(outcomes.filter((o) => o.whileBusy).length).toBeGreaterThan(0);

    // And the ledger is fit to use: the same import then runs to its end.
    const done = cli(['--ledger', ledger, 'import', 'invoices', csv, '--format', 'json']);
    expect(done.code).toBe(0);
    expect(fromFile()).toBe(ROWS);
    const final = checkLedger(ledger);
    expect(final.counts.invoice).toBe(baseline.counts.invoice + ROWS);
  }, 150_000);

  it('during a letters batch: the ledger balances and every archived letter verifies', async () => {
    let copies = 0;
    const freshLedger = () => copyOfDemo(`letters-${++copies}.sqlite`);
    const archiveOf = (file: string) => file.replace(/\.sqlite$/, '-archive');
    const partialIn = (archive: string) => (since: number): boolean => {
      const walk = (folder: string): boolean =>
        fs.existsSync(folder) &&
        fs.readdirSync(folder, { withFileTypes: true }).some((e) => {
          const full = path.join(folder, e.name);
          return e.isDirectory() ? walk(full) : e.name.endsWith('.partial') && touchedSince(full, since);
        });
      return walk(archive);
    };

    // Kill delays are drawn from this machine's own time for a whole batch: fixed delays let a
    // fast machine finish every run before its kill, and a finished batch leaves the next run
    // nothing to print.
    const timing = freshLedger();
    const started = Date.now();
    const whole = cli(['--ledger', timing, 'letters', 'batch', '--as-of', TODAY, '--out', path.join(dir, 'letters-timing.pdf')]);
    const wholeMs = Date.now() - started;
    expect({ code: whole.code, err: whole.err }).toEqual({ code: 0, err: '' });

    let ledger = freshLedger();
    const baseline = checkLedger(ledger);

    // Kills at a random moment (opening, running the policy, rendering, recording), and kills
    // once the PDF is being written into the archive.
    const outcomes: KillOutcome[] = [];
    for (let i = 0; i < KILLS; i++) {
      const busy = i % 2 === 0 ? null : partialIn(archiveOf(ledger));
      const extraMs = i % 2 === 0 ? wholeMs * 0.8 : Math.min(200, wholeMs * 0.05);
      outcomes.push(await killDuring(['--ledger', ledger, 'letters', 'batch', '--as-of', TODAY, '--out', path.join(dir, `letters-${i}.pdf`)], busy, extraMs));
      const after = checkLedger(ledger);
      expect(after.counts.customer).toBe(baseline.counts.customer);
      expect(after.counts.invoice).toBe(baseline.counts.invoice);
      // A letter row only with its file: a batch is recorded whole or not at all.
      if (after.counts.letter > 0) expect(after.counts.letter_file).toBeGreaterThan(0);
      const verify = cli(['--ledger', ledger, 'letters', 'verify']);
      expect({ kill: i, outcome: outcomes[i], code: verify.code, out: verify.out }).toEqual({ kill: i, outcome: outcomes[i], code: 0, out: expect.any(String) });
      // A batch that finished has sent everything due; the next kill needs a ledger with work.
      if (!outcomes[i].killed) ledger = freshLedger();
    }
    expect(outcomes.filter((o) => o.killed).length).toBeGreaterThan(0);

    const done = cli(['--ledger', ledger, 'letters', 'batch', '--as-of', TODAY, '--out', path.join(dir, 'letters-final.pdf')]);
    expect({ code: done.code, err: done.err }).toEqual({ code: 0, err: '' });
    const verify = cli(['--ledger', ledger, 'letters', 'verify']);
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/all match what was sent/);
    checkLedger(ledger);
  }, 150_000);
});
