import type { CallResult, ErrorCode, Input, Method, Output } from '../../src-main/contract';
import { currentLedger } from './ledger-store';
import { useBusy } from './busy-store';
import { sessionToken } from './session-token';

declare global {
  interface Window {
    /** Present only inside the Electron window (exposed by the preload script). */
    settle?: {
      /** Main knows which ledger this window is on; the page does not name it. */
      call(method: string, input: unknown): Promise<CallResult<unknown>>;
      /** Opens (or brings forward) the window on that ledger. */
      openLedger(ledgerPath: string): Promise<{ ok: boolean; message?: string }>;
      /** Shows the ledger file in the system's file manager. */
      reveal(ledgerPath: string): Promise<{ ok: boolean; message?: string }>;
      /** The File menu's items that the page carries out. */
      onMenu(listener: (item: string) => void): void;
      /** Electron's print dialog over the PDF, or its save dialog. */
      pdf(action: 'print' | 'save', file: { fileName: string; base64: string }): Promise<{ ok: boolean; message?: string }>;
    };
  }
}

/** A service failure, with per-field messages when the input was the problem. */
export class ServiceCallError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ServiceCallError';
  }
}

/** The contract's FILE_CARRYING_METHODS (the renderer imports only the contract's types). */
const FILE_METHODS: readonly Method[] = ['imports.inspect', 'imports.run', 'imports.detectSource', 'imports.source'];

/** A whole CSV file rides in these calls; browser mode takes them at an address with a larger limit. */
function carriesFile(method: string, input: unknown): boolean {
  if ((FILE_METHODS as readonly string[]).includes(method)) return true;
  return method === 'jobs.start' && (input as { method?: unknown }).method === 'imports.run';
}

async function send(method: string, input: unknown): Promise<CallResult<unknown>> {
  if (window.settle) return window.settle.call(method, input);
  let res: Response;
  try {
    res = await fetch(carriesFile(method, input) ? '/api/import' : '/api/call', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${sessionToken()}` },
      // The tab's ledger; none means the one Settle was started on.
      body: JSON.stringify({ method, input, ledger: currentLedger() ?? undefined }),
    });
  } catch {
    return { ok: false, error: { code: 'internal', message: 'Settle is not running. Start it again and open the address it prints.' } };
  }
  return (await res.json()) as CallResult<unknown>;
}

/** The renderer's only way to the ledger; it cannot tell which transport carries the call. */
export async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
  let result = await send(method, input);
  // Another program holds the write lock: the clerk decides whether to try again.
  while (!result.ok && result.error.code === 'busy' && (await useBusy.getState().ask(result.error.message))) {
    result = await send(method, input);
  }
  if (!result.ok) throw new ServiceCallError(result.error.code, result.error.message, result.error.fields);
  return result.value as Output<M>;
}
