import { Worker } from 'node:worker_threads';
import type { CallResult } from '../contract';
import type { DeskOptions, FromDesk } from './desk-host';
import { compiledScript } from './job-pool';

/** What the window side needs of the desk: one call at a time, answered as a CallResult. */
export interface DeskPort {
  call(method: string, input: unknown): Promise<CallResult<unknown>>;
}

/** The desk host in its worker thread, seen from the window side. */
export class DeskClient implements DeskPort {
  private readonly worker: Worker;
  private readonly pending = new Map<number, (r: CallResult<unknown>) => void>();
  private nextId = 1;
  private stopped: string | null = null;

  constructor(options: DeskOptions) {
    this.worker = new Worker(compiledScript('desk-thread'), { workerData: options });
    this.worker.on('message', (msg: FromDesk) => {
      const answer = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      answer?.(msg.result);
    });
    this.worker.on('error', (err) => (this.stopped = err.message));
    this.worker.on('exit', () => {
      this.stopped ??= 'it stopped';
      for (const answer of this.pending.values()) answer(this.failure());
      this.pending.clear();
    });
  }

  call(method: string, input: unknown): Promise<CallResult<unknown>> {
    if (this.stopped) return Promise.resolve(this.failure());
    return new Promise((resolve) => {
      const id = this.nextId++;
      this.pending.set(id, resolve);
      this.worker.postMessage({ type: 'call', id, method, input });
    });
  }

  /** A ledger was opened on the window side (not answered: the list only notes it). */
  opened(ledgerPath: string): void {
    if (!this.stopped) this.worker.postMessage({ type: 'opened', path: ledgerPath });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private failure(): CallResult<unknown> {
    return { ok: false, error: { code: 'internal', message: `The list of ledgers is not available: ${this.stopped}` } };
  }
}
