import { create } from 'zustand';

/**
 * The ledger this tab talks to: its file's absolute path, or null for the ledger Settle was
 * started on. It lives in the address (`?ledger=…`), so a reload or a copied address stays on it.
 * Electron's window gets it the same way from main, which opened the window on that ledger.
 */
interface LedgerState {
  ledger: string | null;
}

function ledgerFromAddress(): string | null {
  return new URL(window.location.href).searchParams.get('ledger') || null;
}

export const useLedger = create<LedgerState>(() => ({ ledger: ledgerFromAddress() }));

/** What every call names (api/client.ts reads it on each call). */
export function currentLedger(): string | null {
  return useLedger.getState().ledger;
}

/** Points the tab at another ledger: the address first, so a reload lands on it too. */
export function setLedgerInAddress(ledger: string | null): void {
  const url = new URL(window.location.href);
  if (ledger) url.searchParams.set('ledger', ledger);
  else url.searchParams.delete('ledger');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  useLedger.setState({ ledger });
}
