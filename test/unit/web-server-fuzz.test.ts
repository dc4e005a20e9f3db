import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { MAX_BODY_BYTES, startWebServer, type RunningWebServer } from '../../src-main/bridge/web-server';
import { createHandlers } from '../../src-main/services/create-services';
import { dispatch } from '../../src-main/services/dispatch';
import type { Handlers } from '../../src-main/contract';

/** The bridge's calls dispatched in this process, as the backend does in its own. */
const inProcess = (handlers: Handlers) => (method: unknown, input: unknown) => dispatch(handlers, method, input, () => undefined);
import { rawExchange, type RawExchange } from '../support/raw-http';
import { openTempLedger, snapshot } from '../support/temp-ledger';

// Random malformed requests, sent as raw bytes, in batches. After each batch the server must
// still serve the page and an authenticated call; no answer may ever carry a byte of a file
// outside the renderer folder; and since no request in here is a valid write, the ledger must be
// exactly as it was.

let t: Awaited<ReturnType<typeof openTempLedger>>;
let server: RunningWebServer;
let rendererFiles: Buffer[];
const CANARY = 'CANARY-outside-the-renderer';

beforeAll(async () => {
  t = await openTempLedger();
  const rendererDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Settle</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(t.dir, 'secret.txt'), `${CANARY} parent`);
  fs.mkdirSync(path.join(t.dir, 'renderer-sibling'));
  fs.writeFileSync(path.join(t.dir, 'renderer-sibling', 'secret.txt'), `${CANARY} sibling`);
  fs.symlinkSync(path.join(t.dir, 'secret.txt'), path.join(rendererDir, 'assets', 'leak.txt'));
  rendererFiles = [fs.readFileSync(path.join(rendererDir, 'index.html')), fs.readFileSync(path.join(rendererDir, 'assets', 'app.js'))];
  server = await startWebServer({ call: inProcess(createHandlers(t.ledger)), rendererDir, log: () => undefined });
});
afterAll(async () => {
  await server.close();
  await t.cleanup();
});

/** Placeholders filled in at send time, when the port and token are known. */
type Ctx = { host: string; origin: string; token: string };

