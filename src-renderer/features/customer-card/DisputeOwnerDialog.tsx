import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { call } from '../../api/client';
import { DialogButtons, ErrorAlert } from '../../app/DialogParts';
import { useServiceForm } from '../../lib/use-service-form';

interface Dispute {
  id: number;
  status: string;
  owner: string | null;
}

/** Who is putting this dispute right: a dispute without an owner tends to sit. */
export function DisputeOwnerDialog({ dispute, onClose, onSaved }: { dispute: Dispute; onClose(): void; onSaved(owner: string): void }) {
  const [owner, setOwner] = useState(dispute.owner ?? '');
  const { errors, setErrors, message, busy, submit } = useServiceForm();

  async function save() {
    const name = owner.trim();
    // The service would clear the owner on an empty name; here the clerk means to set one.
    if (!name) {
      setErrors({ owner: 'Name who will put this right' });
      return;
    }
    await submit(async () => {
      // The update writes the status too, so the current one is sent to keep it.
      const status = dispute.status === 'investigating' ? 'investigating' : 'open';
      await call('disputes.update', { id: dispute.id, owner: name, status });
      onSaved(name);
    });
  }

  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth aria-labelledby="dispute-owner-title">
      <DialogTitle id="dispute-owner-title">Set dispute owner</DialogTitle>
      <DialogContent>
        <ErrorAlert message={message} />
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
      <DialogButtons onCancel={onClose} disabled={busy} onConfirm={save}>
        Save owner
      </DialogButtons>
    </Dialog>
  );
}
