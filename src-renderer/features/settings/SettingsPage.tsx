import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { LedgerSettings } from '../../../src-main/contract';
import { call } from '../../api/client';
import { useAppInfo } from '../../app/app-info';
import { BackupsSettings } from './BackupsSettings';
import { CollectionsSettings } from './CollectionsSettings';
import { FeeRulesSettings } from './FeeRulesSettings';
import { LetterSettings } from './LetterSettings';
import { MailSettings } from './MailSettings';
import { PolicyEditor } from './PolicyEditor';

export function SettingsPage() {
  const info = useAppInfo((s) => s.info);
  const [settings, setSettings] = useState<LedgerSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('settings.get', {}).then(
      (s) => live && setSettings(s),
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, []);
  return (
    <section aria-labelledby="page-title">
      <Typography id="page-title" variant="h5" component="h1" gutterBottom>
        Settings
      </Typography>
      <Paper variant="outlined" sx={{ p: 3, maxWidth: 720, mb: 2 }}>
        <Typography variant="h6" component="h2" gutterBottom>
          Ledger
        </Typography>
        {info ? (
          <dl style={{ margin: 0 }}>
            <Typography component="dt" variant="body2" color="text.secondary">
              File
            </Typography>
            <Typography component="dd" sx={{ ml: 0, mb: 1, wordBreak: 'break-all' }}>
              {info.ledgerPath}
            </Typography>
            <Typography component="dt" variant="body2" color="text.secondary">
              Schema version
            </Typography>
            <Typography component="dd" sx={{ ml: 0, mb: 1 }}>
              {info.schemaVersion}
            </Typography>
            <Typography component="dt" variant="body2" color="text.secondary">
              Settle version
            </Typography>
            <Typography component="dd" sx={{ ml: 0 }}>
              {info.version}
            </Typography>
          </dl>
        ) : (
          <Typography color="text.secondary">Loading…</Typography>
        )}
      </Paper>
      {error && (
        <Alert severity="error" role="alert" sx={{ mb: 2, maxWidth: 720 }}>
          {error}
        </Alert>
      )}
      {settings && <CollectionsSettings initial={settings} onSaved={setSettings} />}
      {settings && <PolicyEditor currency={settings.currency} />}
      {settings && <FeeRulesSettings currency={settings.currency} />}
      <LetterSettings />
      <MailSettings />
      <BackupsSettings ledgerPath={info?.ledgerPath ?? null} />
    </section>
  );
}
