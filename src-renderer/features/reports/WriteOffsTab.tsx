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
import { formatDate, formatMonth, toIsoDate } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { formatCount } from '../../lib/numbers';
import { monthStart, PeriodFields } from './PeriodFields';
import { ReportExportMenu } from './ReportExportMenu';
import { useReport } from './use-report';

const money = (v: number | null) => (v === null ? '' : formatMoney(v));

/** What was written off in a period and what came back later, by month and item by item. */
export function WriteOffsTab() {
  const [period, setPeriod] = useState(() => {
    const today = toIsoDate(new Date());
    return { from: monthStart(today, 11), to: today };
  });
  const ok = period.from <= period.to;
  const { value: report, error } = useReport('reports.writeOffs', ok ? period : null);

  return (
    <Paper component="section" variant="outlined" sx={{ p: 2 }} aria-labelledby="writeoffs-title">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 2 }}>
        <Typography id="writeoffs-title" variant="h6" component="h2" sx={{ flexGrow: 1 }}>
          Write-offs and recoveries
        </Typography>
        <PeriodFields from={period.from} to={period.to} onChange={setPeriod} />
        <ReportExportMenu request={ok ? { report: 'writeOffs', ...period } : null} label="Write-offs and recoveries" />
      </Box>
      {error && <Alert severity="error">{error}</Alert>}
      {report && (
        <>
          <Typography sx={{ mb: 2 }}>
            From {formatDate(report.from)} to {formatDate(report.to)}: {formatMoney(report.total.writtenOff)} written off ({formatCount(report.total.writeOffs)}),{' '}
            {formatMoney(report.total.recovered)} recovered ({formatCount(report.total.recoveries)}), {formatMoney(report.total.net)} lost net.
          </Typography>
          {report.months.length > 0 && (
            <Box role="figure" aria-label="Write-offs and recoveries by month chart">
              <BarChart
                height={240}
                xAxis={[{ scaleType: 'band', data: report.months.map((m) => formatMonth(m.month)) }]}
                yAxis={[{ valueFormatter: money, width: 110 }]}
                series={[
                  { id: 'writtenOff', label: 'Written off', data: report.months.map((m) => m.writtenOff), valueFormatter: money },
                  { id: 'recovered', label: 'Recovered', data: report.months.map((m) => m.recovered), valueFormatter: money },
                ]}
              />
            </Box>
          )}
          {report.rows.length > 0 && (
            <Box sx={{ overflowX: 'auto' }}>
              <Table size="small" aria-label="Write-offs and recoveries">
                <TableHead>
                  <TableRow>
                    <TableCell>Date</TableCell>
                    <TableCell>Kind</TableCell>
                    <TableCell>Customer</TableCell>
                    <TableCell>Invoice</TableCell>
                    <TableCell align="right">Amount</TableCell>
                    <TableCell>Reason or reference</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {report.rows.map((r, i) => (
                    <TableRow key={i}>
                      <TableCell>{formatDate(r.date)}</TableCell>
                      <TableCell>{r.kind === 'write_off' ? 'Write-off' : 'Recovery'}</TableCell>
                      <TableCell>
                        {r.customerName} ({r.customerCode})
                      </TableCell>
                      <TableCell>{r.invoiceNumber}</TableCell>
                      <TableCell align="right">{formatMoney(r.amount)}</TableCell>
                      <TableCell>{r.detail}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          )}
        </>
      )}
    </Paper>
  );
}
