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
import type { Input, LetterReviewRow, LettersReview, MailBatchResult, MailSettingsData, ReviewWarningKind } from '../../../src-main/contract';
import { call, ServiceCallError } from '../../api/client';
import { JobProgressBar, useJob } from '../../app/JobProgress';
import { ErrorAlert } from '../../app/DialogParts';
import { formatDate } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { MAIL_SETTINGS_HASH } from '../settings/MailSettings';
import { sendEmailBatch, mergeResults, resultsFromMessages } from './email-batch';
import { EmailPreviewDialog } from './EmailPreviewDialog';
import { EmailResults } from './EmailResults';
import { saveEml } from './eml-download';
import { openLetterPreview } from './letter-preview';
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
  /** Called after an email batch (or a retry) went to the server: the dialog stays open with each outcome. */
  onEmailed?(result: MailBatchResult): void;
}

const has = (r: LetterReviewRow, kind: ReviewWarningKind) => r.warnings.some((w) => w.kind === kind);

/** Where the letterhead is filled in: Settings, scrolled to "Letterhead and letters". */
export const LETTER_SETTINGS_HASH = '#/settings/letters';

/**
 * The batch as it would go out, before anything is recorded: one row per letter with what it
 * asks for and what to check, a preview of each, and a checkbox to leave it out. Only "Print N
 * letters" sends (through the letters.send job), and only the rows still ticked. Sending is
 * refused while the letterhead is incomplete, with a link to where it is filled in.
 *
 * By email (channel `email`) each row also says whom the message goes to; a customer without an
 * address cannot be ticked (their letter is printed instead), one already sent this template today
 * is unticked and needs "Send again" confirmed. "Send N emails" runs the mail.send job; then each
 * customer's outcome shows with the server's answer, and the failed ones can be retried.
 */
