import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { DisputeReport } from '../../../src-main/contract';
import { call } from '../../api/client';
import { useNav } from '../../app/navigation';
import { DateField } from '../../app/DateField';
import { formatDate, toIsoDate } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { countOf } from '../../lib/numbers';
import { DISPUTE_REASON_LABELS } from '../calls/outcomes';
import { ReportExportMenu } from './ReportExportMenu';

const STATUS_LABELS = { open: 'Open', investigating: 'Investigating' } as const;
const BUCKET_LABELS: Record<string, string> = { '0-15': '0–15 days', '16-30': '16–30 days', '31-60': '31–60 days', '61+': '61 days and more' };


/** Open disputes by age and reason as of a date, and how quickly recent ones were put right. */
export function DisputeReportPanel() {
  const go = useNav((s) => s.go);
  const [asOf, setAsOf] = useState(() => toIsoDate(new Date()));
  const [report, setReport] = useState<DisputeReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('reports.disputes', { asOf }).then(
      (r) => {
        if (!live) return;
        setReport(r);
        setError(null);
      },
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [asOf]);

  return (
    <Paper component="section" variant="outlined" sx={{ p: 2 }} aria-labelledby="disputes-report-title">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 2 }}>
        <Typography id="disputes-report-title" variant="h6" component="h2" sx={{ flexGrow: 1 }}>
          Disputes
        </Typography>
        <DateField label="As of" value={asOf} onChange={(v) => v && setAsOf(v)} width={170} />
        <ReportExportMenu request={{ report: 'disputes', asOf }} label="Disputes" />
      </Box>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      {report && (
        <>
          <Typography sx={{ mb: 2 }}>
            {report.total.count === 0
              ? `No disputes were open at the end of ${formatDate(report.asOf)}.`
              : `${countOf(report.total.count, 'dispute')} open at the end of ${formatDate(report.asOf)}, ${formatMoney(report.total.amount)} in all.`}
          </Typography>

          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'repeat(3, 1fr)' }, gap: 3, mb: 3, alignItems: 'start' }}>
            <Box>
              <Typography variant="subtitle2" component="h3" gutterBottom>
                How long they have been open
              </Typography>
              <Table size="small" aria-label="Dispute ageing">
                <TableHead>
                  <TableRow>
                    <TableCell>Open for</TableCell>
                    <TableCell align="right">Disputes</TableCell>
                    <TableCell align="right">Amount</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {report.buckets.map((b) => (
                    <TableRow key={b.label}>
                      <TableCell>{BUCKET_LABELS[b.label] ?? b.label}</TableCell>
                      <TableCell align="right">{b.count}</TableCell>
                      <TableCell align="right">{formatMoney(b.amount)}</TableCell>
                    </TableRow>
                  ))}
                  <TableRow sx={{ '& td': { fontWeight: 700 } }}>
                    <TableCell>Total</TableCell>
                    <TableCell align="right">{report.total.count}</TableCell>
                    <TableCell align="right">{formatMoney(report.total.amount)}</TableCell>
                  </TableRow>
                </TableBody>
              </Table>
            </Box>

            <Box>
              <Typography variant="subtitle2" component="h3" gutterBottom>
                By reason
              </Typography>
              {report.byReason.length === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  Nothing open.
                </Typography>
              ) : (
                <Table size="small" aria-label="Disputes by reason">
                  <TableHead>
                    <TableRow>
                      <TableCell>Reason</TableCell>
                      <TableCell align="right">Disputes</TableCell>
                      <TableCell align="right">Amount</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {report.byReason.map((r) => (
                      <TableRow key={r.reason}>
                        <TableCell>{DISPUTE_REASON_LABELS[r.reason] ?? r.reason}</TableCell>
                        <TableCell align="right">{r.count}</TableCell>
                        <TableCell align="right">{formatMoney(r.amount)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </Box>

            <Box component="section" aria-labelledby="resolved-title">
              <Typography id="resolved-title" variant="subtitle2" component="h3" gutterBottom>
                Resolved in the last 90 days
              </Typography>
              <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 2, rowGap: 0.5, '& dd': { m: 0, textAlign: 'right' } }}>
                <Typography component="dt" variant="body2">
                  Disputes
                </Typography>
                <Typography component="dd" variant="body2">
                  {report.resolved.count}
                </Typography>
                <Typography component="dt" variant="body2">
                  Amount
                </Typography>
                <Typography component="dd" variant="body2">
                  {formatMoney(report.resolved.amount)}
                </Typography>
                <Typography component="dt" variant="body2">
                  Average time to resolve
                </Typography>
                <Typography component="dd" variant="body2">
                  {report.resolved.averageDaysToResolve === null ? '–' : `${report.resolved.averageDaysToResolve} days`}
                </Typography>
              </Box>
            </Box>
          </Box>

          <Typography variant="subtitle2" component="h3" gutterBottom>
            Open disputes, oldest first
          </Typography>
          {report.open.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              None.
            </Typography>
          ) : (
            <Table size="small" aria-label="Open disputes">
              <TableHead>
                <TableRow>
                  <TableCell>Customer</TableCell>
                  <TableCell>Reason</TableCell>
                  <TableCell>Invoices</TableCell>
                  <TableCell align="right">Amount</TableCell>
                  <TableCell>Status</TableCell>
                  <TableCell>Owner</TableCell>
                  <TableCell>Opened</TableCell>
                  <TableCell align="right">Days open</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {report.open.map((d) => (
                  <TableRow key={d.id}>
                    <TableCell>
                      <Link component="button" underline="hover" onClick={() => go('customers', d.customerId)} sx={{ textAlign: 'left' }}>
                        {d.customerName}
                      </Link>{' '}
                      <Typography component="span" variant="body2" color="text.secondary">
                        {d.customerCode}
                      </Typography>
                    </TableCell>
                    <TableCell>{DISPUTE_REASON_LABELS[d.reason] ?? d.reason}</TableCell>
                    <TableCell>{d.invoices.join(', ')}</TableCell>
                    <TableCell align="right">{formatMoney(d.amount)}</TableCell>
                    <TableCell>{STATUS_LABELS[d.status]}</TableCell>
                    <TableCell>{d.owner ?? <Typography component="span" variant="body2" color="text.secondary">no owner</Typography>}</TableCell>
                    <TableCell>{formatDate(d.openedOn)}</TableCell>
                    <TableCell align="right">{d.daysOpen}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </>
      )}
    </Paper>
  );
}
