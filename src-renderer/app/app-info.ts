import { create } from 'zustand';
import type { AppInfo } from '../../src-main/contract';
import { call } from '../api/client';

interface AppInfoState {
  info: AppInfo | null;
  error: string | null;
  load(): Promise<void>;
}

export const useAppInfo = create<AppInfoState>((set) => ({
  info: null,
  error: null,
  async load() {
    try {
      set({ info: await call('app.info', {}), error: null });
    } catch (err) {
      set({ error: (err as Error).message });
    }
  },
}));
