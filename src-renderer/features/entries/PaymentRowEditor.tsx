import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { PaymentApplication } from '../../../src-main/contract';
import { call } from '../../api/client';
import { DateField } from '../../app/DateField';
import { toIsoDate } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { cashTargets, type CashTarget } from '../customer-card/ApplyCashDialog';
import { CustomerPicker } from '../letters/templates/CustomerPicker';
import { PAYMENT_METHODS, type PaymentRow } from './payment-row';
import type { RowPreview } from './use-payment-preview';

/** A customer's open invoices, as a payment can be applied to them; fetched again when `version` moves. */
export function useOpenInvoices(customerId: number | null, version = 0): CashTarget[] | null {
  const [invoices, setInvoices] = useState<{ customerId: number; list: CashTarget[] } | null>(null);
  useEffect(() => {
    if (customerId === null) return;
    let live = true;
    call('customers.card', { id: customerId, asOf: toIsoDate(new Date()) }).then(
      (card) => live && setInvoices({ customerId, list: cashTargets(card) }),
      () => live && setInvoices({ customerId, list: [] }),
    );
    return () => {
      live = false;
    };
  }, [customerId, version]);
  return invoices && invoices.customerId === customerId ? invoices.list : null;
}

interface Props {
  row: PaymentRow;
  onChange(patch: Partial<PaymentRow>): void;
  /** Problems from typing, from the preview, or from a refused save, by the row's field names. */
  errors: Record<string, string>;
  preview: RowPreview | undefined;
  /** Ask for the customer (a deposit) or not (a payment recorded from their card). */
  pickCustomer: boolean;
  /** Bumped after a save, so the open invoices are read again. */
  version?: number;
}

/**
 * One payment: who paid, the reference, date, amount and method, where it goes (oldest first or
 * the invoices the remittance names) and, from the ledger's preview, how it will be applied.
 */
export function PaymentRowEditor({ row, onChange, errors, preview, pickCustomer, version }: Props) {
  const invoices = useOpenInvoices(row.customer?.id ?? null, version);
  const text = (label: string, field: 'reference' | 'amount', width: number, extra: object = {}) => (
    <TextField
      size="small"
      label={label}
      value={row[field]}
      onChange={(e) => onChange({ [field]: e.target.value })}
      error={!!errors[field]}
      helperText={errors[field] ?? ' '}
      sx={{ width }}
      {...extra}
    />
  );
  return (
    <Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'flex-start' }}>
        {pickCustomer && (
          <Box sx={{ width: 320 }}>
            <CustomerPicker label="Customer" value={row.customer} onChange={(customer) => onChange({ customer, chosen: {} })} />
            {errors.customerId && (
              <Typography variant="caption" color="error" sx={{ ml: 1.75 }}>
                {errors.customerId}
              </Typography>
            )}
          </Box>
        )}
        {text('Reference', 'reference', 160)}
        <Box sx={{ width: 170 }}>
          <DateField label="Date received" value={row.date} onChange={(date) => onChange({ date })} error={errors.date} helperText=" " />
        </Box>
        {text('Amount', 'amount', 140, { slotProps: { htmlInput: { inputMode: 'decimal' } } })}
        <TextField select size="small" label="Method" value={row.method} onChange={(e) => onChange({ method: e.target.value })} sx={{ width: 150 }} helperText=" ">
          {PAYMENT_METHODS.map((m) => (
            <MenuItem key={m} value={m}>
              {m}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
        <ToggleButtonGroup
          exclusive
          size="small"
          value={row.apply}
          onChange={(_e, apply) => apply && onChange({ apply, chosen: apply === 'oldest' ? {} : row.chosen })}
          aria-label="Apply to"
        >
          <ToggleButton value="oldest">Oldest first</ToggleButton>
          <ToggleButton value="chosen">Chosen invoices</ToggleButton>
        </ToggleButtonGroup>
        <ApplicationSummary application={preview?.application ?? null} />
      </Box>
      {errors.allocations && (
        <Typography variant="body2" color="error" sx={{ mt: 1 }}>
          {errors.allocations}
        </Typography>
      )}
      {row.apply === 'chosen' && (
        <Box role="group" aria-label="Chosen invoices" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, mt: 1.5 }}>
          {!row.customer && <Typography color="text.secondary">Choose the customer first.</Typography>}
          {row.customer && invoices?.length === 0 && <Typography color="text.secondary">Nothing is open for this customer.</Typography>}
          {invoices?.map((inv) => (
            <TextField
              key={inv.invoiceId}
              size="small"
              label={`Pay on ${inv.number}`}
              value={row.chosen[inv.invoiceId] ?? ''}
              onChange={(e) => onChange({ chosen: { ...row.chosen, [inv.invoiceId]: e.target.value } })}
              error={!!errors[`chosen.${inv.invoiceId}`]}
              helperText={errors[`chosen.${inv.invoiceId}`] ?? `${formatMoney(inv.openAmount)} open`}
              slotProps={{ htmlInput: { inputMode: 'decimal' } }}
              sx={{ width: 180 }}
            />
          ))}
        </Box>
      )}
    </Box>
  );
}

/** "Pays A-1 100.00, A-2 50.00 · 20.00 left on the account": the ledger's own answer, not a guess. */
export function ApplicationSummary({ application }: { application: PaymentApplication | null }) {
  if (!application) return null;
  const paid = application.lines.map((l) => `${l.number} ${formatMoney(l.amount)}`).join(', ');
  return (
    <Typography variant="body2" role="status" aria-label="How it applies" sx={{ flexGrow: 1 }}>
      {paid ? `Pays ${paid}` : 'Pays no invoice'}
      {application.unapplied > 0 ? ` · ${formatMoney(application.unapplied)} left unapplied, a credit on the account` : ' · nothing left over'}
    </Typography>
  );
}
