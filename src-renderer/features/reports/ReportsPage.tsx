import Typography from '@mui/material/Typography';
import Stack from '@mui/material/Stack';
import { BureauPanel } from './BureauPanel';
import { DisputeReportPanel } from './DisputeReportPanel';

export function ReportsPage() {
  return (
    <section aria-labelledby="page-title">
      <Typography id="page-title" variant="h5" component="h1">
        Reports
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Disputes and the credit-bureau file for now. Days sales outstanding, collection effectiveness, the aging trend and the promise-kept rate come later.
      </Typography>
      <Stack spacing={3}>
        <DisputeReportPanel />
        <BureauPanel />
      </Stack>
    </section>
  );
}
