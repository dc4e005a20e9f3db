import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface RawExchange {
  /** Every response the server wrote on the connection, in order (usually one). */
  responses: RawResponse[];
  /** Bytes after the last complete response: a truncated or unparseable answer. */
  leftover: Buffer;
  /** All bytes received, for "never contains" checks. */
  all: Buffer;
  reset: boolean;
}

/**
 * Splits what a server wrote into responses by Content-Length (the bridge always sends one).
 * `head` says the request was HEAD, whose response has a Content-Length but no body.
 */
export function parseResponses(data: Buffer, head = false): { responses: RawResponse[]; leftover: Buffer } {
  const responses: RawResponse[] = [];
  let rest = data;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    const [statusLine, ...lines] = rest.subarray(0, end).toString('latin1').split('\r\n');
    const m = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
    if (!m) break;
    const headers: Record<string, string> = {};
    for (const l of lines) {
      const i = l.indexOf(':');
      if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
    }
    const status = Number(m[1]);
    const length = head || status === 100 ? 0 : Number(headers['content-length'] ?? 0);
    if (rest.length < end + 4 + length) break;
    if (status !== 100) responses.push({ status, headers, body: rest.subarray(end + 4, end + 4 + length) });
    rest = rest.subarray(end + 4 + length);
  }
  return { responses, leftover: rest };
}

/**
 * Writes raw bytes to the server and collects what comes back, so a test controls every byte
 * of the request (http.request would validate and rewrite). The exchange ends when the server
 * closes, when nothing has arrived for `idleMs` after some data, or at `deadlineMs`.
 */
export function rawExchange(
  port: number,
  data: Buffer | string | (Buffer | string)[],
  opts: { idleMs?: number; deadlineMs?: number; halfClose?: boolean; head?: boolean } = {},
): Promise<RawExchange> {
  const idleMs = opts.idleMs ?? 150;
  const deadlineMs = opts.deadlineMs ?? 2000;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let done = false;
    let idle: NodeJS.Timeout | undefined;
    let reset = false;
    const socket = net.connect(port, '127.0.0.1');
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      clearTimeout(idle);
      socket.destroy();
      const all = Buffer.concat(chunks);
      resolve({ ...parseResponses(all, opts.head), all, reset });
    };
    const deadline = setTimeout(finish, deadlineMs);
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      clearTimeout(idle);
      idle = setTimeout(finish, idleMs);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNRESET' || err.code === 'EPIPE') reset = true;
      finish();
    });
    socket.on('close', finish);
    socket.on('connect', () => {
      for (const part of Array.isArray(data) ? data : [data]) socket.write(part);
      if (opts.halfClose) socket.end();
    });
  });
}
