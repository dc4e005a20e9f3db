import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip, { type ChipProps } from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { PaymentPlan, PlanInstalmentState, PlanStatus } from '../../../src-main/contract';
import { call } from '../../api/client';
import { base64Blob } from '../../lib/download';
import { printPdf } from '../../lib/pdf-output';
import { formatMoney } from '../../lib/money';
import { CancelPlanDialog } from './CancelPlanDialog';
import type { CardPanelProps } from './card-panel';
import { FREQUENCY_LABELS, PlanDialog } from './PlanDialog';
import { SignPlanDialog } from './SignPlanDialog';
import { formatDate } from '../../lib/dates';

const STATUS: Record<PlanStatus, { label: string; color: ChipProps['color'] }> = {
  proposed: { label: 'Proposed', color: 'info' },
  signed: { label: 'Signed', color: 'success' },
  completed: { label: 'Completed', color: 'default' },
  cancelled: { label: 'Cancelled', color: 'default' },
};

const INSTALMENT: Record<PlanInstalmentState, { label: string; color: ChipProps['color'] }> = {
  paid: { label: 'Paid', color: 'success' },
  part_paid: { label: 'Part paid', color: 'warning' },
  due: { label: 'Due', color: 'warning' },
  missed: { label: 'Missed', color: 'error' },
  upcoming: { label: 'Upcoming', color: 'default' },
};

/** An agreement fetched for printing, kept so it can also be saved. */
interface Agreement {
  planId: number;
  fileName: string;
  url: string;
  /** False when the browser refused the new tab (or in the desktop window, which has no tabs). */
  opened: boolean;
}