const pathPiece = fc.oneof(
  fc.constantFrom(
    '..', '.', '', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '%2f', '%2F', '%5c', '%5C', '\\', '%00', '%0a', '%0d%0a', '%E0%A4%A', '%', '%%', '%zz',
    '%c0%ae%c0%ae', '%c0%af', '%252e%252e', '%u002e', '..;', ';', ':', '%3a', 'C:', '::$DATA', '~', '*', '?', '#', '?token=x', '#/x',
    'secret.txt', 'renderer-sibling', '..%2frenderer-sibling', 'index.html', 'assets', 'app.js', 'leak.txt', 'api', 'call', 'etc', 'passwd', '%ff', '\u00e9', '\u202e',
  ),
  fc.webSegment(),
  fc.string({ maxLength: 12 }),
);
const target = fc.oneof(
  { weight: 8, arbitrary: fc.array(pathPiece, { maxLength: 8 }).chain((parts) => fc.constantFrom('/', '//', '/./').map((lead) => lead + parts.join('/'))) },
  { weight: 1, arbitrary: fc.constantFrom('/api/call', '/api/call?x=1', '/api/call/', '/api/call%00', '/API/call', '*', 'http://127.0.0.1/', '', 'index.html') },
  { weight: 1, arbitrary: fc.integer({ min: 900, max: 20_000 }).map((n) => '/' + 'a/'.repeat(n)) },
);
const method = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT', 'PROPFIND', 'get', 'FROB') },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);
const version = fc.constantFrom('HTTP/1.1', 'HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 extra', '');
const host = fc.constantFrom<(c: Ctx) => string | null>(
  (c) => c.host,
  (c) => c.host,
  (c) => c.host.replace('127.0.0.1', 'localhost'),
  () => null,
  () => '',
  () => 'evil.example',
  (c) => `${c.host}.evil.example`,
  (c) => `${c.host}\u0000`,
  (c) => `${c.host}, evil.example`,
  () => 'x'.repeat(5000),
);
const origin = fc.constantFrom<(c: Ctx) => string | null>(
  (c) => c.origin,
  () => null,
  () => 'null',
  () => 'http://evil.example',
);
const auth = fc.constantFrom<(c: Ctx) => string | null>(
  (c) => `Bearer ${c.token}`,
  (c) => `Bearer ${c.token}`,
  () => null,
  () => 'Bearer ',
  (c) => `Bearer ${c.token}x`,
  (c) => `bearer ${c.token}`,
  (c) => `Basic ${c.token}`,
);
const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'multipart/form-data', null);
const extraHeaders = fc.array(
  fc.oneof(
    fc.constantFrom(
      'Connection: close', 'Connection: keep-alive', 'Connection: Upgrade\r\nUpgrade: websocket', 'Expect: 100-continue', 'Transfer-Encoding: gzip',
      'Content-Encoding: gzip', 'X-Forwarded-For: 1.2.3.4', 'Cookie: a=b', 'Header-Without-Colon', ': empty-name', ' leading-space: x', 'X: \u0000',
      `X-Long: ${'v'.repeat(20_000)}`, 'Content-Length: 5', 'Content-Length: -1', 'Content-Length: 99999999999999999999', `Content-Length: ${MAX_BODY_BYTES + 1}`,
    ),
    fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ maxLength: 20 })).map(([k, v]) => `${k}: ${v}`),
  ),
  { maxLength: 3 },
);
const nested = (n: number, open = '[', close = ']') => open.repeat(n) + close.repeat(n);
const body = fc.oneof(
  fc.constantFrom(
    '', 'null', '[]', '{}', '42', '"app.info"', 'true', '{"method":1}', '{"method":null}', '{"method":["app.info"]}', '{"method":{"a":1}}',
    '{"method":"__proto__"}', '{"method":"constructor","input":{}}', '{"method":"app.info","input":[]}', '{"method":"app.info","input":{"x":1}}',
    '{"method":"customers.create","input":{"code":"","name":""}}', '{"method":"customers.create","input":{"__proto__":{"code":"X"}}}',
    '{"method":"app.info"', '\uFEFF{"method":"app.info"}', '{"method":"app.info"}\u0000', '{"method":"\ud800"}',
  ),
  fc.constantFrom(10, 65, 5_000, 200_000).map((n) => `{"method":"app.info","input":${nested(n)}}`),
  fc.constantFrom(1_000, 100_000).map((n) => '{"a":'.repeat(n)),
  fc.json({ depthSize: 'medium' }),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a).toString('latin1')),
);
/** How the body is framed: honestly, or with a length that lies, or chunked (well or badly). */
const framing = fc.constantFrom('length', 'length', 'none', 'short', 'long', 'chunked', 'chunked-bad', 'both');

const requestArb = fc.record({ method, target, version, host, origin, auth, contentType, extraHeaders, body, framing, halfClose: fc.boolean() });
type FuzzRequest = typeof requestArb extends fc.Arbitrary<infer R> ? R : never;

