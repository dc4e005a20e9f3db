import { create } from 'zustand';

/**
 * Calls refused because another program is writing to the ledger wait here for the clerk to say
 * Retry or Cancel (app/BusyNotice.tsx shows the question). Several refused calls share it.
 */
interface BusyState {
  message: string | null;
  waiting: Array<(retry: boolean) => void>;
  ask(message: string): Promise<boolean>;
  answer(retry: boolean): void;
}

export const useBusy = create<BusyState>((set, get) => ({
  message: null,
  waiting: [],
  ask: (message) => new Promise<boolean>((resolve) => set({ message, waiting: [...get().waiting, resolve] })),
  answer: (retry) => {
    const waiting = get().waiting;
    set({ message: null, waiting: [] });
    waiting.forEach((w) => w(retry));
  },
}));
