import { create } from 'zustand';

export const PAGES = ['worklist', 'customers', 'aging', 'letters', 'reports', 'settings'] as const;
export type Page = (typeof PAGES)[number];

function pageFromHash(): Page {
  const name = window.location.hash.replace(/^#\/?/, '');
  return (PAGES as readonly string[]).includes(name) ? (name as Page) : 'worklist';
}

interface NavState {
  page: Page;
  go(page: Page): void;
}

/** The current page lives in the address hash, so a reload (or Electron's file://) keeps it. */
export const useNav = create<NavState>((set) => ({
  page: pageFromHash(),
  go(page) {
    if (window.location.hash !== `#/${page}`) window.location.hash = `/${page}`;
    set({ page });
  },
}));

window.addEventListener('hashchange', () => useNav.setState({ page: pageFromHash() }));