export function LettersReviewDialog({ input, onClose, onSent, onEmailed, noun = LETTERS }: Props) {
  const [review, setReview] = useState<LettersReview | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<SendOutcome | null>(null);
  const [again, setAgain] = useState<Set<number>>(new Set());
  const [confirming, setConfirming] = useState<LetterReviewRow | null>(null);
  const [emailPreview, setEmailPreview] = useState<LetterReviewRow | null>(null);
  const [emailed, setEmailed] = useState<MailBatchResult | null>(null);
  const [mail, setMail] = useState<MailSettingsData | null>(null);
  const [saving, setSaving] = useState<number | null>(null);
  const job = useJob();
  const email = input.channel === 'email';

  useEffect(() => {
    let live = true;
    call('letters.review', { ...input, taskIds: input.taskIds ?? [] }).then(
      (r) => {
        if (!live) return;
        setReview(r);
        // A repeat of today's email waits for the clerk to confirm it.
        setChosen(new Set(r.rows.filter((row) => sendable(row) && !has(row, 'sent_today')).map((row) => row.customerId)));
      },
      (err: Error) => live && setMessage(err.message),
    );
    if (email)
      call('mail.settingsGet', {}).then(
        (m) => live && setMail(m),
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
  const noMailServer = email && mail !== null && mail.settings === null;
  const sendableRows = review?.rows.filter((r) => sendable(r)) ?? [];
  const names = useMemo(() => new Map(review?.rows.map((r) => [r.customerId, r.customerName]) ?? []), [review]);

  /** Whether the row can be ticked at all: not blocked, and by email only with an address to send to. */
  function sendable(r: LetterReviewRow): boolean {
    return r.blocked === null && !(email && has(r, 'no_email'));
  }

  function toggle(row: LetterReviewRow) {
    if (email && has(row, 'sent_today') && !chosen.has(row.customerId) && !again.has(row.customerId)) {
      setConfirming(row);
      return;
    }
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
      setMessage(await openLetterPreview(review.templateId, row, review.letterDate));
    } catch (err) {
      setMessage((err as Error).message);
    } finally {
      setPreviewing(null);
    }
  }

  async function sendEmails() {
    if (!review) return;
    const customerIds = rows.map((r) => r.customerId);
    try {
      const result = await sendEmailBatch({ templateId: review.templateId, letterDate: review.letterDate }, rows, again, (i) => job.run('mail.send', i));
      setEmailed(result);
      onEmailed?.(result);
    } catch (err) {
      if (!(err instanceof ServiceCallError && err.code === 'cancelled')) {
        setMessage((err as Error).message);
        return;
      }
      // The server already has what it accepted before the cancel: show what went and what did not.
      const sent = await call('mail.list', { letterDate: review.letterDate, limit: 5000 }).catch(() => []);
      const result = resultsFromMessages(sent, review.templateId, customerIds);
      setEmailed(result);
      setMessage(`Sending was cancelled: ${result.sent} of ${customerIds.length} sent before it stopped.`);
      onEmailed?.(result);
    }
  }

  async function retryFailed() {
    if (!emailed) return;
    const messageIds = emailed.results.filter((r) => r.status === 'failed' && r.messageId !== null).map((r) => r.messageId!);
    if (messageIds.length === 0) return;
    setMessage(null);
    try {
      const result = mergeResults(emailed, await job.run('mail.retry', { messageIds }));
      setEmailed(result);
      onEmailed?.(result);
    } catch (err) {
      setMessage((err as Error).message);
    }
  }

  async function eml(row: LetterReviewRow) {
    if (!review) return;
    setSaving(row.customerId);
    setMessage(null);
    try {
      await saveEml(review.templateId, row.customerId, review.letterDate);
    } catch (err) {
      setMessage((err as Error).message);
    } finally {
      setSaving(null);
    }
  }

  async function send() {
    if (!review || n === 0) return;
    setMessage(null);
    if (email) return sendEmails();
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

  const title = review ? `Review: ${review.template}${email ? ' by email' : ''}` : 'Review letters';
  const action = email ? 'Sending emails' : `Printing ${noun.many}`;
  const mainLabel = email ? `Send ${n} ${n === 1 ? 'email' : 'emails'}` : `Print ${n} ${n === 1 ? noun.one : noun.many}`;
  const failed = emailed?.results.filter((r) => r.status === 'failed' && r.messageId !== null).length ?? 0;
  return (
    <Dialog open onClose={job.running ? undefined : onClose} maxWidth="lg" fullWidth aria-labelledby="letters-review-title">
      <DialogTitle id="letters-review-title">{title}</DialogTitle>
      <DialogContent>
        {outcome ? (
          <SentNotice outcome={outcome} noun={noun} />
        ) : emailed ? (
          <>
            <ErrorAlert message={message} />
            <JobProgressBar job={job} label="Sending the failed emails again" />
            <EmailResults result={emailed} names={names} />
          </>
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
            {noMailServer && (
              <Alert
                severity="error"
                role="alert"
                sx={{ mb: 2 }}
                action={
                  <Link href={MAIL_SETTINGS_HASH} color="inherit" underline="always" sx={{ whiteSpace: 'nowrap', alignSelf: 'center', mr: 1 }}>
                    Open mail settings
                  </Link>
                }
              >
                No mail server is set up for this ledger: fill in Settings → Mail before sending, or save each message as .eml for your own mail program.
              </Alert>
            )}
            <ErrorAlert message={message} />
            <JobProgressBar job={job} label={action} />
            {review === null ? (
              !message && <Typography color="text.secondary">Checking the letters…</Typography>
            ) : (
              <>
                <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
                  {email
                    ? 'Nothing is sent or recorded until you press Send. Untick a customer to leave them out; their task stays on the worklist. Customers without an email address are not emailed: print their letter instead.'
                    : 'Nothing is recorded until you print. Untick a letter to leave it out; its task stays on the worklist.'}{' '}
                  Letters dated {formatDate(review.letterDate)}, version {review.version} of the template.
                </Typography>
                <TableContainer sx={{ maxHeight: 440 }}>
                  <Table size="small" stickyHeader aria-label="Letters to review">
                    <TableHead>
                      <TableRow>
                        <TableCell padding="checkbox">
                          <Checkbox
                            checked={n > 0 && n === sendableRows.length}
                            indeterminate={n > 0 && n < sendableRows.length}
                            onChange={(e) =>
                              setChosen(new Set(e.target.checked ? sendableRows.filter((r) => !(email && has(r, 'sent_today')) || again.has(r.customerId)).map((r) => r.customerId) : []))
                            }
                            slotProps={{ input: { 'aria-label': 'Send all' } }}
                          />
                        </TableCell>
                        <TableCell>Customer</TableCell>
                        <TableCell>Letter</TableCell>
                        <TableCell>Channel</TableCell>
                        {email && <TableCell>To</TableCell>}
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
                              disabled={!sendable(r) || job.running}
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
                          {email && (
                            <TableCell sx={{ maxWidth: 260, wordBreak: 'break-word' }}>
                              {r.email && r.email.to.length > 0 ? r.email.to.join(', ') : '—'}
                              {r.email && r.email.cc.length > 0 && (
                                <Typography component="span" display="block" variant="body2" color="text.secondary">
                                  Cc {r.email.cc.join(', ')}
                                </Typography>
                              )}
                            </TableCell>
                          )}
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
                            {again.has(r.customerId) && chosen.has(r.customerId) && (
                              <Typography variant="body2" color="warning.main">
                                Will be sent again: you confirmed it.
                              </Typography>
                            )}
                          </TableCell>
                          <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                            <Button
                              size="small"
                              disabled={r.blocked !== null || previewing !== null}
                              onClick={() => (email ? setEmailPreview(r) : void preview(r))}
                              aria-label={email ? `Preview the email to ${r.customerName}` : `Preview the letter to ${r.customerName}`}
                            >
                              {previewing === r.customerId ? 'Opening…' : 'Preview'}
                            </Button>
                            {email && (
                              <Button size="small" disabled={r.blocked !== null || saving !== null} onClick={() => void eml(r)} aria-label={`Save the email to ${r.customerName} as .eml`}>
                                {saving === r.customerId ? 'Saving…' : 'Save as .eml'}
                              </Button>
                            )}
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
        {outcome || emailed ? (
          <>
            {emailed && failed > 0 && (
              <Button onClick={() => void retryFailed()} disabled={job.running}>
                {job.running ? 'Sending again…' : `Retry failed (${failed})`}
              </Button>
            )}
            <Button variant="contained" onClick={onClose} disabled={job.running}>
              Done
            </Button>
          </>
        ) : (
          <>
            <Button onClick={onClose} disabled={job.running}>
              Cancel
            </Button>
            <Button variant="contained" onClick={() => void send()} disabled={!review || blockedByLetterhead || noMailServer || (email && mail === null) || n === 0 || job.running}>
              {job.running ? (email ? 'Sending…' : 'Printing…') : mainLabel}
            </Button>
          </>
        )}
      </DialogActions>
      {confirming && (
        <Dialog open onClose={() => setConfirming(null)} maxWidth="xs" aria-labelledby="send-again-title">
          <DialogTitle id="send-again-title">Send again to {confirming.customerName}?</DialogTitle>
          <DialogContent>
            <Typography variant="body2">
              {confirming.warnings.find((w) => w.kind === 'sent_today')?.message ?? 'This email already went to them today.'} They would get it twice.
            </Typography>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setConfirming(null)}>Keep it out</Button>
            <Button
              variant="contained"
              onClick={() => {
                const id = confirming.customerId;
                setAgain((a) => new Set(a).add(id));
                setChosen((c) => new Set(c).add(id));
                setConfirming(null);
              }}
            >
              Send again
            </Button>
          </DialogActions>
        </Dialog>
      )}
      {emailPreview && review && <EmailPreviewDialog row={emailPreview} templateId={review.templateId} letterDate={review.letterDate} onClose={() => setEmailPreview(null)} />}
    </Dialog>
  );
}
