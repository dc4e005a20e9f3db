import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { Profile } from '../../../src-main/contract';
import { call } from '../../api/client';
import { DialogButtons, ErrorAlert } from '../../app/DialogParts';
import { PROFILE_LABELS, profileLabel } from '../../lib/customer-labels';
import { useServiceForm } from '../../lib/use-service-form';

// A select cannot hold null, so "No profile" has a value of its own.
const NO_PROFILE = 'none';

interface Props {
  customerId: number;
  current: Profile | null;
  /** What Settle suggests now; saved beside the decision whatever the clerk chooses. */
  suggested: Profile | null;
  /** Preselected profile (confirming a suggestion), else nothing is chosen yet. */
  initialProfile?: Profile | null;
  /** Prefilled "Why" (the suggestion's reasons), editable. */
  initialReason?: string;
  onClose(): void;
  onSaved(message: string): void;
}

/** Setting or clearing the late-payer profile: always with the clerk's reason, which goes on the timeline. */
export function ProfileDialog({ customerId, current, suggested, initialProfile, initialReason = '', onClose, onSaved }: Props) {
  const [choice, setChoice] = useState<string>(initialProfile === undefined ? '' : (initialProfile ?? NO_PROFILE));
  const [reason, setReason] = useState(initialReason);
  const { errors, setErrors, message, setMessage, busy, submit } = useServiceForm();

  async function save() {
    if (choice === '') {
      setErrors({ profile: 'Choose a profile, or No profile' });
      setMessage(null);
      return;
    }
    const profile = choice === NO_PROFILE ? null : (choice as Profile);
    await submit(async () => {
      const r = await call('profiles.set', { customerId, profile, reason, suggested });
      onSaved(r.label ? `Profile set to ${r.label}` : 'Profile cleared');
    });
  }

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="profile-dialog-title">
      <DialogTitle id="profile-dialog-title">{current ? 'Change profile' : 'Set profile'}</DialogTitle>
      <DialogContent>
        <ErrorAlert message={message} />
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          Now: {current ? profileLabel(current) : 'no profile'}
          {suggested && suggested !== current ? ` · Settle suggests ${profileLabel(suggested)}` : ''}
        </Typography>
        <TextField
          select
          fullWidth
          size="small"
          label="Profile"
          value={choice}
          onChange={(e) => {
            setChoice(e.target.value);
            setErrors(({ profile: _, ...rest }) => rest);
          }}
          error={!!errors.profile}
          helperText={errors.profile}
          sx={{ mt: 1, mb: 2 }}
        >
          {Object.entries(PROFILE_LABELS).map(([value, label]) => (
            <MenuItem key={value} value={value}>
              {label}
              {value === suggested ? ' (suggested)' : ''}
            </MenuItem>
          ))}
          <MenuItem value={NO_PROFILE}>No profile</MenuItem>
        </TextField>
        <TextField
          fullWidth
          required
          multiline
          minRows={3}
          label="Why"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={!!errors.reason}
          helperText={errors.reason ?? 'Kept on the customer’s record and timeline.'}
        />
      </DialogContent>
      <DialogButtons onCancel={onClose} disabled={busy} onConfirm={save}>
        Save profile
      </DialogButtons>
    </Dialog>
  );
}
