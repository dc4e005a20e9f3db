import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { call, ServiceCallError } from '../../api/client';
import { DialogButtons, ErrorAlert } from '../../app/DialogParts';
import { toIsoDate } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { useServiceForm } from '../../lib/use-service-form';
import { emptyPaymentRow, paymentInput, rowErrors, type PaymentRow } from './payment-row';
import { PaymentRowEditor } from './PaymentRowEditor';
import { usePaymentPreview } from './use-payment-preview';

interface Props {
  customer: { id: number; code: string; name: string };
  /** Why the dialog opened, shown above the fields (e.g. after a call where they said it is paid). */
  note?: string;
  onClose(): void;
  onSaved(message: string): void;
}

/**
 * A payment from one customer, recorded from their card. The amount starts empty: it is read off
 * the cheque or the remittance, never guessed. How it will be applied is the ledger's preview.
 */
export function RecordPaymentDialog({ customer, note, onClose, onSaved }: Props) {
  const [row, setRow] = useState<PaymentRow>(() => emptyPaymentRow(toIsoDate(new Date()), customer));
  const [local, setLocal] = useState<Record<string, string>>({});
  const { errors, setErrors, message, setMessage, busy, submit } = useServiceForm();
  const previewed = usePaymentPreview([row]);
  const preview = previewed.byRow[row.key];

  const change = (patch: Partial<PaymentRow>) => {
    setRow((r) => ({ ...r, ...patch }));
    setLocal({});
    setErrors({});
    setMessage(null);
  };

  async function save() {
    const input = paymentInput(row);
    const problems = input.ok ? {} : input.errors;
    if (input.ok && !input.value.reference) problems.reference = 'Enter the cheque number or bank reference';
    if (!input.ok || Object.keys(problems).length > 0) {
      setLocal(problems);
      setMessage(Object.keys(problems).length === 1 ? 'Please correct the highlighted field.' : 'Please correct the highlighted fields.');
      return;
    }
    await submit(async () => {
      try {
        const posted = await call('payments.record', input.value);
        onSaved(`Payment ${input.value.reference} of ${formatMoney(input.value.amount)} recorded${posted.unapplied > 0 ? `, ${formatMoney(posted.unapplied)} left unapplied` : ''}`);
      } catch (err) {
        // Field paths from the service (allocations.0.amount) become the row's own (chosen.<invoice>).
        if (err instanceof ServiceCallError) throw new ServiceCallError(err.code, err.message, rowErrors(err.fields, '', input.value));
        throw err;
      }
    });
  }

  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="record-payment-title">
      <DialogTitle id="record-payment-title">Record a payment from {customer.name}</DialogTitle>
      <DialogContent>
        <ErrorAlert message={message} />
        {note && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {note}
          </Typography>
        )}
        {previewed.unavailable && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {previewed.unavailable}
          </Typography>
        )}
        <PaymentRowEditor row={row} onChange={change} errors={{ ...preview?.problems, ...local, ...errors }} preview={preview} pickCustomer={false} />
      </DialogContent>
      <DialogButtons onCancel={onClose} disabled={busy} onConfirm={save}>
        Record payment
      </DialogButtons>
    </Dialog>
  );
}
