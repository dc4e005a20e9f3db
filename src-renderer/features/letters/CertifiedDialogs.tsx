import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { LetterSummary } from '../../../src-main/contract';
import { call } from '../../api/client';
import { DialogButtons, ErrorAlert } from '../../app/DialogParts';
import { useServiceForm } from '../../lib/use-service-form';
import { DateField } from '../../app/DateField';
import { groupedTracking } from './letter-files';

interface Props {
  letterId: number;
  /** What the letter is, for the dialog's heading ("Certified final demand to Acme Supply"). */
  title: string;
  today: string;
  onClose(): void;
  onSaved(letter: LetterSummary, message: string): void;
}

/** From the post office receipt: the tracking number and the day the letter was mailed. */
export function RecordMailingDialog({ letterId, title, today, onClose, onSaved }: Props) {
  const [trackingNumber, setTrackingNumber] = useState('');
  const [mailedOn, setMailedOn] = useState(today);
  const { errors, setErrors, message, setMessage, busy, submit } = useServiceForm();

  async function save() {
    if (!mailedOn) {
      setErrors({ mailedOn: 'Enter the day it was mailed' });
      setMessage('Please correct the highlighted field.');
      return;
    }
    await submit(async () => {
      const letter = await call('certified.record', { letterId, trackingNumber, mailedOn });
      onSaved(letter, `Mailing recorded: tracking ${groupedTracking(letter.certified!.trackingNumber!)}`);
    });
  }

  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth aria-labelledby="record-mailing-title">
      <DialogTitle id="record-mailing-title">Record mailing</DialogTitle>
      <DialogContent>
        <ErrorAlert message={message} />
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {title}. Copy the tracking number from the certified-mail receipt (20 or 22 digits; spaces are fine).
        </Typography>
        <Box sx={{ display: 'grid', gap: 2 }}>
          <TextField
            size="small"
            required
            autoFocus
            label="Tracking number"
            value={trackingNumber}
            onChange={(e) => setTrackingNumber(e.target.value)}
            error={!!errors.trackingNumber}
            helperText={errors.trackingNumber || 'For example 9400 1118 9922 3818 2184 07'}
            slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'off' } }}
          />
          <DateField label="Mailed on" value={mailedOn} onChange={setMailedOn} error={errors.mailedOn || undefined} />
        </Box>
      </DialogContent>
      <DialogButtons onCancel={onClose} disabled={busy} onConfirm={save}>
        Record mailing
      </DialogButtons>
    </Dialog>
  );
}

/** The signed return receipt (the green card) has come back: when, and who signed it. */
export function ReturnReceiptDialog({ letterId, title, today, onClose, onSaved }: Props) {
  const [returnReceiptOn, setReturnReceiptOn] = useState(today);
  const [signedBy, setSignedBy] = useState('');
  const { errors, setErrors, message, setMessage, busy, submit } = useServiceForm();

  async function save() {
    const local: Record<string, string> = {};
    if (!returnReceiptOn) local.returnReceiptOn = 'Enter the date on the return receipt';
    if (!signedBy.trim()) local.signedBy = 'Enter who signed the return receipt';
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setMessage(Object.keys(local).length === 1 ? 'Please correct the highlighted field.' : 'Please correct the highlighted fields.');
      return;
    }
    await submit(async () => {
      const letter = await call('certified.receipt', { letterId, returnReceiptOn, signedBy });
      onSaved(letter, `Return receipt recorded: signed by ${letter.certified!.signedBy}`);
    });
  }

  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth aria-labelledby="return-receipt-title">
      <DialogTitle id="return-receipt-title">Record return receipt</DialogTitle>
      <DialogContent>
        <ErrorAlert message={message} />
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {title}.
        </Typography>
        <Box sx={{ display: 'grid', gap: 2 }}>
          <DateField label="Return receipt date" value={returnReceiptOn} onChange={setReturnReceiptOn} error={errors.returnReceiptOn || undefined} />
          <TextField
            size="small"
            required
            label="Signed by"
            value={signedBy}
            onChange={(e) => setSignedBy(e.target.value)}
            error={!!errors.signedBy}
            helperText={errors.signedBy || 'The name on the return receipt'}
          />
        </Box>
      </DialogContent>
      <DialogButtons onCancel={onClose} disabled={busy} onConfirm={save}>
        Record receipt
      </DialogButtons>
    </Dialog>
  );
}
