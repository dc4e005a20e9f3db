import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useAppInfo } from '../../app/app-info';

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
      <Paper variant="outlined" sx={{ p: 3, maxWidth: 720 }}>
        <Typography color="text.secondary">
          Company letterhead, aging buckets, the escalation policy and backups will be set here as those features arrive.
        </Typography>
      </Paper>
    </section>
  );
}
