import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { HEADERS_TIMEOUT_MS, IMPORT_API_PATH, MAX_BODY_BYTES, MAX_JSON_DEPTH, startWebServer, type RunningWebServer } from '../../src-main/bridge/web-server';
import { createHandlers } from '../../src-main/services/create-services';
import { dispatch } from '../../src-main/services/dispatch';
import type { Handlers } from '../../src-main/contract';

/** The bridge's calls dispatched in this process, as the backend does in its own. */
const inProcess = (handlers: Handlers) => (method: unknown, input: unknown) => dispatch(handlers, method, input, () => undefined);
import { rawExchange } from '../support/raw-http';
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
  // A folder whose name starts like the renderer's: a prefix check alone would let it through.
  fs.mkdirSync(path.join(t.dir, 'renderer-sibling'));
  fs.writeFileSync(path.join(t.dir, 'renderer-sibling', 'secret.txt'), 'outside the renderer (sibling)');
  // A link inside the folder that leads out of it.
  fs.symlinkSync(path.join(t.dir, 'secret.txt'), path.join(rendererDir, 'assets', 'leak.txt'));
  server = await startWebServer({ call: inProcess(createHandlers(t.ledger)), rendererDir, log: () => undefined });
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

const LEAKS = ['outside the renderer', 'root:x:0:0'];
const HOST = () => `127.0.0.1:${server.port}`;
const authed = () => `Origin: ${origin()}\r\nAuthorization: Bearer ${server.token}\r\nContent-Type: application/json\r\n`;

async function stillServing() {
  expect((await request({ path: '/' })).status).toBe(200);
  const info = await apiCall('app.info', {});
  expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { name: 'Settle' } });
}

