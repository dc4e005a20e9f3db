import path from 'node:path';
import type { CallResult } from '../contract';
import { Backend } from './backend-client';
import type { BackendOptions } from './protocol';

/** What the set needs of one backend: the real one (backend-client.ts), or anything with its shape. */
export interface LedgerBackend {
  call(method: unknown, input: unknown): Promise<CallResult<unknown>>;
  describe(holder: string): void;
  close(): Promise<void>;
}

export interface BackendSetOptions {
  /** Starts the backend of one ledger; refuses as Backend.start does (ledger in use, newer schema…). */
  start?: (options: BackendOptions) => Promise<LedgerBackend>;
  /** Everything but the path, the same for every ledger (clock control, native binding…). */
  common?: Omit<BackendOptions, 'ledgerPath' | 'holder'>;
  /** What another Settle is told holds a ledger of this set. */
  holder: (ledgerPath: string) => string;
  /** A backend no window holds and unused this long is closed, its lock released. */
  idleMs?: number;
  /** How often idleness is checked; tests shorten it with idleMs. */
  sweepMs?: number;
  /** The clock idleness is measured by (tests drive their own). */
  now?: () => number;
  /** Told each time a ledger is opened (the desk notes it as last opened). */
  onOpened?: (ledgerPath: string) => void;
}

interface Slot {
  backend: Promise<LedgerBackend>;
  lastUsed: number;
  /** Calls in flight: a long `jobs.poll` counts as use for as long as it waits. */
  inFlight: number;
}

/** Ten minutes, unless SETTLE_IDLE_LEDGER_MS (tests) says otherwise. */
export function defaultIdleMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.SETTLE_IDLE_LEDGER_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : 10 * 60_000;
}

/**
 * The window side's backends, one per ledger file, each opened once with its own instance lock:
 * the same file cannot be open twice, whether through this set, another set or another Settle.
 * A ledger stays open while a window holds it (Electron's window on it, browser mode's launch
 * ledger); any other is closed once unused for `idleMs`, and opened again by its next call.
 */
export class BackendSet {
  private readonly slots = new Map<string, Slot>();
  /** Ledger path → how many windows hold it. */
  private readonly holds = new Map<string, number>();
  /** Backends being closed: a call for one waits until its lock is released, then opens it again. */
  private readonly closing = new Map<string, Promise<void>>();
  private readonly start: (options: BackendOptions) => Promise<LedgerBackend>;
  private readonly idleMs: number;
  private readonly sweeper: NodeJS.Timeout;
  private readonly now: () => number;
  private closed = false;

  constructor(private readonly options: BackendSetOptions) {
    this.start = options.start ?? ((o) => Backend.start(o));
    this.idleMs = options.idleMs ?? defaultIdleMs();
    this.now = options.now ?? Date.now;
    this.sweeper = setInterval(() => void this.closeIdle(), options.sweepMs ?? Math.min(60_000, Math.max(50, this.idleMs / 4)));
    this.sweeper.unref();
  }

  /** The backend of this ledger, started on first use; rejects with the reason it cannot be opened. */
  get(ledgerPath: string): Promise<LedgerBackend> {
    if (this.closed) return Promise.reject(new Error('Settle is closing.'));
    const key = path.resolve(ledgerPath);
    let slot = this.slots.get(key);
    if (!slot) {
      const options = { ...this.options.common, ledgerPath: key, holder: this.options.holder(key) };
      const closing = this.closing.get(key);
      const backend = closing ? closing.then(() => this.start(options)) : this.start(options);
      slot = { backend, lastUsed: this.now(), inFlight: 0 };
      this.slots.set(key, slot);
      // A refusal is not kept: the next call tries again (the other window may have closed).
      const mine = slot;
      backend.then(
        () => this.options.onOpened?.(key),
        () => this.slots.get(key) === mine && this.slots.delete(key),
      );
    }
    slot.lastUsed = this.now();
    return slot.backend;
  }

  /** One call to one ledger; a ledger that cannot be opened answers with its reason. */
  async call(ledgerPath: string, method: unknown, input: unknown): Promise<CallResult<unknown>> {
    let backend: LedgerBackend;
    try {
      backend = await this.get(ledgerPath);
    } catch (err) {
      return { ok: false, error: { code: 'conflict', message: (err as Error).message } };
    }
    const slot = this.slots.get(path.resolve(ledgerPath));
    if (slot) slot.inFlight++;
    try {
      return await backend.call(method, input);
    } finally {
      if (slot) {
        slot.inFlight--;
        slot.lastUsed = this.now();
      }
    }
  }

  /** A window shows this ledger: it stays open until released. Returns the release. */
  hold(ledgerPath: string): () => void {
    const key = path.resolve(ledgerPath);
    this.holds.set(key, (this.holds.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const n = (this.holds.get(key) ?? 1) - 1;
      if (n > 0) this.holds.set(key, n);
      else this.holds.delete(key);
      const slot = this.slots.get(key);
      if (slot) slot.lastUsed = this.now();
    };
  }

  isOpen(ledgerPath: string): boolean {
    return this.slots.has(path.resolve(ledgerPath));
  }

  /** Closes every backend unheld and unused for idleMs; returns the paths closed. */
  async closeIdle(now = this.now()): Promise<string[]> {
    const idle = [...this.slots].filter(([key, slot]) => !this.holds.has(key) && slot.inFlight === 0 && now - slot.lastUsed >= this.idleMs);
    await Promise.all(
      idle.map(([key, slot]) => {
        this.slots.delete(key);
        const done = slot.backend.then((b) => b.close()).catch(() => undefined);
        this.closing.set(key, done);
        return done.then(() => this.closing.get(key) === done && this.closing.delete(key));
      }),
    );
    return idle.map(([key]) => key);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    const all = [...this.slots.values()];
    this.slots.clear();
    await Promise.all(all.map((slot) => slot.backend.then((b) => b.close()).catch(() => undefined)));
  }
}
