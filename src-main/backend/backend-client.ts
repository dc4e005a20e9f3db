import { Worker } from 'node:worker_threads';
import type { AppInfo, CallResult } from '../contract';
import { compiledScript } from './job-pool';
import type { BackendOptions, FromBackend, ToBackend } from './protocol';

/** How the window side talks to one backend: a worker thread here, a utility process in Electron. */
export interface BackendChannel {
  post(msg: ToBackend): void;
  onMessage(listener: (msg: FromBackend) => void): void;
  onExit(listener: (reason: string) => void): void;
  kill(): void;
}

export function workerChannel(): BackendChannel {
  const worker = new Worker(compiledScript('backend-thread'));
  let exitReason = 'it stopped';
  worker.on('error', (err) => (exitReason = err.message));
  return {
    post: (msg) => worker.postMessage(msg),
    onMessage: (listener) => worker.on('message', listener),
    onExit: (listener) => worker.on('exit', (code) => listener(`${exitReason} (exit code ${code})`)),
    kill: () => void worker.terminate(),
  };
}

const MAX_RESTARTS = 3;

/**
 * The window side of the backend: numbered calls in, answers out. If the backend dies (a crash,
 * the operating system killing it), the calls it had are answered with an error and a new one is
 * started, so the window keeps working; SQLite has already rolled back what it left unfinished.
 */
export class Backend {
  private channel!: BackendChannel;
  private readonly pending = new Map<number, (r: CallResult<unknown>) => void>();
  private nextId = 1;
  private restarts = 0;
  private closing = false;
  private started!: Promise<AppInfo>;

  private constructor(
    private readonly options: BackendOptions,
    private readonly open: () => BackendChannel,
  ) {}

  /** Starts the backend and waits until the ledger is open; refuses as the backend did (ledger in use, newer schema…). */
  static async start(options: BackendOptions, open: () => BackendChannel = workerChannel): Promise<Backend> {
    const backend = new Backend(options, open);
    backend.connect();
    try {
      await backend.started;
    } catch (err) {
      backend.closing = true;
      backend.channel.kill();
      throw err;
    }
    return backend;
  }

  get info(): Promise<AppInfo> {
    return this.started;
  }

  call(method: unknown, input: unknown): Promise<CallResult<unknown>> {
    return this.started.then(
      () =>
        new Promise<CallResult<unknown>>((resolve) => {
          const id = this.nextId++;
          this.pending.set(id, resolve);
          this.channel.post({ type: 'call', id, method, input });
        }),
      (err: unknown) => ({ ok: false, error: { code: 'internal', message: `The ledger could not be opened: ${(err as Error).message}` } }),
    );
  }

  describe(holder: string): void {
    this.options.holder = holder;
    this.channel.post({ type: 'describe', holder });
  }

  async close(): Promise<void> {
    this.closing = true;
    const closed = new Promise<void>((resolve) => {
      this.channel.onMessage((msg) => msg.type === 'closed' && resolve());
      this.channel.onExit(() => resolve());
      setTimeout(resolve, 5000).unref();
    });
    this.channel.post({ type: 'close' });
    await closed;
    this.channel.kill();
  }

  private connect(): void {
    const channel = this.open();
    this.channel = channel;
    this.started = new Promise<AppInfo>((resolve, reject) => {
      channel.onMessage((msg) => {
        if (msg.type === 'ready') resolve(msg.info);
        else if (msg.type === 'failed') reject(new Error(msg.message));
        else if (msg.type === 'result') {
          const answer = this.pending.get(msg.id);
          this.pending.delete(msg.id);
          answer?.(msg.result);
        }
      });
      channel.onExit((reason) => {
        reject(new Error(`The ledger process stopped: ${reason}`));
        if (this.channel !== channel || this.closing) return;
        for (const answer of this.pending.values()) {
          answer({ ok: false, error: { code: 'internal', message: 'The ledger process stopped while answering; nothing unfinished was saved. Try again.' } });
        }
        this.pending.clear();
        if (this.restarts++ < MAX_RESTARTS) this.connect();
      });
    });
    this.started.catch(() => undefined);
    channel.post({ type: 'start', options: this.options });
  }
}
