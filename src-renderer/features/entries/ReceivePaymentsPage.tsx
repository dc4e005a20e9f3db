import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { DepositPosted } from '../../../src-main/contract';
import { call, ServiceCallError } from '../../api/client';
import { ErrorAlert } from '../../app/DialogParts';
import { toIsoDate } from '../../lib/dates';
import { formatMoney, parseMoneyInput } from '../../lib/money';
import { emptyPaymentRow, paymentInput, rowErrors, type PaymentRow } from './payment-row';
import { PaymentRowEditor } from './PaymentRowEditor';
import { usePaymentPreview } from './use-payment-preview';

/**
 * A bank deposit: several cheques, each from its customer, entered one row at a time and saved
 * together (all of them or, one being wrong, none). Each row shows, from the ledger, which
 * invoices it will pay and what is left over before anything is saved.
 */
export function ReceivePaymentsPage() {
  const today = toIsoDate(new Date());
  const [rows, setRows] = useState<PaymentRow[]>(() => [emptyPaymentRow(today)]);
  // Per row key: problems found before sending, or sent back by a refused save.
  const [errors, setErrors] = useState<Record<number, Record<string, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [posted, setPosted] = useState<DepositPosted | null>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  const { byRow: previews, unavailable } = usePaymentPreview(rows, version);

  const change = (key: number, patch: Partial<PaymentRow>) => {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    setErrors(({ [key]: _gone, ...rest }) => rest);
    setMessage(null);
  };
  const total = rows.reduce((s, r) => {
    const v = parseMoneyInput(r.amount);
    return s + (v.ok && v.value ? v.value : 0);
  }, 0);

  async function save() {
    const inputs = rows.map(paymentInput);
    const local: Record<number, Record<string, string>> = {};
    inputs.forEach((input, i) => {
      const problems = input.ok ? {} : { ...input.errors };
      if (input.ok && !input.value.reference) problems.reference = 'Enter the cheque number or bank reference';
      if (Object.keys(problems).length > 0) local[rows[i].key] = problems;
    });
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setMessage(Object.keys(local).length === 1 ? 'One payment needs correcting; nothing was saved.' : `${Object.keys(local).length} payments need correcting; nothing was saved.`);
      return;
    }
    const payments = inputs.map((i) => (i.ok ? i.value : null)!);
    setBusy(true);
    try {
      const result = await call('payments.deposit', { payments });
      setPosted(result);
      setRows([emptyPaymentRow(today)]);
      setErrors({});
      setMessage(null);
      setVersion((v) => v + 1);
    } catch (err) {
      if (err instanceof ServiceCallError) {
        setErrors(Object.fromEntries(rows.map((r, i) => [r.key, rowErrors(err.fields, `payments.${i}.`, payments[i])])));
      }
      setMessage((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="page-title">
      <Typography id="page-title" variant="h5" component="h1" gutterBottom>
        Receive payments
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        Enter each cheque of the deposit. Without chosen invoices a payment pays the customer&apos;s oldest open invoices first; each row shows how it will be
        applied before you save. The deposit is saved whole or not at all.
      </Typography>
      {posted && (
        <Alert severity="success" sx={{ mb: 2 }} onClose={() => setPosted(null)}>
          Deposit saved: {posted.payments.length} payment{posted.payments.length === 1 ? '' : 's'}, {formatMoney(posted.total)} (
          {posted.payments.map((p) => p.reference).join(', ')}).
        </Alert>
      )}
      <ErrorAlert message={message} />
      {unavailable && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {unavailable}
        </Alert>
      )}
      {rows.map((row, i) => {
        const preview = previews[row.key];
        return (
          <Paper key={row.key} variant="outlined" role="group" aria-label={`Payment ${i + 1}`} sx={{ p: 2, mb: 1.5 }}>
            <Box sx={{ display: 'flex', alignItems: 'center', mb: 1 }}>
              <Typography variant="subtitle2" sx={{ flexGrow: 1 }}>
                Payment {i + 1}
              </Typography>
              {rows.length > 1 && (
                <Tooltip title="Remove this payment">
                  <IconButton size="small" aria-label={`Remove payment ${i + 1}`} onClick={() => setRows((rs) => rs.filter((r) => r.key !== row.key))}>
                    <DeleteIcon fontSize="small" />
                  </IconButton>
                </Tooltip>
              )}
            </Box>
            <PaymentRowEditor
              row={row}
              onChange={(patch) => change(row.key, patch)}
              errors={{ ...preview?.problems, ...errors[row.key] }}
              preview={preview}
              pickCustomer
              version={version}
            />
          </Paper>
        );
      })}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mt: 2 }}>
        <Button startIcon={<AddIcon />} onClick={() => setRows((rs) => [...rs, emptyPaymentRow(rs.at(-1)?.date || today)])}>
          Add a payment
        </Button>
        <Box sx={{ flexGrow: 1 }} />
        <Typography aria-label="Deposit total">
          {rows.length} payment{rows.length === 1 ? '' : 's'}, total {formatMoney(total)}
        </Typography>
        <Button variant="contained" disabled={busy} onClick={() => void save()}>
          Save deposit
        </Button>
      </Box>
    </section>
  );
}
