import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import type { CeiResult, DsoResult } from '../../../src-main/contract';
import { DateField } from '../../app/DateField';
import { formatDate, toIsoDate } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { formatCount, formatRatio } from '../../lib/numbers';
import { AgingTrendPanel } from './AgingTrendPanel';
import { monthStart, PeriodFields } from './PeriodFields';
import { ReportExportMenu } from './ReportExportMenu';
import { useReport } from './use-report';

const DSO_DAYS = [30, 60, 90, 180, 365];

/** The figures a manager reads first: days sales outstanding both ways, CEI, and the aging trend. */
export function OverviewTab() {
  const [asOf, setAsOf] = useState(() => toIsoDate(new Date()));
  const [days, setDays] = useState(90);
  const [period, setPeriod] = useState(() => ({ from: monthStart(asOf, 2), to: asOf }));
  const periodOk = period.from <= period.to;

  const standard = useReport('reports.dso', { asOf, method: 'standard', days });
  const countback = useReport('reports.dso', { asOf, method: 'countback' });
  const cei = useReport('reports.cei', periodOk ? period : null);

  return (
    <Box sx={{ display: 'grid', gap: 3 }}>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <DateField label="As of" value={asOf} onChange={(v) => v && setAsOf(v)} width={170} />
        <TextField select size="small" label="DSO window" value={days} onChange={(e) => setDays(Number(e.target.value))} sx={{ width: 150 }}>
          {DSO_DAYS.map((d) => (
            <MenuItem key={d} value={d}>
              {d} days
            </MenuItem>
          ))}
        </TextField>
      </Box>

      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'repeat(3, 1fr)' }, gap: 2 }}>
        <FigureCard
          id="dso-standard"
          title="DSO, standard"
          state={standard}
          value={(r: DsoResult) => r.dso}
          unit="days"
          exportRequest={{ report: 'dso', asOf, method: 'standard', days }}
          explain={(r: DsoResult) => `Receivables ${formatMoney(r.receivables)} ÷ credit sales ${formatMoney(r.creditSales)} in the ${formatCount(r.days)} days to ${formatDate(r.asOf)} × ${formatCount(r.days)}.`}
        />
        <FigureCard
          id="dso-countback"
          title="DSO, countback"
          state={countback}
          value={(r: DsoResult) => r.dso}
          unit="days"
          exportRequest={{ report: 'dso', asOf, method: 'countback' }}
          explain={(r: DsoResult) => `Receivables ${formatMoney(r.receivables)} covered by the sales of the last ${formatCount(r.days)} days, counted back month by month (${formatMoney(r.creditSales)} of sales).`}
        />
        <FigureCard
          id="cei"
          title="Collection effectiveness (CEI)"
          state={cei}
          value={(r: CeiResult) => r.cei}
          unit="%"
          exportRequest={periodOk ? { report: 'cei', ...period } : null}
          explain={(r: CeiResult) =>
            `From ${formatDate(r.from)} to ${formatDate(r.to)}: receivables ${formatMoney(r.beginReceivables)} at the start + sales ${formatMoney(r.creditSales)} − ${formatMoney(r.endReceivables)} at the end, over what could be collected (less ${formatMoney(r.endCurrent)} not yet due).`
          }
        >
          <PeriodFields from={period.from} to={period.to} onChange={setPeriod} />
        </FigureCard>
      </Box>

      <AgingTrendPanel asOf={asOf} />
    </Box>
  );
}

interface FigureCardProps<R> {
  id: string;
  title: string;
  state: { value: R | null; error: string | null; loading: boolean };
  value(r: R): number | null;
  unit: 'days' | '%';
  explain(r: R): string;
  exportRequest: Parameters<typeof ReportExportMenu>[0]['request'];
  children?: ReactNode;
}

/** One headline ratio with the figures it comes from, or why there is none. */
function FigureCard<R extends { reason?: string }>({ id, title, state, value, unit, explain, exportRequest, children }: FigureCardProps<R>) {
  const r = state.value;
  const v = r ? value(r) : null;
  return (
    <Paper component="section" variant="outlined" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1 }} aria-labelledby={`${id}-title`}>
      <Box sx={{ display: 'flex', alignItems: 'center' }}>
        <Typography id={`${id}-title`} variant="subtitle1" component="h2" sx={{ flexGrow: 1, fontWeight: 600 }}>
          {title}
        </Typography>
        <ReportExportMenu request={exportRequest} label={title} />
      </Box>
      {children}
      {state.error && <Alert severity="error">{state.error}</Alert>}
      {r && (
        <>
          <Typography variant="h4" component="p" data-testid={`${id}-value`}>
            {v === null ? '—' : unit === '%' ? `${formatRatio(v)} %` : `${formatRatio(v)} days`}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {v === null ? r.reason : explain(r)}
          </Typography>
        </>
      )}
    </Paper>
  );
}
