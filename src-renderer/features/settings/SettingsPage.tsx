import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import { call, ServiceCallError } from '../../api/client';
import Typography from '@mui/material/Typography';
import { useAppInfo } from '../../app/app-info';

function CollectionsSettings() {
  const [grace, setGrace] = useState<string>('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    let live = true;
    call('settings.get', {}).then((s) => live && setGrace(String(s.promiseGraceDays)), (err: Error) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, []);
  async function save() {
    setSaved(false);
    if (!/^\d+$/.test(grace.trim())) {
      setError('Enter a whole number of days');
      return;
    }
    try {
      await call('settings.update', { promiseGraceDays: Number(grace) });
      setError(null);
      setSaved(true);
    } catch (err) {
      setError(err instanceof ServiceCallError ? (err.fields.promiseGraceDays ?? err.message) : (err as Error).message);
    }
  }
  return (
    <Paper variant="outlined" sx={{ p: 3, maxWidth: 720, mb: 2 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        Collections
      </Typography>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start' }}>
        <TextField
          size="small"
          label="Grace days for promises"
          value={grace}
          onChange={(e) => setGrace(e.target.value)}
          error={!!error}
          helperText={error ?? 'How long after a promised date to wait for the money (post, bank transfers) before calling the promise broken.'}
          sx={{ maxWidth: 420 }}
        />
        <Button variant="outlined" onClick={() => void save()}>
          Save
        </Button>
      </Box>
      {saved && (
        <Typography role="status" variant="body2" color="success.main" sx={{ mt: 1 }}>
          Saved.
        </Typography>
      )}
    </Paper>
  );
}

export function SettingsPage() {
  const info = useAppInfo((s) => s.info);
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
      <CollectionsSettings />
      <Paper variant="outlined" sx={{ p: 3, maxWidth: 720 }}>
        <Typography color="text.secondary">
          Company letterhead, the escalation policy and backups will be set here as those features arrive.
        </Typography>
      </Paper>
    </section>
  );
}
