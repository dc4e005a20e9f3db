import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { Page } from '../../app/navigation';

// Honest placeholders: say what the page will do, show nothing that pretends to work.
const COPY: Record<Exclude<Page, 'customers' | 'settings' | 'aging'>, { title: string; text: string[] }> = {
  worklist: {
    title: 'Worklist',
    text: [
      'Your day starts here: the calls, letters and follow-ups due today, with broken promises first and then the largest, oldest balances.',
      'It is not built yet. It will be generated from the escalation policy once invoices, payments and call notes are in the ledger.',
    ],
  },
  letters: {
    title: 'Letters',
    text: [
      'Reminder and collection letters from your own templates, printed for window envelopes, in batches, with certified-mail tracking and an archive of exactly what was sent.',
      'It is not built yet.',
    ],
  },
  reports: {
    title: 'Reports',
    text: [
      'Days sales outstanding, collection effectiveness, the aging trend, the promise-kept rate and disputes by reason, so you can see when your credit terms need to change.',
      'It is not built yet.',
    ],
  },
};

export function ComingSoonPage({ page }: { page: Exclude<Page, 'customers' | 'settings' | 'aging'> }) {
  const copy = COPY[page];
  return (
    <section aria-labelledby="page-title">
      <Typography id="page-title" variant="h5" component="h1" gutterBottom>
        {copy.title}
      </Typography>
      <Paper variant="outlined" sx={{ p: 3, maxWidth: 720 }}>
        {copy.text.map((t) => (
          <Typography key={t} paragraph sx={{ '&:last-child': { mb: 0 } }}>
            {t}
          </Typography>
        ))}
      </Paper>
    </section>
  );
}
