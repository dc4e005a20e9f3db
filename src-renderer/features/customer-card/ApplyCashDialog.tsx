import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { CustomerCard } from '../../../src-main/contract';
import { call } from '../../api/client';
import { DialogButtons, ErrorAlert } from '../../app/DialogParts';
import { formatMoney, formatMoneyInput, parseMoneyInput } from '../../lib/money';
import { useServiceForm } from '../../lib/use-service-form';
import { formatDate } from '../../lib/dates';

/** A payment or credit note with money not yet applied to any invoice. */
export interface CashSource {
  key: string;
  source: 'payment' | 'credit';
  id: number;
  /** The payment's reference or the credit note's number. */
  reference: string;
  date: string;
  unapplied: number;
}

/** An open invoice as a whole: cash is applied to an invoice, and the ledger spreads it over its instalments. */
export interface CashTarget {
  invoiceId: number;
  number: string;
  openAmount: number;
  disputed: number;
}

/** The card's unapplied payments and credits, oldest first, as the automatic matching takes them. */
export function cashSources(card: CustomerCard): CashSource[] {
  const payments = card.recentPayments
    .filter((p) => p.unapplied > 0)
    .map((p): CashSource => ({ key: `payment:${p.id}`, source: 'payment', id: p.id, reference: p.reference, date: p.date, unapplied: p.unapplied }));
  const credits = card.openCredits
    .filter((c) => c.unapplied > 0)
    .map((c): CashSource => ({ key: `credit:${c.id}`, source: 'credit', id: c.id, reference: c.number, date: c.date, unapplied: c.unapplied }));
  return [...payments, ...credits].sort((a, b) => a.date.localeCompare(b.date));
}

export function cashTargets(card: CustomerCard): CashTarget[] {
  const map = new Map<number, CashTarget>();
  for (const o of card.openItems) {
    const seen = map.get(o.invoiceId);
    if (seen) {
      seen.openAmount += o.openAmount;
      seen.disputed += o.disputed;
    } else map.set(o.invoiceId, { invoiceId: o.invoiceId, number: o.number, openAmount: o.openAmount, disputed: o.disputed });
  }
  return [...map.values()];
}

interface Props {
  sources: CashSource[];
  invoices: CashTarget[];
  onClose(): void;
  onSaved(message: string): void;
}

/**
 * Applying unapplied cash or a credit to the invoice the customer meant it for. Which invoice is
 * the clerk's call (the customer's remittance says), so nothing is chosen for them unless there
 * is only one choice; the amount starts at the most that fits.
 */
export function ApplyCashDialog({ sources, invoices, onClose, onSaved }: Props) {
  const [sourceKey, setSourceKey] = useState(sources.length === 1 ? sources[0].key : '');
  const [invoiceId, setInvoiceId] = useState<number | ''>(invoices.length === 1 ? invoices[0].invoiceId : '');
  const source = sources.find((s) => s.key === sourceKey);
  const invoice = invoices.find((i) => i.invoiceId === invoiceId);
  const [amount, setAmount] = useState(() => formatMoneyInput(fits(source, invoice)));
  const { errors, setErrors, message, setMessage, busy, submit } = useServiceForm();
  const most = fits(source, invoice);

  function choose(nextSource: CashSource | undefined, nextInvoice: CashTarget | undefined) {
    setAmount(formatMoneyInput(fits(nextSource, nextInvoice)));
    setErrors({});
    setMessage(null);
  }

  async function save() {
    const money = parseMoneyInput(amount);
    const local: Record<string, string> = {};
    if (!source) local.sourceId = 'Choose the payment or credit to apply';
    if (!invoice) local.invoiceId = 'Choose the invoice it pays';
    if (!money.ok) local.amount = money.message;
    else if (money.value === 0) local.amount = 'Enter an amount above zero, or leave it blank for the most that fits';
    else if (most !== null && money.value !== null && money.value > most) local.amount = `At most ${formatMoney(most)} fits`;
    if (!source || !invoice || !money.ok || Object.keys(local).length > 0) {
      setErrors(local);
      setMessage(Object.keys(local).length === 1 ? 'Please correct the highlighted field.' : 'Please correct the highlighted fields.');
      return;
    }
    const value = money.value;
    await submit(async () => {
      const posted = await call('allocations.apply', { source: source.source, sourceId: source.id, invoiceId: invoice.invoiceId, ...(value === null ? {} : { amount: value }) });
      onSaved(`Applied ${formatMoney(posted.applied)} of ${source.source === 'payment' ? 'payment' : 'credit note'} ${source.reference} to ${invoice.number}`);
    });
  }

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="apply-cash-title">
      <DialogTitle id="apply-cash-title">Apply cash</DialogTitle>
      <DialogContent>
        <ErrorAlert message={message} />
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          Apply money the customer has already paid or been credited to the invoice it was meant for. The invoice&apos;s open amount goes down by as much.
        </Typography>
        <Box sx={{ display: 'grid', gap: 2 }}>
          <TextField
            select
            size="small"
            label="Payment or credit"
            value={sourceKey}
            onChange={(e) => {
              setSourceKey(e.target.value);
              choose(
                sources.find((s) => s.key === e.target.value),
                invoice,
              );
            }}
            error={!!errors.sourceId}
            helperText={errors.sourceId || ' '}
          >
            {sources.map((s) => (
              <MenuItem key={s.key} value={s.key}>
                {s.source === 'payment' ? 'Payment' : 'Credit note'} {s.reference} of {formatDate(s.date)}: {formatMoney(s.unapplied)} unapplied
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            size="small"
            label="Invoice"
            value={invoiceId}
            onChange={(e) => {
              const id = Number(e.target.value);
              setInvoiceId(id);
              choose(
                source,
                invoices.find((i) => i.invoiceId === id),
              );
            }}
            error={!!errors.invoiceId}
            helperText={errors.invoiceId || ' '}
          >
            {invoices.map((i) => (
              <MenuItem key={i.invoiceId} value={i.invoiceId}>
                {i.number}: {formatMoney(i.openAmount)} open
                {i.disputed > 0 && ` (${formatMoney(i.disputed)} disputed)`}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            size="small"
            label="Amount"
            value={amount}
            onChange={(e) => {
              setAmount(e.target.value);
              setErrors(({ amount: _gone, ...rest }) => rest);
              setMessage(null);
            }}
            error={!!errors.amount}
            helperText={errors.amount || (most !== null ? `Up to ${formatMoney(most)}, the most that fits; blank for all of it` : 'Choose the payment or credit and the invoice first')}
            slotProps={{ htmlInput: { inputMode: 'decimal' } }}
          />
        </Box>
      </DialogContent>
      <DialogButtons onCancel={onClose} disabled={busy} onConfirm={save}>
        Apply
      </DialogButtons>
    </Dialog>
  );
}

/** The most of the source the invoice can take, once both are chosen. */
function fits(source: CashSource | undefined, invoice: CashTarget | undefined): number | null {
  return source && invoice ? Math.min(source.unapplied, invoice.openAmount) : null;
}
