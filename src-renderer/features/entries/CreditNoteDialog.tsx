import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { call } from '../../api/client';
import { DateField } from '../../app/DateField';
import { DialogButtons, ErrorAlert } from '../../app/DialogParts';
import { toIsoDate } from '../../lib/dates';
import { formatMoney, parseMoneyInput } from '../../lib/money';
import { useServiceForm } from '../../lib/use-service-form';
import type { CashTarget } from '../customer-card/ApplyCashDialog';

interface Props {
  customer: { id: number; name: string };
  invoices: CashTarget[];
  onClose(): void;
  onSaved(message: string): void;
}

/**
 * A credit note: it reduces the invoice it is for, or (for none) sits on the account, where the
 * ledger applies it like cash when it applies cash automatically.
 */
export function CreditNoteDialog({ customer, invoices, onClose, onSaved }: Props) {
  const [v, setV] = useState({ number: '', date: toIsoDate(new Date()), amount: '', reason: '', invoiceId: '' as number | '' });
  const { errors, setErrors, message, setMessage, busy, submit } = useServiceForm();
  const set = (patch: Partial<typeof v>) => {
    setV((x) => ({ ...x, ...patch }));
    setMessage(null);
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(k in patch))));
  };

  async function save() {
    const amount = parseMoneyInput(v.amount);
    if (!amount.ok || amount.value === null) {
      setErrors({ amount: amount.ok ? 'Enter the amount of the credit' : amount.message });
      setMessage('Please correct the highlighted field.');
      return;
    }
    const value = amount.value;
    await submit(async () => {
      const posted = await call('credits.record', {
        number: v.number,
        customerId: customer.id,
        date: v.date,
        amount: value,
        reason: v.reason || null,
        invoiceId: v.invoiceId === '' ? null : v.invoiceId,
      });
      onSaved(`Credit note ${v.number.trim()} of ${formatMoney(value)} recorded${posted.unapplied > 0 ? `, ${formatMoney(posted.unapplied)} left on the account` : ''}`);
    });
  }

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="credit-title">
      <DialogTitle id="credit-title">Credit note for {customer.name}</DialogTitle>
      <DialogContent>
        <ErrorAlert message={message} />
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1.5, pt: 1 }}>
          <TextField size="small" required label="Credit note number" value={v.number} onChange={(e) => set({ number: e.target.value })} error={!!errors.number} helperText={errors.number ?? ' '} />
          <TextField
            size="small"
            required
            label="Amount"
            value={v.amount}
            onChange={(e) => set({ amount: e.target.value })}
            error={!!errors.amount}
            helperText={errors.amount ?? ' '}
            slotProps={{ htmlInput: { inputMode: 'decimal' } }}
          />
          <DateField label="Credit date" value={v.date} onChange={(date) => set({ date })} error={errors.date} helperText=" " />
          <TextField
            select
            size="small"
            label="For invoice"
            value={v.invoiceId}
            onChange={(e) => set({ invoiceId: e.target.value === '' ? '' : Number(e.target.value) })}
            error={!!errors.invoiceId}
            helperText={errors.invoiceId ?? ' '}
            slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
          >
            <MenuItem value="">None: on the account</MenuItem>
            {invoices.map((i) => (
              <MenuItem key={i.invoiceId} value={i.invoiceId}>
                {i.number}: {formatMoney(i.openAmount)} open
              </MenuItem>
            ))}
          </TextField>
        </Box>
        <TextField fullWidth size="small" label="Reason" value={v.reason} onChange={(e) => set({ reason: e.target.value })} error={!!errors.reason} helperText={errors.reason ?? ' '} />
      </DialogContent>
      <DialogButtons onCancel={onClose} disabled={busy} onConfirm={save}>
        Record credit note
      </DialogButtons>
    </Dialog>
  );
}
