import type { LedgerEntry } from '../contract/ledgers';

/**
 * The calls about the list of ledgers rather than one of them (contract/ledgers.ts). They go to
 * the desk host, never to a ledger's backend; `templates.copyFrom` and `policy.copyFrom` are
 * about the ledger copied into, so they go to its backend like any other call.
 */
export const DESK_METHODS = ['ledgers.list', 'ledgers.create', 'ledgers.add', 'ledgers.rename', 'ledgers.forget', 'today.overview'] as const;
export type DeskMethod = (typeof DESK_METHODS)[number];

export const isDeskMethod = (m: unknown): m is DeskMethod => (DESK_METHODS as readonly unknown[]).includes(m);

/** The entries of a `ledgers.list` answer, whether it is the list itself or `{ ledgers: [...] }`. */
export function ledgerEntries(value: unknown): LedgerEntry[] {
  if (Array.isArray(value)) return value as LedgerEntry[];
  const wrapped = (value as { ledgers?: unknown } | null)?.ledgers;
  return Array.isArray(wrapped) ? (wrapped as LedgerEntry[]) : [];
}
