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

interface Props {
  plan: PaymentPlan;
  today: string;
  onClose(): void;
  onSaved(message: string): void;
}

/**
 * Ending a plan early: withdrawing an offer not yet signed, or cancelling a signed plan. Either
 * way the reason goes on the customer's record.
 */
export function CancelPlanDialog({ plan, today, onClose, onSaved }: Props) {
  const signed = plan.status === 'signed';
  const verb = signed ? 'Cancel' : 'Withdraw';
  const [reason, setReason] = useState('');
  const { errors, setErrors, message, setMessage, busy, submit } = useServiceForm();

  async function save() {
    if (!reason.trim()) {
      setErrors({ reason: signed ? 'Say why the plan is cancelled' : 'Say why the offer is withdrawn' });
      setMessage('Please correct the highlighted field.');
      return;
    }
    await submit(async () => {
      await call('plans.cancel', { id: plan.id, reason, today });
      onSaved(signed ? `Payment plan ${plan.id} cancelled` : `Payment plan ${plan.id} withdrawn`);
    });
  }

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="cancel-plan-title">
      <DialogTitle id="cancel-plan-title">
        {verb} plan {plan.id}
      </DialogTitle>
      <DialogContent>
        <ErrorAlert message={message} />
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {signed
            ? 'The instalments stop being tracked and what is still owed goes back to normal collections. A customer on payment plan status goes back to active.'
            : 'The offer is closed before it was signed; the customer’s status does not change.'}
        </Typography>
        <TextField
          fullWidth
          required
          multiline
          minRows={2}
          size="small"
          label="Reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={!!errors.reason}
          helperText={errors.reason || (signed ? 'Kept on the timeline, e.g. "Instalment 2 missed and no reply to two calls"' : 'Kept on the timeline, e.g. "Customer will pay in full instead"')}
        />
        {errors.today && (
          <Typography variant="body2" color="error" sx={{ mt: 1 }}>
            {errors.today}
          </Typography>
        )}
      </DialogContent>
      <DialogButtons onCancel={onClose} cancelLabel="Keep plan" color="warning" disabled={busy} onConfirm={save}>
        {verb} plan
      </DialogButtons>
    </Dialog>
  );
}
