import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import ArrowDropDownIcon from '@mui/icons-material/ArrowDropDown';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import PhoneIcon from '@mui/icons-material/Phone';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { ActivityEntry, CustomerCard, CustomerStatus, TimelineItem } from '../../../src-main/contract';
import { call } from '../../api/client';
import { useNav } from '../../app/navigation';
import { formatDate, toIsoDate } from '../../lib/dates';
import { profileLabel, STATUS_LABELS, statusLabel } from '../../lib/customer-labels';
import { formatMoney } from '../../lib/money';
import { CallNoteDialog } from '../calls/CallNoteDialog';
import { ACTIVITY_CHOICES, choiceOf } from '../calls/activity-kinds';
import { ACTION_LABELS } from '../settings/policy-labels';
import { nextStop, useTrail, useTrailStop } from '../worklist/worklist-trail';
import { hasDraft } from '../calls/call-draft';
import { DISPUTE_REASON_LABELS } from '../calls/outcomes';
import { CreditNoteDialog } from '../entries/CreditNoteDialog';
import { InvoiceDialog } from '../entries/InvoiceDialog';
import { RecordPaymentDialog } from '../entries/RecordPaymentDialog';
import { CustomerDialog } from '../customers/CustomerDialog';
import { ROLE_LABELS } from '../customers/customer-form';
import { AgingBar } from './AgingBar';
import { ApplyCashDialog, cashSources, cashTargets } from './ApplyCashDialog';
import { DisputeOwnerDialog } from './DisputeOwnerDialog';
import type { CardPanelProps } from './card-panel';
import { FeesPanel } from './FeesPanel';
import { NextStepsPanel } from './NextStepsPanel';
import { OpenItemsTable } from './OpenItemsTable';
import { PaymentPlansPanel } from './PaymentPlansPanel';
import { ProfilePanel } from './ProfilePanel';
import { WriteOffsPanel } from './WriteOffsPanel';
import { ResolveDisputeDialog } from './ResolveDisputeDialog';
import { StatusDialog } from './StatusDialog';
import { StatementsDialog } from '../letters/StatementsDialog';
import { FILTERS, Timeline } from './Timeline';

const PROMISE_LABELS = { open: 'Open', kept: 'Kept', partly_kept: 'Partly kept', broken: 'Broken' } as const;


