import Typography from '@mui/material/Typography';
import { DisputeReportPanel } from './DisputeReportPanel';

export function ReportsPage() {
  return (
    <section aria-labelledby="page-title">
      <Typography id="page-title" variant="h5" component="h1">
        Reports
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Disputes for now. Days sales outstanding, collection effectiveness, the aging trend and the promise-kept rate come later.
      </Typography>
      <DisputeReportPanel />
    </section>
  );
}
