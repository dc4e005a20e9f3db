import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { call } from '../../api/client';
import { useNav } from '../../app/navigation';
import { toIsoDate } from '../../lib/dates';

/** A new ledger's empty worklist: the first steps, instead of "nothing is due". */
export function FirstRun({ onLoaded }: { onLoaded(): void }) {
  const go = useNav((s) => s.go);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function loadDemo() {
    setLoading(true);
    setError(null);
    try {
      await call('demo.load', { today: toIsoDate(new Date()) });
      onLoaded();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setLoading(false);
    }
  }

  return (
    <Paper variant="outlined" component="section" aria-labelledby="first-run-title" sx={{ p: 3, maxWidth: 720 }}>
      <Typography id="first-run-title" variant="h6" component="h2" gutterBottom>
        This ledger is new
      </Typography>
      <Typography paragraph>
        There are no customers yet, so nothing is due. Put your letterhead on the letters Settle prints, bring in your customers and open invoices, or
        look around with demo data first (only into an empty ledger like this one).
      </Typography>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
        <Button variant="outlined" onClick={() => go('settings', null, 'letterhead')}>
          Set up your letterhead
        </Button>
        <Button variant="contained" onClick={() => go('import')}>
          Import
        </Button>
        <Button variant="outlined" onClick={() => void loadDemo()} disabled={loading}>
          {loading ? 'Loading demo data…' : 'Load demo data'}
        </Button>
      </Box>
    </Paper>
  );
}
