import { create } from 'zustand';
import type { LedgerEntry, LedgerToday } from '../../../src-main/contract/ledgers';
import { desk } from '../../api/desk';

interface LedgersState {
  /** The user's list of ledgers, as the desk last answered (null until it has). */
  entries: LedgerEntry[] | null;
  error: string | null;
  /** Each ledger's morning figures by path (the Ledgers page's open tasks and overdue). */
  figures: Map<string, LedgerToday>;
  load(): Promise<void>;
  /** The list and its figures. */
  refresh(): Promise<void>;
}

/** The recent ledgers, shared by the switcher in the top bar and the Ledgers page. */
export const useLedgers = create<LedgersState>((set, get) => ({
  entries: null,
  error: null,
  figures: new Map(),
  async load() {
    try {
      set({ entries: await desk.list(), error: null });
    } catch (err) {
      set({ error: (err as Error).message });
    }
  },
  async refresh() {
    await get().load();
    try {
      const overview = await desk.today();
      set({ figures: new Map(overview.ledgers.map((l) => [l.path, l])) });
    } catch {
      // The figures are a help; the list itself still shows without them.
    }
  },
}));

/** The list's entry for this ledger file, if it is in the list. */
export function entryFor(entries: LedgerEntry[] | null, ledgerPath: string | undefined): LedgerEntry | undefined {
  return ledgerPath ? entries?.find((e) => e.path === ledgerPath) : undefined;
}

/** How the top bar and the window title name a ledger: its company, else its name, else its file. */
export function ledgerTitle(entry: LedgerEntry | undefined, ledgerPath: string): string {
  return entry?.company || entry?.name || (ledgerPath.split(/[\\/]/).pop() ?? ledgerPath);
}
