import type { CallResult, DeskHandlers } from '../contract';
import { dispatch } from '../services/dispatch';
import { isDeskMethod } from './desk-methods';

/** Where the desk host starts: the same for browser mode and Electron. */
export interface DeskOptions {
  /** The user's settings folder, where the list of ledgers is kept (never inside a ledger). */
  userDataDir: string;
  /** better-sqlite3 built for Electron's ABI, when the desk runs inside Electron. */
  nativeBinding?: string;
}

export type ToDesk = { type: 'call'; id: number; method: unknown; input: unknown } | { type: 'opened'; path: string };
export type FromDesk = { type: 'result'; id: number; result: CallResult<unknown> };

export interface DeskHostPort {
  post(msg: FromDesk): void;
  onMessage(listener: (msg: ToDesk) => void): void;
}

/**
 * Answers the desk's calls (the list of ledgers, the morning overview) on its own thread: the
 * overview opens every ledger in the list in turn, which must not hold up the thread serving the
 * page or any ledger's backend. Only desk methods are answered here. `onOpened` hears of each
 * ledger a window side opens, so the list can say when it was last opened.
 */
export function serveDesk(port: DeskHostPort, handlers: Partial<DeskHandlers>, onOpened?: (ledgerPath: string) => void): void {
  port.onMessage((msg) => {
    if (msg.type === 'opened') {
      try {
        onOpened?.(msg.path);
      } catch {
        // Only "last opened" in the list is out of date; the ledger itself is open and working.
      }
      return;
    }
    if (msg.type !== 'call') return;
    const answer: Promise<CallResult<unknown>> = !isDeskMethod(msg.method)
      ? Promise.resolve({ ok: false, error: { code: 'unknown_method', message: `Not a call about the list of ledgers: ${String(msg.method)}` } })
      : !handlers[msg.method]
        ? Promise.resolve({ ok: false, error: { code: 'unknown_method', message: `This Settle cannot yet answer ${msg.method}.` } })
        : dispatch(handlers, msg.method, msg.input);
    void answer
      .catch((err: unknown): CallResult<unknown> => ({ ok: false, error: { code: 'internal', message: (err as Error).message } }))
      .then((result) => port.post({ type: 'result', id: msg.id, result }));
  });
}
