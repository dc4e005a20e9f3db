import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { addDays } from 'date-fns';
import { useState } from 'react';
import { call } from '../../api/client';
import { DateField } from '../../app/DateField';
import { DialogButtons, ErrorAlert } from '../../app/DialogParts';
import { toIsoDate } from '../../lib/dates';
import { formatMoney, parseMoneyInput } from '../../lib/money';
import { useServiceForm } from '../../lib/use-service-form';

interface Props {
  customer: { id: number; name: string; termsDays: number };
  onClose(): void;
  onSaved(message: string): void;
}

interface Instalment {
  key: number;
  dueDate: string;
  amount: string;
}

let nextKey = 1;

/**
 * A new invoice for one customer: due after the customer's terms unless changed; a delivery date
 * lets the policy check the delivery the next day; an optional schedule splits it into
 * instalments, which must add up to the amount (the contract's rule; the running sum is shown).
 */
export function InvoiceDialog({ customer, onClose, onSaved }: Props) {
  const today = toIsoDate(new Date());
  const [v, setV] = useState({ number: '', issueDate: today, dueDate: toIsoDate(addDays(new Date(), customer.termsDays)), amount: '', poNumber: '', deliveryDate: '', description: '' });
  const [instalments, setInstalments] = useState<Instalment[] | null>(null);
  const { errors, setErrors, message, setMessage, busy, submit } = useServiceForm();
  const set = (patch: Partial<typeof v>) => {
    setV((x) => ({ ...x, ...patch }));
    setMessage(null);
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(k in patch))));
  };
  const setInstalment = (key: number, patch: Partial<Instalment>) => {
    setInstalments((list) => list && list.map((i) => (i.key === key ? { ...i, ...patch } : i)));
    setMessage(null);
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('schedule'))));
  };

  const amount = parseMoneyInput(v.amount);
  const scheduled = (instalments ?? []).map((i) => parseMoneyInput(i.amount));
  const scheduledSum = scheduled.reduce((s, r) => s + (r.ok && r.value ? r.value : 0), 0);

  async function save() {
    const local: Record<string, string> = {};
    if (!amount.ok) local.amount = amount.message;
    else if (amount.value === null) local.amount = 'Enter the amount of the invoice';
    scheduled.forEach((r, i) => {
      if (!r.ok) local[`schedule.${i}.amount`] = r.message;
      else if (r.value === null) local[`schedule.${i}.amount`] = 'Enter the instalment amount';
    });
    if (Object.keys(local).length > 0 || !amount.ok || amount.value === null) {
      setErrors(local);
      setMessage(Object.keys(local).length === 1 ? 'Please correct the highlighted field.' : 'Please correct the highlighted fields.');
      return;
    }
    const total = amount.value;
    await submit(async () => {
      const created = await call('invoices.create', {
        number: v.number,
        customerId: customer.id,
        issueDate: v.issueDate,
        dueDate: v.dueDate,
        amount: total,
        poNumber: v.poNumber || null,
        description: v.description || null,
        deliveryDate: v.deliveryDate || null,
        schedule: (instalments ?? []).map((inst, i) => {
          const r = scheduled[i];
          return { dueDate: inst.dueDate, amount: r.ok && r.value !== null ? r.value : 0 };
        }),
      });
      onSaved(`Invoice ${created.number} of ${formatMoney(created.openAmount)} added`);
    });
  }

  const text = (label: string, field: 'number' | 'amount' | 'poNumber' | 'description', extra: object = {}) => (
    <TextField size="small" label={label} value={v[field]} onChange={(e) => set({ [field]: e.target.value })} error={!!errors[field]} helperText={errors[field] ?? ' '} {...extra} />
  );

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="invoice-title">
      <DialogTitle id="invoice-title">New invoice for {customer.name}</DialogTitle>
      <DialogContent>
        <ErrorAlert message={message} />
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1.5, pt: 1 }}>
          {text('Invoice number', 'number', { required: true })}
          {text('Amount', 'amount', { required: true, slotProps: { htmlInput: { inputMode: 'decimal' } } })}
          <DateField label="Issue date" value={v.issueDate} onChange={(issueDate) => set({ issueDate })} error={errors.issueDate} helperText=" " />
          <DateField label="Due date" value={v.dueDate} onChange={(dueDate) => set({ dueDate })} error={errors.dueDate} helperText={`Terms: ${customer.termsDays} days`} />
          {text('PO number', 'poNumber')}
          <DateField label="Delivery date" value={v.deliveryDate} onChange={(deliveryDate) => set({ deliveryDate })} error={errors.deliveryDate} helperText="A delivery check is due the day after" />
        </Box>
        {text('Description', 'description', { fullWidth: true, multiline: true, minRows: 2 })}
        <FormControlLabel
          control={
            <Checkbox
              checked={instalments !== null}
              onChange={(e) => {
                setInstalments(e.target.checked ? [{ key: nextKey++, dueDate: v.dueDate, amount: v.amount }] : null);
                setErrors(({ schedule: _gone, ...rest }) => rest);
              }}
            />
          }
          label="Payable in instalments"
        />
        {instalments && (
          <Box role="group" aria-label="Instalments" sx={{ mt: 1 }}>
            {instalments.map((inst, i) => (
              <Box key={inst.key} sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr auto', gap: 1.5, alignItems: 'flex-start' }}>
                <DateField
                  label={`Instalment ${i + 1} due`}
                  value={inst.dueDate}
                  onChange={(dueDate) => setInstalment(inst.key, { dueDate })}
                  error={errors[`schedule.${i}.dueDate`]}
                  helperText=" "
                />
                <TextField
                  size="small"
                  label={`Instalment ${i + 1} amount`}
                  value={inst.amount}
                  onChange={(e) => setInstalment(inst.key, { amount: e.target.value })}
                  error={!!errors[`schedule.${i}.amount`]}
                  helperText={errors[`schedule.${i}.amount`] ?? ' '}
                  slotProps={{ htmlInput: { inputMode: 'decimal' } }}
                />
                <IconButton
                  aria-label={`Remove instalment ${i + 1}`}
                  disabled={instalments.length === 1}
                  onClick={() => setInstalments((list) => list && list.filter((x) => x.key !== inst.key))}
                >
                  <DeleteIcon fontSize="small" />
                </IconButton>
              </Box>
            ))}
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
              <Button size="small" startIcon={<AddIcon />} onClick={() => setInstalments((list) => [...(list ?? []), { key: nextKey++, dueDate: list?.at(-1)?.dueDate ?? v.dueDate, amount: '' }])}>
                Add instalment
              </Button>
              <Typography variant="body2" color={errors.schedule || (amount.ok && amount.value !== null && scheduledSum !== amount.value) ? 'error' : 'text.secondary'} role="status">
                {errors.schedule ? `${errors.schedule}: ` : ''}
                Instalments add up to {formatMoney(scheduledSum)} of {amount.ok && amount.value !== null ? formatMoney(amount.value) : '—'}
              </Typography>
            </Box>
          </Box>
        )}
      </DialogContent>
      <DialogButtons onCancel={onClose} disabled={busy} onConfirm={save}>
        Add invoice
      </DialogButtons>
    </Dialog>
  );
}
