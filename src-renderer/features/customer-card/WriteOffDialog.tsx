import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
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

/** Giving up on (part of) an invoice: always with the reason and who approved it, and how. */
export function WriteOffDialog({ invoices, today, onClose, onSaved }: Props) {
  // With several invoices the clerk picks one: guessing which invoice to give up on is not ours to do.
  const [invoiceId, setInvoiceId] = useState<number | ''>(invoices.length === 1 ? invoices[0].invoiceId : '');
  const [amount, setAmount] = useState(invoices.length === 1 ? formatMoneyInput(invoices[0].openAmount) : '');
  const [date, setDate] = useState(today);
  const [reason, setReason] = useState('');
  const [approvedBy, setApprovedBy] = useState('');
  const [approvalNote, setApprovalNote] = useState('');
  const { errors, setErrors, message, setMessage, busy, submit } = useServiceForm();
  const invoice = invoices.find((i) => i.invoiceId === invoiceId);

  function choose(id: number) {
    setInvoiceId(id);
    const chosen = invoices.find((i) => i.invoiceId === id);
    if (chosen) setAmount(formatMoneyInput(chosen.openAmount));
    setErrors((e) => ({ ...e, invoiceId: '', amount: '' }));
  }

  async function save() {
    const money = parseMoneyInput(amount);
    const local: Record<string, string> = {};
    if (!invoice) local.invoiceId = 'Choose the invoice to write off';
    if (!money.ok) local.amount = money.message;
    else if (money.value === null || money.value === 0) local.amount = 'Enter the amount to write off';
    else if (invoice && money.value > invoice.openAmount) local.amount = `At most ${formatMoney(invoice.openAmount)} is open on ${invoice.number}`;
    if (!invoice || !money.ok || money.value === null || Object.keys(local).length > 0) {
      setErrors(local);
      setMessage(Object.keys(local).length === 1 ? 'Please correct the highlighted field.' : 'Please correct the highlighted fields.');
      return;
    }
    const value = money.value;
    await submit(async () => {
      await call('writeOffs.record', { invoiceId: invoice.invoiceId, date, amount: value, reason, approvedBy, approvalNote });
      onSaved(`Written off ${formatMoney(value)} on ${invoice.number}`);
    });
  }

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="write-off-title">
      <DialogTitle id="write-off-title">Write off</DialogTitle>
      <DialogContent>
        <ErrorAlert message={message} />
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2, pt: 1 }}>
          <TextField
            select
            size="small"
            label="Invoice"
            value={invoiceId}
            onChange={(e) => choose(Number(e.target.value))}
            error={!!errors.invoiceId}
            helperText={errors.invoiceId || ' '}
            sx={{ gridColumn: '1 / -1' }}
          >
            {invoices.map((i) => (
              <MenuItem key={i.invoiceId} value={i.invoiceId}>
                {i.number}: {formatMoney(i.openAmount)} open
              </MenuItem>
            ))}
          </TextField>
          <TextField
            size="small"
            label="Amount"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            error={!!errors.amount}
            helperText={errors.amount || (invoice ? `Up to ${formatMoney(invoice.openAmount)}, all that is open on ${invoice.number}` : ' ')}
            slotProps={{ htmlInput: { inputMode: 'decimal' } }}
          />
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
