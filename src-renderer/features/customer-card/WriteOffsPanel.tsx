import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState } from 'react';
import type { OpenItem, WriteOffSummary } from '../../../src-main/contract';
import { call } from '../../api/client';
import { formatMoney } from '../../lib/money';
import type { CardPanelProps } from './card-panel';
import { RecoveryDialog } from './RecoveryDialog';
import { WriteOffDialog, type WritableInvoice } from './WriteOffDialog';
import { formatDate } from '../../lib/dates';

/** The customer's write-offs with who approved them, what came back since, and recording either. */
export function WriteOffsPanel({ customerId, card, today, version, onChanged }: CardPanelProps) {
  const [writeOffs, setWriteOffs] = useState<WriteOffSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [writingOff, setWritingOff] = useState(false);
  const [recovering, setRecovering] = useState<WriteOffSummary | null>(null);
  const invoices = useMemo(() => byInvoice(card.openItems), [card.openItems]);

  useEffect(() => {
    let live = true;
    call('writeOffs.list', { customerId }).then(
      (w) => {
        if (!live) return;
        setWriteOffs(w);
        setError(null);
      },
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [customerId, version]);

  if (!error && (writeOffs === null || (writeOffs.length === 0 && invoices.length === 0))) return null;
  const done = (message: string) => {
    setWritingOff(false);
    setRecovering(null);
    onChanged(message);
  };

  return (
    <Paper component="section" variant="outlined" sx={{ p: 2, mb: 2 }} aria-labelledby="write-offs-title">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
        <Typography id="write-offs-title" variant="h6" component="h2" sx={{ flexGrow: 1 }}>
          Write-offs
        </Typography>
        <Button variant="outlined" size="small" disabled={invoices.length === 0} onClick={() => setWritingOff(true)}>
          Write off…
        </Button>
      </Box>
      {error && (
        <Typography color="error" role="alert">
          {error}
        </Typography>
      )}
      {writeOffs?.length === 0 && <Typography color="text.secondary">Nothing written off.</Typography>}
      {writeOffs && writeOffs.length > 0 && (
        <Box component="ul" aria-label="Write-offs" sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {writeOffs.map((w) => (
            <Box component="li" key={w.id} sx={{ py: 1, borderTop: 1, borderColor: 'divider', display: 'flex', gap: 1, alignItems: 'flex-start' }}>
              <Box sx={{ flexGrow: 1 }}>
                <Typography variant="body2" sx={{ fontWeight: 700 }}>
                  {formatDate(w.date)} · {w.invoiceNumber} · {formatMoney(w.amount)} written off
                </Typography>
                <Typography variant="body2">{w.reason}</Typography>
                <Typography variant="body2" color="text.secondary">
                  {w.approvedBy ? `Approved by ${w.approvedBy}: ${w.approvalNote ?? ''}` : 'No approval on record (written off before approvals were required)'}
                </Typography>
                <Typography variant="body2" color={w.recovered > 0 ? 'success.main' : 'text.secondary'}>
                  {recoveryText(w)}
                </Typography>
              </Box>
              {w.recoverable > 0 && (
                <Button size="small" sx={{ whiteSpace: 'nowrap', flexShrink: 0 }} onClick={() => setRecovering(w)} aria-label={`Record recovery on ${w.invoiceNumber} (${formatDate(w.date)})`}>
                  Record recovery…
                </Button>
              )}
            </Box>
          ))}
        </Box>
      )}
      {writingOff && <WriteOffDialog invoices={invoices} today={today} onClose={() => setWritingOff(false)} onSaved={done} />}
      {recovering && <RecoveryDialog writeOff={recovering} today={today} onClose={() => setRecovering(null)} onSaved={done} />}
    </Paper>
  );
}

function recoveryText(w: WriteOffSummary): string {
  if (w.recovered === 0) return `Nothing recovered yet; ${formatMoney(w.recoverable)} still recoverable`;
  if (w.recoverable === 0) return `All ${formatMoney(w.recovered)} recovered`;
  return `Recovered ${formatMoney(w.recovered)}; ${formatMoney(w.recoverable)} still recoverable`;
}

/** Open items list each instalment separately; a write-off is against the invoice as a whole. */
function byInvoice(items: OpenItem[]): WritableInvoice[] {
  const map = new Map<number, WritableInvoice>();
  for (const o of items) {
    const seen = map.get(o.invoiceId);
    if (seen) seen.openAmount += o.openAmount;
    else map.set(o.invoiceId, { invoiceId: o.invoiceId, number: o.number, openAmount: o.openAmount });
  }
  return [...map.values()];
}
