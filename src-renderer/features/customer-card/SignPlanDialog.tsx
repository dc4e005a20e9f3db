import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { PaymentPlan } from '../../../src-main/contract';
import { call, ServiceCallError } from '../../api/client';
import { DateField } from './DateField';

interface Props {
  plan: PaymentPlan;
  today: string;
  onClose(): void;
  onSaved(message: string): void;
}

/** The customer has signed the agreement: from that day their payments count towards the plan. */
export function SignPlanDialog({ plan, today, onClose, onSaved }: Props) {
  const [signedOn, setSignedOn] = useState(today);
  const [signedBy, setSignedBy] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save() {
    const local: Record<string, string> = {};
    if (!signedOn) local.signedOn = 'Enter the date the agreement was signed';
    if (!signedBy.trim()) local.signedBy = 'Say who signed for the customer';
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setMessage(Object.keys(local).length === 1 ? 'Please correct the highlighted field.' : 'Please correct the highlighted fields.');
      return;
    }
    setBusy(true);
    try {
      await call('plans.sign', { id: plan.id, signedOn, signedBy });
      onSaved(`Payment plan ${plan.id} signed by ${signedBy.trim()}`);
    } catch (err) {
      setErrors(err instanceof ServiceCallError ? err.fields : {});
      setMessage((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth aria-labelledby="sign-plan-title">
      <DialogTitle id="sign-plan-title">Mark plan {plan.id} signed</DialogTitle>
      <DialogContent>
        {message && (
          <Alert severity="error" role="alert" sx={{ mb: 2 }}>
            {message}
          </Alert>
        )}
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          From the day it is signed, the customer&apos;s payments count towards the instalments, and their status changes to On payment plan.
        </Typography>
        <Box sx={{ display: 'grid', gap: 2 }}>
          <DateField label="Signed on" value={signedOn} onChange={setSignedOn} error={errors.signedOn || undefined} />
          <TextField
            size="small"
            required
            label="Signed by"
            value={signedBy}
            onChange={(e) => setSignedBy(e.target.value)}
            error={!!errors.signedBy}
            helperText={errors.signedBy || 'The name of the person who signed for the customer'}
          />
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={busy} onClick={() => void save()}>
          Mark signed
        </Button>
      </DialogActions>
    </Dialog>
  );
}
