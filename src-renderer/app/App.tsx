import Alert from '@mui/material/Alert';
import { useEffect } from 'react';
import { AgingPage } from '../features/aging/AgingPage';
import { prefetchAging } from '../features/aging/aging-store';
import { CustomerCardPage } from '../features/customer-card/CustomerCardPage';
import { CustomersPage } from '../features/customers/CustomersPage';
import { ReceivePaymentsPage } from '../features/entries/ReceivePaymentsPage';
import { ImportPage } from '../features/import/ImportPage';
import { LettersPage } from '../features/letters/LettersPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { WorklistPage } from '../features/worklist/WorklistPage';
import { AppShell } from './AppShell';
import { BusyNotice } from './BusyNotice';
import { useAppInfo } from './app-info';
import { useNav } from './navigation';

export function App() {
  const page = useNav((s) => s.page);
  const customerId = useNav((s) => s.customerId);
  const { load, error, info } = useAppInfo();
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (info) prefetchAging();
  }, [info]);

  return (
    <AppShell>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      {/* Pages wait for app.info: it sets the currency every amount on them is written in. */}
      {info && page === 'customers' && (customerId ? <CustomerCardPage key={customerId} customerId={customerId} /> : <CustomersPage />)}
      {info && page === 'payments' && <ReceivePaymentsPage />}
      {info && page === 'aging' && <AgingPage />}
      {info && page === 'worklist' && <WorklistPage />}
      {info && page === 'settings' && <SettingsPage />}
      {info && page === 'reports' && <ReportsPage />}
      {info && page === 'letters' && <LettersPage />}
      {info && page === 'import' && <ImportPage />}
      <BusyNotice />
    </AppShell>
  );
}
