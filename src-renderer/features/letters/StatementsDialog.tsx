import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { LetterChannel } from '../../../src-main/contract';
import { call } from '../../api/client';
import { DateField } from '../../app/DateField';
import { DialogButtons, ErrorAlert } from '../../app/DialogParts';
import { toIsoDate } from '../../lib/dates';
import { useServiceForm } from '../../lib/use-service-form';
import { CHANNEL_LABELS, PRINT_CHANNELS } from './letter-files';
import { LettersReviewDialog, type ReviewInput } from './LettersReviewDialog';

interface Props {
  customerIds: number[];
  /** Who they are for, in the title: a customer's name from the card, or nothing for a selection. */
  customerName?: string;
  onClose(): void;
  /** Called once statements were recorded as sent (on each timeline). */
  onSent(): void;
}

/**
 * Statements as of a date for one customer (the card) or several (the aging grid's selection).
 * A statement is the "Account statement" letter dated as of that day, so it goes through the same
 * review as any letter: the letterhead check, a missing postal address, a preview of each, and
 * nothing recorded until the clerk prints.
 */
export function StatementsDialog({ customerIds, customerName, onClose, onSent }: Props) {
  const [asOf, setAsOf] = useState(() => toIsoDate(new Date()));
  const [channel, setChannel] = useState<LetterChannel>('mail');
  const [review, setReview] = useState<ReviewInput | null>(null);
  const [busy, setBusy] = useState(false);
  const { errors, setErrors, message, setMessage } = useServiceForm();

  async function next() {
    if (!asOf) {
      setErrors({ asOf: 'Enter the statement date' });
      setMessage('Please correct the highlighted field.');
      return;
    }
    setBusy(true);
    try {
      const target = await call('statements.customers', { asOf });
      if (target.templateId === null) {
        setMessage(`There is no letter template named “${target.template}”: statements are printed from it. Restore or recreate it under Letters → Templates.`);
        return;
      }
      setReview({ templateId: target.templateId, customerIds, letterDate: asOf, channel });
    } catch (err) {
      setMessage((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  if (review) return <LettersReviewDialog input={review} noun={{ one: 'statement', many: 'statements' }} onClose={onClose} onSent={() => onSent()} onEmailed={() => onSent()} />;

  const n = customerIds.length;
  const title = customerName ? `Statement for ${customerName}` : `Statements for ${n} ${n === 1 ? 'customer' : 'customers'}`;
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="statements-title">
      <DialogTitle id="statements-title">{title}</DialogTitle>
      <DialogContent>
        <ErrorAlert message={message} />
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          Every invoice open on the statement date at what was open that day, payments and credits not yet applied, items in dispute marked and left out of the amount to pay, the aging summary, and a remittance slip. You review {n === 1 ? 'it' : 'them'} before {n === 1 ? 'it prints' : 'they print as one PDF'}; once printed, the PDF is archived and each statement goes on its customer&apos;s timeline.
        </Typography>
        <Box sx={{ display: 'grid', gap: 2 }}>
          <DateField label="Statement date" value={asOf} onChange={setAsOf} error={errors.asOf || undefined} />
          <TextField select size="small" label="Channel" value={channel} onChange={(e) => setChannel(e.target.value as LetterChannel)}>
            {PRINT_CHANNELS.map((c) => (
              <MenuItem key={c} value={c}>
                {CHANNEL_LABELS[c]}
              </MenuItem>
            ))}
          </TextField>
        </Box>
      </DialogContent>
      <DialogButtons onCancel={onClose} disabled={busy} onConfirm={() => void next()}>
        Review {n === 1 ? 'statement' : `${n} statements`}
      </DialogButtons>
    </Dialog>
  );
}
