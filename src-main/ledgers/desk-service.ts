import type { z } from 'zod';
import type { DeskHandlers, LedgerEntry, TodayOverview } from '../contract';
import type { LedgerAddSchema, LedgerCreateSchema, LedgerRenameSchema } from '../contract/ledgers';
import { localToday } from '../money/dates';
import { LedgerList, ledgerListFile } from './ledger-list';
import { todayOverview } from './ledger-today';
import { createClientLedger } from './new-ledger';

/**
 * The consultant's desk: the list of client ledgers and the morning overview across them. It is
 * bound to no ledger (each is opened only for as long as it is read), so the transports call it
 * beside, not through, the handlers of the ledger a window has open.
 */
export class DeskService {
  readonly list: LedgerList;

  constructor(
    listFile: string = ledgerListFile(),
    private readonly now: () => Date = () => new Date(),
  ) {
    this.list = new LedgerList(listFile, now);
  }

  ledgers(): LedgerEntry[] {
    return this.list.list();
  }

  create(x: z.output<typeof LedgerCreateSchema>): Promise<LedgerEntry> {
    return createClientLedger(this.list, x);
  }

  add(x: z.output<typeof LedgerAddSchema>): LedgerEntry {
    return this.list.add(x.path, x.name);
  }

  rename(x: z.output<typeof LedgerRenameSchema>): LedgerEntry {
    return this.list.rename(x.name, x.newName);
  }

  forget(name: string): LedgerEntry {
    return this.list.forget(name);
  }

  /** Every ledger in the list on that day (the clerk's today when not given). */
  today(asOf?: string): Promise<TodayOverview> {
    return todayOverview(this.list.list(), asOf ?? localToday(this.now()), this.now);
  }
}

/** The desk's contract methods, for the transports to dispatch to (see services/dispatch.ts). */
export function deskHandlers(desk: DeskService): DeskHandlers {
  return {
    'ledgers.list': async () => desk.ledgers(),
    'ledgers.create': (i) => desk.create(i),
    'ledgers.add': async (i) => desk.add(i),
    'ledgers.rename': async (i) => desk.rename(i),
    'ledgers.forget': async (i) => desk.forget(i.name),
    'today.overview': (i) => desk.today(i.asOf),
  };
}
