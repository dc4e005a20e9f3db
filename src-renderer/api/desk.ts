import type { Input } from '../../src-main/contract';
import { call } from './client';

/** The calls about the list of ledgers (the desk), answered by the desk host rather than a ledger's backend. */
export const desk = {
  list: () => call('ledgers.list', {}),
  create: (input: Input<'ledgers.create'>) => call('ledgers.create', input),
  add: (input: Input<'ledgers.add'>) => call('ledgers.add', input),
  rename: (input: Input<'ledgers.rename'>) => call('ledgers.rename', input),
  forget: (name: string) => call('ledgers.forget', { name }),
  today: (asOf?: string) => call('today.overview', asOf ? { asOf } : {}),
};
