import { Ledger } from '../ledger/ledger';
import type { BackendOptions } from './protocol';

/** The ledger as the backend and its job workers open it: the same file, binding and busy wait. */
export function openBackendLedger(options: BackendOptions): Promise<Ledger> {
  return Ledger.open(options.ledgerPath, { nativeBinding: options.nativeBinding, busyTimeoutMs: options.busyTimeoutMs });
}
