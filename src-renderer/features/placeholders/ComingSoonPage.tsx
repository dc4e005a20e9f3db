import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { Page } from '../../app/navigation';

// Honest placeholders: say what the page will do, show nothing that pretends to work.
const COPY: Record<Exclude<Page, 'customers' | 'settings'>, { title: string; text: string[] }> = {
  worklist: {
    title: 'Worklist',
    text: [
      'Your day starts here: the calls, letters and follow-ups due today, with broken promises first and then the largest, oldest balances.',
      'It is not built yet. It will be generated from the escalation policy once invoices, payments and call notes are in the ledger.',
    ],
  },
  aging: {
    title: 'Aging',
    text: [
      'What each customer owes as of any date, in Current, 1–30, 31–60, 61–90, 91–120 and over-120-day buckets, with totals and export.',
      'It is not built yet: it needs invoices and payments, which come with the ledger import.',
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

export function ComingSoonPage({ page }: { page: Exclude<Page, 'customers' | 'settings'> }) {
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
