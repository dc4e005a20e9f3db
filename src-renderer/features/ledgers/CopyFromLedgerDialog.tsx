import Autocomplete from '@mui/material/Autocomplete';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { LedgerEntry } from '../../../src-main/contract/ledgers';
import { desk } from '../../api/desk';
import { DialogButtons, ErrorAlert } from '../../app/DialogParts';
import { useAppInfo } from '../../app/app-info';

interface Props {
  title: string;
  /** For a template: the names to suggest (this ledger's templates); null copies the policy. */
  templateNames: string[] | null;
  onCopy(from: string, template: string | null): Promise<void>;
  onClose(): void;
}

/**
 * Copies a letter template or the escalation policy from another ledger in the list into this
 * one: each client's ledger keeps its own, and a consultant starts a new client from one that works.
 */
export function CopyFromLedgerDialog({ title, templateNames, onCopy, onClose }: Props) {
  const here = useAppInfo((s) => s.info?.ledgerPath);
  const [others, setOthers] = useState<LedgerEntry[] | null>(null);
  const [from, setFrom] = useState('');
  const [template, setTemplate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    desk.list().then(
      (list) => setOthers(list.filter((l) => l.present && l.path !== here)),
      (err: Error) => setError(err.message),
    );
  }, [here]);

  async function copy() {
    setBusy(true);
    setError(null);
    try {
      await onCopy(from, templateNames ? template.trim() : null);
      onClose();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth aria-labelledby="copy-from-title">
      <DialogTitle id="copy-from-title">{title}</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 2, pt: '8px !important' }}>
        <ErrorAlert message={error} />
        {others && others.length === 0 ? (
          <Typography>No other ledger is in your list. Add one on the Ledgers page first.</Typography>
        ) : (
          <TextField select label="From the ledger" value={from} onChange={(e) => setFrom(e.target.value)} disabled={!others}>
            {(others ?? []).map((l) => (
              <MenuItem key={l.path} value={l.name}>
                {l.name}
                {l.company && l.company !== l.name ? ` (${l.company})` : ''}
              </MenuItem>
            ))}
          </TextField>
        )}
        {templateNames && (
          <Autocomplete
            freeSolo
            options={templateNames}
            inputValue={template}
            onInputChange={(_e, v) => setTemplate(v)}
            renderInput={(params) => <TextField {...params} label="Template" helperText="Its name in that ledger; a template of the same name here gets it as its next version" />}
          />
        )}
        {!templateNames && <Typography variant="body2">The whole escalation policy, steps and all, replaces this ledger’s. This ledger’s templates stay as they are.</Typography>}
      </DialogContent>
      <DialogButtons onCancel={onClose} onConfirm={copy} disabled={busy || !from || (templateNames !== null && !template.trim())}>
        Copy
      </DialogButtons>
    </Dialog>
  );
}
