import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { LetterChannel, TemplateSummary } from '../../../src-main/contract';
import { call } from '../../api/client';
import { DialogButtons, ErrorAlert } from '../../app/DialogParts';
import { toIsoDate } from '../../lib/dates';
import { useServiceForm } from '../../lib/use-service-form';
import { DateField } from '../../app/DateField';
import { CHANNEL_LABELS, PRINT_CHANNELS } from './letter-files';
import { LettersReviewDialog, type ReviewInput } from './LettersReviewDialog';

interface Props {
  customerIds: number[];
  onClose(): void;
  /** Called once letters were recorded as sent (the grid's last-contact column has changed). */
  onSent(): void;
}

/** A letter to each customer chosen in the aging grid: choose the template, then review the letters before they print as one PDF. */
export function LettersForSelectedDialog({ customerIds, onClose, onSent }: Props) {
  const [templates, setTemplates] = useState<TemplateSummary[] | null>(null);
  const [templateId, setTemplateId] = useState<number | ''>('');
  const [channel, setChannel] = useState<LetterChannel>('mail');
  const [letterDate, setLetterDate] = useState(() => toIsoDate(new Date()));
  const [review, setReview] = useState<ReviewInput | null>(null);
  const { errors, setErrors, message, setMessage } = useServiceForm();

  useEffect(() => {
    let live = true;
    call('templates.list', {}).then(
      (list) => live && setTemplates(list.filter((t) => !t.archived)),
      (err: Error) => live && setMessage(err.message),
    );
    return () => {
      live = false;
    };
  }, [setMessage]);

  function send() {
    const local: Record<string, string> = {};
    if (templateId === '') local.templateId = 'Choose the letter to send';
    if (!letterDate) local.letterDate = 'Enter the date the letters carry';
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setMessage(Object.keys(local).length === 1 ? 'Please correct the highlighted field.' : 'Please correct the highlighted fields.');
      return;
    }
    setReview({ templateId: templateId as number, customerIds, letterDate, channel });
  }

  // The same review as "Print all": nothing is recorded until the clerk confirms there.
  if (review) return <LettersReviewDialog input={review} onClose={onClose} onSent={() => onSent()} onEmailed={() => onSent()} />;

  const n = customerIds.length;
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="letters-selected-title">
      <DialogTitle id="letters-selected-title">
        Letters to {n} {n === 1 ? 'customer' : 'customers'}
      </DialogTitle>
      <DialogContent>
        <ErrorAlert message={message} />
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          Each customer gets the template&apos;s current version, merged with their own open items. You review the letters before they print as one PDF ready for window envelopes; once printed, the PDF is archived and each letter goes on its customer&apos;s timeline.
        </Typography>
        <Box sx={{ display: 'grid', gap: 2 }}>
          <TextField
            select
            size="small"
            required
            label="Template"
            value={templateId}
            onChange={(e) => setTemplateId(Number(e.target.value))}
            error={!!errors.templateId}
            helperText={errors.templateId || (templates === null ? 'Loading templates…' : undefined)}
          >
            {(templates ?? []).map((t) => (
              <MenuItem key={t.id} value={t.id}>
                {t.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField select size="small" label="Channel" value={channel} onChange={(e) => setChannel(e.target.value as LetterChannel)} error={!!errors.channel} helperText={errors.channel}>
            {/* Email too: the review sends it through the mail server (mail.send) rather than printing. */}
            {[...PRINT_CHANNELS, 'email' as const].map((c) => (
              <MenuItem key={c} value={c}>
                {CHANNEL_LABELS[c]}
              </MenuItem>
            ))}
          </TextField>
          <DateField label="Letter date" value={letterDate} onChange={setLetterDate} error={errors.letterDate || undefined} />
          {errors.customerIds && (
            <Typography variant="body2" color="error" role="alert">
              {errors.customerIds}
            </Typography>
          )}
        </Box>
      </DialogContent>
      <DialogButtons onCancel={onClose} disabled={templates === null} onConfirm={send}>
        Review {n} {n === 1 ? 'letter' : 'letters'}
      </DialogButtons>
    </Dialog>
  );
}
