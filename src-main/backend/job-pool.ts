import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CallResult } from '../contract';
import type { JobExecutor } from '../jobs/job-table';
import type { HandedPassword } from '../mail/credentials';
import { WRITING_JOBS, type BackendOptions, type FromJobWorker, type ToJobWorker } from './protocol';

/** Compiled scripts sit beside this file; under ts-jest they are taken from the build. */
export function compiledScript(name: string): string {
  const beside = path.join(__dirname, `${name}.js`);
  return fs.existsSync(beside) ? beside : path.resolve(__dirname, '..', '..', 'build', 'main', 'backend', `${name}.js`);
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy: boolean;
}

/**
 * Worker threads for long jobs, one job each at a time; idle ones are kept for the next job (an
 * open costs a few hundred milliseconds). A job cancelled by force takes its worker with it:
 * terminating the thread drops its connection, and SQLite rolls back what it had not committed.
 */
export class JobPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Array<(slot: Slot) => void> = [];
  private nextId = 1;
  /** Settles when the last writing job started so far has finished. */
  private writerTurn: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: BackendOptions,
    private readonly max = 2,
  ) {}

  executor(clockNow: () => Promise<string | null>, mailPassword: () => HandedPassword = () => ({ password: null, source: 'none' })): JobExecutor {
    return (method, input, report, cancel) => {
      let slot: Slot | null = null;
      let aborted = false;
      let settle: (r: CallResult<unknown>) => void = () => undefined;
      const result = new Promise<CallResult<unknown>>((resolve) => (settle = resolve));
      // Jobs that write run one after another, in the order they were started: two policy runs
      // for different days finishing in the wrong order would leave the older day's tasks.
      const writes = Object.prototype.hasOwnProperty.call(WRITING_JOBS, method);
      let endTurn = () => undefined as void;
      const previousTurn = this.writerTurn;
      if (writes) this.writerTurn = new Promise<void>((resolve) => (endTurn = resolve));
      void (async () => {
        // Said at once, so the progress bar moves even while a worker opens or another job finishes.
        report({ done: 0, total: 0, phase: 'Starting' });
        if (writes) await previousTurn;
        if (aborted) return endTurn();
        const taken = await this.take();
        if (aborted) {
          endTurn();
          return this.give(taken);
        }
        slot = taken;
        const id = this.nextId++;
        const onMessage = (msg: FromJobWorker) => {
          if (msg.type === 'progress' && msg.id === id) report(msg.progress);
          if (msg.type === 'result' && msg.id === id) finish(msg.result);
        };
        const onExit = () => finish({ ok: false, error: { code: 'internal', message: 'The job stopped unexpectedly; nothing it was doing was saved.' } });
        const finish = (r: CallResult<unknown>) => {
          taken.worker.off('message', onMessage);
          taken.worker.off('exit', onExit);
          if (!aborted) this.give(taken);
          endTurn();
          settle(r);
        };
        taken.worker.on('message', onMessage);
        taken.worker.once('exit', onExit);
        try {
          await taken.ready;
        } catch (err) {
          return finish({ ok: false, error: { code: 'internal', message: `Could not open the ledger for the job: ${(err as Error).message}` } });
        }
        const msg: ToJobWorker = {
          type: 'run',
          id,
          method,
          input,
          clockNow: await clockNow(),
          cancel: cancel.buffer,
          ...(method.startsWith('mail.') ? { mailPassword: mailPassword() } : {}),
        };
        taken.worker.postMessage(msg);
      })();
      return {
        result,
        abort: () => {
          aborted = true;
          if (slot) this.drop(slot);
          else settle({ ok: false, error: { code: 'cancelled', message: 'Cancelled before it started. Nothing was changed.' } });
        },
      };
    };
  }

  /** Whether a job is under way in a worker (its connection checkpoints its own commits). */
  get working(): boolean {
    return this.slots.some((s) => s.busy);
  }

  /** Opens a worker ahead of the first job, so its progress shows at once rather than after an open. */
  warm(): void {
    if (this.slots.length === 0) this.spawn();
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private take(): Promise<Slot> {
    const idle = this.slots.find((s) => !s.busy);
    if (idle) {
      idle.busy = true;
      return Promise.resolve(idle);
    }
    if (this.slots.length < this.max) {
      const slot = this.spawn();
      slot.busy = true;
      return Promise.resolve(slot);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private give(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }

  private drop(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    void slot.worker.terminate();
    // Someone waiting for a worker gets a fresh one in its place.
    const next = this.waiting.shift();
    if (next) {
      const fresh = this.spawn();
      fresh.busy = true;
      next(fresh);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(compiledScript('job-worker'), { workerData: this.options });
    const ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (msg: FromJobWorker) => {
        if (msg.type === 'ready') resolve();
        if (msg.type === 'failed') reject(new Error(msg.message));
      });
      worker.on('error', reject);
    });
    ready.catch(() => undefined);
    // A worker that dies on its own (out of memory…) leaves the pool; the next job gets a new one.
    worker.once('exit', () => {
      const i = this.slots.findIndex((s) => s.worker === worker);
      if (i >= 0) this.slots.splice(i, 1);
    });
    const slot: Slot = { worker, ready, busy: false };
    this.slots.push(slot);
    return slot;
  }
}
