import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { LedgerToday, TodayOverview } from '../../../src-main/contract/ledgers';
import { desk } from '../../api/desk';
import { switchLedger } from '../../app/switch-ledger';
import { formatDate, formatDateTime } from '../../lib/dates';
import { formatMoneyIn } from '../../lib/money';

function Figure({ label, value, note }: { label: string; value: string | number; note?: string }) {
  return (
    <Box role="group" aria-label={label}>
      <Typography variant="body2" color="text.secondary" aria-hidden>
        {label}
      </Typography>
      <Typography variant="h6" component="p">
        {value}
      </Typography>
      {note && (
        <Typography variant="caption" color="text.secondary">
          {note}
        </Typography>
      )}
    </Box>
  );
}

function LedgerCard({ l, onOpen }: { l: LedgerToday; onOpen(): void }) {
  const title = l.company || l.name;
  const body =
    l.state === 'ok' ? (
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 1.5 }}>
        <Figure label="Tasks due" value={l.tasksDue} />
        <Figure label="Broken promises" value={l.brokenPromises} />
        <Figure label="Letters to print" value={l.lettersDue} note={l.emailsDue > 0 ? `and ${l.emailsDue} to send by email` : undefined} />
        <Figure label="Overdue" value={formatMoneyIn(l.overdue, l.currency)} />
        <Figure label="61+ days" value={formatMoneyIn(l.over60, l.currency)} />
        <Figure label="Last backup" value={l.lastBackup ? formatDateTime(l.lastBackup) : 'Never'} />
      </Box>
    ) : (
      <Alert severity="warning">{l.state === 'missing' ? `Missing: there is no file at ${l.path}` : `Cannot be read: ${l.problem ?? 'not a Settle ledger'}`}</Alert>
    );
  return (
    <Card variant="outlined" component="section" aria-label={title}>
      {l.state === 'ok' ? (
        <CardActionArea onClick={onOpen} aria-label={`Open the worklist of ${title}`}>
          <CardContent>
            <Typography variant="h6" component="h2" gutterBottom>
              {title}
            </Typography>
            {body}
          </CardContent>
        </CardActionArea>
      ) : (
        <CardContent>
          <Typography variant="h6" component="h2" gutterBottom>
            {title}
          </Typography>
          {body}
        </CardContent>
      )}
    </Card>
  );
}

/**
 * The morning across clients: each ledger in the list, read by the desk without being opened
 * here. A click opens that ledger's worklist.
 */
export function TodayPage() {
  const [overview, setOverview] = useState<TodayOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    desk.today().then(setOverview, (err: Error) => setError(err.message));
  }, []);
  return (
    <Box>
      <Typography id="page-title" variant="h5" component="h1" sx={{ mb: 2 }}>
        Today{overview ? ` — ${formatDate(overview.asOf)}` : ''}
      </Typography>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      {overview?.ledgers.length === 0 && <Typography>No client ledgers in the list yet: add them on the Ledgers page.</Typography>}
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(360px, 1fr))', gap: 2 }}>
        {overview?.ledgers.map((l) => (
          <LedgerCard key={l.path} l={l} onOpen={() => void switchLedger(l.path, 'worklist').catch((err: Error) => setError(err.message))} />
        ))}
      </Box>
    </Box>
  );
}