export function CustomerCardPage({ customerId }: { customerId: number }) {
  const go = useNav((s) => s.go);
  const [card, setCard] = useState<CustomerCard | null>(null);
  const [timeline, setTimeline] = useState<TimelineItem[]>([]);
  const [filter, setFilter] = useState('all');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [draftWaiting, setDraftWaiting] = useState(false);
  // Arriving from the worklist with C: the call note opens at once.
  const [logging, setLogging] = useState(() => useNav.getState().takeIntent() === 'call');
  const [correcting, setCorrecting] = useState<ActivityEntry | null>(null);
  const [editing, setEditing] = useState(false);
  const [changingStatus, setChangingStatus] = useState<CustomerStatus | null>(null);
  const [statusMenu, setStatusMenu] = useState<HTMLElement | null>(null);
  // The customer's open tasks, which a logged activity may answer.
  const [tasks, setTasks] = useState<{ id: number; label: string }[]>([]);
  // Arrived from a worklist row: after an activity is saved, "Next task" goes on down the list.
  const stop = useTrailStop(customerId);
  const next = useTrail((s) => (stop ? nextStop(s.stops, s.at) : null));
  const [nextReady, setNextReady] = useState(false);
  const [resolving, setResolving] = useState<number | null>(null);
  const [owning, setOwning] = useState<CustomerCard['openDisputes'][number] | null>(null);
  const [applyingCash, setApplyingCash] = useState(false);
  const [entry, setEntry] = useState<'payment' | 'paid-call' | 'invoice' | 'credit' | null>(null);
  // A call where they said it is paid: the card offers to record the payment there and then.
  const [paidCall, setPaidCall] = useState(false);
  const [printingStatement, setPrintingStatement] = useState(false);

  // Bumped after a save so the card and timeline are fetched again.
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);

  useEffect(() => {
    let live = true;
    const kinds = FILTERS.find((f) => f.value === filter)!.kinds;
    Promise.all([
      call('customers.card', { id: customerId, asOf: toIsoDate(new Date()) }),
      call('timeline.list', { customerId, kinds, limit: 100 }),
      hasDraft(customerId),
    ]).then(
      ([c, t, d]) => {
        if (!live) return;
        setCard(c);
        setTimeline(t.items);
        setDraftWaiting(d);
        setError(null);
      },
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [customerId, filter, version]);

  const goNext = () => {
    const to = useTrail.getState().advance();
    if (to) go('customers', to.customerId);
    else go('worklist');
  };

  // Apart from the card: after a change the list may first run the policy, which takes a while on a big ledger.
  useEffect(() => {
    let live = true;
    call('worklist.list', { today: toIsoDate(new Date()), collector: null, customerId, limit: 100 }).then(
      (w) => live && setTasks(w.items.filter((i) => i.source === 'task').map((i) => ({ id: i.sourceId, label: `${i.action === 'follow_up' ? 'Follow-up' : ACTION_LABELS[i.action]}: ${i.reason}` }))),
      () => live && setTasks([]),
    );
    return () => {
      live = false;
    };
  }, [customerId, version]);

  // One keystroke from anywhere on the card: C logs a call; N, once it is saved, opens the next task.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (logging || editing || correcting || e.ctrlKey || e.metaKey || e.altKey || /INPUT|TEXTAREA|SELECT/.test(target.tagName) || target.isContentEditable) return;
      if (document.querySelector('[role="dialog"], [role="menu"]')) return;
      if (e.key === 'c' || e.key === 'C') {
        e.preventDefault();
        setLogging(true);
      }
      if ((e.key === 'n' || e.key === 'N') && nextReady) {
        e.preventDefault();
        goNext();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
    // goNext reads the trail store when called.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [logging, editing, correcting, nextReady]);

  const copy = (text: string, what: string) => {
    void navigator.clipboard?.writeText(text).then(
      () => setNotice(`Copied ${what}`),
      () => setNotice(`Could not copy ${what}`),
    );
  };

  if (error) return <Alert severity="error">{error}</Alert>;
  if (!card) return <Typography color="text.secondary">Loading…</Typography>;
  const c = card.customer;
  const ownAddress = [c.address1, c.address2, [c.postalCode, c.city].filter(Boolean).join(' '), c.region, c.country].filter(Boolean).join(', ');
  // One line per invoice (an invoice with instalments is disputed as a whole).
  const panel: CardPanelProps = {
    customerId,
    card,
    today: toIsoDate(new Date()),
    version,
    onChanged: (message) => {
      setNotice(message);
      reload();
    },
  };
  const openInvoices = [...new Map(card.openItems.map((o) => [o.invoiceId, { id: o.invoiceId, number: o.number, openAmount: 0 }])).values()].map((i) => ({
    ...i,
    openAmount: card.openItems.filter((o) => o.invoiceId === i.id).reduce((s, o) => s + o.openAmount, 0),
  }));
  const sources = cashSources(card);
  const canApplyCash = sources.length > 0 && card.openItems.length > 0;

  return (
    <section aria-labelledby="page-title">
      <Button startIcon={<ArrowBackIcon />} onClick={() => go('customers')} sx={{ mb: 1 }}>
        All customers
      </Button>
      <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap', mb: 1.5 }}>
          <Typography id="page-title" variant="h5" component="h1">
            {c.name}
          </Typography>
          <Typography color="text.secondary">{c.code}</Typography>
          <Button
            size="small"
            variant="outlined"
            color={c.status === 'active' ? 'inherit' : 'warning'}
            endIcon={<ArrowDropDownIcon />}
            onClick={(e) => setStatusMenu(e.currentTarget)}
            aria-haspopup="menu"
            aria-expanded={statusMenu !== null}
          >
            Status: {statusLabel(c.status)}
          </Button>
          <Menu anchorEl={statusMenu} open={statusMenu !== null} onClose={() => setStatusMenu(null)}>
            {Object.entries(STATUS_LABELS)
              .filter(([v]) => v !== c.status)
              .map(([v, label]) => (
                <MenuItem key={v} onClick={() => (setStatusMenu(null), setChangingStatus(v as CustomerStatus))}>
                  {label}…
                </MenuItem>
              ))}
          </Menu>
          {c.profile && <Chip size="small" variant="outlined" label={profileLabel(c.profile)} />}
          <Box sx={{ flexGrow: 1 }} />
          <Box sx={{ textAlign: 'right' }}>
            <Typography variant="h6" component="p" aria-label="Balance">
              {formatMoney(card.balance.total)}
            </Typography>
            <CollectableSummary collectable={card.collectable} />
          </Box>
          <Button variant="outlined" onClick={() => setEditing(true)}>
            Edit customer
          </Button>
          <Button variant="contained" startIcon={<PhoneIcon />} onClick={() => setLogging(true)} aria-keyshortcuts="C">
            {draftWaiting ? 'Resume call note (C)' : 'Log a call (C)'}
          </Button>
          {nextReady && (
            <Button variant="contained" color="secondary" onClick={goNext} aria-keyshortcuts="N" title={next ? `${next.customerName}: ${next.reason}` : 'Back to the worklist'}>
              {next ? 'Next task (N)' : 'Back to the worklist (N)'}
            </Button>
          )}
        </Box>
        {card.overCreditLimit > 0 && (
          <Alert severity="warning" sx={{ mb: 1.5 }}>
            Over the credit limit of {formatMoney(c.creditLimit ?? 0)} by {formatMoney(card.overCreditLimit)}.
          </Alert>
        )}
        <AgingBar labels={card.balance.labels} buckets={card.balance.buckets} />
        <Box sx={{ display: 'flex', gap: 1, mt: 1 }}>
          <Button size="small" variant="outlined" onClick={() => setEntry('payment')}>
            Record payment
          </Button>
          <Button size="small" variant="outlined" onClick={() => setEntry('invoice')}>
            New invoice
          </Button>
          <Button size="small" variant="outlined" onClick={() => setEntry('credit')}>
            Credit note
          </Button>
          <Button size="small" variant="outlined" onClick={() => setPrintingStatement(true)}>
            Statement…
          </Button>
        </Box>
        {paidCall && (
          <Alert
            severity="info"
            sx={{ mt: 1.5 }}
            onClose={() => setPaidCall(false)}
            action={
              <Button color="inherit" size="small" onClick={() => (setPaidCall(false), setEntry('paid-call'))}>
                Record the payment
              </Button>
            }
          >
            They said it is paid. Record the payment once you have the cheque or the remittance.
          </Alert>
        )}
        {card.statusHistory.length > 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {statusLabel(card.statusHistory[0].status)} since{' '}
            {formatDate(card.statusHistory[0].changedAt.slice(0, 10))}
            {card.statusHistory[0].changedBy ? ` (${card.statusHistory[0].changedBy})` : ''}: {card.statusHistory[0].reason}
          </Typography>
        )}
        {card.balance.unapplied !== 0 && (
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 1 }}>
            <Typography variant="body2">Unapplied cash and credits: {formatMoney(card.balance.unapplied)}</Typography>
            {canApplyCash && (
              <Button size="small" onClick={() => setApplyingCash(true)}>
                Apply cash…
              </Button>
            )}
          </Box>
        )}
        <ProfilePanel {...panel} />
      </Paper>

      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '2fr 3fr' }, gap: 2 }}>
        <Box>
          <NextStepsPanel {...panel} />
          <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
            <Typography variant="h6" component="h2" gutterBottom>
              Contacts
            </Typography>
            {/* The customer's own phone, email and address: a consumer's only ones, a business's main line. */}
            {(c.phone || c.email || ownAddress) && (
              <Box sx={{ mb: 1.5 }} aria-label={`${c.name}: own details`}>
                <Typography>
                  {c.name} <Chip size="small" label={c.kind === 'consumer' ? 'The customer' : 'Main line'} variant="outlined" />
                </Typography>
                <ReachLines name={c.name} phone={c.phone} email={c.email} copy={copy} />
                {ownAddress && <Typography variant="body2">{ownAddress}</Typography>}
              </Box>
            )}
            {c.contacts.length === 0 && !c.phone && !c.email && !ownAddress && (
              <Typography color="text.secondary">No contacts yet: add them with Edit customer.</Typography>
            )}
            {c.contacts.map((k) => (
              <Box key={k.id} sx={{ mb: 1.5 }}>
                <Typography sx={{ fontWeight: k.role === 'principal' || k.role === 'senior_leadership' ? 700 : 400 }}>
                  {k.name} <Chip size="small" label={ROLE_LABELS[k.role]} color={k.role === 'principal' || k.role === 'senior_leadership' ? 'secondary' : 'default'} variant="outlined" />
                  {k.isPrimary && <Chip size="small" label="Primary" sx={{ ml: 0.5 }} />}
                </Typography>
                <ReachLines name={k.name} phone={k.phone} email={k.email} copy={copy} />
              </Box>
            ))}
          </Paper>
          <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
            <Typography variant="h6" component="h2" gutterBottom>
              Open invoices
            </Typography>
            {card.openItems.length === 0 ? <Typography color="text.secondary">Nothing open.</Typography> : <OpenItemsTable card={card} />}
          </Paper>
          <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
            <Typography variant="h6" component="h2" gutterBottom>
              Recent payments
            </Typography>
            {card.recentPayments.length === 0 ? (
              <Typography color="text.secondary">No payments yet.</Typography>
            ) : (
              <Table size="small" aria-label="Recent payments">
                <TableBody>
                  {card.recentPayments.map((p) => (
                    <TableRow key={p.id}>
                      <TableCell>{formatDate(p.date)}</TableCell>
                      <TableCell>
                        {p.reference}
                        {p.method && ` · ${p.method}`}
                      </TableCell>
                      <TableCell align="right">{formatMoney(p.amount)}</TableCell>
                      <TableCell align="right">{p.unapplied > 0 ? `${formatMoney(p.unapplied)} unapplied` : ''}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            {card.openCredits.length > 0 && (
              <>
                <Typography variant="subtitle2" sx={{ mt: 2 }}>
                  Credits not yet applied
                </Typography>
                {card.openCredits.map((c) => (
                  <Typography key={c.id} variant="body2">
                    {c.number} ({formatDate(c.date)}
                    {c.reason ? `, ${c.reason}` : ''}): {formatMoney(c.unapplied)} of {formatMoney(c.amount)}
                  </Typography>
                ))}
              </>
            )}
          </Paper>
          {card.openDisputes.length > 0 && (
            <Paper component="section" variant="outlined" sx={{ p: 2, mb: 2 }} aria-labelledby="disputes-title">
              <Typography id="disputes-title" variant="h6" component="h2" gutterBottom>
                Open disputes
              </Typography>
              {card.openDisputes.map((d) => (
                <Box key={d.id} sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 0.5, '& .MuiButton-root': { flexShrink: 0, whiteSpace: 'nowrap' } }}>
                  <Typography variant="body2" sx={{ flexGrow: 1 }}>
                    {DISPUTE_REASON_LABELS[d.reason as keyof typeof DISPUTE_REASON_LABELS] ?? d.reason}: {formatMoney(d.amount)} on {d.invoiceNumbers.join(', ')} · {d.status} for{' '}
                    {d.daysOpen} day{d.daysOpen === 1 ? '' : 's'} · {d.owner ? `owner: ${d.owner}` : 'no owner'}
                  </Typography>
                  <Button size="small" onClick={() => setOwning(d)}>
                    Set owner
                  </Button>
                  {d.status === 'open' && (
                    <Button
                      size="small"
                      onClick={() =>
                        // The update writes the owner too: send it so investigating keeps it.
                        void call('disputes.update', { id: d.id, status: 'investigating', owner: d.owner }).then(
                          () => (setNotice('Dispute under investigation'), reload()),
                          (err: Error) => setNotice(err.message),
                        )
                      }
                    >
                      Investigate
                    </Button>
                  )}
                  <Button size="small" onClick={() => setResolving(d.id)}>
                    Resolve
                  </Button>
                </Box>
              ))}
              {owning && (
                <DisputeOwnerDialog
                  dispute={owning}
                  onClose={() => setOwning(null)}
                  onSaved={(owner) => {
                    setOwning(null);
                    setNotice(`Dispute owner: ${owner}`);
                    reload();
                  }}
                />
              )}
            </Paper>
          )}
          {card.promises.length > 0 && (
            <Paper component="section" variant="outlined" sx={{ p: 2 }} aria-labelledby="promises-title">
              <Typography id="promises-title" variant="h6" component="h2" gutterBottom>
                Promises
              </Typography>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                Kept {card.promiseRecord.kept}, partly kept {card.promiseRecord.partlyKept}, broken {card.promiseRecord.broken}
                {card.promiseRecord.open ? `, ${card.promiseRecord.open} still open` : ''}
              </Typography>
              {card.promises.map((p) => (
                <Typography key={p.id} variant="body2" sx={{ display: 'flex', gap: 1, alignItems: 'center', mb: 0.5 }}>
                  {formatMoney(p.amount)} by {formatDate(p.promisedDate)}
                  <Chip size="small" label={PROMISE_LABELS[p.status]} color={p.status === 'kept' ? 'success' : p.status === 'open' ? 'default' : 'error'} variant="outlined" />
                  {p.status === 'partly_kept' && `(${formatMoney(p.received)} arrived)`}
                </Typography>
              ))}
            </Paper>
          )}
          <PaymentPlansPanel {...panel} />
          <FeesPanel {...panel} />
          <WriteOffsPanel {...panel} />
        </Box>
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Timeline customerId={customerId} items={timeline} filter={filter} onFilter={setFilter} onCorrect={(entry) => setCorrecting(entry)} />
        </Paper>
      </Box>

      {logging && (
        <CallNoteDialog
          customerId={customerId}
          customerName={c.name}
          contacts={c.contacts}
          openInvoices={openInvoices}
          tasks={tasks}
          answering={stop?.source === 'task' ? stop.sourceId : null}
          onClose={() => {
            setLogging(false);
            reload();
          }}
          onSaved={(entry) => {
            setLogging(false);
            const what = ACTIVITY_CHOICES[choiceOf(entry)].label;
            setNotice(`${what} saved to the timeline${entry.answered ? '; its task is closed' : ''}`);
            setPaidCall(entry.outcome === 'paid');
            if (stop) setNextReady(true);
            reload();
          }}
        />
      )}
      {correcting && (
        <CallNoteDialog
          customerId={customerId}
          customerName={c.name}
          contacts={c.contacts}
          openInvoices={openInvoices}
          correcting={correcting}
          onClose={() => setCorrecting(null)}
          onSaved={() => {
            setCorrecting(null);
            setNotice('Correction added to the timeline');
            reload();
          }}
        />
      )}
      {resolving !== null && (
        <ResolveDisputeDialog
          disputeId={resolving}
          onClose={() => setResolving(null)}
          onSaved={() => {
            setResolving(null);
            setNotice('Dispute resolved');
            reload();
          }}
        />
      )}
      {changingStatus && (
        <StatusDialog
          customerId={customerId}
          current={c.status}
          initial={{ status: changingStatus, reason: '' }}
          onClose={() => setChangingStatus(null)}
          onSaved={() => {
            setChangingStatus(null);
            setNotice('Status changed');
            reload();
          }}
        />
      )}
      {applyingCash && (
        <ApplyCashDialog
          sources={sources}
          invoices={cashTargets(card)}
          onClose={() => {
            setApplyingCash(false);
            // A refusal usually means the card is behind (someone applied the money meanwhile).
            reload();
          }}
          onSaved={(message) => {
            setApplyingCash(false);
            setNotice(message);
            reload();
          }}
        />
      )}
      {printingStatement && (
        <StatementsDialog
          customerIds={[customerId]}
          customerName={c.name}
          onClose={() => setPrintingStatement(false)}
          onSent={() => reload()}
        />
      )}
      {(entry === 'payment' || entry === 'paid-call') && (
        <RecordPaymentDialog
          customer={c}
          note={entry === 'paid-call' ? 'From the call: they said it is paid. Enter it as the cheque or the remittance shows it.' : undefined}
          onClose={() => setEntry(null)}
          onSaved={(message) => {
            setEntry(null);
            setNotice(message);
            reload();
          }}
        />
      )}
      {entry === 'invoice' && (
        <InvoiceDialog
          customer={c}
          onClose={() => setEntry(null)}
          onSaved={(message) => {
            setEntry(null);
            setNotice(message);
            reload();
          }}
        />
      )}
      {entry === 'credit' && (
        <CreditNoteDialog
          customer={c}
          invoices={cashTargets(card)}
          onClose={() => setEntry(null)}
          onSaved={(message) => {
            setEntry(null);
            setNotice(message);
            reload();
          }}
        />
      )}
      {editing && (
        <CustomerDialog
          customerId={customerId}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            reload();
          }}
        />
      )}
      <Snackbar open={notice !== null} autoHideDuration={3000} onClose={() => setNotice(null)} message={notice} />
    </section>
  );
}

