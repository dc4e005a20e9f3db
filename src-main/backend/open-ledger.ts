import { Ledger } from '../ledger/ledger';
import { useNativeBinding } from '../ledger/sqlite-binding';
import type { BackendOptions } from './protocol';

/** The ledger as the backend and its job workers open it: the same file, binding and busy wait. */
export function openBackendLedger(options: BackendOptions): Promise<Ledger> {
  // Every raw connection of this process (lock, backups, copies from other ledgers) uses the same binary.
  useNativeBinding(options.nativeBinding);
  return Ledger.open(options.ledgerPath, { nativeBinding: options.nativeBinding, busyTimeoutMs: options.busyTimeoutMs });
}
