import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState } from 'react';
import type { Input, LetterReviewRow, LettersReview } from '../../../src-main/contract';
import { call } from '../../api/client';
import { JobProgressBar, useJob } from '../../app/JobProgress';
import { ErrorAlert } from '../../app/DialogParts';
import { formatDate } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { openPdfTab } from '../../lib/pdf-output';
import { CHANNEL_LABELS } from './letter-files';
import { LETTERS, SentNotice, sendAndOpen, type BatchNoun, type SendOutcome } from './SentNotice';

export type ReviewInput = Omit<Input<'letters.review'>, 'taskIds'> & { taskIds?: number[] };

interface Props {
  /** What would be sent: the same input letters.send takes. */
  input: ReviewInput;
  onClose(): void;
  /** Called once letters were recorded as sent. */
  onSent?(outcome: SendOutcome): void;
  /** What the batch is called on the Print button and once sent: statements are letters, but the clerk asked for statements. */
  noun?: BatchNoun;
}

/** Where the letterhead is filled in: Settings, scrolled to "Letterhead and letters". */
export const LETTER_SETTINGS_HASH = '#/settings/letters';

/**
 * The batch as it would go out, before anything is recorded: one row per letter with what it
 * asks for and what to check, a preview of each, and a checkbox to leave it out. Only "Print N
 * letters" sends (through the letters.send job), and only the rows still ticked. Sending is
 * refused while the letterhead is incomplete, with a link to where it is filled in.
 */
