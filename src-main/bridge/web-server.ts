import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { Handlers } from '../contract';
import { dispatch } from '../services/dispatch';
import { CONTENT_SECURITY_POLICY, hostAllowed, newToken, originAllowed, tokenMatches } from './security';

export const API_PATH = '/api/call';
const MAX_BODY_BYTES = 2 * 1024 * 1024;

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
  handlers: Handlers;
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

function sendJson(res: ServerResponse, status: number, value: unknown) {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Browser mode: serves the renderer build and the service API on loopback only. Static files
 * hold no secrets; every service call needs the per-launch token and our own Origin.
 */
export function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? newToken();
  const log = options.log ?? ((m, e) => console.error(m, e ?? ''));
  const rendererDir = path.resolve(options.rendererDir);
  let port = 0;

  async function handleApi(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'unauthorized', message: 'Use POST.' } });
    if (!originAllowed(req, port)) {
      return sendJson(res, 403, { ok: false, error: { code: 'unauthorized', message: 'Requests must come from the Settle page itself.' } });
    }
    if (!tokenMatches(token, req.headers.authorization)) {
      return sendJson(res, 401, {
        ok: false,
        error: { code: 'unauthorized', message: 'This page belongs to an earlier launch of Settle. Open the address Settle printed when it started.' },
      });
    }
    if (!String(req.headers['content-type']).startsWith('application/json')) {
      return sendJson(res, 415, { ok: false, error: { code: 'validation', message: 'Send JSON.' } });
    }
    let payload: { method?: unknown; input?: unknown };
    try {
      payload = JSON.parse(await readBody(req));
    } catch {
      return sendJson(res, 400, { ok: false, error: { code: 'validation', message: 'The request was not valid JSON.' } });
    }
    const result = await dispatch(options.handlers, payload?.method, payload?.input, log);
    sendJson(res, 200, result);
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', 'text/plain');
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = path.resolve(rendererDir, '.' + urlPath);
    if (!file.startsWith(rendererDir + path.sep) && file !== rendererDir) return send(res, 404, 'Not found', 'text/plain');
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(rendererDir, 'index.html');
    if (!fs.existsSync(file)) return send(res, 500, 'The renderer is not built. Run npm run build.', 'text/plain');
    const type = MIME[path.extname(file)] ?? 'application/octet-stream';
    send(res, 200, fs.readFileSync(file), type, type.startsWith('text/html') ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } : {});
  }

  const server = http.createServer((req, res) => {
    if (!hostAllowed(req, port)) return send(res, 421, 'Wrong host', 'text/plain');
    const pathname = (req.url ?? '/').split('?')[0];
    const work = pathname === API_PATH ? handleApi(req, res) : Promise.resolve(serveStatic(req, res));
    work.catch((err) => {
      log('browser bridge request failed', err);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'The request failed.' } });
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: never reachable from another machine.
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      if (!address || typeof address === 'string') return reject(new Error('no address'));
      port = address.port;
      const url = `http://127.0.0.1:${port}/`;
      resolve({
        url,
        launchUrl: `${url}?token=${token}`,
        port,
        token,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
