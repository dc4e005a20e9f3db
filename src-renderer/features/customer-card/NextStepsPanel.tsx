import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { WorkItem } from '../../../src-main/contract';
import { call } from '../../api/client';
import { ACTION_LABELS } from '../settings/policy-labels';
import type { CardPanelProps } from './card-panel';

/** The customer's open work from the policy and follow-ups, with the reason for each. */
export function NextStepsPanel({ customerId, today, version }: CardPanelProps) {
  const [items, setItems] = useState<WorkItem[] | null>(null);
  useEffect(() => {
    let live = true;
    call('worklist.list', { today, customerId }).then(
      (w) => live && setItems(w.items),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
  }, [customerId, today, version]);
  if (!items || items.length === 0) return null;
  return (
    <Paper component="section" variant="outlined" sx={{ p: 2, mb: 2 }} aria-labelledby="next-steps-title">
      <Typography id="next-steps-title" variant="h6" component="h2" gutterBottom>
        Next steps
      </Typography>
      {items.map((i) => (
        <Typography key={i.key} variant="body2" component="div" sx={{ mb: 1 }}>
          <Chip size="small" variant="outlined" label={i.action === 'follow_up' ? 'Follow-up call' : ACTION_LABELS[i.action]} sx={{ mr: 1 }} />
          {i.template && <strong>{i.template}: </strong>}
          {i.reason}
          {i.strategy && (
            <Typography variant="caption" color="text.secondary" display="block">
              Profile: {i.strategy}
            </Typography>
          )}
        </Typography>
      ))}
    </Paper>
  );
}
