import { create } from 'zustand';

export const PAGES = ['today', 'worklist', 'customers', 'payments', 'aging', 'letters', 'reports', 'settings', 'import', 'ledgers'] as const;
export type Page = (typeof PAGES)[number];

interface Route {
  page: Page;
  /** A customer's card, under Customers. */
  customerId: number | null;
}

function routeFromHash(): Route {
  const [name, id] = window.location.hash.replace(/^#\/?/, '').split('/');
  const page = (PAGES as readonly string[]).includes(name) ? (name as Page) : 'worklist';
  const customerId = page === 'customers' && /^\d+$/.test(id ?? '') ? Number(id) : null;
  return { page, customerId };
}

type Intent = 'call' | 'letterhead' | 'new-ledger' | null;

interface NavState extends Route {
  /** Set when arriving at a card to log a call straight away (one keystroke from the worklist), at Settings to fill in the letterhead, or at Ledgers to create one (File menu). */
  intent: Intent;
  go(page: Page, customerId?: number | null, intent?: Intent): void;
  takeIntent(): Intent;
}

/** The current page lives in the address hash, so a reload (or Electron's file://) keeps it. */
export const useNav = create<NavState>((set, get) => ({
  ...routeFromHash(),
  intent: null,
  go(page, customerId = null, intent = null) {
    const hash = `#/${page}${customerId ? `/${customerId}` : ''}`;
    if (window.location.hash !== hash) window.location.hash = hash.slice(1);
    set({ page, customerId, intent });
  },
  takeIntent() {
    const intent = get().intent;
    if (intent) set({ intent: null });
    return intent;
  },
}));

window.addEventListener('hashchange', () => useNav.setState(routeFromHash()));
