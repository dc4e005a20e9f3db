import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { Fragment, useEffect } from 'react';
import { AgingPage } from '../features/aging/AgingPage';
import { prefetchAging } from '../features/aging/aging-store';
import { CustomerCardPage } from '../features/customer-card/CustomerCardPage';
import { CustomersPage } from '../features/customers/CustomersPage';
import { ReceivePaymentsPage } from '../features/entries/ReceivePaymentsPage';
import { ImportPage } from '../features/import/ImportPage';
import { LedgersPage } from '../features/ledgers/LedgersPage';
import { TodayPage } from '../features/ledgers/TodayPage';
import { LettersPage } from '../features/letters/LettersPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { WorklistPage } from '../features/worklist/WorklistPage';
import { useLedger } from '../api/ledger-store';
import { AppShell } from './AppShell';
import { BusyNotice } from './BusyNotice';
import { useAppInfo } from './app-info';
import { useNav } from './navigation';

export function App() {
  const page = useNav((s) => s.page);
  const customerId = useNav((s) => s.customerId);
  const go = useNav((s) => s.go);
  const { load, error, info } = useAppInfo();
  const ledger = useLedger((s) => s.ledger);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (info) prefetchAging();
  }, [info]);
  useEffect(() => {
    window.settle?.onMenu((item) => (item === 'new-ledger' ? go('ledgers', null, 'new-ledger') : item === 'ledgers' && go('ledgers')));
  }, [go]);

  return (
    <AppShell>
      {error && (
        <Alert
          severity="error"
          sx={{ mb: 2 }}
          action={
            <Button color="inherit" size="small" onClick={() => go('ledgers')}>
              Ledgers…
            </Button>
          }
        >
          {error}
        </Alert>
      )}
      {/* Pages wait for app.info: it sets the currency every amount on them is written in. Keyed
          by the ledger, so a switch starts every page afresh on the other ledger's data. */}
      {/* The pages about every ledger need none open: they are the way out of one that cannot be. */}
      {(info || error) && page === 'today' && <TodayPage key={`today:${ledger ?? ''}`} />}
      {(info || error) && page === 'ledgers' && <LedgersPage key={`ledgers:${ledger ?? ''}`} />}
      {info && (
        <Fragment key={`ledger:${ledger ?? ''}`}>
          {page === 'customers' && (customerId ? <CustomerCardPage key={customerId} customerId={customerId} /> : <CustomersPage />)}
          {page === 'payments' && <ReceivePaymentsPage />}
          {page === 'aging' && <AgingPage />}
          {page === 'worklist' && <WorklistPage />}
          {page === 'settings' && <SettingsPage />}
          {page === 'reports' && <ReportsPage />}
          {page === 'letters' && <LettersPage />}
          {page === 'import' && <ImportPage />}
        </Fragment>
      )}
      <BusyNotice />
    </AppShell>
  );
}
