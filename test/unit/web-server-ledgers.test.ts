import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { CallResult } from '../../src-main/contract';
import type { LedgerEntry } from '../../src-main/contract/ledgers';
import { BackendSet } from '../../src-main/backend/backend-set';
import type { DeskPort } from '../../src-main/backend/desk-client';
import { LedgerRouter } from '../../src-main/backend/ledger-router';
import { startWebServer, type RunningWebServer } from '../../src-main/bridge/web-server';

// The bridge naming ledgers: real backends (worker threads over the built scripts, so
// npm run build:main first) behind a real server. The desk services are another part of the app;
// here the list of ledgers is a stand-in that says what a real list would.

let dir: string;
let launch: string;
let server: RunningWebServer;
let backends: BackendSet;
let listed: { name: string; path: string }[];
const deskCalls: string[] = [];

/** The user's list: names and paths; a file not there is listed as missing, as the desk does. */
const desk: DeskPort = {
  async call(method, input): Promise<CallResult<unknown>> {
    deskCalls.push(method);
    if (method === 'ledgers.list') {
      const entries: LedgerEntry[] = listed.map((l) => ({ ...l, company: '', lastOpened: null, present: fs.existsSync(l.path) }));
      return { ok: true, value: entries };
    }
    return { ok: true, value: { method, input } };
  },
};

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-bridge-ledgers-'));
  launch = path.join(dir, 'launch.sqlite');
  listed = [];
  deskCalls.length = 0;
  fs.mkdirSync(path.join(dir, 'renderer'));
  fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>Settle</title>');
  backends = new BackendSet({ holder: () => 'the bridge test', idleMs: 60_000 });
  backends.hold(launch);
  const router = new LedgerRouter(backends, desk, launch);
  server = await startWebServer({ call: (m, i, l) => router.call(m, i, l), rendererDir: path.join(dir, 'renderer'), log: () => undefined });
});
afterEach(async () => {
  await server.close();
  await backends.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function post(body: unknown): Promise<{ status: number; json: CallResult<unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: '/api/call',
        headers: { Origin: `http://127.0.0.1:${server.port}`, Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) as CallResult<unknown> }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

async function value(body: unknown): Promise<unknown> {
  const { json } = await post(body);
  if (!json.ok) throw new Error(JSON.stringify(json.error));
  return json.value;
}

/** A second client ledger, made as `settle init` would leave it, and put in the list. */
async function clientLedger(name: string): Promise<string> {
  const file = path.join(dir, `${name}.sqlite`);
  const maker = new BackendSet({ holder: () => 'making the file', idleMs: 60_000 });
  await maker.call(file, 'customers.create', { code: `${name.toUpperCase()}1`, name: `${name} customer` });
  await maker.close();
  listed.push({ name, path: file });
  return file;
}

describe('the bridge names the ledger', () => {
  it('sends a call without a ledger to the launch ledger, and one naming a listed ledger to that ledger', async () => {
    const acme = await clientLedger('acme');
    expect(await value({ method: 'app.info', input: {} })).toMatchObject({ ledgerPath: launch });
    expect(await value({ method: 'app.info', input: {}, ledger: launch })).toMatchObject({ ledgerPath: launch });
    expect(await value({ method: 'app.info', input: {}, ledger: acme })).toMatchObject({ ledgerPath: acme });
    const names = async (ledger?: string) => ((await value({ method: 'customers.list', input: {}, ledger })) as { rows: { name: string }[] }).rows.map((r) => r.name);
    expect(await names(acme)).toEqual(['acme customer']);
    expect(await names()).toEqual([]);
  });

  it('refuses a ledger not in the list, and does not create or open the file', async () => {
    const stranger = path.join(dir, 'stranger.sqlite');
    const { status, json } = await post({ method: 'app.info', input: {}, ledger: stranger });
    expect(status).toBe(200);
    expect(json).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/not in your list of ledgers/) } });
    expect(fs.existsSync(stranger)).toBe(false);
    expect(backends.isOpen(stranger)).toBe(false);
  });

  it('says a listed ledger whose file is gone is missing, without creating it', async () => {
    const gone = path.join(dir, 'gone.sqlite');
    listed.push({ name: 'gone', path: gone });
    expect((await post({ method: 'customers.list', input: {}, ledger: gone })).json).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringMatching(/is missing/) },
    });
    expect(fs.existsSync(gone)).toBe(false);
  });

  it('refuses a relative path or a ledger that is not a string', async () => {
    expect((await post({ method: 'app.info', input: {}, ledger: 'launch.sqlite' })).json).toMatchObject({ ok: false, error: { code: 'validation' } });
    const bad = await post({ method: 'app.info', input: {}, ledger: 7 });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('sends the calls about the list of ledgers to the desk, whatever ledger the page names', async () => {
    expect(await value({ method: 'today.overview', input: {} })).toEqual({ method: 'today.overview', input: {} });
    expect(await value({ method: 'ledgers.rename', input: { name: 'a', newName: 'b' }, ledger: launch })).toEqual({ method: 'ledgers.rename', input: { name: 'a', newName: 'b' } });
    expect(deskCalls).toEqual(['today.overview', 'ledgers.rename']);
  });

  it('passes on why a listed ledger cannot be opened: it is open in another Settle', async () => {
    const acme = await clientLedger('acme');
    const elsewhere = new BackendSet({ holder: () => 'a Settle window on the desk', idleMs: 60_000 });
    try {
      await elsewhere.call(acme, 'app.info', {});
      expect((await post({ method: 'app.info', input: {}, ledger: acme })).json).toMatchObject({
        ok: false,
        error: { code: 'conflict', message: expect.stringMatching(/already open in another Settle window: a Settle window on the desk/) },
      });
    } finally {
      await elsewhere.close();
    }
  });
});