/** The customer's payment plans with each instalment's state, and offering, signing and ending one. */
export function PaymentPlansPanel({ customerId, card, today, version, onChanged }: CardPanelProps) {
  const [plans, setPlans] = useState<PaymentPlan[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [offering, setOffering] = useState(false);
  const [signing, setSigning] = useState<PaymentPlan | null>(null);
  const [cancelling, setCancelling] = useState<PaymentPlan | null>(null);
  const [agreement, setAgreement] = useState<Agreement | null>(null);
  const [printing, setPrinting] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    call('plans.list', { customerId, today }).then(
      (p) => {
        if (!live) return;
        setPlans(p);
        setError(null);
      },
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [customerId, today, version]);

  // The PDF stays in memory only while it can still be saved from here.
  useEffect(() => {
    if (!agreement) return;
    return () => URL.revokeObjectURL(agreement.url);
  }, [agreement]);

  const balance = card.balance.total;
  if (!error && (plans === null || (plans.length === 0 && balance <= 0))) return null;
  const running = plans?.find((p) => p.status === 'proposed' || p.status === 'signed');
  // A plan may only be for money that may be asked for: not disputed, not on another plan, not met by unapplied cash.
  const collectable = card.collectable.total;
  const cannotOffer = running
    ? `Plan ${running.id} is ${STATUS[running.status].label.toLowerCase()}: withdraw or cancel it before offering another`
    : balance <= 0
      ? 'Nothing is owed'
      : card.collectable.hold
        ? `Nothing may be asked for: ${card.collectable.hold}`
        : collectable <= 0
          ? 'Nothing may be asked for: what is open is disputed, on a plan or met by unapplied cash'
          : null;

  async function print(plan: PaymentPlan) {
    setPrinting(plan.id);
    try {
      const file = await call('plans.agreement', { id: plan.id });
      // The desktop window opens no tabs: Electron's print dialog comes up over the PDF instead.
      if (window.settle) {
        await printPdf(file);
        setAgreement(null);
        return;
      }
      const url = URL.createObjectURL(base64Blob(file.base64, file.mimeType));
      const tab = window.open(url, '_blank');
      if (tab) tab.opener = null;
      setAgreement({ planId: plan.id, fileName: file.fileName, url, opened: tab !== null });
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setPrinting(null);
    }
  }

  const done = (message: string) => {
    setOffering(false);
    setSigning(null);
    setCancelling(null);
    onChanged(message);
  };

  const offerButton = (
    <Button variant="outlined" size="small" disabled={cannotOffer !== null} onClick={() => setOffering(true)}>
      Offer a payment plan…
    </Button>
  );

  return (
    <Paper component="section" variant="outlined" sx={{ p: 2, mb: 2 }} aria-labelledby="plans-panel-title">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
        <Typography id="plans-panel-title" variant="h6" component="h2" sx={{ flexGrow: 1 }}>
          Payment plans
        </Typography>
        {cannotOffer !== null ? (
          <Tooltip title={cannotOffer}>
            {/* A disabled button gets no pointer events; the wrapper lets the tooltip explain why. */}
            <span>{offerButton}</span>
          </Tooltip>
        ) : (
          offerButton
        )}
      </Box>
      {error && (
        <Typography color="error" role="alert">
          {error}
        </Typography>
      )}
      {plans?.length === 0 && <Typography color="text.secondary">No payment plan yet.</Typography>}
      {plans && plans.length > 0 && (
        <Box component="ul" aria-label="Payment plans" sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {plans.map((p) => (
            <PlanItem
              key={p.id}
              plan={p}
              agreement={agreement?.planId === p.id ? agreement : null}
              printing={printing === p.id}
              onPrint={() => void print(p)}
              onSign={() => setSigning(p)}
              onCancel={() => setCancelling(p)}
            />
          ))}
        </Box>
      )}
      {offering && (
        <PlanDialog
          customerId={customerId}
          customerName={card.customer.name}
          collectable={collectable}
          items={card.openItems.filter((o) => o.collectable > 0)}
          today={today}
          onClose={() => setOffering(false)}
          onSaved={done}
        />
      )}
      {signing && <SignPlanDialog plan={signing} today={today} onClose={() => setSigning(null)} onSaved={done} />}
      {cancelling && <CancelPlanDialog plan={cancelling} today={today} onClose={() => setCancelling(null)} onSaved={done} />}
    </Paper>
  );
}

interface PlanItemProps {
  plan: PaymentPlan;
  agreement: Agreement | null;
  printing: boolean;
  onPrint(): void;
  onSign(): void;
  onCancel(): void;
}

function PlanItem({ plan: p, agreement, printing, onPrint, onSign, onCancel }: PlanItemProps) {
  const open = p.status === 'proposed' || p.status === 'signed';
  // Closed plans are history: their instalments are shown only when asked for.
  const [showInstalments, setShowInstalments] = useState(open);
  const status = STATUS[p.status];
  const tableId = `plan-${p.id}-instalments`;

  return (
    <Box component="li" aria-label={`Plan ${p.id}`} sx={{ py: 1.5, borderTop: 1, borderColor: 'divider' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="body2" sx={{ fontWeight: 700 }}>
          Plan {p.id}
        </Typography>
        <Chip size="small" label={status.label} color={status.color} variant={p.status === 'cancelled' ? 'outlined' : 'filled'} />
        <Typography variant="body2" sx={{ flexGrow: 1 }}>
          {formatMoney(p.total)} · {p.count} × {FREQUENCY_LABELS[p.frequency].toLowerCase()} · from {formatDate(p.startDate)}
        </Typography>
        {open && (
          <Button size="small" disabled={printing} onClick={onPrint}>
            Print agreement
          </Button>
        )}
        {p.status === 'proposed' && (
          <>
            <Button size="small" onClick={onSign}>
              Mark signed…
            </Button>
            <Button size="small" color="warning" onClick={onCancel}>
              Withdraw…
            </Button>
          </>
        )}
        {p.status === 'signed' && (
          <Button size="small" color="warning" onClick={onCancel}>
            Cancel plan…
          </Button>
        )}
      </Box>
      <Typography variant="body2" color="text.secondary">
        {history(p)}
      </Typography>
      {p.items.length > 0 && (
        <Typography variant="body2">
          Covers {p.items.map((i) => `${i.label} (${formatMoney(i.amount)})`).join(', ')}
        </Typography>
      )}
      {p.overrideReason && (
        <Typography variant="body2" color="text.secondary">
          Agreed outside the policy limits because: {p.overrideReason}
        </Typography>
      )}
      {agreement && (
        <Alert
          severity={agreement.opened ? 'info' : 'warning'}
          sx={{ my: 1 }}
          action={
            <Button color="inherit" size="small" component="a" href={agreement.url} download={agreement.fileName}>
              Save PDF
            </Button>
          }
        >
          {agreement.opened ? 'The agreement opened in a new tab, ready to print.' : 'The browser did not open a new tab for the agreement: save the PDF and print it from there.'}
        </Alert>
      )}
      <Typography variant="body2" sx={{ mt: 0.5 }}>
        Paid to date: {formatMoney(p.paidToDate)} of {formatMoney(p.total)}
        {open && (p.nextDue ? ` · Next due: ${formatMoney(p.nextDue.amount)} on ${formatDate(p.nextDue.dueDate)} (instalment ${p.nextDue.seq})` : ' · Nothing more is due')}
      </Typography>
      {!open && (
        <Button size="small" onClick={() => setShowInstalments((s) => !s)} aria-expanded={showInstalments} aria-controls={tableId}>
          {showInstalments ? 'Hide instalments' : 'Show instalments'}
        </Button>
      )}
      {showInstalments && (
        <Table id={tableId} size="small" aria-label={`Instalments of plan ${p.id}`} sx={{ mt: 1 }}>
          <TableHead>
            <TableRow>
              <TableCell>No.</TableCell>
              <TableCell>Due</TableCell>
              <TableCell align="right">Amount</TableCell>
              <TableCell align="right">Paid</TableCell>
              <TableCell>State</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {p.instalments.map((i) => {
              const state = INSTALMENT[i.state];
              return (
                <TableRow key={i.id} sx={i.state === 'missed' ? { '& > td': { color: 'error.main' } } : undefined}>
                  <TableCell>{i.seq}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(i.dueDate)}</TableCell>
                  <TableCell align="right">{formatMoney(i.amount)}</TableCell>
                  <TableCell align="right">{i.paid > 0 ? formatMoney(i.paid) : ''}</TableCell>
                  <TableCell>
                    <Chip size="small" label={state.label} color={state.color} variant={i.state === 'upcoming' ? 'outlined' : 'filled'} />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

/** "Proposed on …", "Signed by … on …", and how it ended, in one line. */
function history(p: PaymentPlan): string {
  const parts = [`Proposed on ${formatDate(p.createdOn)}${p.createdBy ? ` by ${p.createdBy}` : ''}`];
  if (p.signedOn) parts.push(`signed by ${p.signedBy} on ${formatDate(p.signedOn)}`);
  if (p.status === 'completed') parts.push(`completed on ${formatDate(p.closedOn)}`);
  if (p.status === 'cancelled') parts.push(`${p.signedOn ? 'cancelled' : 'withdrawn'} on ${formatDate(p.closedOn)}: ${p.closedReason}`);
  return parts.join(' · ');
}

