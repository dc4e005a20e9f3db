import type { JobMethod, JobProgress, Input, Output } from '../../src-main/contract';
import { call, ServiceCallError } from './client';

export interface JobOptions {
  onProgress?(progress: JobProgress): void;
  /** Aborting cancels the job; the promise then rejects with a `cancelled` error. */
  signal?: AbortSignal;
}

/**
 * Long work (a letters batch, the policy run, exports): started as a job in the backend, then
 * polled for progress until it ends. Polls wait there for news, so this does not spin.
 */
export async function runJob<M extends JobMethod>(method: M, input: Input<M>, options: JobOptions = {}): Promise<Output<M>> {
  let state = await call('jobs.start', { method, input });
  const cancel = () => void call('jobs.cancel', { jobId: state.jobId }).catch(() => undefined);
  options.signal?.addEventListener('abort', cancel, { once: true });
  try {
    while (state.state === 'running') {
      if (state.progress) options.onProgress?.(state.progress);
      state = await call('jobs.poll', { jobId: state.jobId, waitMs: 1000 });
    }
  } finally {
    options.signal?.removeEventListener('abort', cancel);
  }
  const result = state.result!;
  if (!result.ok) throw new ServiceCallError(result.error.code, result.error.message, result.error.fields);
  return result.value as Output<M>;
}
