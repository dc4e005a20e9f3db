import { create } from 'zustand';
import type { AppInfo } from '../../src-main/contract';
import { call } from '../api/client';
import { setMoneyStyle } from '../lib/money';

interface AppInfoState {
  info: AppInfo | null;
  error: string | null;
  load(): Promise<void>;
  /** After switching ledgers: nothing is shown until the new ledger's money style is known. */
  reload(): Promise<void>;
}

export const useAppInfo = create<AppInfoState>((set, get) => ({
  info: null,
  error: null,
  async load() {
    try {
      const info = await call('app.info', {});
      setMoneyStyle(info.currency, info.locale);
      set({ info, error: null });
    } catch (err) {
      set({ error: (err as Error).message });
    }
  },
  async reload() {
    set({ info: null, error: null });
    await get().load();
  },
}));
