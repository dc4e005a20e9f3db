import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { format } from 'date-fns';
import { useCallback, useEffect, useState } from 'react';
import type { BackupEntry, BackupList, BackupReason } from '../../../src-main/contract';
import { call } from '../../api/client';
import { DialogButtons, ErrorAlert } from '../../app/DialogParts';
import { toIsoDate } from '../../lib/dates';
import { useServiceForm } from '../../lib/use-service-form';
import { SaveOutcome } from './SaveOutcome';

const HIDDEN = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

const REASON_LABELS: Record<BackupReason, string> = {
  daily: 'Daily',
  'before-import': 'Before an import',
  'before-migration': 'Before an upgrade',
  'before-restore': 'Before a restore',
  manual: 'Backed up by hand',
};

/** When a backup was taken, on this computer's clock: the ledger's date form and the time. */
function takenAtLabel(iso: string): string {
  const d = new Date(iso);
  return `${toIsoDate(d)} ${format(d, 'HH:mm:ss')}`;
}

function sizeLabel(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function RestoreDialog({ backup, ledgerPath, onClose }: { backup: BackupEntry; ledgerPath: string | null; onClose(): void }) {
  const { message, busy, submit } = useServiceForm();
  const restore = () =>
    submit(async () => {
      await call('backups.restore', { file: backup.file });
      // Everything on screen came from the ledger that was just replaced.
      window.location.reload();
    });
  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="restore-backup-title" aria-describedby="restore-backup-text">
      <DialogTitle id="restore-backup-title">Restore the backup of {takenAtLabel(backup.takenAt)}?</DialogTitle>
      <DialogContent>
        <ErrorAlert message={message} />
        <DialogContentText id="restore-backup-text">
          The ledger{ledgerPath ? ` ${ledgerPath}` : ''} will be replaced by this backup ({REASON_LABELS[backup.reason].toLowerCase()}, {backup.file}): everything entered since{' '}
          {takenAtLabel(backup.takenAt)} will be gone from it. A copy of the ledger as it is now is made first, in the backups folder, so you can go back to it.
        </DialogContentText>
      </DialogContent>
      <DialogButtons onCancel={onClose} onConfirm={restore} disabled={busy} color="warning">
        Restore this backup
      </DialogButtons>
    </Dialog>
  );
}

/** Where the ledger's backups are, how many are kept, backing up now and restoring one. */
export function BackupsSettings({ ledgerPath }: { ledgerPath: string | null }) {
  const [list, setList] = useState<BackupList | null>(null);
  const [keep, setKeep] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<BackupEntry | null>(null);
  const { errors, setErrors, message, setMessage, busy, submit } = useServiceForm();

  const load = useCallback(async () => {
    const l = await call('backups.list', {});
    setList(l);
    return l;
  }, []);

  useEffect(() => {
    let live = true;
    call('backups.list', {}).then(
      (l) => {
        if (!live) return;
        setList(l);
        setKeep(String(l.keep));
      },
      (err: Error) => live && setMessage(err.message),
    );
    return () => {
      live = false;
    };
  }, [setMessage]);

  async function saveKeep() {
    setStatus(null);
    if (!/^\d+$/.test(keep.trim())) {
      setErrors({ keep: 'Enter a whole number of backups' });
      return;
    }
    await submit(async () => {
      const l = await call('backups.settingsUpdate', { keep: Number(keep) });
      setList(l);
      setKeep(String(l.keep));
      setErrors({});
      setMessage(null);
      setStatus('Saved.');
    });
  }

  async function backUpNow() {
    setStatus(null);
    await submit(async () => {
      const made = await call('backups.create', {});
      await load();
      setErrors({});
      setMessage(null);
      setStatus(`Backed up at ${takenAtLabel(made.takenAt)}.`);
    });
  }

  return (
    <Paper variant="outlined" component="section" aria-labelledby="backups-title" sx={{ p: 3, maxWidth: 720, mb: 2 }}>
      <Typography id="backups-title" variant="h6" component="h2" gutterBottom>
        Backups
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Settle backs up the ledger once a day, before every import and before an upgrade changes it. Restoring a backup checks it first and keeps a copy of
        the ledger as it was.
      </Typography>
      {!list ? (
        <Typography color="text.secondary">{message ? '' : 'Loading…'}</Typography>
      ) : (
        <>
          <dl style={{ margin: 0 }}>
            <Typography component="dt" variant="body2" color="text.secondary">
              Folder
            </Typography>
            <Typography component="dd" sx={{ ml: 0, mb: 2, wordBreak: 'break-all' }}>
              {list.folder}
            </Typography>
          </dl>
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', mb: 2 }}>
            <TextField
              size="small"
              label="Backups to keep"
              value={keep}
              onChange={(e) => {
                setKeep(e.target.value);
                setStatus(null);
                setErrors(({ keep: _gone, ...rest }) => rest);
              }}
              error={!!errors.keep}
              helperText={errors.keep ?? 'The newest are kept, whatever their reason; older ones are removed after the next backup (1 to 100).'}
              sx={{ maxWidth: 380 }}
            />
            <Button variant="outlined" disabled={busy} onClick={() => void saveKeep()}>
              Save backup settings
            </Button>
          </Box>
          {list.backups.length === 0 ? (
            <Typography color="text.secondary" sx={{ mb: 2 }}>
              No backups yet.
            </Typography>
          ) : (
            <Table size="small" aria-label="Backups" sx={{ mb: 2 }}>
              <TableHead>
                <TableRow>
                  <TableCell>Taken</TableCell>
                  <TableCell>Reason</TableCell>
                  <TableCell align="right">Size</TableCell>
                  <TableCell align="right">
                    <Box component="span" sx={HIDDEN}>
                      Restore
                    </Box>
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {list.backups.map((b) => (
                  <TableRow key={b.file}>
                    <TableCell title={b.file}>{takenAtLabel(b.takenAt)}</TableCell>
                    <TableCell>{REASON_LABELS[b.reason]}</TableCell>
                    <TableCell align="right">{sizeLabel(b.bytes)}</TableCell>
                    <TableCell align="right">
                      <Button size="small" disabled={busy} onClick={() => setRestoring(b)}>
                        Restore…
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </>
      )}
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center' }}>
        <Button variant="outlined" disabled={!list || busy} onClick={() => void backUpNow()}>
          Back up now
        </Button>
        <SaveOutcome status={status} message={message} />
      </Box>
      {restoring && <RestoreDialog backup={restoring} ledgerPath={ledgerPath} onClose={() => setRestoring(null)} />}
    </Paper>
  );
}
