import path from 'node:path';
import type { CallResult } from '../contract';
import type { BackendSet } from './backend-set';
import type { DeskPort } from './desk-client';
import type { LedgerEntry } from '../contract/ledgers';
import { isDeskMethod } from './desk-methods';

/** How long a ledger found in the list is served without asking the desk again. */
const LIST_TRUST_MS = 2_000;

const refusal = (code: 'validation' | 'unauthorized' | 'not_found' | 'internal', message: string): CallResult<unknown> => ({ ok: false, error: { code, message } });

/**
 * Where a call goes, for both transports: desk calls to the desk host; a ledger's calls to that
 * ledger's backend. A call names its ledger by the file's absolute path, or names none and goes
 * to the launch ledger. Only the launch ledger and ledgers in the user's list are opened, so a
 * page (or anything else that reaches the bridge) cannot make Settle open an arbitrary file.
 */
export class LedgerRouter {
  readonly launchLedger: string;
  private readonly trusted = new Map<string, number>();

  constructor(
    private readonly backends: BackendSet,
    private readonly desk: DeskPort,
    launchLedger: string,
  ) {
    this.launchLedger = path.resolve(launchLedger);
  }

  async call(method: unknown, input: unknown, ledger?: unknown): Promise<CallResult<unknown>> {
    if (isDeskMethod(method)) return this.desk.call(method, input);
    if (ledger === undefined || ledger === null || ledger === '') return this.backends.call(this.launchLedger, method, input);
    if (typeof ledger !== 'string') return refusal('validation', 'A call names its ledger by the file’s full path.');
    const problem = await this.refusal(ledger);
    return problem ?? this.backends.call(path.resolve(ledger), method, input);
  }

  /** Null when this ledger may be opened (the launch ledger, or in the list and there); otherwise the refusal. */
  async refusal(ledger: string): Promise<CallResult<unknown> | null> {
    if (!path.isAbsolute(ledger)) return refusal('validation', 'A call names its ledger by the file’s full path.');
    const file = path.resolve(ledger);
    if (file === this.launchLedger) return null;
    if ((this.trusted.get(file) ?? 0) > Date.now()) return null;
    const list = await this.desk.call('ledgers.list', {});
    if (!list.ok) return refusal('internal', `Settle could not check that ${file} is in your list of ledgers: ${list.error.message}`);
    const entry = (list.value as LedgerEntry[]).find((e) => path.resolve(e.path) === file);
    if (!entry) return refusal('unauthorized', `${file} is not in your list of ledgers. Add it on the Ledgers page first.`);
    if (!entry.present) return refusal('not_found', `The ledger file ${file} is missing: it was moved or deleted, or its drive is not connected.`);
    this.trusted.set(file, Date.now() + LIST_TRUST_MS);
    return null;
  }
}
