import { JOB_METHODS, type CallResult, type Handlers, type JobMethod } from '../contract';
import { acquireInstanceLock, type InstanceLock } from '../ledger/instance-lock';
import type { Ledger } from '../ledger/ledger';
import { openBackendLedger } from './open-ledger';
import { createHandlers } from '../services/create-services';
import { dispatch } from '../services/dispatch';
import { warmUp } from '../services/warm-up';
import { noJob } from '../jobs/job-context';
import { JobTable } from '../jobs/job-table';
import { JobPool } from './job-pool';
import { restoreBackup } from '../backup/backup-restore';
import type { RestoreSummary } from '../contract/backups';
import type { BackendOptions, FromBackend, ToBackend } from './protocol';
import { osCredentials, sessionCredentials, type CredentialStore } from '../mail/credentials';

const isJobMethod = (m: unknown): m is JobMethod => (JOB_METHODS as readonly unknown[]).includes(m);

/** Where the host reads and writes messages: a worker thread's port or Electron's parentPort. */
export interface HostPort {
  post(msg: FromBackend): void;
  onMessage(listener: (msg: ToBackend) => void): void;
}

/**
 * The backend: owns the open ledger, answers calls in arrival order on its own thread, and hands
 * long work to job workers so it keeps answering meanwhile. It runs in a worker thread (browser
 * mode) or an Electron utility process; the process that shows windows only forwards messages.
 */
export class BackendHost {
  private ledger!: Ledger;
  private handlers!: Handlers;
  private lock: InstanceLock | null = null;
  private readonly pool: JobPool;
  private readonly jobs: JobTable;
  /** Calls wait here while the ledger is closed for a restore. */
  private gate: Promise<void> = Promise.resolve();

  /** The mail server's password for this ledger (never in the ledger); job workers are handed it per job. */
  private readonly credentials: CredentialStore;

  private constructor(
    private readonly options: BackendOptions,
    post?: (msg: FromBackend) => void,
  ) {
    this.credentials =
      options.osCredential && post ? osCredentials(options.osCredential, (password) => post({ type: 'credential', password })) : sessionCredentials(options.ledgerPath);
    // Job workers are handed the password per job, not in their start options.
    this.pool = new JobPool({ ...options, osCredential: undefined });
    this.jobs = new JobTable(
      this.pool.executor(
        async () => {
          const clock = await this.handlers['clock.get']({}, noJob);
          return clock.pinned ? clock.now : null;
        },
        () => this.credentials.read(),
      ),
    );
  }

  static async start(options: BackendOptions, post?: (msg: FromBackend) => void): Promise<BackendHost> {
    const host = new BackendHost(options, post);
    if (options.holder) host.lock = acquireInstanceLock(options.ledgerPath, options.holder, options.nativeBinding);
    try {
      host.ledger = await openBackendLedger(options);
    } catch (err) {
      host.lock?.release();
      throw err;
    }
    host.bind();
    warmUp(host.handlers);
    host.pool.warm();
    return host;
  }

  async call(method: unknown, input: unknown): Promise<CallResult<unknown>> {
    await this.gate;
    // A job method called directly still runs in a job worker; the caller just waits for the end.
    if (isJobMethod(method)) return this.jobs.run(method, input);
    return dispatch(this.handlers, method, input);
  }

  private bind(): void {
    this.ledger.checkpointWhenIdle(1000, () => this.pool.working);
    this.handlers = createHandlers(this.ledger, {
      clockControl: this.options.clockControl,
      jobs: this.jobs,
      credentials: this.credentials,
      restore: (file) => this.restore(file),
    });
  }

  /**
   * "Restore from a backup" in the running app: new calls wait, the job workers and the ledger
   * are closed (restoreBackup refuses while any connection is open), the checked copy replaces the
   * file, and the ledger is opened again, whatever happened, before the calls go on.
   */
  private async restore(file: string): Promise<RestoreSummary> {
    let reopened!: () => void;
    this.gate = new Promise<void>((resolve) => (reopened = resolve));
    const clock = await this.handlers['clock.get']({}, noJob);
    try {
      await this.pool.close();
      await this.ledger.close();
      return await restoreBackup(this.options.ledgerPath, file);
    } finally {
      this.ledger = await openBackendLedger(this.options);
      this.bind();
      if (clock.pinned) await this.handlers['clock.set']({ now: clock.now }, noJob);
      this.pool.warm();
      reopened();
    }
  }

  describe(holder: string): void {
    this.lock?.describe(holder);
  }

  async close(): Promise<void> {
    await this.pool.close();
    await this.ledger.close();
    this.lock?.release();
  }

  /** Serves one port until told to close. */
  static serve(port: HostPort, onClosed: () => void): void {
    let host: Promise<BackendHost> | null = null;
    port.onMessage((msg) => {
      if (msg.type === 'start') {
        host = BackendHost.start(msg.options, (m) => port.post(m));
        host.then(
          async (h) => port.post({ type: 'ready', info: (await h.handlers['app.info']({}, noJob)) }),
          (err: unknown) => port.post({ type: 'failed', message: (err as Error).message }),
        );
        host.catch(() => undefined);
        return;
      }
      if (!host) return;
      if (msg.type === 'call') {
        void host
          .then((h) => h.call(msg.method, msg.input))
          .catch((err: unknown): CallResult<unknown> => ({ ok: false, error: { code: 'internal', message: (err as Error).message } }))
          .then((result) => port.post({ type: 'result', id: msg.id, result }));
      } else if (msg.type === 'describe') {
        void host.then((h) => h.describe(msg.holder));
      } else if (msg.type === 'close') {
        void host
          .then((h) => h.close())
          .catch(() => undefined)
          .then(() => {
            port.post({ type: 'closed' });
            onClosed();
          });
      }
    });
  }
}
