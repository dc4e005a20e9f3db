import EmailIcon from '@mui/icons-material/Email';
import PrintIcon from '@mui/icons-material/Print';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import type { LettersDueGroup } from '../../../src-main/contract';
import { call } from '../../api/client';
import { formatDate, toIsoDate } from '../../lib/dates';
import { CHANNEL_LABELS } from './letter-files';
import { SentNotice, type SendOutcome } from './SentNotice';
import { LettersReviewDialog, type ReviewInput } from './LettersReviewDialog';

const SHOWN_NAMES = 6;

/** The letters the policy asks for today, one row per template, each printed as one PDF with "Print all". */
export function PrintAndSendTab() {
  const today = toIsoDate(new Date());
  const [groups, setGroups] = useState<LettersDueGroup[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [review, setReview] = useState<ReviewInput | null>(null);
  const [outcome, setOutcome] = useState<SendOutcome | null>(null);

  const load = useCallback(
    () =>
      // The screen can send by email, so the policy's email steps come in groups of their own.
      call('letters.dueToday', { today, email: true }).then(
        (g) => {
          setGroups(g);
          setError(null);
        },
        (err: Error) => setError(err.message),
      ),
    [today],
  );

  useEffect(() => {
    void load();
  }, [load]);

  // "Print all" (or "Send all" by email) opens the review: nothing is recorded until the clerk confirms there.
  function printAll(group: LettersDueGroup) {
    if (group.templateId === null) return;
    setOutcome(null);
    setReview({
      templateId: group.templateId,
      customerIds: group.tasks.map((t) => t.customerId),
      taskIds: group.tasks.map((t) => t.taskId),
      letterDate: today,
      channel: group.channel,
    });
  }

  const total = groups?.reduce((s, g) => s + g.tasks.length, 0) ?? 0;

  return (
    <Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        The letters the escalation policy asks for today ({formatDate(today)}). Print all shows each template&apos;s letters for review first; they print as one PDF, ready for window envelopes. Send all does the same for the steps that go by
        email, to customers with an email address (those without one are in the printed group). Every letter and email is archived, goes on its customer&apos;s timeline and ticks off its task on the worklist.
      </Typography>
      {error && (
        <Alert severity="error" role="alert" sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      {outcome && <SentNotice outcome={outcome} onClose={() => setOutcome(null)} />}
      {review && (
        <LettersReviewDialog
          input={review}
          onClose={() => setReview(null)}
          onSent={(o) => {
            setReview(null);
            setOutcome(o);
            void load();
          }}
          // The dialog stays open with each message's outcome; the list behind it loses what went.
          onEmailed={() => void load()}
        />
      )}
      {groups === null ? null : groups.length === 0 ? (
        <Typography color="text.secondary">No letters are due today.</Typography>
      ) : (
        <Paper variant="outlined">
          <Table size="small" aria-label="Letters due today">
            <TableHead>
              <TableRow>
                <TableCell>Template</TableCell>
                <TableCell>Channel</TableCell>
                <TableCell align="right">Letters</TableCell>
                <TableCell>To</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {groups.map((g) => {
                const key = `${g.template}|${g.channel}`;
                const names = g.tasks.map((t) => t.customerName);
                const byEmail = g.channel === 'email';
                const button = (
                  <Button
                    variant="contained"
                    size="small"
                    startIcon={byEmail ? <EmailIcon /> : <PrintIcon />}
                    disabled={g.templateId === null || review !== null}
                    onClick={() => printAll(g)}
                    aria-label={byEmail ? `Send all ${g.tasks.length} by email: ${g.template}` : `Print all ${g.tasks.length}: ${g.template}`}
                  >
                    {byEmail ? 'Send all' : 'Print all'}
                  </Button>
                );
                return (
                  <TableRow key={key}>
                    <TableCell>{g.template}</TableCell>
                    <TableCell>
                      <Chip size="small" variant={g.channel === 'mail' ? 'outlined' : 'filled'} color={byEmail ? 'primary' : 'default'} label={CHANNEL_LABELS[g.channel]} />
                    </TableCell>
                    <TableCell align="right">{g.tasks.length}</TableCell>
                    <TableCell sx={{ maxWidth: 420 }}>
                      {names.slice(0, SHOWN_NAMES).join(', ')}
                      {names.length > SHOWN_NAMES ? ` and ${names.length - SHOWN_NAMES} more` : ''}
                    </TableCell>
                    <TableCell align="right">
                      {g.templateId === null ? (
                        <Tooltip title={`No template is called “${g.template}”: add it under Templates, or change the policy step that names it`}>
                          <span>{button}</span>
                        </Tooltip>
                      ) : (
                        button
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          <Typography variant="body2" color="text.secondary" sx={{ p: 1.5 }}>
            {total} {total === 1 ? 'letter' : 'letters'} due today.
          </Typography>
        </Paper>
      )}
    </Box>
  );
}
