import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import type { CallResult } from '../contract';
import type { ErrorCode } from '../contract/errors';
import { FILE_CARRYING_METHODS } from '../contract/imports';
import { CONTENT_SECURITY_POLICY, hostAllowed, newToken, originAllowed, tokenMatches } from './security';

export const API_PATH = '/api/call';
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
/**
 * The import wizard sends a whole CSV file (up to 50 MB of text, the contract's limit) inside its
 * JSON, where escaped quotes and non-ASCII characters can make it up to three times larger. Only
 * the wizard's calls may use this address, so every other call keeps the small limit.
 */
export const IMPORT_API_PATH = '/api/import';
export const MAX_IMPORT_BODY_BYTES = 160 * 1024 * 1024;
/** The renderer's file names are short; anything longer is not a request for one of them. */
export const MAX_PATH_CHARS = 1024;
/**
 * The contract's inputs are a few levels deep. Refusing deeper JSON before parsing keeps a
 * hostile body from spending its stack in JSON.parse, zod or JSON.stringify.
 */
export const MAX_JSON_DEPTH = 64;
/**
 * A page on this machine sends its headers in one packet and a 2 MB body in milliseconds; a
 * client that takes longer is stuck or trickling bytes to hold connections open.
 */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export interface WebServerOptions {
  /**
   * Where a service call goes: the backend that owns the ledger it names (tests may dispatch
   * in-process). `ledger` is the file's path as the page sent it, unchecked; undefined when the
   * page named none (the launch ledger).
   */
  call: (method: unknown, input: unknown, ledger?: string) => Promise<CallResult<unknown>>;
  /** The built renderer (index.html and assets). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  log?: (msg: string, err?: unknown) => void;
}

export interface RunningWebServer {
  url: string;
  /** The address to open: carries the per-launch token. */
  launchUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}) {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}) {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', extra);
}

/** Every refusal on the API path has the `{ok:false, error}` shape, so the renderer can show it. */
function refuse(res: ServerResponse, status: number, code: ErrorCode, message: string, extra: Record<string, string> = {}) {
  sendJson(res, status, { ok: false, error: { code, message } }, extra);
}

const TOO_LARGE = Symbol('too large');

/**
 * The body as text, or TOO_LARGE once it passes the limit. Past the limit the rest is read and
 * thrown away rather than the socket destroyed: a client still sending would otherwise get a
 * connection reset instead of the 413 (requestTimeout bounds how long that can go on).
 */
