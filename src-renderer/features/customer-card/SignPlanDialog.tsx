import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { PaymentPlan } from '../../../src-main/contract';
import { call } from '../../api/client';
import { DialogButtons, ErrorAlert } from '../../app/DialogParts';
import { useServiceForm } from '../../lib/use-service-form';
import { DateField } from '../../app/DateField';

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
  const { errors, setErrors, message, setMessage, busy, submit } = useServiceForm();

  async function save() {
    const local: Record<string, string> = {};
    if (!signedOn) local.signedOn = 'Enter the date the agreement was signed';
    if (!signedBy.trim()) local.signedBy = 'Say who signed for the customer';
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setMessage(Object.keys(local).length === 1 ? 'Please correct the highlighted field.' : 'Please correct the highlighted fields.');
      return;
    }
    await submit(async () => {
      await call('plans.sign', { id: plan.id, signedOn, signedBy });
      onSaved(`Payment plan ${plan.id} signed by ${signedBy.trim()}`);
    });
  }

  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth aria-labelledby="sign-plan-title">
      <DialogTitle id="sign-plan-title">Mark plan {plan.id} signed</DialogTitle>
      <DialogContent>
        <ErrorAlert message={message} />
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
      <DialogButtons onCancel={onClose} disabled={busy} onConfirm={save}>
        Mark signed
      </DialogButtons>
    </Dialog>
  );
}
