import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import type { TimelineItem, TimelineKind } from '../../../src-main/contract';
import { formatMoney } from '../../lib/money';
import { DISPUTE_REASON_LABELS, OUTCOME_LABELS } from '../calls/outcomes';

export const FILTERS: { value: string; label: string; kinds: TimelineKind[] }[] = [
  { value: 'all', label: 'Everything', kinds: ['call', 'email', 'letter', 'visit', 'note', 'payment', 'credit', 'write_off'] },
  { value: 'calls', label: 'Calls and notes', kinds: ['call', 'visit', 'note', 'email'] },
  { value: 'letters', label: 'Letters', kinds: ['letter'] },
  { value: 'money', label: 'Payments and credits', kinds: ['payment', 'credit', 'write_off'] },
];

function when(at: string): string {
  return at.replace('T', ' ');
}

function describe(item: TimelineItem): { primary: string; secondary: string } {
  switch (item.type) {
    case 'payment':
      return { primary: `Payment ${item.reference}: ${formatMoney(item.amount)}`, secondary: `${when(item.at)}${item.method ? ` · ${item.method}` : ''}` };
    case 'credit':
      return { primary: `Credit note ${item.number}: ${formatMoney(item.amount)}`, secondary: `${when(item.at)}${item.reason ? ` · ${item.reason}` : ''}` };
    case 'write_off':
      return { primary: `Written off: ${formatMoney(item.amount)}`, secondary: `${when(item.at)} · ${item.reason}` };
    case 'activity': {
      const who = item.contactName ? ` with ${item.contactName}` : '';
      const kind = item.kind === 'call' ? (item.direction === 'inbound' ? 'Call from customer' : 'Call') : item.kind[0].toUpperCase() + item.kind.slice(1);
      const details = [
        item.outcome ? OUTCOME_LABELS[item.outcome] : null,
        item.promise ? `promised ${formatMoney(item.promise.amount)} by ${item.promise.date}` : null,
        item.dispute ? `disputed ${formatMoney(item.dispute.amount)} on ${item.dispute.invoiceNumbers.join(', ')} (${DISPUTE_REASON_LABELS[item.dispute.reason].toLowerCase()})` : null,
        item.followUpDate ? `follow up ${item.followUpDate}` : null,
        item.author ? `by ${item.author}` : null,
      ].filter(Boolean);
      return { primary: `${kind}${who}: ${item.summary}`, secondary: [when(item.at), ...details].join(' · ') };
    }
  }
}

interface Props {
  items: TimelineItem[];
  filter: string;
  onFilter(f: string): void;
  onCorrect(entry: Extract<TimelineItem, { type: 'activity' }>): void;
}

export function Timeline({ items, filter, onFilter, onCorrect }: Props) {
  return (
    <section aria-labelledby="timeline-title">
      <Typography id="timeline-title" variant="h6" component="h2" gutterBottom>
        Timeline
      </Typography>
      <ToggleButtonGroup exclusive size="small" value={filter} onChange={(_e, v) => v && onFilter(v)} aria-label="Show on timeline" sx={{ mb: 1 }}>
        {FILTERS.map((f) => (
          <ToggleButton key={f.value} value={f.value}>
            {f.label}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {items.length === 0 ? (
        <Typography color="text.secondary">Nothing here yet. Calls, notes, letters and payments will appear as they happen.</Typography>
      ) : (
        <List dense aria-label="Timeline entries">
          {items.map((item) => {
            const d = describe(item);
            return (
              <ListItem
                key={`${item.type}-${item.id}`}
                alignItems="flex-start"
                divider
                secondaryAction={
                  item.type === 'activity' ? (
                    <Button size="small" onClick={() => onCorrect(item)} aria-label={`Correct: ${item.summary.slice(0, 60)}`}>
                      Correct
                    </Button>
                  ) : undefined
                }
              >
                <ListItemText
                  primary={d.primary}
                  secondary={
                    <>
                      {d.secondary}
                      {item.type === 'activity' &&
                        item.corrections.map((c) => (
                          <Typography key={c.id} component="span" display="block" variant="body2" color="warning.main">
                            Corrected {when(c.occurredAt)}: {c.summary}
                          </Typography>
                        ))}
                    </>
                  }
                />
              </ListItem>
            );
          })}
        </List>
      )}
    </section>
  );
}