function encode(r: FuzzRequest, c: Ctx): Buffer {
  const lines = [`${r.method} ${r.target} ${r.version}`.trimEnd()];
  const h = r.host(c);
  if (h !== null) lines.push(`Host: ${h}`);
  const o = r.origin(c);
  if (o !== null) lines.push(`Origin: ${o}`);
  const a = r.auth(c);
  if (a !== null) lines.push(`Authorization: ${a}`);
  if (r.contentType) lines.push(`Content-Type: ${r.contentType}`);
  lines.push(...r.extraHeaders);
  const bytes = Buffer.from(r.body, 'utf8');
  let payload: Buffer = bytes;
  switch (r.framing) {
    case 'length':
      lines.push(`Content-Length: ${bytes.length}`);
      break;
    case 'short':
      lines.push(`Content-Length: ${Math.max(0, bytes.length - 3)}`);
      break;
    case 'long':
      lines.push(`Content-Length: ${bytes.length + 10}`);
      break;
    case 'chunked':
    case 'chunked-bad':
    case 'both': {
      lines.push('Transfer-Encoding: chunked');
      if (r.framing === 'both') lines.push(`Content-Length: ${bytes.length}`);
      const size = r.framing === 'chunked-bad' ? (bytes.length + 7).toString(16) : bytes.length.toString(16);
      payload = Buffer.concat([Buffer.from(`${size}\r\n`), bytes, Buffer.from('\r\n0\r\n\r\n')]);
      break;
    }
  }
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1'), payload]);
}

const KNOWN_STATUS = new Set([200, 400, 401, 403, 405, 408, 413, 414, 415, 421, 431, 500]);

/**
 * A request whose framing leaves nothing for the server to wait for: it must get an answer,
 * even if only a 400. (A handler that throws answers nothing and leaves the client hanging.)
 */
function wellFramed(r: FuzzRequest): boolean {
  return ['HTTP/1.1', 'HTTP/1.0'].includes(r.version) && ['length', 'none', 'chunked'].includes(r.framing) && r.extraHeaders.length === 0;
}

function checkExchange(r: FuzzRequest, x: RawExchange) {
  if (wellFramed(r)) expect({ request: r.method + ' ' + r.target, answered: x.responses.length > 0 }).toEqual({ request: r.method + ' ' + r.target, answered: true });
  const text = x.all.toString('latin1');
  expect(text).not.toContain(CANARY);
  expect(text).not.toContain('root:x:0:0');
  for (const res of x.responses) {
    expect(KNOWN_STATUS).toContain(res.status);
    // A 500 means something escaped a check: only the deliberate test handler may cause one.
    expect(res.status).not.toBe(500);
    if (res.status === 200 && !res.headers['content-type']?.startsWith('application/json') && r.method !== 'HEAD') {
      expect(rendererFiles.some((f) => f.equals(res.body))).toBe(true);
    }
  }
}

async function stillServing(c: Ctx) {
  const page = await rawExchange(server.port, `GET / HTTP/1.1\r\nHost: ${c.host}\r\nConnection: close\r\n\r\n`);
  expect(page.responses[0]?.status).toBe(200);
  const json = '{"method":"app.info","input":{}}';
  const info = await rawExchange(
    server.port,
    `POST /api/call HTTP/1.1\r\nHost: ${c.host}\r\nOrigin: ${c.origin}\r\nAuthorization: Bearer ${c.token}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${json.length}\r\nConnection: close\r\n\r\n${json}`,
  );
  expect(info.responses[0]?.status).toBe(200);
  expect(JSON.parse(info.responses[0].body.toString())).toMatchObject({ ok: true, value: { name: 'Settle' } });
}

describe('browser bridge fuzz', () => {
  it('survives random malformed requests, leaks nothing and changes nothing', async () => {
    const c: Ctx = { host: `127.0.0.1:${server.port}`, origin: `http://127.0.0.1:${server.port}`, token: server.token };
    const before = snapshot(t.ledger);
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(requestArb, { minLength: 10, maxLength: 25 }), async (batch) => {
        const exchanges = await Promise.all(
          batch.map((r) => rawExchange(server.port, encode(r, c), { halfClose: r.halfClose, head: r.method === 'HEAD', idleMs: 100, deadlineMs: 700 })),
        );
        batch.forEach((r, i) => checkExchange(r, exchanges[i]));
        sent += batch.length;
        await stillServing(c);
      }),
      { numRuns: 60, interruptAfterTimeLimit: 40_000 },
    );
    expect(sent).toBeGreaterThan(100);
    expect(snapshot(t.ledger)).toEqual(before);
  }, 60_000);
});
