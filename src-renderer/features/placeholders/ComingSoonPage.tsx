import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';

// Honest placeholders: say what the page will do, show nothing that pretends to work.
const COPY: Record<'letters' | 'reports', { title: string; text: string[] }> = {
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

export function ComingSoonPage({ page }: { page: 'letters' | 'reports' }) {
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
