import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { call, ServiceCallError } from '../../api/client';

interface Dispute {
  id: number;
  status: string;
  owner: string | null;
}

/** Who is putting this dispute right: a dispute without an owner tends to sit. */
export function DisputeOwnerDialog({ dispute, onClose, onSaved }: { dispute: Dispute; onClose(): void; onSaved(owner: string): void }) {
  const [owner, setOwner] = useState(dispute.owner ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save() {
    const name = owner.trim();
    // The service would clear the owner on an empty name; here the clerk means to set one.
    if (!name) {
      setErrors({ owner: 'Name who will put this right' });
      return;
    }
    setSaving(true);
    try {
      // The update writes the status too, so the current one is sent to keep it.
      const status = dispute.status === 'investigating' ? 'investigating' : 'open';
      await call('disputes.update', { id: dispute.id, owner: name, status });
      onSaved(name);
    } catch (err) {
      setErrors(err instanceof ServiceCallError ? err.fields : {});
      setMessage((err as Error).message);
      setSaving(false);
    }
  }

  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth aria-labelledby="dispute-owner-title">
      <DialogTitle id="dispute-owner-title">Set dispute owner</DialogTitle>
      <DialogContent>
        {message && (
          <Alert severity="error" role="alert" sx={{ mb: 2 }}>
            {message}
          </Alert>
        )}
        <TextField
          autoFocus
          fullWidth
          required
          size="small"
          label="Owner"
          value={owner}
          onChange={(e) => setOwner(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void save();
          }}
          error={!!errors.owner}
          helperText={errors.owner ?? 'The person who will put the problem right and report back.'}
          slotProps={{ htmlInput: { maxLength: 80 } }}
          sx={{ mt: 1 }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={saving} onClick={() => void save()}>
          Save owner
        </Button>
      </DialogActions>
    </Dialog>
  );
}
