import { setLedgerInAddress } from '../api/ledger-store';
import { useAging } from '../features/aging/aging-store';
import { useCustomers } from '../features/customers/customers-store';
import { useTrail } from '../features/worklist/worklist-trail';
import { useAppInfo } from './app-info';
import { useNav, type Page } from './navigation';

/** The renderer's stores that hold one ledger's data: emptied when the tab changes ledger. */
const PER_LEDGER_STORES = [useCustomers, useAging, useTrail];

/**
 * Moves this tab to another ledger without a reload. In Electron each ledger has its own window,
 * so main opens (or brings forward) that one instead. `page` is where to land; by default the
 * page the clerk was on, without the customer card (that customer is in the other ledger).
 */
export async function switchLedger(ledgerPath: string, page?: Page): Promise<void> {
  if (window.settle) {
    const opened = await window.settle.openLedger(ledgerPath);
    if (!opened.ok) throw new Error(opened.message ?? 'The ledger could not be opened.');
    return;
  }
  setLedgerInAddress(ledgerPath);
  for (const store of PER_LEDGER_STORES) (store.setState as (s: unknown, replace: true) => void)(store.getInitialState(), true);
  useNav.getState().go(page ?? useNav.getState().page);
  await useAppInfo.getState().reload();
}
