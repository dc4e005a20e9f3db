import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { ActivityTab } from './ActivityTab';
import { BureauPanel } from './BureauPanel';
import { DisputeReportPanel } from './DisputeReportPanel';
import { OverviewTab } from './OverviewTab';
import { PromisesTab } from './PromisesTab';
import { WriteOffsTab } from './WriteOffsTab';

const TABS = [
  { value: 'overview', label: 'DSO, CEI and trend', panel: OverviewTab },
  { value: 'promises', label: 'Promises', panel: PromisesTab },
  { value: 'activity', label: 'Activity', panel: ActivityTab },
  { value: 'disputes', label: 'Disputes', panel: DisputeReportPanel },
  { value: 'writeoffs', label: 'Write-offs', panel: WriteOffsTab },
  { value: 'bureau', label: 'Credit bureau', panel: BureauPanel },
] as const;
type ReportsTab = (typeof TABS)[number]['value'];

/** The managers' reports, one tab each; every one is as of a date or for a period, and exportable. */
export function ReportsPage() {
  const [tab, setTab] = useState<ReportsTab>('overview');
  return (
    <section aria-labelledby="page-title">
      <Typography id="page-title" variant="h5" component="h1" gutterBottom>
        Reports
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        Days sales outstanding, collection effectiveness, the aging trend, promises, activity, disputes and write-offs, each as of any date from the
        ledger’s history, and the credit-bureau file. Export any of them as CSV, Excel or a PDF on your letterhead.
      </Typography>
      <Tabs value={tab} onChange={(_e, v: ReportsTab) => setTab(v)} aria-label="Reports" variant="scrollable" sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}>
        {TABS.map((t) => (
          <Tab key={t.value} value={t.value} label={t.label} id={`reports-tab-${t.value}`} aria-controls={`reports-panel-${t.value}`} />
        ))}
      </Tabs>
      {TABS.map(({ value, panel: Panel }) => (
        <Box key={value} role="tabpanel" id={`reports-panel-${value}`} aria-labelledby={`reports-tab-${value}`} hidden={tab !== value}>
          {tab === value && <Panel />}
        </Box>
      ))}
    </section>
  );
}
