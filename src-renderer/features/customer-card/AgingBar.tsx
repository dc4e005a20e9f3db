import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { formatMoney } from '../../lib/money';

// Green to red by age; the same order as the buckets.
const COLOURS = ['#2e7d32', '#9e9d24', '#f9a825', '#ef6c00', '#d84315', '#b71c1c', '#6a1b9a', '#4a148c'];

/** What is owed, split by age: a bar for the eye and a list for screen readers. */
export function AgingBar({ labels, buckets }: { labels: string[]; buckets: number[] }) {
  const open = buckets.reduce((s, v) => s + v, 0);
  return (
    <Box>
      <Box sx={{ display: 'flex', height: 12, borderRadius: 1, overflow: 'hidden', bgcolor: 'action.hover', mb: 1 }} aria-hidden>
        {open > 0 &&
          buckets.map((v, k) =>
            v > 0 ? (
              <Tooltip key={labels[k]} title={`${labels[k]}: ${formatMoney(v)}`}>
                <Box sx={{ width: `${(100 * v) / open}%`, bgcolor: COLOURS[k % COLOURS.length] }} />
              </Tooltip>
            ) : null,
          )}
      </Box>
      <Box component="ul" aria-label="Aging" sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', listStyle: 'none', p: 0, m: 0 }}>
        {labels.map((label, k) => (
          <Typography component="li" key={label} variant="body2" color={buckets[k] ? 'text.primary' : 'text.secondary'}>
            {label}: {formatMoney(buckets[k])}
          </Typography>
        ))}
      </Box>
    </Box>
  );
}
