import type { z } from 'zod';
import type { LedgerAddSchema, LedgerCreateSchema, LedgerEntry, LedgerRenameSchema, TodayOverview } from '../../src-main/contract/ledgers';
import { call } from './client';

/**
 * The calls about the list of ledgers (the desk), typed from contract/ledgers.ts. The typed
 * `call` learns these methods when they are registered in contract/index.ts; until then this one
 * cast is where they are reached, so no screen needs one.
 */
const deskCall = call as unknown as <T>(method: string, input: unknown) => Promise<T>;

/** The list as `ledgers.list` answers it, whether the list itself or `{ ledgers }`. */
function entries(value: unknown): LedgerEntry[] {
  if (Array.isArray(value)) return value as LedgerEntry[];
  const wrapped = (value as { ledgers?: unknown } | null)?.ledgers;
  return Array.isArray(wrapped) ? (wrapped as LedgerEntry[]) : [];
}

export const desk = {
  list: async (): Promise<LedgerEntry[]> => entries(await deskCall<unknown>('ledgers.list', {})),
  create: (input: z.input<typeof LedgerCreateSchema>) => deskCall<LedgerEntry>('ledgers.create', input),
  add: (input: z.input<typeof LedgerAddSchema>) => deskCall<LedgerEntry>('ledgers.add', input),
  rename: (input: z.input<typeof LedgerRenameSchema>) => deskCall<unknown>('ledgers.rename', input),
  forget: (name: string) => deskCall<unknown>('ledgers.forget', { name }),
  today: (asOf?: string) => deskCall<TodayOverview>('today.overview', asOf ? { asOf } : {}),
};
