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
import type { PromiseTally } from '../../../src-main/contract';
import { formatDate, formatMonth, toIsoDate } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { countOf, formatCount, formatRatio } from '../../lib/numbers';
import { monthsOf, monthStart, PeriodFields } from './PeriodFields';
import { ReportExportMenu } from './ReportExportMenu';
import { useReport } from './use-report';

const OUTCOMES = [
  { key: 'kept', label: 'Kept' },
  { key: 'partlyKept', label: 'Partly kept' },
  { key: 'broken', label: 'Broken' },
  { key: 'open', label: 'Not yet due' },
] as const;

/** Promises to pay made in a period: how many were kept, by month and by the collector who took them. */
export function PromisesTab() {
  const [period, setPeriod] = useState(() => {
    const today = toIsoDate(new Date());
    return { from: monthStart(today, 5), to: today };
  });
  const ok = period.from <= period.to;
  const { value: report, error } = useReport('reports.promises', ok ? period : null);
  // Every month of the period on the chart, so a month without promises shows as a gap.
  const chartMonths = report ? monthsOf(report.from, report.to).map((month) => ({ month, tally: report.months.find((m) => m.month === month) })) : [];

  return (
    <Paper component="section" variant="outlined" sx={{ p: 2 }} aria-labelledby="promises-title">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 2 }}>
        <Typography id="promises-title" variant="h6" component="h2" sx={{ flexGrow: 1 }}>
          Promises to pay
        </Typography>
        <PeriodFields from={period.from} to={period.to} onChange={setPeriod} />
        <ReportExportMenu request={ok ? { report: 'promises', ...period } : null} label="Promises" />
      </Box>
      {error && <Alert severity="error">{error}</Alert>}
      {report && (
        <>
          <Typography sx={{ mb: 2 }}>
            {report.total.made === 0
              ? `No promises were made from ${formatDate(report.from)} to ${formatDate(report.to)}.`
              : `${countOf(report.total.made, 'promise')} made, ${formatMoney(report.total.promised)} promised and ${formatMoney(report.total.received)} received; ${
                  report.total.keptRate === null ? 'none judged yet' : `${formatRatio(report.total.keptRate)} % kept`
                }.`}
          </Typography>
          {report.months.length > 0 && (
            <Box role="figure" aria-label="Promises by month chart">
              <BarChart
                height={260}
                xAxis={[{ scaleType: 'band', data: chartMonths.map((m) => formatMonth(m.month)) }]}
                yAxis={[{ tickMinStep: 1 }]}
                series={OUTCOMES.map((o) => ({ id: o.key, label: o.label, stack: 'promises', data: chartMonths.map((m) => m.tally?.[o.key] ?? 0) }))}
              />
            </Box>
          )}
          <TallyTable caption="Promises by month" first="Month" rows={report.months.map((m) => ({ key: m.month, name: formatMonth(m.month), tally: m }))} total={report.total} />
          <Box sx={{ mt: 3 }}>
            <TallyTable caption="Promises by collector" first="Collector" rows={report.collectors.map((c) => ({ key: c.collector, name: c.collector, tally: c }))} total={report.total} />
          </Box>
        </>
      )}
    </Paper>
  );
}

function TallyTable({ caption, first, rows, total }: { caption: string; first: string; rows: { key: string; name: string; tally: PromiseTally }[]; total: PromiseTally }) {
  const cells = (t: PromiseTally) => (
    <>
      <TableCell align="right">{formatCount(t.made)}</TableCell>
      {OUTCOMES.map((o) => (
        <TableCell key={o.key} align="right">
          {formatCount(t[o.key])}
        </TableCell>
      ))}
      <TableCell align="right">{formatMoney(t.promised)}</TableCell>
      <TableCell align="right">{formatMoney(t.received)}</TableCell>
      <TableCell align="right">{t.keptRate === null ? '—' : `${formatRatio(t.keptRate)} %`}</TableCell>
    </>
  );
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Typography variant="subtitle2" component="h3" gutterBottom>
        {caption}
      </Typography>
      <Table size="small" aria-label={caption}>
        <TableHead>
          <TableRow>
            <TableCell>{first}</TableCell>
            <TableCell align="right">Made</TableCell>
            {OUTCOMES.map((o) => (
              <TableCell key={o.key} align="right">
                {o.label}
              </TableCell>
            ))}
            <TableCell align="right">Promised</TableCell>
            <TableCell align="right">Received</TableCell>
            <TableCell align="right">Kept rate</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.key}>
              <TableCell>{r.name}</TableCell>
              {cells(r.tally)}
            </TableRow>
          ))}
          <TableRow sx={{ '& td': { fontWeight: 700 } }}>
            <TableCell>Total</TableCell>
            {cells(total)}
          </TableRow>
        </TableBody>
      </Table>
    </Box>
  );
}
