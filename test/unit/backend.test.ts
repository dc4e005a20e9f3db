import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CallResult, JobProgress, JobState } from '../../src-main/contract';
import { Backend, workerChannel, type BackendChannel } from '../../src-main/backend/backend-client';
import { noteWriter } from '../../src-main/ledger/writer-note';

// The backend as the window uses it: a worker thread that owns the ledger (the built scripts,
// npm test builds before jest), job workers beside it, and the CLI as a second program.
const CLI = path.resolve(__dirname, '..', '..', 'build', 'main', 'cli', 'settle.js');
const TODAY = '2026-11-30';

let dir: string;
let demo: string;
let ledger: string;
const open: Backend[] = [];

function settle(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function count(sql: string): number {
  const db = new Database(ledger, { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

async function start(holder: string | undefined = 'test window', channel?: () => BackendChannel, busyTimeoutMs?: number): Promise<Backend> {
  const b = await Backend.start({ ledgerPath: ledger, holder, busyTimeoutMs }, channel);
  open.push(b);
  return b;
}

async function ok<T>(b: Backend, method: string, input: unknown): Promise<T> {
  const r = (await b.call(method, input)) as CallResult<T>;
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** Polls a job to its end, keeping every progress step seen. */
async function follow(b: Backend, state: JobState, seen: JobProgress[] = []): Promise<JobState> {
  while (state.state === 'running') {
    if (state.progress) seen.push(state.progress);
    state = await ok<JobState>(b, 'jobs.poll', { jobId: state.jobId, waitMs: 500 });
  }
  return state;
}

beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-backend-'));
  demo = path.join(dir, 'demo.sqlite');
  expect(settle(['--ledger', demo, 'demo', '--customers', '1500', '--today', TODAY])).toMatchObject({ code: 0 });
}, 120_000);
beforeEach(() => {
  // Each test gets a fresh copy of the demo ledger.
  ledger = path.join(dir, `t${Date.now()}${Math.random().toString(16).slice(2, 6)}.sqlite`);
  fs.copyFileSync(demo, ledger);
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the backend process', () => {
  it('runs a long job off its own thread: progress, the result, and other calls answered meanwhile', async () => {
    const b = await start();
    const started = await ok<JobState>(b, 'jobs.start', { method: 'policy.run', input: { today: TODAY } });
    expect(started).toMatchObject({ state: 'running', method: 'policy.run' });
    const info = await ok<{ ledgerPath: string }>(b, 'app.info', {});
    expect(info.ledgerPath).toBe(ledger);
    const seen: JobProgress[] = [];
    const done = await follow(b, started, seen);
    expect(done.result).toMatchObject({ ok: true, value: { today: TODAY, ran: true } });
    const created = (done.result as { value: { created: number } }).value.created;
    expect(created).toBeGreaterThan(0);
    expect(count(`SELECT COUNT(*) FROM task`)).toBe(created);
    // The worklist reads what the job wrote, and does not run the policy again.
    const list = await ok<{ total: number }>(b, 'worklist.list', { today: TODAY, collector: null });
    expect(list.total).toBeGreaterThan(0);
    expect(count(`SELECT COUNT(*) FROM task`)).toBe(created);
  }, 60_000);

  it('runs writing jobs one after another in the order they were started', async () => {
    const b = await start();
    const days = ['2026-11-28', '2026-11-29', '2026-11-30'];
    const started = [];
    for (const today of days) started.push(await ok<JobState>(b, 'jobs.start', { method: 'policy.run', input: { today } }));
    const done = await Promise.all(started.map((s) => follow(b, s)));
    expect(done.map((d) => d.result)).toEqual(days.map((today) => expect.objectContaining({ ok: true, value: expect.objectContaining({ today, ran: true }) })));
    // The last day started is the last day run: its run is the one the ledger remembers.
    const db = new Database(ledger, { readonly: true });
    expect(db.prepare(`SELECT value FROM ledger_setting WHERE key = 'policy_last_run'`).pluck().get()).toMatch(/^2026-11-30\|/);
    db.close();
  }, 60_000);

  it('cancels a letters batch: the call says cancelled and nothing is recorded or archived', async () => {
    const b = await start();
    const templates = await ok<{ id: number; name: string }[]>(b, 'templates.list', {});
    const customerIds = (new Database(ledger, { readonly: true }).prepare(`SELECT id FROM customer ORDER BY id LIMIT 400`).pluck().all() as number[]);
    const started = await ok<JobState>(b, 'jobs.start', {
      method: 'letters.send',
      input: { templateId: templates[0].id, customerIds, letterDate: TODAY, channel: 'mail' },
    });
    // Cancel once it is under way.
    let state = started;
    while (state.state === 'running' && !(state.progress && state.progress.done > 0)) state = await ok<JobState>(b, 'jobs.poll', { jobId: started.jobId, waitMs: 200 });
    const cancelled = await ok<JobState>(b, 'jobs.cancel', { jobId: started.jobId });
    expect(cancelled.state).toBe('done');
    expect(cancelled.result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(count(`SELECT COUNT(*) FROM letter`)).toBe(0);
    expect(count(`SELECT COUNT(*) FROM letter_file`)).toBe(0);
    const archive = `${ledger.replace(/\.sqlite$/, '')}-archive`;
    const files = fs.existsSync(archive) ? fs.readdirSync(archive, { recursive: true }).map(String).filter((f) => f.endsWith('.pdf')) : [];
    expect(files).toEqual([]);
    // The backend still works afterwards.
    expect(await ok(b, 'app.info', {})).toMatchObject({ ledgerPath: ledger });
  }, 60_000);

  it('lets one window at a time have a ledger, and says which one has it', async () => {
    const first = await start('browser mode at http://127.0.0.1:4242/');
    await expect(start('a second window')).rejects.toThrow(/already open in another Settle window: browser mode at http:\/\/127\.0\.0\.1:4242\/ \(process \d+/);
    await first.close();
    open.splice(open.indexOf(first), 1);
    const again = await start('the window after');
    expect(await ok(again, 'app.info', {})).toMatchObject({ ledgerPath: ledger });
  }, 60_000);

  it('answers a write kept waiting by another program with a typed busy error that names it', async () => {
    const b = await start(undefined, undefined, 300);
    const other = new Database(ledger);
    other.exec('BEGIN IMMEDIATE');
    const done = noteWriter(ledger, 'an import (settle import invoices.csv)');
    try {
      const r = await b.call('activities.record', { customerId: 1, kind: 'note', summary: 'Busy test', occurredAt: `${TODAY}T10:00` });
      expect(r).toMatchObject({ ok: false, error: { code: 'busy' } });
      expect((r as { error: { message: string } }).error.message).toMatch(/^Another program is writing to this ledger: an import \(settle import invoices\.csv\) started at .+\(process \d+\)\. Try again/);
      // Reads still answer while the lock is held.
      expect(await b.call('customers.get', { id: 1 })).toMatchObject({ ok: true });
    } finally {
      done();
      other.exec('ROLLBACK');
      other.close();
    }
    expect(await b.call('activities.record', { customerId: 1, kind: 'note', summary: 'After the import', occurredAt: `${TODAY}T10:05` })).toMatchObject({ ok: true });
    expect(count(`SELECT COUNT(*) FROM activity WHERE summary = 'Busy test'`)).toBe(0);
  }, 60_000);

  it('shares the file with a CLI import: every app write lands, none fails, and the file is whole', async () => {
    const b = await start();
    const codes = new Database(ledger, { readonly: true }).prepare(`SELECT code FROM customer ORDER BY id LIMIT 200`).pluck().all() as string[];
    const rows = ['number,customer_code,issue_date,due_date,amount'];
    for (let n = 0; n < 150_000; n++) rows.push(`SHARE-${n},${codes[n % codes.length]},2026-11-01,2026-12-01,${(n % 900) + 10}.25`);
    const csv = path.join(dir, 'share.csv');
    fs.writeFileSync(csv, rows.join('\n'));
    const importer = spawn(process.execPath, [CLI, '--ledger', ledger, 'import', 'invoices', csv], { stdio: 'pipe' });
    const exited = new Promise<number | null>((resolve) => importer.on('exit', resolve));
    // Wait until the import holds the write lock, so the app's writes really meet it.
    const probe = new Database(ledger);
    probe.pragma('busy_timeout = 0');
    for (let held = false; !held; ) {
      try {
        probe.exec('BEGIN IMMEDIATE; ROLLBACK');
        await new Promise((r) => setTimeout(r, 20));
      } catch {
        held = true;
      }
    }
    probe.close();
    const results: CallResult<unknown>[] = [];
    // Notes, payments (which read the open items before writing) and customer edits (TypeORM).
    for (let n = 0; n < 60; n++) {
      const customerId = 1 + (n % 50);
      results.push(await b.call('activities.record', { customerId, kind: 'note', summary: `Shared write ${n}`, occurredAt: `${TODAY}T11:00` }));
      results.push(await b.call('payments.record', { reference: `SHARED-PAY-${n}`, customerId, date: TODAY, amount: 100 + n }));
      if (n % 10 === 0) {
        results.push(await b.call('customers.setStatus', { id: 77, status: (n / 10) % 2 === 0 ? 'credit_hold' : 'active', reason: `Changed while importing ${n}` }));
      }
    }
    expect(await exited).toBe(0);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(count(`SELECT COUNT(*) FROM activity WHERE summary LIKE 'Shared write %'`)).toBe(60);
    expect(count(`SELECT COUNT(*) FROM payment WHERE reference LIKE 'SHARED-PAY-%'`)).toBe(60);
    expect(count(`SELECT COUNT(*) FROM status_change WHERE reason LIKE 'Changed while importing %'`)).toBe(6);
    expect(count(`SELECT COUNT(*) FROM invoice WHERE number LIKE 'SHARE-%'`)).toBe(150_000);
    const db = new Database(ledger, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }, 120_000);

  it('restores a backup in the running app: closes, replaces, reopens, and answers from the restored ledger', async () => {
    const b = await start();
    const made = await ok<{ file: string }>(b, 'backups.create', {});
    await ok(b, 'activities.record', { customerId: 1, kind: 'note', summary: 'Written after the backup', occurredAt: `${TODAY}T09:00` });
    expect(count(`SELECT COUNT(*) FROM activity WHERE summary = 'Written after the backup'`)).toBe(1);
    // Calls made during the restore wait for it rather than failing.
    const [restored, info] = await Promise.all([ok<{ file: string }>(b, 'backups.restore', { file: made.file }), b.call('app.info', {})]);
    expect(restored.file).toBe(made.file);
    expect(info).toMatchObject({ ok: true });
    expect(count(`SELECT COUNT(*) FROM activity WHERE summary = 'Written after the backup'`)).toBe(0);
    // Reads and jobs work on the reopened ledger.
    expect(await ok<{ total: number }>(b, 'worklist.list', { today: TODAY, collector: null })).toHaveProperty('total');
    await ok(b, 'activities.record', { customerId: 1, kind: 'note', summary: 'After the restore', occurredAt: `${TODAY}T09:30` });
    expect(count(`SELECT COUNT(*) FROM activity WHERE summary = 'After the restore'`)).toBe(1);
  }, 60_000);

  it('survives kill -9 of browser mode during a letters batch job, repeated: the ledger is whole and verify passes', async () => {
    const customerIds = new Database(ledger, { readonly: true }).prepare(`SELECT id FROM customer ORDER BY id LIMIT 400`).pluck().all() as number[];
    for (let round = 0; round < 3; round++) {
      const web = spawn(process.execPath, [CLI, '--ledger', ledger, 'web', '--no-open'], { stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise((resolve) => web.on('exit', resolve));
      const origin = await new Promise<{ url: string; token: string }>((resolve, reject) => {
        let out = '';
        web.stdout.on('data', (b: Buffer) => {
          out += b.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([\w-]+)/.exec(out);
          if (m) resolve({ url: m[1], token: m[2] });
        });
        web.on('exit', () => reject(new Error(`settle web stopped: ${out}`)));
      });
      const api = async (method: string, input: unknown) => {
        const res = await fetch(`${origin.url}/api/call`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: origin.url, Authorization: `Bearer ${origin.token}` },
          body: JSON.stringify({ method, input }),
        });
        const r = (await res.json()) as CallResult<unknown>;
        if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
        return r.value;
      };
      const templates = (await api('templates.list', {})) as { id: number }[];
      let state = (await api('jobs.start', { method: 'letters.send', input: { templateId: templates[0].id, customerIds, letterDate: TODAY, channel: 'mail' } })) as JobState;
      while (state.state === 'running' && !(state.progress && state.progress.done > 5 * (round + 1))) state = (await api('jobs.poll', { jobId: state.jobId, waitMs: 100 })) as JobState;
      expect(state.state).toBe('running');
      web.kill('SIGKILL');
      await exited;
      const db = new Database(ledger, { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        // Killed a few letters into a 400-letter batch, before it was recorded: nothing of it is.
        expect(db.prepare('SELECT COUNT(*) FROM letter').pluck().get()).toBe(0);
        expect(db.prepare('SELECT COUNT(*) FROM letter_file').pluck().get()).toBe(0);
        expect(db.prepare(`SELECT COUNT(*) FROM activity WHERE kind = 'letter'`).pluck().get()).toBe(0);
      } finally {
        db.close();
      }
      expect(settle(['--ledger', ledger, 'letters', 'verify'])).toMatchObject({ code: 0 });
    }
  }, 120_000);

  it('starts a new backend when the old one dies, answering the calls it had with an error', async () => {
    let channel: BackendChannel | null = null;
    const b = await start(undefined, () => (channel = workerChannel()));
    const first = channel!;
    first.kill();
    // The next call goes to the new backend, which reopened the ledger.
    let r = await b.call('app.info', {});
    for (let tries = 0; !r.ok && tries < 20; tries++) r = await b.call('app.info', {});
    expect(r).toMatchObject({ ok: true, value: { ledgerPath: ledger } });
    expect(channel).not.toBe(first);
  }, 60_000);
});
