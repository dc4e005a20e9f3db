import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { LedgerEntry } from '../../../src-main/contract/ledgers';
import { desk } from '../../api/desk';
import { DialogButtons, ErrorAlert } from '../../app/DialogParts';
import { useServiceForm } from '../../lib/use-service-form';

/** A form of text fields whose messages come from the desk's validation (contract/ledgers.ts). */
function useFields<T extends Record<string, string>>(initial: T) {
  const [v, setV] = useState(initial);
  const form = useServiceForm();
  const field = (key: keyof T & string, label: string, extra: { required?: boolean; helper?: string; autoFocus?: boolean } = {}) => (
    <TextField
      size="small"
      label={label}
      required={extra.required}
      autoFocus={extra.autoFocus}
      value={v[key]}
      onChange={(e) => {
        setV((x) => ({ ...x, [key]: e.target.value }));
        form.setMessage(null);
        form.setErrors((errs) => Object.fromEntries(Object.entries(errs).filter(([k]) => k !== key)));
      }}
      error={!!form.errors[key]}
      helperText={form.errors[key] ?? extra.helper ?? ' '}
    />
  );
  return { v, field, ...form };
}

/** A new client's ledger: a new file, its letterhead's company and its currency. */
export function NewLedgerDialog({ onClose, onCreated }: { onClose(): void; onCreated(entry: LedgerEntry): void }) {
  const { v, field, message, busy, submit } = useFields({ path: '', company: '', currency: 'USD', name: '' });
  const save = () =>
    submit(async () => {
      onCreated(await desk.create({ path: v.path, company: v.company, currency: v.currency, name: v.name.trim() || undefined }));
    });
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="new-ledger-title">
      <DialogTitle id="new-ledger-title">New client ledger</DialogTitle>
      <DialogContent>
        <ErrorAlert message={message} />
        <Box sx={{ display: 'grid', gap: 1.5, pt: 1 }}>
          {field('company', 'Company', { required: true, autoFocus: true, helper: 'The client company; its letterhead starts with this name' })}
          {field('path', 'Ledger file', { required: true, helper: 'Full path of the new file, e.g. /home/me/Clients/acme.sqlite' })}
          {field('currency', 'Currency', { required: true, helper: 'A three-letter code such as USD' })}
          {field('name', 'Name in the list', { helper: 'The company’s name when left empty' })}
        </Box>
      </DialogContent>
      <DialogButtons onCancel={onClose} onConfirm={save} disabled={busy}>
        Create ledger
      </DialogButtons>
    </Dialog>
  );
}

/** A ledger file that already exists (a colleague's, one moved from another computer). */
export function AddLedgerDialog({ onClose, onAdded }: { onClose(): void; onAdded(entry: LedgerEntry): void }) {
  const { v, field, message, busy, submit } = useFields({ path: '', name: '' });
  const save = () => submit(async () => onAdded(await desk.add({ path: v.path, name: v.name.trim() || undefined })));
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="add-ledger-title">
      <DialogTitle id="add-ledger-title">Add existing ledger</DialogTitle>
      <DialogContent>
        <ErrorAlert message={message} />
        <Box sx={{ display: 'grid', gap: 1.5, pt: 1 }}>
          {field('path', 'Ledger file', { required: true, autoFocus: true, helper: 'Full path of the ledger file' })}
          {field('name', 'Name in the list', { helper: 'The company’s name when left empty' })}
        </Box>
      </DialogContent>
      <DialogButtons onCancel={onClose} onConfirm={save} disabled={busy}>
        Add ledger
      </DialogButtons>
    </Dialog>
  );
}

export function RenameLedgerDialog({ entry, onClose, onRenamed }: { entry: LedgerEntry; onClose(): void; onRenamed(): void }) {
  const { v, field, message, busy, submit } = useFields({ newName: entry.name });
  const save = () =>
    submit(async () => {
      await desk.rename({ name: entry.name, newName: v.newName });
      onRenamed();
    });
  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth aria-labelledby="rename-ledger-title">
      <DialogTitle id="rename-ledger-title">Rename {entry.name}</DialogTitle>
      <DialogContent>
        <ErrorAlert message={message} />
        <Box sx={{ display: 'grid', pt: 1 }}>{field('newName', 'New name', { required: true, autoFocus: true })}</Box>
      </DialogContent>
      <DialogButtons onCancel={onClose} onConfirm={save} disabled={busy}>
        Rename
      </DialogButtons>
    </Dialog>
  );
}

function folderOf(file: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return cut > 0 ? file.slice(0, cut) : file;
}

/** Browser mode cannot open a folder window: it shows where the file is, to copy. */
export function RevealLedgerDialog({ entry, onClose }: { entry: LedgerEntry; onClose(): void }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('Copied');
    } catch {
      setCopied('Copying is not allowed here: select the path and copy it by hand');
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="reveal-ledger-title">
      <DialogTitle id="reveal-ledger-title">Where {entry.name} is kept</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary">
          Folder
        </Typography>
        <Typography sx={{ fontFamily: 'monospace', wordBreak: 'break-all', mb: 1.5 }} aria-label="Folder">
          {folderOf(entry.path)}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          File
        </Typography>
        <Typography sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }} aria-label="File">
          {entry.path}
        </Typography>
        {copied && (
          <Typography role="status" variant="body2" sx={{ mt: 1.5 }}>
            {copied}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => void copy(folderOf(entry.path))}>Copy folder</Button>
        <Button onClick={() => void copy(entry.path)}>Copy path</Button>
        <Button variant="contained" onClick={onClose}>
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}
