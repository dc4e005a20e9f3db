import Alert from '@mui/material/Alert';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { MailBatchResult, MailResult } from '../../../src-main/contract';

const STATUS_WORDS: Record<MailResult['status'], string> = { sent: 'Sent', failed: 'Failed', skipped: 'Not sent' };

export function emailOutcomeMessage(r: MailBatchResult): string {
  const parts = [`${r.sent} ${r.sent === 1 ? 'email' : 'emails'} sent, on each customer’s timeline`];
  if (r.failed > 0) parts.push(`${r.failed} failed`);
  if (r.skipped > 0) parts.push(`${r.skipped} not sent`);
  return `${parts.join('; ')}.`;
}

/** After an email batch: each customer's outcome with the server's own answer, failures first. */
export function EmailResults({ result, names }: { result: MailBatchResult; names: Map<number, string> }) {
  const order = { failed: 0, skipped: 1, sent: 2 } as const;
  const rows = [...result.results].sort((a, b) => order[a.status] - order[b.status]);
  return (
    <>
      <Alert severity={result.failed > 0 ? 'warning' : 'success'} role="status" sx={{ mb: 2 }}>
        {emailOutcomeMessage(result)}
        {result.failed > 0 && ' Nothing that failed is marked sent: retry it once the problem is fixed, or print the letter instead.'}
      </Alert>
      <TableContainer sx={{ maxHeight: 440 }}>
        <Table size="small" stickyHeader aria-label="Emails sent">
          <TableHead>
            <TableRow>
              <TableCell>Customer</TableCell>
              <TableCell>Outcome</TableCell>
              <TableCell>Server’s answer</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.customerId}>
                <TableCell>{names.get(r.customerId) ?? `Customer ${r.customerId}`}</TableCell>
                <TableCell>
                  <Typography variant="body2" color={r.status === 'failed' ? 'error' : r.status === 'sent' ? 'success.main' : 'text.secondary'}>
                    {STATUS_WORDS[r.status]}
                  </Typography>
                </TableCell>
                <TableCell sx={{ maxWidth: 480, wordBreak: 'break-word' }}>{r.response}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </>
  );
}
