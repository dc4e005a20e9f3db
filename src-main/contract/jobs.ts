import { z } from 'zod';
import type { CallResult } from './errors';

/**
 * Long work runs as a job: started, then polled for progress and its result, and cancellable.
 * These methods may also be called directly (the call then waits for the end, without progress).
 */
export const JOB_METHODS = ['policy.run', 'letters.send', 'statements.print', 'aging.export', 'reports.disputes', 'reports.trend', 'reports.export', 'certified.logPdf', 'imports.run', 'bureau.preview', 'mail.send', 'mail.retry'] as const;
export type JobMethod = (typeof JOB_METHODS)[number];

const JobId = z.string().regex(/^job-\d{1,12}$/, 'Not a job id');

export const JobStartSchema = z.strictObject({
  method: z.enum(JOB_METHODS),
  /** Checked against the method's own schema when the job starts. */
  input: z.unknown(),
});
export const JobPollSchema = z.strictObject({
  jobId: JobId,
  /** Wait up to this long for news (progress or the end) before answering. */
  waitMs: z.number().int().min(0).max(2000).default(0),
});
export const JobCancelSchema = z.strictObject({ jobId: JobId });

export interface JobProgress {
  done: number;
  total: number;
  /** What the job is doing, in words for the progress bar ("Letters", "Customers"). */
  phase: string;
}

export interface JobState {
  jobId: string;
  method: JobMethod;
  state: 'running' | 'done';
  startedAt: string;
  progress: JobProgress | null;
  /** The method's own result once done: its value, or its error (`cancelled` after a cancel). */
  result: CallResult<unknown> | null;
}

/**
 * What a long piece of work is given so it can say how far it has got and stop when the clerk
 * cancels. Services take it as an optional last argument; outside a job it does nothing.
 */
export interface JobContext {
  /** How far the work has got; cheap to call per row (reporters throttle). */
  progress(done: number, total: number, phase?: string): void;
  /**
   * Throws a `cancelled` error once the clerk has cancelled. Called between units of work inside
   * the job's transaction, so the throw rolls everything back.
   */
  checkCancelled(): void;
}
