import type { JobContext, JobProgress } from '../contract/jobs';
import { ServiceError } from '../contract/service-error';

export const noJob: JobContext = { progress: () => undefined, checkCancelled: () => undefined };

export function cancelledError(): ServiceError {
  return new ServiceError('cancelled', 'Cancelled. Nothing was changed.');
}

/**
 * A cancel flag another thread can set while this one is busy in synchronous SQLite work: a
 * message could not be read until the work yields; shared memory can be read at any moment.
 */
export function cancelFlag(buffer: SharedArrayBuffer = new SharedArrayBuffer(4)): { buffer: SharedArrayBuffer; cancel(): void; cancelled(): boolean } {
  const cell = new Int32Array(buffer);
  return { buffer, cancel: () => void Atomics.store(cell, 0, 1), cancelled: () => Atomics.load(cell, 0) === 1 };
}

/** A JobContext reporting at most every `everyMs` (always the first and the last step). */
export function jobContext(report: (p: JobProgress) => void, cancelled: () => boolean, everyMs = 100): JobContext {
  let last = 0;
  return {
    progress(done, total, phase = '') {
      const now = Date.now();
      if (done !== 0 && done < total && now - last < everyMs) return;
      last = now;
      report({ done, total, phase });
    },
    checkCancelled() {
      if (cancelled()) throw cancelledError();
    },
  };
}
