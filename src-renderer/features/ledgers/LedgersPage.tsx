import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { LedgerEntry } from '../../../src-main/contract/ledgers';
import { desk } from '../../api/desk';
import { useAppInfo } from '../../app/app-info';
import { useNav } from '../../app/navigation';
import { switchLedger } from '../../app/switch-ledger';
import { formatDateTime } from '../../lib/dates';
import { formatMoneyIn } from '../../lib/money';
import { AddLedgerDialog, NewLedgerDialog, RenameLedgerDialog, RevealLedgerDialog } from './LedgerDialogs';
import { useLedgers } from './ledgers-store';

type Open = { kind: 'new' } | { kind: 'add' } | { kind: 'rename'; entry: LedgerEntry } | { kind: 'reveal'; entry: LedgerEntry } | null;

/**
 * The client ledgers this user works on: the list kept in their settings (never in a ledger),
 * with each one's morning figures from the overview. A file gone from its place is shown as
 * missing, to forget or to put back; it is never opened (that would make a new, empty ledger).
 */
export function LedgersPage() {
  const { entries, error, figures: today, refresh } = useLedgers();
  const current = useAppInfo((s) => s.info?.ledgerPath);
  const [chosen, setDialog] = useState<Open>(null);
  // The File menu's "New client ledger…" arrives as an intent (also when already on this page).
  const menuAsksNew = useNav((s) => s.intent === 'new-ledger');
  const dialog: Open = menuAsksNew ? { kind: 'new' } : chosen;
  const closeDialog = () => {
    if (menuAsksNew) useNav.getState().takeIntent();
    setDialog(null);
  };
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  async function run(action: () => Promise<unknown>, done: string) {
    setProblem(null);
    try {
      await action();
      setNotice(done);
      await refresh();
    } catch (err) {
      setProblem((err as Error).message);
    }
  }

  async function reveal(entry: LedgerEntry) {
    const shown = window.settle ? await window.settle.reveal(entry.path) : null;
    if (!shown?.ok) setDialog({ kind: 'reveal', entry });
  }

  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 2 }}>
        <Typography id="page-title" variant="h5" component="h1" sx={{ flexGrow: 1 }}>
          Ledgers
        </Typography>
        <Button variant="contained" onClick={() => setDialog({ kind: 'new' })}>
          New client ledger…
        </Button>
        <Button onClick={() => setDialog({ kind: 'add' })}>Add existing ledger…</Button>
      </Box>
      {notice && (
        <Alert severity="success" role="status" sx={{ mb: 2 }} onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {(problem ?? error) && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {problem ?? error}
        </Alert>
      )}
      <Table size="small" aria-labelledby="page-title">
        <TableHead>
          <TableRow>
            <TableCell>Company</TableCell>
            <TableCell>Name</TableCell>
            <TableCell>File</TableCell>
            <TableCell>Last opened</TableCell>
            <TableCell align="right">Open tasks</TableCell>
            <TableCell align="right">Overdue</TableCell>
            <TableCell>Actions</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {entries?.length === 0 && (
            <TableRow>
              <TableCell colSpan={7}>No client ledgers yet: create one for a new client, or add a ledger file you already have.</TableCell>
            </TableRow>
          )}
          {(entries ?? []).map((e) => {
            const t = today.get(e.path);
            const isCurrent = e.path === current;
            return (
              <TableRow key={e.path} aria-label={e.name} selected={isCurrent}>
                <TableCell>{e.company || '—'}</TableCell>
                <TableCell>
                  {e.name} {isCurrent && <Chip size="small" label="Open here" sx={{ ml: 1 }} />}
                  {!e.present && <Chip size="small" color="warning" label="Missing" sx={{ ml: 1 }} />}
                </TableCell>
                <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{e.path}</TableCell>
                <TableCell>{formatDateTime(e.lastOpened) || '—'}</TableCell>
                <TableCell align="right">{t?.state === 'ok' ? t.tasksDue : '—'}</TableCell>
                <TableCell align="right">{t?.state === 'ok' ? formatMoneyIn(t.overdue, t.currency) : '—'}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {e.present && (
                    <>
                      <Button size="small" disabled={isCurrent} aria-label={`Open ${e.name}`} onClick={() => void run(() => switchLedger(e.path, 'worklist'), `Opened ${e.name}`)}>
                        Open
                      </Button>
                      <Button size="small" aria-label={`Rename ${e.name}`} onClick={() => setDialog({ kind: 'rename', entry: e })}>
                        Rename
                      </Button>
                      <Button size="small" aria-label={`Reveal ${e.name}`} onClick={() => void reveal(e)}>
                        Reveal
                      </Button>
                    </>
                  )}
                  <Button size="small" disabled={isCurrent} aria-label={`Forget ${e.name}`} onClick={() => void run(() => desk.forget(e.name), `${e.name} is no longer in the list; its file was left as it is`)}>
                    Forget
                  </Button>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {dialog?.kind === 'new' && (
        <NewLedgerDialog
          onClose={closeDialog}
          onCreated={(entry) => {
            closeDialog();
            setNotice(`Created ${entry.name} at ${entry.path}`);
            void refresh();
          }}
        />
      )}
      {dialog?.kind === 'add' && (
        <AddLedgerDialog
          onClose={closeDialog}
          onAdded={(entry) => {
            closeDialog();
            setNotice(`Added ${entry.name}`);
            void refresh();
          }}
        />
      )}
      {dialog?.kind === 'rename' && (
        <RenameLedgerDialog
          entry={dialog.entry}
          onClose={closeDialog}
          onRenamed={() => {
            closeDialog();
            setNotice('Renamed');
            void refresh();
          }}
        />
      )}
      {dialog?.kind === 'reveal' && <RevealLedgerDialog entry={dialog.entry} onClose={closeDialog} />}
    </Box>
  );
}
