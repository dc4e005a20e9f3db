import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { WriteOffSummary } from '../../../src-main/contract';
import { call } from '../../api/client';
import { DialogButtons, ErrorAlert } from '../../app/DialogParts';
import { formatMoney, formatMoneyInput, parseMoneyInput } from '../../lib/money';
import { useServiceForm } from '../../lib/use-service-form';
import { DateField } from '../../app/DateField';
import { formatDate } from '../../lib/dates';

interface Props {
  writeOff: WriteOffSummary;
  today: string;
  onClose(): void;
  onSaved(message: string): void;
}

/** Money that arrives after a write-off (a liquidator's dividend, an agency's collection). */
export function RecoveryDialog({ writeOff, today, onClose, onSaved }: Props) {
  const [date, setDate] = useState(today);
  const [amount, setAmount] = useState(formatMoneyInput(writeOff.recoverable));
  const [reference, setReference] = useState('');
  const [method, setMethod] = useState('');
  const { errors, setErrors, message, setMessage, busy, submit } = useServiceForm();

  async function save() {
    const money = parseMoneyInput(amount);
    if (!money.ok || money.value === null || money.value === 0) {
      setErrors({ amount: money.ok ? 'Enter the amount received' : money.message });
      setMessage('Please correct the highlighted field.');
      return;
    }
    if (money.value > writeOff.recoverable) {
      setErrors({ amount: `At most ${formatMoney(writeOff.recoverable)} is left to recover` });
      setMessage('Please correct the highlighted field.');
      return;
    }
    const value = money.value;
    await submit(async () => {
      await call('recoveries.record', { writeOffId: writeOff.id, date, amount: value, reference, method: method.trim() || null });
      onSaved('Recovery recorded');
    });
  }

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="recovery-title">
      <DialogTitle id="recovery-title">Record recovery on {writeOff.invoiceNumber}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {formatMoney(writeOff.amount)} was written off on {formatDate(writeOff.date)}; {formatMoney(writeOff.recoverable)} of it can still be recovered. The invoice stays
          written off: the money is recorded as recovered.
        </Typography>
        <ErrorAlert message={message} />
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
          <DateField label="Date received" value={date} onChange={setDate} error={errors.date || undefined} />
          <TextField
            size="small"
            label="Amount"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            error={!!errors.amount}
            helperText={errors.amount || `Up to ${formatMoney(writeOff.recoverable)}`}
            slotProps={{ htmlInput: { inputMode: 'decimal' } }}
          />
          <TextField
            size="small"
            label="Reference"
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            error={!!errors.reference}
            helperText={errors.reference || 'The bank or remittance reference'}
          />
          <TextField
            size="small"
            label="Method"
            value={method}
            onChange={(e) => setMethod(e.target.value)}
            error={!!errors.method}
            helperText={errors.method || 'Optional, e.g. bank transfer, liquidator dividend'}
          />
        </Box>
      </DialogContent>
      <DialogButtons onCancel={onClose} disabled={busy} onConfirm={save}>
        Record recovery
      </DialogButtons>
    </Dialog>
  );
}