/**
 * Beside the balance: what may be asked for now, and what is held back from it. The balance
 * stays the ledger's figure; this is the one a call or a letter may name.
 */
function CollectableSummary({ collectable: k }: { collectable: CustomerCard['collectable'] }) {
  if (k.hold) {
    return (
      <Typography variant="body2" color="warning.main">
        Nothing may be asked for: {k.hold}.
      </Typography>
    );
  }
  const held = [k.disputed > 0 && `disputed ${formatMoney(k.disputed)}`, k.onPlan > 0 && `on a plan ${formatMoney(k.onPlan)}`].filter(Boolean);
  return (
    <>
      <Typography variant="body2">
        May be asked for: {formatMoney(k.total)} (overdue {formatMoney(k.overdue)})
      </Typography>
      {held.length > 0 && (
        <Typography variant="body2" color="text.secondary">
          Held back: {held.join(' · ')}
        </Typography>
      )}
    </>
  );
}

/** A phone and an email, each with a button that copies it. */
function ReachLines({ name, phone, email, copy }: { name: string; phone: string | null; email: string | null; copy(text: string, what: string): void }) {
  return (
    <>
      {phone && (
        <Typography variant="body2">
          {phone}
          <Tooltip title="Copy phone">
            <IconButton size="small" aria-label={`Copy phone of ${name}`} onClick={() => copy(phone, `${name}'s phone`)}>
              <ContentCopyIcon fontSize="inherit" />
            </IconButton>
          </Tooltip>
        </Typography>
      )}
      {email && (
        <Typography variant="body2">
          {email}
          <Tooltip title="Copy email">
            <IconButton size="small" aria-label={`Copy email of ${name}`} onClick={() => copy(email, `${name}'s email`)}>
              <ContentCopyIcon fontSize="inherit" />
            </IconButton>
          </Tooltip>
        </Typography>
      )}
    </>
  );
}
