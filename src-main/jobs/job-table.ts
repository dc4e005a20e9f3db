import type { CallResult } from '../contract/errors';
import type { JobMethod, JobProgress, JobState } from '../contract/jobs';
import { ServiceError } from '../contract/service-error';
import { cancelFlag, cancelledError } from './job-context';

/** Runs one job somewhere (this thread, a worker) and settles with the method's result. */
export type JobExecutor = (
  method: JobMethod,
  input: unknown,
  report: (p: JobProgress) => void,
  cancel: { buffer: SharedArrayBuffer; cancelled(): boolean },
) => { result: Promise<CallResult<unknown>>; abort(): void };

interface Entry {
  state: JobState;
  flag: ReturnType<typeof cancelFlag>;
  abort(): void;
  waiters: Array<() => void>;
  finished: Promise<void>;
}

/** How long a cancelled job may take to notice before it is stopped by force. */
const CANCEL_GRACE_MS = 700;
const KEEP_FINISHED = 20;

/**
 * The jobs of one open ledger: their progress, results and cancellation, whatever runs them.
 * Polls wait for news (a progress step or the end) so the renderer need not spin.
 */
export class JobTable {
  private readonly jobs = new Map<string, Entry>();
  private next = 1;

  constructor(private readonly execute: JobExecutor) {}

  start(method: JobMethod, input: unknown): JobState {
    const jobId = `job-${this.next++}`;
    const flag = cancelFlag();
    const state: JobState = { jobId, method, state: 'running', startedAt: new Date().toISOString(), progress: null, result: null };
    const entry: Entry = { state, flag, abort: () => undefined, waiters: [], finished: Promise.resolve() };
    this.jobs.set(jobId, entry);
    const wake = () => entry.waiters.splice(0).forEach((w) => w());
    let running: ReturnType<JobExecutor>;
    try {
      running = this.execute(method, input, (p) => ((state.progress = p), wake()), flag);
    } catch (err) {
      running = { result: Promise.reject(err as Error), abort: () => undefined };
    }
    entry.abort = running.abort;
    entry.finished = running.result
      .catch((err: unknown): CallResult<unknown> => ({
        ok: false,
        error: err instanceof ServiceError ? err.toData() : { code: 'internal', message: `The job stopped: ${(err as Error)?.message ?? String(err)}` },
      }))
      .then((result) => {
        // Stopped by force: the cancel already answered. Otherwise a job that finished its work
        // before noticing the cancel keeps its real result.
        if (state.state === 'done') return;
        state.result = result;
        state.state = 'done';
        wake();
        this.forgetOld();
      });
    return { ...state };
  }

  async poll(jobId: string, waitMs = 0): Promise<JobState> {
    const entry = this.entry(jobId);
    if (entry.state.state === 'running' && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        entry.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
    return { ...entry.state };
  }

  /** Asks the job to stop; one that does not stop within the grace period is stopped by force. */
  async cancel(jobId: string): Promise<JobState> {
    const entry = this.entry(jobId);
    if (entry.state.state === 'done') return { ...entry.state };
    entry.flag.cancel();
    const stopped = await Promise.race([entry.finished.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), CANCEL_GRACE_MS))]);
    if (!stopped) {
      entry.abort();
      if (entry.state.state === 'running') {
        entry.state.result = { ok: false, error: cancelledError().toData() };
        entry.state.state = 'done';
        entry.waiters.splice(0).forEach((w) => w());
      }
    }
    return { ...entry.state };
  }

  /** Starts a job and waits for its result: how a direct call of a job method is served. */
  async run(method: JobMethod, input: unknown): Promise<CallResult<unknown>> {
    const { jobId } = this.start(method, input);
    const entry = this.entry(jobId);
    await entry.finished;
    return entry.state.result!;
  }

  private entry(jobId: string): Entry {
    const entry = this.jobs.get(jobId);
    if (!entry) throw new ServiceError('not_found', `There is no job ${jobId} (finished jobs are forgotten after a while).`);
    return entry;
  }

  private forgetOld(): void {
    const done = [...this.jobs.values()].filter((e) => e.state.state === 'done');
    for (const e of done.slice(0, Math.max(0, done.length - KEEP_FINISHED))) this.jobs.delete(e.state.jobId);
  }
}
