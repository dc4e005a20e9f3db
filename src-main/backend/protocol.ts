import type { AppInfo, CallResult, JobProgress } from '../contract';
import type { HandedPassword } from '../mail/credentials';

/**
 * The messages between the process that shows windows (Electron's main process, the browser
 * bridge) and the backend that owns the ledger. A call carries a sequence number and its answer
 * comes back with it, so many calls can be in flight at once.
 */
export interface BackendOptions {
  ledgerPath: string;
  /** better-sqlite3 built for Electron's ABI, in the utility process. */
  nativeBinding?: string;
  clockControl?: boolean;
  /** How long a write waits for another program's lock before answering `busy` (tests shorten it). */
  busyTimeoutMs?: number;
  /** What a second instance is told holds the ledger; without it no instance lock is taken. */
  holder?: string;
  /**
   * Electron only: the mail password the operating system's credential store keeps for this
   * ledger (main process, safeStorage), handed over at start. A new one is posted back as a
   * `credential` message for main to store; the backend never writes it anywhere itself.
   */
  osCredential?: { password: string | null };
}

export type ToBackend =
  | { type: 'start'; options: BackendOptions }
  | { type: 'call'; id: number; method: unknown; input: unknown }
  | { type: 'describe'; holder: string }
  | { type: 'close' };

export type FromBackend =
  | { type: 'ready'; info: AppInfo }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; result: CallResult<unknown> }
  /** Electron only: the mail password to keep in the OS credential store (null: forget it). */
  | { type: 'credential'; password: string | null }
  | { type: 'closed' };

/** Between the backend and one of its job workers. */
export type ToJobWorker = {
  type: 'run';
  id: number;
  method: string;
  input: unknown;
  clockNow: string | null;
  cancel: SharedArrayBuffer;
  /** For jobs that send email: the mail server's password, held only in the worker's memory for the job. */
  mailPassword?: HandedPassword;
};
export type FromJobWorker =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'progress'; id: number; progress: JobProgress }
  | { type: 'result'; id: number; result: CallResult<unknown> };

/**
 * The job methods that write to the ledger, with how another program waiting for the write lock
 * is told about them. They run one after another (job-pool.ts) and leave a writer note.
 */
export const WRITING_JOBS: Readonly<Record<string, string>> = {
  'policy.run': 'a policy run in Settle',
  'letters.send': 'a letters batch in Settle',
  'statements.print': 'a statements batch in Settle',
  'imports.run': 'an import in Settle',
  'mail.send': 'an email batch in Settle',
  'mail.retry': 'an email batch in Settle',
};
