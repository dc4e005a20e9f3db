import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import type { CustomerStatus } from '../../../src-main/contract';
import { call } from '../../api/client';
import { DialogButtons, ErrorAlert } from '../../app/DialogParts';
import { STATUS_LABELS } from '../../lib/customer-labels';
import { useServiceForm } from '../../lib/use-service-form';


/**
 * Credit hold, COD, prepay only…: always with a reason, which goes on the record. A policy step
 * that asks for a status change opens it with the status and the step's reason filled in.
 */
export function StatusDialog({
  customerId,
  current,
  initial,
  onClose,
  onSaved,
}: {
  customerId: number;
  current: string;
  initial?: { status: CustomerStatus; reason: string };
  onClose(): void;
  onSaved(): void;
}) {
  const [status, setStatus] = useState<CustomerStatus | ''>(initial?.status ?? '');
  const [reason, setReason] = useState(initial?.reason ?? '');
  const { errors, message, submit } = useServiceForm();

  async function save() {
    await submit(async () => {
      await call('customers.setStatus', { id: customerId, status: status as CustomerStatus, reason });
      onSaved();
    });
  }

  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth aria-labelledby="status-title">
      <DialogTitle id="status-title">Change status</DialogTitle>
      <DialogContent>
        <ErrorAlert message={message} />
        <TextField select fullWidth size="small" label="New status" value={status} onChange={(e) => setStatus(e.target.value as CustomerStatus)} error={!!errors.status} helperText={errors.status} sx={{ mt: 1, mb: 2 }}>
          {Object.entries(STATUS_LABELS)
            .filter(([v]) => v !== current)
            .map(([v, label]) => (
              <MenuItem key={v} value={v}>
                {label}
              </MenuItem>
            ))}
        </TextField>
        <TextField fullWidth multiline minRows={2} label="Why" value={reason} onChange={(e) => setReason(e.target.value)} error={!!errors.reason} helperText={errors.reason ?? 'Kept on the customer’s record and timeline.'} />
      </DialogContent>
      <DialogButtons onCancel={onClose} onConfirm={save}>
        Change status
      </DialogButtons>
    </Dialog>
  );
}