export function LettersReviewDialog({ input, onClose, onSent, noun = LETTERS }: Props) {
  const [review, setReview] = useState<LettersReview | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<SendOutcome | null>(null);
  const job = useJob();

  useEffect(() => {
    let live = true;
    call('letters.review', { ...input, taskIds: input.taskIds ?? [] }).then(
      (r) => {
        if (!live) return;
        setReview(r);
        setChosen(new Set(r.rows.filter((row) => row.blocked === null).map((row) => row.customerId)));
      },
      (err: Error) => live && setMessage(err.message),
    );
    return () => {
      live = false;
    };
    // The input is fixed for the life of the dialog.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const rows = useMemo(() => review?.rows.filter((r) => chosen.has(r.customerId)) ?? [], [review, chosen]);
  const n = rows.length;
  const blockedByLetterhead = (review?.letterhead.length ?? 0) > 0;

  function toggle(row: LetterReviewRow) {
    setChosen((c) => {
      const next = new Set(c);
      if (next.has(row.customerId)) next.delete(row.customerId);
      else next.add(row.customerId);
      return next;
    });
  }

  async function preview(row: LetterReviewRow) {
    if (!review) return;
    setPreviewing(row.customerId);
    setMessage(null);
    try {
      const p = await call('templates.preview', { id: review.templateId, customerId: row.customerId, letterDate: review.letterDate, withPdf: true });
      if (!p.pdf) setMessage(p.missing ?? 'This letter cannot be previewed.');
      else if (!openPdfTab({ fileName: `preview-${row.customerCode}.pdf`, mimeType: 'application/pdf', base64: p.pdf })) {
        setMessage('The browser did not open a new tab for the preview: allow pop-ups for Settle and try again.');
      }
    } catch (err) {
      setMessage((err as Error).message);
    } finally {
      setPreviewing(null);
    }
  }

  async function send() {
    if (!review || n === 0) return;
    setMessage(null);
    try {
      const result = await sendAndOpen(
        {
          templateId: review.templateId,
          customerIds: rows.map((r) => r.customerId),
          taskIds: rows.flatMap((r) => r.taskIds),
          letterDate: review.letterDate,
          channel: review.channel,
        },
        (i) => job.run('letters.send', i),
      );
      setOutcome(result);
      onSent?.(result);
    } catch (err) {
      setMessage((err as Error).message);
    }
  }

  const title = review ? `Review: ${review.template}` : 'Review letters';
  return (
    <Dialog open onClose={job.running ? undefined : onClose} maxWidth="lg" fullWidth aria-labelledby="letters-review-title">
      <DialogTitle id="letters-review-title">{title}</DialogTitle>
      <DialogContent>
        {outcome ? (
          <SentNotice outcome={outcome} noun={noun} />
        ) : (
          <>
            {review && blockedByLetterhead && (
              <Alert
                severity="error"
                role="alert"
                sx={{ mb: 2 }}
                action={
                  <Link href={LETTER_SETTINGS_HASH} color="inherit" underline="always" sx={{ whiteSpace: 'nowrap', alignSelf: 'center', mr: 1 }}>
                    Open letter settings
                  </Link>
                }
              >
                {review.letterheadMessage}
              </Alert>
            )}
            <ErrorAlert message={message} />
            <JobProgressBar job={job} label={`Printing ${noun.many}`} />
            {review === null ? (
              !message && <Typography color="text.secondary">Checking the letters…</Typography>
            ) : (
              <>
                <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
                  Nothing is recorded until you print. Untick a letter to leave it out; its task stays on the worklist. Letters dated {formatDate(review.letterDate)}, version{' '}
                  {review.version} of the template.
                </Typography>
                <TableContainer sx={{ maxHeight: 440 }}>
                  <Table size="small" stickyHeader aria-label="Letters to review">
                    <TableHead>
                      <TableRow>
                        <TableCell padding="checkbox">
                          <Checkbox
                            checked={n > 0 && n === review.rows.filter((r) => r.blocked === null).length}
                            indeterminate={n > 0 && n < review.rows.filter((r) => r.blocked === null).length}
                            onChange={(e) => setChosen(new Set(e.target.checked ? review.rows.filter((r) => r.blocked === null).map((r) => r.customerId) : []))}
                            slotProps={{ input: { 'aria-label': 'Send all' } }}
                          />
                        </TableCell>
                        <TableCell>Customer</TableCell>
                        <TableCell>Letter</TableCell>
                        <TableCell>Channel</TableCell>
                        <TableCell align="right">Amount</TableCell>
                        <TableCell>Check</TableCell>
                        <TableCell />
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {review.rows.map((r) => (
                        <TableRow key={r.customerId} selected={chosen.has(r.customerId)}>
                          <TableCell padding="checkbox">
                            <Checkbox
                              checked={chosen.has(r.customerId)}
                              disabled={r.blocked !== null || job.running}
                              onChange={() => toggle(r)}
                              slotProps={{ input: { 'aria-label': `Send to ${r.customerName}` } }}
                            />
                          </TableCell>
                          <TableCell>
                            {r.customerName}
                            <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
                              {r.customerCode}
                            </Typography>
                          </TableCell>
                          <TableCell>{review.template}</TableCell>
                          <TableCell>{CHANNEL_LABELS[review.channel]}</TableCell>
                          <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                            {formatMoney(r.amount)}
                          </TableCell>
                          <TableCell sx={{ maxWidth: 360 }}>
                            {r.blocked && (
                              <Typography variant="body2" color="error">
                                Cannot be sent: {r.blocked}
                              </Typography>
                            )}
                            {r.warnings.map((w) => (
                              <Box key={w.kind} sx={{ display: 'flex', gap: 0.5, alignItems: 'flex-start' }}>
                                <WarningAmberIcon fontSize="small" color="warning" aria-hidden />
                                <Typography variant="body2">{w.message}</Typography>
                              </Box>
                            ))}
                          </TableCell>
                          <TableCell align="right">
                            <Button size="small" disabled={r.blocked !== null || previewing !== null} onClick={() => void preview(r)} aria-label={`Preview the letter to ${r.customerName}`}>
                              {previewing === r.customerId ? 'Opening…' : 'Preview'}
                            </Button>
                          </TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </TableContainer>
              </>
            )}
          </>
        )}
      </DialogContent>
      <DialogActions>
        {outcome ? (
          <Button variant="contained" onClick={onClose}>
            Done
          </Button>
        ) : (
          <>
            <Button onClick={onClose} disabled={job.running}>
              Cancel
            </Button>
            <Button variant="contained" onClick={() => void send()} disabled={!review || blockedByLetterhead || n === 0 || job.running}>
              {job.running ? 'Printing…' : `Print ${n} ${n === 1 ? noun.one : noun.many}`}
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
