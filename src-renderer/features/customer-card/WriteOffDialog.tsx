import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { call } from '../../api/client';
import { DialogButtons, ErrorAlert } from '../../app/DialogParts';
import { formatMoney, formatMoneyInput, parseMoneyInput } from '../../lib/money';
import { useServiceForm } from '../../lib/use-service-form';
import { DateField } from '../../app/DateField';

export interface WritableInvoice {
  invoiceId: number;
  number: string;
  /** All its open instalments together. */
  openAmount: number;
}

interface Props {
  invoices: WritableInvoice[];
  today: string;
  onClose(): void;
  onSaved(message: string): void;
}

/**
 * Giving up on (part of) one or several invoices, in one decision: always with the reason and who
 * approved it, and how. Several are posted together or not at all (writeOffs.recordMany).
 */
export function WriteOffDialog({ invoices, today, onClose, onSaved }: Props) {
  // The clerk ticks the invoices: guessing which invoice to give up on is not ours to do.
  const [chosen, setChosen] = useState<Record<number, string>>(() => (invoices.length === 1 ? { [invoices[0].invoiceId]: formatMoneyInput(invoices[0].openAmount) } : {}));
  const [date, setDate] = useState(today);
  const [reason, setReason] = useState('');
  const [approvedBy, setApprovedBy] = useState('');
  const [approvalNote, setApprovalNote] = useState('');
  const { errors, setErrors, message, setMessage, busy, submit } = useServiceForm();
  const picked = invoices.filter((i) => chosen[i.invoiceId] !== undefined);

  function toggle(i: WritableInvoice, on: boolean) {
    setChosen(({ [i.invoiceId]: _gone, ...rest }) => (on ? { ...rest, [i.invoiceId]: formatMoneyInput(i.openAmount) } : rest));
    setErrors({});
  }

  async function save() {
    const local: Record<string, string> = {};
    const lines: { invoiceId: number; amount: number }[] = [];
    picked.forEach((i, n) => {
      const money = parseMoneyInput(chosen[i.invoiceId]);
      if (!money.ok) local[`lines.${n}.amount`] = money.message;
      else if (money.value === null || money.value === 0) local[`lines.${n}.amount`] = 'Enter the amount to write off';
      else if (money.value > i.openAmount) local[`lines.${n}.amount`] = `At most ${formatMoney(i.openAmount)} is open on ${i.number}`;
      else lines.push({ invoiceId: i.invoiceId, amount: money.value });
    });
    if (picked.length === 0) local.lines = 'Choose the invoices to write off';
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setMessage(Object.keys(local).length === 1 ? 'Please correct the highlighted field.' : 'Please correct the highlighted fields.');
      return;
    }
    const total = lines.reduce((s, l) => s + l.amount, 0);
    await submit(async () => {
      await call('writeOffs.recordMany', { lines, date, reason, approvedBy, approvalNote });
      onSaved(`Written off ${formatMoney(total)} on ${picked.map((i) => i.number).join(', ')}`);
    });
  }

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="write-off-title">
      <DialogTitle id="write-off-title">Write off</DialogTitle>
      <DialogContent>
        <ErrorAlert message={message} />
        <Box role="group" aria-label="Invoices to write off" sx={{ pt: 1, mb: 2 }}>
          {invoices.map((i) => {
            const n = picked.indexOf(i);
            const error = n >= 0 ? errors[`lines.${n}.amount`] || errors[`lines.${n}.invoiceId`] : undefined;
            return (
              <Box key={i.invoiceId} sx={{ display: 'grid', gridTemplateColumns: '1fr 180px', gap: 2, alignItems: 'start' }}>
                <FormControlLabel
                  control={<Checkbox checked={n >= 0} onChange={(e) => toggle(i, e.target.checked)} />}
                  label={`${i.number}: ${formatMoney(i.openAmount)} open`}
                />
                {n >= 0 && (
                  <TextField
                    size="small"
                    label={`Amount on ${i.number}`}
                    value={chosen[i.invoiceId]}
                    onChange={(e) => setChosen((c) => ({ ...c, [i.invoiceId]: e.target.value }))}
                    error={!!error}
                    helperText={error || `Up to ${formatMoney(i.openAmount)}`}
                    slotProps={{ htmlInput: { inputMode: 'decimal' } }}
                    sx={{ mb: 1 }}
                  />
                )}
              </Box>
            );
          })}
          {errors.lines && (
            <Typography color="error" variant="body2">
              {errors.lines}
            </Typography>
          )}
        </Box>
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
          <DateField label="Write-off date" value={date} onChange={setDate} error={errors.date || undefined} />
          <TextField
            size="small"
            multiline
            minRows={2}
            label="Reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={!!errors.reason}
            helperText={errors.reason || 'Why the money will not be collected, e.g. "Customer in liquidation; claim lodged with the liquidator"'}
            sx={{ gridColumn: '1 / -1' }}
          />
          <TextField
            size="small"
            label="Approved by"
            value={approvedBy}
            onChange={(e) => setApprovedBy(e.target.value)}
            error={!!errors.approvedBy}
            helperText={errors.approvedBy || 'Who has the authority and agreed'}
          />
          <TextField
            size="small"
            label="Approval note"
            value={approvalNote}
            onChange={(e) => setApprovalNote(e.target.value)}
            error={!!errors.approvalNote}
            helperText={errors.approvalNote || 'How it was approved: "J. Ortiz by email, 3 March"'}
          />
        </Box>
      </DialogContent>
      <DialogButtons onCancel={onClose} color="warning" disabled={busy} onConfirm={save}>
        Write off
      </DialogButtons>
    </Dialog>
  );
}
