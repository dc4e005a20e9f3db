import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CallResult } from '../../src-main/contract';
import { BackendSet } from '../../src-main/backend/backend-set';

// The window side's backends, one per ledger, as browser mode and Electron use them: real worker
// threads (the built scripts: npm run build:main first) on real ledger files.

let dir: string;
const sets: BackendSet[] = [];

function newSet(opts: { idleMs?: number; who?: string } = {}): BackendSet {
  const set = new BackendSet({ holder: () => opts.who ?? 'the test window', idleMs: opts.idleMs ?? 60_000, sweepMs: 60_000 });
  sets.push(set);
  return set;
}

async function ok<T>(set: BackendSet, ledger: string, method: string, input: unknown): Promise<T> {
  const r = (await set.call(ledger, method, input)) as CallResult<T>;
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value;
}

const file = (name: string) => path.join(dir, name);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-backend-set-'));
});
afterEach(async () => {
  await Promise.all(sets.splice(0).map((s) => s.close()));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('one backend per ledger', () => {
  it('serves two ledgers at once, each with only its own data', async () => {
    const set = newSet();
    const [a, b] = [file('acme.sqlite'), file('globex.sqlite')];
    await ok(set, a, 'customers.create', { code: 'A1', name: 'Only in Acme' });
    await ok(set, b, 'customers.create', { code: 'B1', name: 'Only in Globex' });
    expect(await ok(set, a, 'app.info', {})).toMatchObject({ ledgerPath: a });
    expect(await ok(set, b, 'app.info', {})).toMatchObject({ ledgerPath: b });
    const names = async (l: string) => (await ok<{ rows: { name: string }[] }>(set, l, 'customers.list', {})).rows.map((r) => r.name);
    expect(await names(a)).toEqual(['Only in Acme']);
    expect(await names(b)).toEqual(['Only in Globex']);
    // Asked again, the same backend answers: a ledger is opened once.
    expect(await set.get(a)).toBe(await set.get(a));
  });

  it('refuses the same file through a second set with the holder named, and opens it once the first lets go', async () => {
    const ledger = file('acme.sqlite');
    const first = newSet({ who: 'the first window' });
    await ok(first, ledger, 'app.info', {});
    const second = newSet({ who: 'the second window' });
    const refused = await second.call(ledger, 'app.info', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!refused.ok && refused.error.message).toMatch(/already open in another Settle window: the first window/);
    // A refusal is not remembered: once the first set closes, the second one opens the file.
    await first.close();
    expect(await ok(second, ledger, 'app.info', {})).toMatchObject({ ledgerPath: ledger });
  });

  it('closes a backend left unused, releasing its lock, but keeps a held one; a later call opens it again', async () => {
    const set = newSet({ idleMs: 100 });
    const [idle, held] = [file('idle.sqlite'), file('held.sqlite')];
    const release = set.hold(held);
    await ok(set, idle, 'customers.create', { code: 'I1', name: 'Idle Ltd' });
    await ok(set, held, 'app.info', {});
    await new Promise((r) => setTimeout(r, 150));
    expect(await set.closeIdle()).toEqual([idle]);
    expect(set.isOpen(idle)).toBe(false);
    expect(set.isOpen(held)).toBe(true);
    // The lock is gone: another Settle may open the file now.
    const other = newSet({ who: 'another Settle' });
    expect(await ok(other, idle, 'app.info', {})).toMatchObject({ ledgerPath: idle });
    await other.close();
    // The window that used it calls again: opened again, with what it had written.
    expect((await ok<{ rows: { name: string }[] }>(set, idle, 'customers.list', {})).rows.map((r) => r.name)).toEqual(['Idle Ltd']);
    // Released by its window, the held ledger goes the same way once idle.
    release();
    await new Promise((r) => setTimeout(r, 150));
    expect(await set.closeIdle()).toEqual(expect.arrayContaining([held]));
    expect(set.isOpen(held)).toBe(false);
  });

  it('counts a call still waiting (a job poll) as use, and closes the backend only once it is answered', async () => {
    const ledger = file('busy.sqlite');
    let finish!: (r: CallResult<unknown>) => void;
    const slow = { call: () => new Promise<CallResult<unknown>>((r) => (finish = r)), describe: () => undefined, close: async () => undefined };
    const fake = new BackendSet({ holder: () => 'test', idleMs: 50, sweepMs: 60_000, start: async () => slow });
    sets.push(fake);
    const pending = fake.call(ledger, 'jobs.poll', {});
    await new Promise((r) => setTimeout(r, 100));
    expect(await fake.closeIdle()).toEqual([]);
    finish({ ok: true, value: null });
    await pending;
    await new Promise((r) => setTimeout(r, 100));
    expect(await fake.closeIdle()).toEqual([ledger]);
  });
});
