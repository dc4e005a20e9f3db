import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Fragment, useCallback, useEffect, useState } from 'react';
import type { CustomerDetail, FeePreview, FeeRules } from '../../../src-main/contract';
import { call, ServiceCallError } from '../../api/client';
import { ErrorAlert } from '../../app/DialogParts';
import { useNav } from '../../app/navigation';
import { formatMoney } from '../../lib/money';
import { formatDate } from '../../lib/dates';

const KIND_LABELS = { late_fee: 'Late fee', interest: 'Interest' } as const;

interface Props {
  customer: CustomerDetail;
  today: string;
  onClose(): void;
  onCharged(message: string): void;
}

/**
 * What the fee rules would charge this customer today, line by line, and charging exactly that:
 * the service refuses if the total is no longer the one on screen, and the dialog shows the new
 * preview instead, so nobody is charged for something the clerk did not see.
 */
export function FeesDialog({ customer, today, onClose, onCharged }: Props) {
  const go = useNav((s) => s.go);
  const [preview, setPreview] = useState<FeePreview | null>(null);
  const [rules, setRules] = useState<FeeRules | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [changed, setChanged] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const [p, r] = await Promise.all([call('fees.preview', { asOf: today, customerId: customer.id }), call('fees.rulesGet', {})]);
    setPreview(p);
    setRules(r);
  }, [customer.id, today]);

  useEffect(() => {
    load().catch((err: Error) => setError(err.message));
  }, [load]);

  async function charge() {
    if (!preview) return;
    setBusy(true);
    try {
      const done = await call('fees.apply', { asOf: today, customerId: customer.id, expectedTotal: preview.total });
      onCharged(`Charged ${formatMoney(done.total)} in ${done.posted === 1 ? 'one line' : `${done.posted} lines`} of late fees and interest`);
    } catch (err) {
      if (err instanceof ServiceCallError && err.code === 'conflict') {
        // Someone posted a payment or changed the rules meanwhile: show the new figures and let the clerk decide again.
        setChanged(true);
        setError(null);
        await load().catch((e: Error) => setError(e.message));
      } else {
        setError((err as Error).message);
      }
    } finally {
      setBusy(false);
    }
  }

  const lines = preview?.lines ?? [];
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="fees-dialog-title">
      <DialogTitle id="fees-dialog-title">Late fees and interest as of {formatDate(today)}</DialogTitle>
      <DialogContent>
        {changed && (
          <Alert severity="warning" role="alert" sx={{ mb: 2 }}>
            The charges changed; preview again. Nothing was charged. Below are the charges as they stand now: check them before charging.
          </Alert>
        )}
        <ErrorAlert message={error} />
        {!preview && !error && <Typography color="text.secondary">Working out the charges…</Typography>}
        {preview && lines.length === 0 && rules && <NothingToCharge customer={customer} rules={rules} today={today} onSettings={() => go('settings')} />}
        {lines.length > 0 && (
          <>
            <Typography variant="body2" sx={{ mb: 1 }}>
              Each line becomes a separate invoice to {customer.name}, issued today and due in {customer.termsDays} days, with the explanation as its description.
            </Typography>
            <Table size="small" aria-label="Charges to apply">
              <TableHead>
                <TableRow>
                  <TableCell>Invoice</TableCell>
                  <TableCell>Charge</TableCell>
                  <TableCell>Period</TableCell>
                  <TableCell align="right">Days</TableCell>
                  <TableCell align="right">Amount</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {lines.map((l) => (
                  <Fragment key={`${l.invoiceId}-${l.kind}`}>
                    <TableRow sx={{ '& > td': { borderBottom: 'none' } }}>
                      <TableCell>{l.invoiceNumber}</TableCell>
                      <TableCell>{KIND_LABELS[l.kind]}</TableCell>
                      <TableCell>{l.fromDate ? `${formatDate(l.fromDate)} to ${formatDate(l.throughDate)}` : `once, as of ${formatDate(l.throughDate)}`}</TableCell>
                      <TableCell align="right">{l.kind === 'interest' ? l.days : ''}</TableCell>
                      <TableCell align="right">{formatMoney(l.amount)}</TableCell>
                    </TableRow>
                    <TableRow>
                      <TableCell colSpan={5} sx={{ pt: 0, color: 'text.secondary', typography: 'body2' }}>
                        {l.explanation}
                      </TableCell>
                    </TableRow>
                  </Fragment>
                ))}
              </TableBody>
              <TableFooter>
                <TableRow>
                  <TableCell colSpan={4} sx={{ fontWeight: 700, fontSize: '0.875rem', color: 'text.primary' }}>
                    Total
                  </TableCell>
                  <TableCell align="right" sx={{ fontWeight: 700, fontSize: '0.875rem', color: 'text.primary' }}>
                    {formatMoney(preview!.total)}
                  </TableCell>
                </TableRow>
              </TableFooter>
            </Table>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{lines.length > 0 ? 'Cancel' : 'Close'}</Button>
        {lines.length > 0 && (
          <Button variant="contained" disabled={busy} onClick={() => void charge()}>
            Charge {formatMoney(preview!.total)}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

/** An empty preview is explained, so the clerk knows whether to wait or to set the rules. */
function NothingToCharge({ customer, rules, today, onSettings }: { customer: CustomerDetail; rules: FeeRules; today: string; onSettings(): void }) {
  if (!rules.lateFee && !rules.interest) {
    return (
      <Alert
        severity="info"
        action={
          <Button color="inherit" size="small" onClick={onSettings}>
            Open Settings
          </Button>
        }
      >
        No late fee or interest rules are set yet, so nothing is charged. A business sets them once, in Settings under Late fees and interest.
      </Alert>
    );
  }
  if (customer.kind === 'consumer' && !rules.applyToConsumers) {
    return (
      <Alert severity="info">
        Nothing to charge: {customer.name} is a consumer, and the fee rules do not charge consumers (consumer credit has its own rules). This is set in Settings.
      </Alert>
    );
  }
  return (
    <Alert severity="info">
      Nothing qualifies as of {formatDate(today)}. Charges start only once an invoice is more than {rules.graceDays} day{rules.graceDays === 1 ? '' : 's'} past its due date, a
      late fee is charged once per invoice, and interest already charged through today is not charged again. Invoices in an open dispute, customers on a signed
      payment plan, and fees or interest themselves are never charged.
    </Alert>
  );
}