describe('browser bridge: no request stops it', () => {
  it('answers malformed percent-encoding with 400 and keeps serving', async () => {
    for (const p of ['/%E0%A4%A', '/%', '/%zz', '/assets/%E0%A4%A.js', '/%C0%AE%C0%AE/secret.txt']) {
      const r = await rawExchange(server.port, `GET ${p} HTTP/1.1\r\nHost: ${HOST()}\r\nConnection: close\r\n\r\n`);
      expect({ p, status: r.responses[0]?.status }).toEqual({ p, status: 400 });
    }
    await stillServing();
  });

  it.each([
    '/..%2f..%2fetc/passwd',
    '/..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd',
    '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/%2e%2e%2fsecret.txt',
    '/.%2e/secret.txt',
    '/..\\secret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/%5c..%5csecret.txt',
    '/../renderer-sibling/secret.txt',
    '/%2e%2e/renderer-sibling/secret.txt',
    '/assets/leak.txt',
    '/index.html%00.txt',
    '/%00',
    '/C:/Windows/win.ini',
    '/index.html::$DATA',
    '//etc/passwd',
    '/%252e%252e/secret.txt',
  ])('never serves %s from outside the renderer', async (p) => {
    const r = await rawExchange(server.port, `GET ${p} HTTP/1.1\r\nHost: ${HOST()}\r\nConnection: close\r\n\r\n`);
    expect(r.responses).toHaveLength(1);
    const [res] = r.responses;
    for (const leak of LEAKS) expect(res.body.toString('latin1')).not.toContain(leak);
    // Either refused, or the page itself (every unknown path is the single-page app).
    if (res.status === 200) expect(res.body.toString()).toContain('<title>Settle</title>');
    else expect([400, 404]).toContain(res.status);
  });

  it('refuses over-long addresses and over-large headers with an answer', async () => {
    const long = await rawExchange(server.port, `GET /${'a'.repeat(3000)} HTTP/1.1\r\nHost: ${HOST()}\r\nConnection: close\r\n\r\n`);
    expect(long.responses[0]?.status).toBe(414);
    const huge = await rawExchange(server.port, `GET /${'a'.repeat(70_000)} HTTP/1.1\r\nHost: ${HOST()}\r\n\r\n`);
    expect(huge.responses[0]?.status).toBe(431);
    await stillServing();
  });

  it('answers HEAD without a body and odd methods with 405 or 400', async () => {
    const head = await rawExchange(server.port, `HEAD / HTTP/1.1\r\nHost: ${HOST()}\r\nConnection: close\r\n\r\n`, { head: true });
    expect(head.responses[0]).toMatchObject({ status: 200, body: Buffer.alloc(0) });
    expect(Number(head.responses[0].headers['content-length'])).toBeGreaterThan(0);
    expect(head.leftover).toHaveLength(0);

    const cases: [string, number][] = [
      [`HEAD /api/call HTTP/1.1`, 405],
      [`PUT / HTTP/1.1`, 405],
      [`DELETE /api/call HTTP/1.1`, 405],
      [`OPTIONS * HTTP/1.1`, 405],
      [`TRACE / HTTP/1.1`, 405],
      [`CONNECT 127.0.0.1:22 HTTP/1.1`, 405],
      [`FROB / HTTP/1.1`, 400],
      [`GET / HTTP/9.9`, 400],
      [`GET  HTTP/1.1`, 400],
      [`get / HTTP/1.1`, 400],
      [`GET http://127.0.0.1/ HTTP/1.1`, 400],
    ];
    for (const [line, status] of cases) {
      const r = await rawExchange(server.port, `${line}\r\nHost: ${HOST()}\r\nConnection: close\r\n\r\n`, { head: line.startsWith('HEAD') });
      expect({ line, status: r.responses[0]?.status }).toEqual({ line, status });
    }
    await stillServing();
  });

  it.each([
    ['no Host at all (HTTP/1.0)', 'GET / HTTP/1.0\r\n\r\n', 421],
    ['an empty Host', 'GET / HTTP/1.1\r\nHost: \r\n\r\n', 421],
    ['another port', 'GET / HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n', 421],
    ['a look-alike name', 'GET / HTTP/1.1\r\nHost: 127.0.0.1.evil.example\r\n\r\n', 421],
    // node:http keeps the first of two Host headers.
    ['two Host headers, a foreign one first', 'GET / HTTP/1.1\r\nHost: evil.example\r\nHost: {HOST}\r\n\r\n', 421],
    ['a NUL in Host', 'GET / HTTP/1.1\r\nHost: 127.0.0.1\0\r\n\r\n', 400],
  ])('refuses %s', async (_what, text, status) => {
    const r = await rawExchange(server.port, text.replace('{HOST}', HOST()));
    expect(r.responses[0]?.status).toBe(status);
    await stillServing();
  });

  it('answers a 50 MB body with a 413 JSON error, not a connection reset, and changes nothing', async () => {
    const before = snapshot(t.ledger);
    const big = Buffer.alloc(50 * 1024 * 1024, 0x20);
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/call',
          headers: { Origin: origin(), Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', 'Content-Length': big.length },
        },
        (r) => {
          let body = '';
          r.on('data', (c) => (body += c));
          r.on('end', () => resolve({ status: r.statusCode!, body }));
        },
      );
      req.on('error', reject);
      req.end(big);
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({ ok: false, error: { code: 'validation', message: expect.stringContaining('larger than 2 MB') } });
    expect(snapshot(t.ledger)).toEqual(before);
    await stillServing();
  });

  it('takes a file of several MB for the import wizard at its own address, and only the wizard’s calls there', async () => {
    const rows = ['code,name'];
    for (let i = 0; i < 60_000; i++) rows.push(`C${i},Customer number ${i} with a long enough name`);
    const input = { text: rows.join('\n') + '\n' };
    expect(input.text.length).toBeGreaterThan(MAX_BODY_BYTES);
    const post = (p: string, method: string, body: unknown) =>
      request({ method: 'POST', path: p, headers: { Origin: origin(), Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ method, input: body }) });
    const before = snapshot(t.ledger);
    expect((await post('/api/call', 'imports.inspect', input)).status).toBe(413);
    const inspected = await post(IMPORT_API_PATH, 'imports.inspect', input);
    expect(inspected.status).toBe(200);
    expect(JSON.parse(inspected.body)).toMatchObject({ ok: true, value: { kind: 'customers', fileErrors: [] } });
    const other = await post(IMPORT_API_PATH, 'customers.list', {});
    expect(other.status).toBe(400);
    expect(JSON.parse(other.body).error.message).toContain('Only the import wizard');
    expect((await post(IMPORT_API_PATH, 'jobs.start', { method: 'letters.send', input: {} })).status).toBe(400);
    expect(snapshot(t.ledger)).toEqual(before);
  });

  it('answers a chunked body that grows past the limit with 413', async () => {
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const parts: (string | Buffer)[] = [`POST /api/call HTTP/1.1\r\nHost: ${HOST()}\r\n${authed()}Transfer-Encoding: chunked\r\n\r\n`];
    for (let sent = 0; sent <= MAX_BODY_BYTES * 2; sent += chunk.length) parts.push(`${chunk.length.toString(16)}\r\n`, chunk, '\r\n');
    parts.push('0\r\n\r\n');
    const r = await rawExchange(server.port, parts, { deadlineMs: 5000 });
    expect(r.reset).toBe(false);
    expect(r.responses[0]?.status).toBe(413);
    expect(JSON.parse(r.responses[0].body.toString()).error.code).toBe('validation');
    await stillServing();
  });

  it('takes a chunked body without Content-Length, and refuses a POST with no body', async () => {
    const json = JSON.stringify({ method: 'app.info', input: {} });
    const chunked = await rawExchange(server.port, [
      `POST /api/call HTTP/1.1\r\nHost: ${HOST()}\r\n${authed()}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n`,
      `5\r\n${json.slice(0, 5)}\r\n`,
      `${(json.length - 5).toString(16)}\r\n${json.slice(5)}\r\n0\r\n\r\n`,
    ]);
    expect(chunked.responses[0]?.status).toBe(200);
    expect(JSON.parse(chunked.responses[0].body.toString())).toMatchObject({ ok: true, value: { name: 'Settle' } });

    const empty = await rawExchange(server.port, `POST /api/call HTTP/1.1\r\nHost: ${HOST()}\r\n${authed()}Connection: close\r\n\r\n`);
    expect(empty.responses[0]?.status).toBe(400);
    const conflicting = await rawExchange(
      server.port,
      `POST /api/call HTTP/1.1\r\nHost: ${HOST()}\r\n${authed()}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    );
    expect(conflicting.responses[0]?.status).toBe(400);
    for (const cl of ['-1', 'abc', '1, 2']) {
      const bad = await rawExchange(server.port, `POST /api/call HTTP/1.1\r\nHost: ${HOST()}\r\n${authed()}Content-Length: ${cl}\r\n\r\n{}`);
      expect({ cl, status: bad.responses[0]?.status }).toEqual({ cl, status: 400 });
    }
  });

  it.each([
    ['null', 'null'],
    ['an array', '[{"method":"app.info"}]'],
    ['a number', '42'],
    ['a string', '"app.info"'],
    ['a numeric method', '{"method":1,"input":{}}'],
    ['an object as method', '{"method":{"toString":"app.info"}}'],
    ['no method', '{"input":{}}'],
    ['nesting past the limit', `{"method":"app.info","input":${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}}`],
    ['a million open brackets', '['.repeat(1_000_000)],
    ['JSON after a byte-order mark', '\uFEFF{"method":"app.info"}'],
  ])('refuses a body that is %s with 400 and changes nothing', async (_what, body) => {
    const before = snapshot(t.ledger);
    const res = await request({ method: 'POST', path: '/api/call', headers: { Origin: origin(), Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' }, body });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(snapshot(t.ledger)).toEqual(before);
  });

  it('treats brackets inside strings as text, and refuses unknown methods as data', async () => {
    const bracketsInText = await apiCall('customers.create', { code: 'B1', name: `${'['.repeat(MAX_JSON_DEPTH + 10)} "quoted" \\ ${'{'.repeat(10)}` });
    expect(JSON.parse(bracketsInText.body)).toMatchObject({ ok: true, value: { code: 'B1' } });
    for (const m of ['__proto__', 'constructor', 'toString']) {
      const res = await apiCall(m, {});
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body).error.code).toBe('unknown_method');
    }
  });

  it('turns a failure after dispatch into a 500 JSON answer and keeps serving', async () => {
    const handlers = { ...createHandlers(t.ledger), 'app.info': async () => ({ big: BigInt(1) }) } as unknown as ReturnType<typeof createHandlers>;
    const logged: string[] = [];
    const other = await startWebServer({ call: inProcess(handlers), rendererDir: path.join(t.dir, 'renderer'), log: (m) => logged.push(m) });
    try {
      const o = `http://127.0.0.1:${other.port}`;
      const body = '{"method":"app.info"}';
      const call = () =>
        rawExchange(
          other.port,
          `POST /api/call HTTP/1.1\r\nHost: 127.0.0.1:${other.port}\r\nOrigin: ${o}\r\nAuthorization: Bearer ${other.token}\r\n` +
            `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
        );
      const r = await call();
      expect(r.responses[0]?.status).toBe(500);
      expect(JSON.parse(r.responses[0].body.toString())).toEqual({ ok: false, error: { code: 'internal', message: 'The request failed.' } });
      expect(logged).toContain('browser bridge request failed');
      expect((await call()).responses[0]?.status).toBe(500);
    } finally {
      await other.close();
    }
  });

  it(
    'answers 408 and closes a connection that trickles its headers',
    async () => {
      const started = Date.now();
      const socket = net.connect(server.port, '127.0.0.1');
      let received = '';
      socket.on('data', (c) => (received += c.toString('latin1')));
      socket.on('error', () => undefined);
      socket.write(`GET / HTTP/1.1\r\nHost: ${HOST()}\r\nX-Slow: `);
      // A byte a second keeps the socket busy, so only headersTimeout can stop it.
      const drip = setInterval(() => socket.write('a'), 1000);
      await new Promise((resolve) => socket.on('close', resolve));
      clearInterval(drip);
      expect(received).toMatch(/^HTTP\/1\.1 408 /);
      expect(Date.now() - started).toBeLessThan(HEADERS_TIMEOUT_MS + 3000);
      await stillServing();
    },
    HEADERS_TIMEOUT_MS + 10_000,
  );
});