function readBody(req: IncomingMessage, limit: number): Promise<string | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        req.off('data', onData);
        req.resume();
        resolve(TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Deepest nesting of arrays and objects in JSON text, ignoring brackets inside strings. */
function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** The calls that carry a file to import: the only ones IMPORT_API_PATH accepts. */
function isImportCall(call: { method: string; input: unknown }): boolean {
  if (FILE_CARRYING_METHODS.includes(call.method)) return true;
  const job = call.input as { method?: unknown } | null;
  return call.method === 'jobs.start' && typeof job === 'object' && job !== null && job.method === 'imports.run';
}

/** `{method, input, ledger?}` from the body, or the reason it is not one. */
function parseCall(body: string): { method: string; input: unknown; ledger?: string } | string {
  if (jsonDepth(body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return `The request is nested more than ${MAX_JSON_DEPTH} levels deep.`;
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return 'The request was not valid JSON.';
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return 'The request must be a JSON object: {"method": …, "input": …}.';
  const { method, input, ledger } = payload as { method?: unknown; input?: unknown; ledger?: unknown };
  if (typeof method !== 'string') return 'The request must name its method as a string.';
  if (ledger !== undefined && typeof ledger !== 'string') return 'The request must name its ledger by the file’s path, as a string.';
  return { method, input, ledger };
}

type StaticTarget = { file: string } | { status: number; message: string };

function inside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Maps a request target to a file in the renderer folder. Anything a browser would not send for
 * one of our files (bad percent-encoding, `..`, control characters, backslashes or colons,
 * which Windows reads as separators and stream names) is refused before the file system sees it.
 */
function staticTarget(rootReal: string, target: string): StaticTarget {
  // Absolute-form (`GET http://host/…`) and `*` are for proxies; a page never sends them here.
  if (!target.startsWith('/')) return { status: 400, message: 'Bad request target' };
  const rawPath = target.split(/[?#]/, 1)[0];
  if (rawPath.length > MAX_PATH_CHARS) return { status: 414, message: 'Address too long' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { status: 400, message: 'Malformed percent-encoding in the address' };
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\:]/.test(decoded)) return { status: 400, message: 'Bad characters in the address' };
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { status: 400, message: 'Bad path' };
  let file = path.join(rootReal, ...segments);
  if (!inside(rootReal, file)) return { status: 400, message: 'Bad path' };
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file);
  } catch {
    stat = undefined;
  }
  // The app navigates by the address hash, so any other path is the page itself.
  if (!stat?.isFile()) file = path.join(rootReal, 'index.html');
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    return { status: 500, message: 'The renderer is not built. Run npm run build.' };
  }
  // A link inside the folder must not lead out of it.
  if (!inside(rootReal, real)) return { status: 404, message: 'Not found' };
  return { file: real };
}

/** A response written straight to the socket, for requests node:http never hands to us. */
function rawResponse(status: number, message: string): string {
  const body = JSON.stringify({ ok: false, error: { code: 'validation', message } });
  return (
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Error'}\r\n` +
    'Connection: close\r\nContent-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

/**
 * Browser mode: serves the renderer build and the service API on loopback only. Static files
 * hold no secrets; every service call needs the per-launch token and our own Origin.
 * No request may stop the server: every path through the handler ends in a response, and a
 * failure that escapes one is logged and answered with 500.
 */
export function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? newToken();
  const log = options.log ?? ((m, e) => console.error(m, e ?? ''));
  const rendererDir = path.resolve(options.rendererDir);
  // Resolved once so a renderer folder reached through a link still contains its own files.
  let rendererReal = rendererDir;
  try {
    rendererReal = fs.realpathSync(rendererDir);
  } catch {
    // Not built yet: every static request says so.
  }
  let port = 0;

  async function handleApi(req: IncomingMessage, res: ServerResponse, forImport: boolean) {
    const limit = forImport ? MAX_IMPORT_BODY_BYTES : MAX_BODY_BYTES;
    if (req.method !== 'POST') return refuse(res, 405, 'unauthorized', 'Use POST.', { Allow: 'POST' });
    if (!originAllowed(req, port)) return refuse(res, 403, 'unauthorized', 'Requests must come from the Settle page itself.');
    if (!tokenMatches(token, req.headers.authorization)) {
      return refuse(res, 401, 'unauthorized', 'This page belongs to an earlier launch of Settle. Open the address Settle printed when it started.');
    }
    if (!String(req.headers['content-type']).startsWith('application/json')) return refuse(res, 415, 'validation', 'Send JSON.');
    const tooLarge = () => refuse(res, 413, 'validation', `The request is larger than ${limit / (1024 * 1024)} MB.`);
    // node:http has already refused a Content-Length that is not a number; the unread body
    // is drained by node:http so the answer arrives intact.
    if (Number(req.headers['content-length'] ?? 0) > limit) return tooLarge();
    const body = await readBody(req, limit);
    if (body === TOO_LARGE) return tooLarge();
    const call = parseCall(body);
    if (typeof call === 'string') return refuse(res, 400, 'validation', call);
    if (forImport && !isImportCall(call)) return refuse(res, 400, 'validation', `Only the import wizard's calls go to ${IMPORT_API_PATH}; use ${API_PATH}.`);
    const result = await options.call(call.method, call.input, call.ledger);
    sendJson(res, 200, result);
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', 'text/plain', { Allow: 'GET, HEAD' });
    const target = staticTarget(rendererReal, req.url ?? '/');
    if ('status' in target) return send(res, target.status, target.message, 'text/plain; charset=utf-8');
    const type = MIME[path.extname(target.file)] ?? 'application/octet-stream';
    send(res, 200, fs.readFileSync(target.file), type, type.startsWith('text/html') ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } : {});
  }

  // async, so a synchronous throw anywhere below becomes a rejection handled in one place.
  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (!hostAllowed(req, port)) return send(res, 421, 'Wrong host', 'text/plain');
    const pathname = (req.url ?? '/').split('?', 1)[0];
    if (pathname === API_PATH || pathname === IMPORT_API_PATH) await handleApi(req, res, pathname === IMPORT_API_PATH);
    else serveStatic(req, res);
  }

  // Connections answered before their body finished arriving (a refusal, a 413): a later
  // timeout on them must not write a second response after the first.
  const answeredEarly = new WeakSet<Duplex>();

  const server = http.createServer(
    {
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      // How often the two timeouts above are checked (node's default is every 30 s).
      connectionsCheckingInterval: 1_000,
    },
    (req, res) => {
      answeredEarly.delete(req.socket);
      res.once('finish', () => {
        if (!req.complete) answeredEarly.add(req.socket);
      });
      handle(req, res).catch((err: unknown) => {
        log('browser bridge request failed', err);
        try {
          if (!res.headersSent) refuse(res, 500, 'internal', 'The request failed.');
          else res.destroy();
        } catch {
          res.destroy();
        }
      });
    },
  );

  // Malformed requests, oversized headers and timeouts: answered here, with the reason, instead
  // of node's bare default; never write into a response that has already started.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
    if (err.code !== 'ECONNRESET' && socket.writable && !inFlight?.headersSent && !answeredEarly.has(socket)) {
      const [status, message] =
        err.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'The request headers are too large.']
          : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? [408, 'The request took too long to arrive.']
            : [400, 'The request is not valid HTTP.'];
      socket.write(rawResponse(status, message));
    }
    socket.destroy();
  });
  // Tunnelling is for proxies; node:http would drop the connection without an answer. node:http
  // hands the socket over paused: resumed, so the client's close is seen and the socket freed.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => undefined);
    socket.resume();
    socket.end(rawResponse(405, 'CONNECT is not supported.'));
  });
  // Every socket, including those node:http no longer tracks once handed to 'connect', so
  // close() really closes.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: never reachable from another machine.
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      if (!address || typeof address === 'string') return reject(new Error('no address'));
      port = address.port;
      server.off('error', reject);
      server.on('error', (err) => log('browser bridge server error', err));
      const url = `http://127.0.0.1:${port}/`;
      resolve({
        url,
        launchUrl: `${url}?token=${token}`,
        port,
        token,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            for (const socket of sockets) socket.destroy();
          }),
      });
    });
  });
}
