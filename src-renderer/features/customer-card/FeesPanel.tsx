import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { FeeRules } from '../../../src-main/contract';
import { call } from '../../api/client';
import { formatMoney } from '../../lib/money';
import type { CardPanelProps } from './card-panel';
import { FeesDialog } from './FeesDialog';

/** Late fees and interest: the rules in one line, and a preview before anything is charged. */
export function FeesPanel({ card, today, version, onChanged }: CardPanelProps) {
  const [rules, setRules] = useState<FeeRules | null>(null);
  const [open, setOpen] = useState(false);

  // Fetched again when the dialog closes: the rules may have been set meanwhile.
  useEffect(() => {
    if (open) return;
    let live = true;
    call('fees.rulesGet', {}).then(
      (r) => live && setRules(r),
      () => live && setRules(null),
    );
    return () => {
      live = false;
    };
  }, [version, open]);

  return (
    <Paper component="section" variant="outlined" sx={{ p: 2, mb: 2 }} aria-labelledby="fees-panel-title">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography id="fees-panel-title" variant="h6" component="h2" sx={{ flexGrow: 1 }}>
          Late fees and interest
        </Typography>
        <Button variant="outlined" size="small" onClick={() => setOpen(true)}>
          Preview charges…
        </Button>
      </Box>
      {rules && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {describeRules(rules)}
        </Typography>
      )}
      {open && (
        <FeesDialog
          customer={card.customer}
          today={today}
          onClose={() => setOpen(false)}
          onCharged={(message) => {
            setOpen(false);
            onChanged(message);
          }}
        />
      )}
    </Paper>
  );
}

/** "Late fee 25.00 and interest at 12% a year, after 10 grace days." */
function describeRules(r: FeeRules): string {
  const parts: string[] = [];
  if (r.lateFee) parts.push(r.lateFee.kind === 'flat' ? `late fee ${formatMoney(r.lateFee.amount)}` : `late fee ${percent(r.lateFee.basisPoints)} of what is open`);
  if (r.interest) parts.push(`interest at ${percent(r.interest.annualRateBasisPoints)} a year`);
  if (parts.length === 0) return 'No fee rules are set, so nothing is charged.';
  const text = parts.join(' and ');
  const cap = r.capBasisPoints === null ? '' : `, at most ${percent(r.capBasisPoints)} of an invoice`;
  return `${text[0].toUpperCase()}${text.slice(1)}, after ${r.graceDays} grace day${r.graceDays === 1 ? '' : 's'}${cap}.`;
}

/** Basis points as a percentage without floats: 1250 → "12.5%". */
function percent(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''}%`;
}
