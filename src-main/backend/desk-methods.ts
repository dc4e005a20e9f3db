import { DESK_METHODS, type DeskMethod } from '../contract';

/**
 * The calls about the list of ledgers rather than one of them (contract/ledgers.ts). They go to
 * the desk host, never to a ledger's backend; `templates.copyFrom` and `policy.copyFrom` are
 * about the ledger copied into, so they go to its backend like any other call.
 */
export const isDeskMethod = (m: unknown): m is DeskMethod => (DESK_METHODS as readonly unknown[]).includes(m);
