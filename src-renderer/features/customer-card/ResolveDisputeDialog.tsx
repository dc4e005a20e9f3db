import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import type { DisputeResolution } from '../../../src-main/contract';
import { call } from '../../api/client';
import { DialogButtons, ErrorAlert } from '../../app/DialogParts';
import { toIsoDate } from '../../lib/dates';
import { parseMoneyInput } from '../../lib/money';
import { useServiceForm } from '../../lib/use-service-form';

const RESOLUTIONS: Record<DisputeResolution, string> = {
  credit_note: 'Credit note',
  return: 'Goods returned, credited',
  price_correction: 'Price corrected (credit)',
  replacement: 'Replacement sent (no credit)',
  no_credit: 'No credit due',
};
const CREDITS: DisputeResolution[] = ['credit_note', 'return', 'price_correction'];

/** Closing a dispute; a resolution that credits the customer posts the credit note too. */
export function ResolveDisputeDialog({ disputeId, onClose, onSaved }: { disputeId: number; onClose(): void; onSaved(): void }) {
  const [resolution, setResolution] = useState<DisputeResolution | ''>('');
  const [number, setNumber] = useState('');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const { errors, setErrors, message, submit } = useServiceForm();
  const credits = resolution !== '' && CREDITS.includes(resolution);

  async function save() {
    const money = parseMoneyInput(amount);
    if (credits && (!money.ok || money.value === null)) {
      setErrors({ amount: money.ok ? 'Enter the credit amount' : money.message });
      return;
    }
    await submit(async () => {
      await call('disputes.resolve', {
        id: disputeId,
        resolution: resolution as DisputeResolution,
        date: toIsoDate(new Date()),
        ...(credits && money.ok && money.value !== null ? { creditNumber: number, amount: money.value } : {}),
        note,
      });
      onSaved();
    });
  }

  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth aria-labelledby="resolve-title">
      <DialogTitle id="resolve-title">Resolve dispute</DialogTitle>
      <DialogContent>
        <ErrorAlert message={message} />
        <TextField select fullWidth size="small" label="Resolution" value={resolution} onChange={(e) => setResolution(e.target.value as DisputeResolution)} error={!!errors.resolution} helperText={errors.resolution} sx={{ mt: 1, mb: 2 }}>
          {Object.entries(RESOLUTIONS).map(([v, label]) => (
            <MenuItem key={v} value={v}>
              {label}
            </MenuItem>
          ))}
        </TextField>
        {credits && (
          <>
            <TextField fullWidth size="small" label="Credit note number" value={number} onChange={(e) => setNumber(e.target.value)} error={!!errors.creditNumber} helperText={errors.creditNumber} sx={{ mb: 2 }} />
            <TextField fullWidth size="small" label="Credit amount" value={amount} onChange={(e) => setAmount(e.target.value)} error={!!errors.amount} helperText={errors.amount} sx={{ mb: 2 }} />
          </>
        )}
        <TextField fullWidth size="small" label="Note" value={note} onChange={(e) => setNote(e.target.value)} />
      </DialogContent>
      <DialogButtons onCancel={onClose} disabled={resolution === ''} onConfirm={save}>
        Resolve
      </DialogButtons>
    </Dialog>
  );
}
