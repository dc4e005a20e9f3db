import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { useState } from 'react';
import { formatDate } from '../../lib/dates';
import { formatMoney, formatMoneyOrBlank } from '../../lib/money';
import { formatRatio } from '../../lib/numbers';
import { ReportExportMenu } from './ReportExportMenu';
import { useReport } from './use-report';

const MONTH_CHOICES = [6, 12, 24, 36];

/** Month-end aging by bucket as a stacked bar per month, with the share more than 60 days late. */
export function AgingTrendPanel({ asOf }: { asOf: string }) {
  const [months, setMonths] = useState(12);
  const { value: trend, error } = useReport('reports.trend', { asOf, months });

  return (
    <Paper component="section" variant="outlined" sx={{ p: 2 }} aria-labelledby="trend-title">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 1 }}>
        <Typography id="trend-title" variant="subtitle1" component="h2" sx={{ flexGrow: 1, fontWeight: 600 }}>
          Aging trend
        </Typography>
        <TextField select size="small" label="Months" value={months} onChange={(e) => setMonths(Number(e.target.value))} sx={{ width: 120 }}>
          {MONTH_CHOICES.map((m) => (
            <MenuItem key={m} value={m}>
              {m}
            </MenuItem>
          ))}
        </TextField>
        <ReportExportMenu request={{ report: 'trend', asOf, months }} label="Aging trend" />
      </Box>
      {error && <Alert severity="error">{error}</Alert>}
      {trend && (
        <>
          <Typography variant="body2" color="text.secondary">
            Receivables at each month's end (the last point is {formatDate(trend.asOf)}), by how late they were.
          </Typography>
          <Box role="figure" aria-label="Aging trend chart">
            <BarChart
              height={320}
              xAxis={[{ scaleType: 'band', data: trend.points.map((p) => formatDate(p.date)) }]}
              yAxis={[{ valueFormatter: (v: number | null) => (v === null ? '' : formatMoney(v)), width: 110 }]}
              series={trend.buckets.map((label, k) => ({
                id: `bucket-${k}`,
                label,
                stack: 'aging',
                data: trend.points.map((p) => p.buckets[k]),
                valueFormatter: (v: number | null) => (v === null ? '' : formatMoney(v)),
              }))}
            />
          </Box>
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" aria-label="Aging trend by month">
              <TableHead>
                <TableRow>
                  <TableCell>Date</TableCell>
                  {trend.buckets.map((b) => (
                    <TableCell key={b} align="right">
                      {b}
                    </TableCell>
                  ))}
                  <TableCell align="right">Unapplied</TableCell>
                  <TableCell align="right">Total</TableCell>
                  <TableCell align="right">Over 60 days</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {trend.points.map((p) => (
                  <TableRow key={p.date}>
                    <TableCell>{formatDate(p.date)}</TableCell>
                    {p.buckets.map((v, k) => (
                      <TableCell key={k} align="right">
                        {formatMoneyOrBlank(v)}
                      </TableCell>
                    ))}
                    <TableCell align="right">{formatMoneyOrBlank(p.unapplied)}</TableCell>
                    <TableCell align="right">{formatMoney(p.total)}</TableCell>
                    <TableCell align="right">{p.over60Share === null ? '—' : `${formatRatio(p.over60Share)} %`}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        </>
      )}
    </Paper>
  );
}
