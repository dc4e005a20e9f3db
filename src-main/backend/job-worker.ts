import { parentPort, workerData } from 'node:worker_threads';
import type { Handlers } from '../contract';
import type { Ledger } from '../ledger/ledger';
import { openBackendLedger } from './open-ledger';
import { noteWriter } from '../ledger/writer-note';
import { createHandlers } from '../services/create-services';
import { dispatch } from '../services/dispatch';
import { cancelFlag, jobContext, noJob } from '../jobs/job-context';
import { HandedCredentials } from '../mail/credentials';
import { WRITING_JOBS, type BackendOptions, type FromJobWorker, type ToJobWorker } from './protocol';

// A worker thread of the backend that runs long jobs on its own connection to the ledger, so the
// backend's own thread keeps answering clicks meanwhile (WAL lets them read while this writes).

/**
 * Test-only: SETTLE_TEST_SLOW_JOBS_MS makes every unit of a job take at least that long, so an
 * end-to-end test can catch a letters batch under way and cancel it. Never set for users.
 */
const SLOW_MS = Number(process.env.SETTLE_TEST_SLOW_JOBS_MS ?? 0);
const pause = new Int32Array(new SharedArrayBuffer(4));

const port = parentPort!;
const options = workerData as BackendOptions;
const post = (msg: FromJobWorker) => port.postMessage(msg);

const credentials = new HandedCredentials();
const opened: Promise<{ ledger: Ledger; handlers: Handlers }> = openBackendLedger(options).then((ledger) => ({
  ledger,
  // Pinnable so a job sees the backend's clock, which tests may have pinned.
  handlers: createHandlers(ledger, { clockControl: true, dailyBackups: false, credentials }),
}));
opened.then(
  () => post({ type: 'ready' }),
  (err: unknown) => post({ type: 'failed', message: (err as Error).message }),
);

port.on('message', (msg: ToJobWorker) => {
  void (async () => {
    const { ledger, handlers } = await opened;
    await handlers['clock.set']({ now: msg.clockNow }, noJob);
    credentials.hand(msg.mailPassword);
    const flag = cancelFlag(msg.cancel);
    const done = WRITING_JOBS[msg.method] ? noteWriter(ledger.path, WRITING_JOBS[msg.method]) : () => undefined;
    try {
      const job = jobContext((progress) => post({ type: 'progress', id: msg.id, progress }), () => {
        if (SLOW_MS > 0) Atomics.wait(pause, 0, 0, SLOW_MS);
        return flag.cancelled();
      });
      const result = await dispatch(handlers, msg.method, msg.input, undefined, job);
      post({ type: 'result', id: msg.id, result });
    } finally {
      credentials.hand(undefined);
      done();
    }
  })().catch((err: unknown) => post({ type: 'result', id: msg.id, result: { ok: false, error: { code: 'internal', message: (err as Error).message } } }));
});
