import Alert from '@mui/material/Alert';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import { format } from 'date-fns';
import { useState } from 'react';
import type { DisputeReason, WorkItem } from '../../../src-main/contract';
import { call } from '../../api/client';
import { DialogButtons, ErrorAlert } from '../../app/DialogParts';
import { parseMoneyInput } from '../../lib/money';
import { useServiceForm } from '../../lib/use-service-form';
import { DISPUTE_REASON_LABELS } from '../calls/outcomes';

type Answers = { onTime: boolean | null; intact: boolean | null; invoiceReceived: boolean | null; pricingCorrect: boolean | null; nothingBlocking: boolean | null };
const QUESTIONS: [keyof Answers, string][] = [
  ['onTime', 'Did it arrive on time?'],
  ['intact', 'Did it arrive intact?'],
  ['invoiceReceived', 'Did they receive the invoice?'],
  ['pricingCorrect', 'Is the pricing correct?'],
  ['nothingBlocking', 'Is the way clear to pay (nothing that would stop payment)?'],
];

/**
 * The call right after delivery: five questions, and any "no" is dealt with there and then,
 * as a note or a dispute on the invoice, before it turns into a late payment.
 */
export function DeliveryCheckDialog({ item, onClose, onSaved }: { item: WorkItem; onClose(): void; onSaved(): void }) {
  const [answers, setAnswers] = useState<Answers>({ onTime: null, intact: null, invoiceReceived: null, pricingCorrect: null, nothingBlocking: null });
  const [notes, setNotes] = useState('');
  const [dispute, setDispute] = useState(false);
  const [reason, setReason] = useState<DisputeReason>('damaged');
  const [amount, setAmount] = useState('');
  const { errors, setErrors, message, setMessage, submit } = useServiceForm();
  const anyNo = Object.values(answers).some((a) => a === false);

  async function save() {
    const unanswered = QUESTIONS.filter(([k]) => answers[k] === null);
    if (unanswered.length > 0) {
      setErrors(Object.fromEntries(unanswered.map(([k]) => [`answers.${k}`, 'Answer yes or no'])));
      setMessage('Answer every question.');
      return;
    }
    const money = parseMoneyInput(amount);
    if (dispute && (!money.ok || money.value === null)) {
      setErrors({ 'dispute.amount': money.ok ? 'Enter the disputed amount' : money.message });
      return;
    }
    await submit(async () => {
      await call('deliveries.confirm', {
        taskId: item.sourceId,
        occurredAt: format(new Date(), "yyyy-MM-dd'T'HH:mm"),
        answers: answers as Record<keyof Answers, boolean>,
        notes: notes || null,
        dispute: dispute && anyNo && money.ok ? { reason, amount: money.value! } : null,
      });
      onSaved();
    });
  }

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="delivery-title">
      <DialogTitle id="delivery-title">Delivery check: {item.customerName}</DialogTitle>
      <DialogContent>
        <Alert severity="info" sx={{ mb: 2 }}>
          {item.reason}
        </Alert>
        <ErrorAlert message={message} />
        {QUESTIONS.map(([k, q]) => (
          <FormControl key={k} error={!!errors[`answers.${k}`]} sx={{ display: 'flex', flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', mb: 0.5 }}>
            <FormLabel id={`q-${k}`}>{q}</FormLabel>
            <RadioGroup row aria-labelledby={`q-${k}`} value={answers[k] === null ? '' : answers[k] ? 'yes' : 'no'} onChange={(e) => setAnswers({ ...answers, [k]: e.target.value === 'yes' })}>
              <FormControlLabel value="yes" control={<Radio size="small" />} label="Yes" />
              <FormControlLabel value="no" control={<Radio size="small" />} label="No" />
            </RadioGroup>
          </FormControl>
        ))}
        <TextField
          fullWidth
          multiline
          minRows={2}
          label="Notes"
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
          error={!!errors.notes}
          helperText={errors.notes ?? (anyNo ? 'Say what went wrong and what was agreed, or raise a dispute below.' : 'Anything worth keeping from the call.')}
          sx={{ mt: 2 }}
        />
        {anyNo && (
          <>
            <FormControlLabel control={<Checkbox checked={dispute} onChange={(e) => setDispute(e.target.checked)} />} label="Raise a dispute on this invoice" sx={{ mt: 1 }} />
            {dispute && (
              <div style={{ display: 'flex', gap: 16, marginTop: 8 }}>
                <TextField select size="small" label="Dispute reason" value={reason} onChange={(e) => setReason(e.target.value as DisputeReason)} sx={{ minWidth: 240 }}>
                  {Object.entries(DISPUTE_REASON_LABELS).map(([v, label]) => (
                    <MenuItem key={v} value={v}>
                      {label}
                    </MenuItem>
                  ))}
                </TextField>
                <TextField
                  size="small"
                  label="Disputed amount"
                  value={amount}
                  onChange={(e) => setAmount(e.target.value)}
                  error={!!errors['dispute.amount']}
                  helperText={errors['dispute.amount']}
                  inputProps={{ inputMode: 'decimal' }}
                />
              </div>
            )}
          </>
        )}
      </DialogContent>
      <DialogButtons onCancel={onClose} onConfirm={save}>
        Save the check
      </DialogButtons>
    </Dialog>
  );
}
