import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startWebServer, type RunningWebServer } from '../../src-main/bridge/web-server';
import { createHandlers } from '../../src-main/services/create-services';
import { openTempLedger, snapshot } from '../support/temp-ledger';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let server: RunningWebServer;

beforeEach(async () => {
  t = await openTempLedger();
  const rendererDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Settle</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(t.dir, 'secret.txt'), 'outside the renderer');
  server = await startWebServer({ handlers: createHandlers(t.ledger), rendererDir, log: () => undefined });
});
afterEach(async () => {
  await server.close();
  await t.cleanup();
});

/** Raw requests, so the test controls every header (fetch would set Origin/Host itself). */
function request(opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method: opts.method ?? 'GET', path: opts.path ?? '/', headers: opts.headers },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const origin = () => `http://127.0.0.1:${server.port}`;
function apiCall(method: string, input: unknown, headers: Record<string, string> = {}) {
  return request({
    method: 'POST',
    path: '/api/call',
    headers: { Origin: origin(), Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ method, input }),
  });
}

describe('browser bridge', () => {
  it('listens on loopback only and prints an address with a long random token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.launchUrl).toBe(`${server.url}?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('serves the renderer with a strict content security policy', async () => {
    const res = await request({ path: '/' });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Settle</title>');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect((await request({ path: '/assets/app.js' })).headers['content-type']).toMatch(/javascript/);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt']) {
      const res = await request({ path: p });
      expect(res.body).not.toContain('outside the renderer');
    }
  });

  it('answers a valid call', async () => {
    const res = await apiCall('customers.create', { code: 'A1', name: 'Alpha' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { code: 'A1', name: 'Alpha' } });
  });

  it('returns validation errors as data', async () => {
    const res = await apiCall('customers.create', { code: 'A1', name: '' });
    expect(JSON.parse(res.body)).toEqual({
      ok: false,
      error: { code: 'validation', message: 'Please correct the highlighted field.', fields: { name: 'Name is required' } },
    });
  });

  it.each([
    ['no token', { Authorization: '' }, 401],
    ['a wrong token', { Authorization: 'Bearer not-the-token' }, 401],
    ['another origin', { Origin: 'http://evil.example' }, 403],
    ['no origin', { Origin: '' }, 403],
    ['a rebinding host name', { Host: 'evil.example' }, 421],
    ['a form post', { 'Content-Type': 'text/plain' }, 415],
  ])('refuses a call with %s and changes nothing', async (_what, headers, status) => {
    const before = snapshot(t.ledger);
    const clean = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== ''));
    const base: Record<string, string> = { Origin: origin(), Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' };
    for (const k of Object.keys(headers)) delete base[k];
    const res = await request({
      method: 'POST',
      path: '/api/call',
      headers: { ...base, ...clean },
      body: JSON.stringify({ method: 'customers.create', input: { code: 'Z9', name: 'Intruder' } }),
    });
    expect(res.status).toBe(status);
    expect(snapshot(t.ledger)).toEqual(before);
  });

  it('rejects a body that is not JSON', async () => {
    const res = await request({
      method: 'POST',
      path: '/api/call',
      headers: { Origin: origin(), Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      body: '{nope',
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('validation');
  });
});
