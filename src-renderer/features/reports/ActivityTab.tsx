import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { useState } from 'react';
import type { ActivityTally } from '../../../src-main/contract';
import { formatDate, toIsoDate } from '../../lib/dates';
import { formatCount } from '../../lib/numbers';
import { OUTCOME_LABELS } from '../calls/outcomes';
import { monthStart, PeriodFields } from './PeriodFields';
import { ReportExportMenu } from './ReportExportMenu';
import { useReport } from './use-report';

const KINDS = [
  { key: 'calls', label: 'Calls' },
  { key: 'emails', label: 'Emails' },
  { key: 'visits', label: 'Visits' },
  { key: 'letters', label: 'Letters' },
] as const;

const outcomeLabel = (o: string) => (o === 'none' ? 'No outcome' : ((OUTCOME_LABELS as Record<string, string>)[o] ?? o));

/** What each collector did in a period: calls, emails, visits and letters, and how the calls ended. */
export function ActivityTab() {
  const [period, setPeriod] = useState(() => {
    const today = toIsoDate(new Date());
    return { from: monthStart(today), to: today };
  });
  const ok = period.from <= period.to;
  const { value: report, error } = useReport('reports.activity', ok ? period : null);
  const outcomes = report ? Object.keys(report.total.outcomes).sort() : [];

  const cells = (t: ActivityTally) => (
    <>
      {KINDS.map((k) => (
        <TableCell key={k.key} align="right">
          {formatCount(t[k.key])}
        </TableCell>
      ))}
      {outcomes.map((o) => (
        <TableCell key={o} align="right">
          {formatCount(t.outcomes[o] ?? 0)}
        </TableCell>
      ))}
    </>
  );

  return (
    <Paper component="section" variant="outlined" sx={{ p: 2 }} aria-labelledby="activity-title">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 2 }}>
        <Typography id="activity-title" variant="h6" component="h2" sx={{ flexGrow: 1 }}>
          Collector activity
        </Typography>
        <PeriodFields from={period.from} to={period.to} onChange={setPeriod} />
        <ReportExportMenu request={ok ? { report: 'activity', ...period } : null} label="Collector activity" />
      </Box>
      {error && <Alert severity="error">{error}</Alert>}
      {report && report.collectors.length === 0 && (
        <Typography>
          Nothing was logged from {formatDate(report.from)} to {formatDate(report.to)}.
        </Typography>
      )}
      {report && report.collectors.length > 0 && (
        <>
          <Box role="figure" aria-label="Activity by collector chart">
            <BarChart
              height={240}
              xAxis={[{ scaleType: 'band', data: report.collectors.map((c) => c.collector) }]}
              yAxis={[{ tickMinStep: 1 }]}
              series={KINDS.map((k) => ({ id: k.key, label: k.label, data: report.collectors.map((c) => c[k.key]) }))}
            />
          </Box>
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" aria-label="Activity by collector">
              <TableHead>
                <TableRow>
                  <TableCell>Collector</TableCell>
                  {KINDS.map((k) => (
                    <TableCell key={k.key} align="right">
                      {k.label}
                    </TableCell>
                  ))}
                  {outcomes.map((o) => (
                    <TableCell key={o} align="right">
                      {outcomeLabel(o)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {report.collectors.map((c) => (
                  <TableRow key={c.collector}>
                    <TableCell>{c.collector}</TableCell>
                    {cells(c)}
                  </TableRow>
                ))}
                <TableRow sx={{ '& td': { fontWeight: 700 } }}>
                  <TableCell>Total</TableCell>
                  {cells(report.total)}
                </TableRow>
              </TableBody>
            </Table>
          </Box>
        </>
      )}
    </Paper>
  );
}
