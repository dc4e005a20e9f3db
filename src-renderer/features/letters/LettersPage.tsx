import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { CertifiedMailTab } from './CertifiedMailTab';
import { PrintAndSendTab } from './PrintAndSendTab';
import { TemplatesTab } from './templates/TemplatesTab';

/** The Letters page. Each tab is one job: the templates, printing and sending, and the certified-mail log. */
type LettersTab = 'templates' | 'print' | 'certified';

export function LettersPage() {
  const [tab, setTab] = useState<LettersTab>('templates');
  return (
    <section aria-labelledby="page-title">
      <Typography id="page-title" variant="h5" component="h1" gutterBottom>
        Letters
      </Typography>
      <Tabs value={tab} onChange={(_e, v: LettersTab) => setTab(v)} aria-label="Letters" sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}>
        <Tab value="templates" label="Templates" id="letters-tab-templates" aria-controls="letters-panel-templates" />
        <Tab value="print" label="Print and send" id="letters-tab-print" aria-controls="letters-panel-print" />
        <Tab value="certified" label="Certified mail" id="letters-tab-certified" aria-controls="letters-panel-certified" />
      </Tabs>
      <Box role="tabpanel" id="letters-panel-templates" aria-labelledby="letters-tab-templates" hidden={tab !== 'templates'}>
        {tab === 'templates' && <TemplatesTab />}
      </Box>
      <Box role="tabpanel" id="letters-panel-print" aria-labelledby="letters-tab-print" hidden={tab !== 'print'}>
        {tab === 'print' && <PrintAndSendTab />}
      </Box>
      <Box role="tabpanel" id="letters-panel-certified" aria-labelledby="letters-tab-certified" hidden={tab !== 'certified'}>
        {tab === 'certified' && <CertifiedMailTab />}
      </Box>
    </section>
  );
}
