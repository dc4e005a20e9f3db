import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { format } from 'date-fns';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ActivityEntry, CallOutcome, ContactDetail, DisputeReason, RecordedActivity } from '../../../src-main/contract';
import { call, ServiceCallError } from '../../api/client';
import { DateField } from '../../app/DateField';
import { formatMoney, parseMoneyInput } from '../../lib/money';
import { ACTIVITY_CHOICES, type ActivityChoice } from './activity-kinds';
import { clearDraft, correctionStart, EMPTY_DRAFT, loadDraft, saveDraft, type CallDraft } from './call-draft';
import { DISPUTE_REASON_LABELS, OUTCOME_LABELS } from './outcomes';

interface Props {
  customerId: number;
  customerName: string;
  contacts: ContactDetail[];
  /** The customer's open invoices, for a dispute. */
  openInvoices: { id: number; number: string; openAmount: number }[];
  /** Record a correction of this entry instead of a new call. */
  correcting?: ActivityEntry;
  /** The customer's open tasks, which the activity may answer (and so close). */
  tasks?: { id: number; label: string }[];
  /** The task to offer first: the worklist row the clerk came from. */
  answering?: number | null;
  onClose(): void;
  onSaved(entry: RecordedActivity): void;
}

function dateField(label: string, value: string, onChange: (v: string) => void, error?: string) {
  return (
    <DateField label={label} value={value} onChange={onChange} error={error} width={220} />
  );
}

/**
 * An activity (a call, an email sent or received, a letter received, a visit, a note): what was
 * said, with whom, what happens next, and which open task it answers. Ctrl+Enter saves; text is
 * never lost.
 */
export function CallNoteDialog({ customerId, customerName, contacts, openInvoices, correcting, tasks = [], answering = null, onClose, onSaved }: Props) {
  const fixId = correcting?.id;
  const start = useMemo(() => (correcting ? correctionStart(correcting) : EMPTY_DRAFT), [correcting]);
  const [draft, setDraft] = useState<CallDraft>(start);
  const [answers, setAnswers] = useState<number | ''>('');
  // The task the clerk came for is offered as soon as the customer's tasks are known, unless they chose already.
  const chose = useRef(false);
  useEffect(() => {
    if (!chose.current && answering !== null && tasks.some((t) => t.id === answering)) setAnswers(answering);
  }, [answering, tasks]);
  const choice = ACTIVITY_CHOICES[draft.kind];
  const [loaded, setLoaded] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    loadDraft(customerId, fixId, start).then(
      (d) => live && (setDraft(d), setLoaded(true)),
      () => live && setLoaded(true),
    );
    return () => {
      live = false;
    };
  }, [customerId, fixId, start]);

  // Saved a moment after typing stops, and at once when the dialog closes.
  const latest = useRef(draft);
  latest.current = draft;
  useEffect(() => {
    if (!loaded) return;
    const t = setTimeout(() => void saveDraft(customerId, draft, fixId, start), 300);
    return () => clearTimeout(t);
  }, [customerId, draft, fixId, loaded, start]);
  const close = () => {
    if (loaded) void saveDraft(customerId, latest.current, fixId, start).finally(onClose);
    else onClose();
  };
  const set = (patch: Partial<CallDraft>) => setDraft((d) => ({ ...d, ...patch }));

  async function save() {
    if (saving || !loaded) return;
    const local: Record<string, string> = {};
    const amount = parseMoneyInput(draft.promiseAmount);
    if (!amount.ok) local['promise.amount'] = amount.message;
    const hasPromise = amount.ok && amount.value !== null;
    if (hasPromise && !draft.promiseDate) local['promise.date'] = 'When will they pay?';
    const disputing = choice.outcomes && draft.outcome === 'dispute_raised';
    const disputed = parseMoneyInput(draft.disputeAmount);
    if (disputing && !disputed.ok) local['dispute.amount'] = disputed.message;
    if (Object.keys(local).length) {
      setErrors(local);
      setMessage('Please correct the highlighted fields.');
      return;
    }
    setSaving(true);
    try {
      const entry = await call('activities.record', {
        customerId,
        kind: choice.kind,
        correctsId: fixId ?? null,
        answersTaskId: answers === '' || correcting ? null : answers,
        occurredAt: format(new Date(), "yyyy-MM-dd'T'HH:mm"),
        contactId: draft.contactId === '' ? null : draft.contactId,
        direction: draft.kind === 'call' ? draft.direction : choice.direction,
        outcome: !choice.outcomes || draft.outcome === '' ? (hasPromise && choice.outcomes ? 'promise_to_pay' : null) : draft.outcome,
        summary: draft.summary,
        followUpDate: draft.followUpDate || null,
        promise: hasPromise && amount.ok && amount.value !== null ? { amount: amount.value, date: draft.promiseDate } : null,
        dispute:
          disputing && draft.disputeReason && draft.disputeInvoiceIds.length && disputed.ok && disputed.value
            ? { reason: draft.disputeReason, invoiceIds: draft.disputeInvoiceIds, amount: disputed.value }
            : null,
      });
      setLoaded(false);
      await clearDraft(customerId, fixId);
      onSaved(entry);
    } catch (err) {
      setErrors(err instanceof ServiceCallError ? err.fields : {});
      setMessage((err as Error).message);
    } finally {
      setSaving(false);
    }
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    }
  };

  return (
    <Dialog open onClose={close} maxWidth="sm" fullWidth aria-labelledby="call-title" onKeyDown={onKeyDown}>
      <DialogTitle id="call-title">{correcting ? `Correct an entry for ${customerName}` : `${choice.title} ${customerName}`}</DialogTitle>
      {!loaded && <LinearProgress aria-label="Loading the draft" />}
      <DialogContent dividers>
        {correcting && (
          <Alert severity="info" sx={{ mb: 2 }}>
            Entries are never changed. This correction is added to the timeline beside the original: “{correcting.summary}”. It starts from the
            original; a promise, dispute or follow-up on the original stays on record, so add one here only if it is new.
          </Alert>
        )}
        {message && (
          <Alert severity="error" role="alert" sx={{ mb: 2 }}>
            {message}
          </Alert>
        )}
        {!correcting && (
          <ToggleButtonGroup
            exclusive
            size="small"
            value={draft.kind}
            onChange={(_e, v: ActivityChoice | null) => v && set({ kind: v })}
            aria-label="What happened"
            sx={{ mb: 2, flexWrap: 'wrap' }}
          >
            {Object.entries(ACTIVITY_CHOICES).map(([v, c]) => (
              <ToggleButton key={v} value={v}>
                {c.label}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        )}
        {!correcting && tasks.length > 0 && (
          <TextField
            select
            fullWidth
            size="small"
            label="This answers"
            slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
            value={answers}
            onChange={(e) => {
              chose.current = true;
              setAnswers(e.target.value === '' ? '' : Number(e.target.value));
            }}
            error={!!errors.answersTaskId}
            helperText={errors.answersTaskId ?? 'The task is closed when this is saved (Undo on the worklist opens it again).'}
            sx={{ mb: 2 }}
          >
            <MenuItem value="">No open task</MenuItem>
            {tasks.map((t) => (
              <MenuItem key={t.id} value={t.id}>
                {t.label}
              </MenuItem>
            ))}
          </TextField>
        )}
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr auto', gap: 1.5, mb: 2, alignItems: 'center' }}>
          <TextField select size="small" label="Contact" slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }} value={draft.contactId} onChange={(e) => set({ contactId: e.target.value === '' ? '' : Number(e.target.value) })} error={!!errors.contactId} helperText={errors.contactId}>
            <MenuItem value="">Not recorded</MenuItem>
            {contacts.map((c) => (
              <MenuItem key={c.id} value={c.id}>
                {c.name}
              </MenuItem>
            ))}
          </TextField>
          {draft.kind === 'call' && (
            <ToggleButtonGroup exclusive size="small" value={draft.direction} onChange={(_e, v) => v && set({ direction: v })} aria-label="Direction">
              <ToggleButton value="outbound">We called</ToggleButton>
              <ToggleButton value="inbound">They called</ToggleButton>
            </ToggleButtonGroup>
          )}
        </Box>
        {choice.outcomes && (
        <TextField select fullWidth size="small" label="Outcome" slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }} value={draft.outcome} onChange={(e) => set({ outcome: e.target.value as CallOutcome | '' })} error={!!errors.outcome} helperText={errors.outcome} sx={{ mb: 2 }}>
          <MenuItem value="">Not recorded</MenuItem>
          {Object.entries(OUTCOME_LABELS).map(([v, label]) => (
            <MenuItem key={v} value={v}>
              {label}
            </MenuItem>
          ))}
        </TextField>
        )}
        <TextField
          fullWidth
          multiline
          minRows={4}
          label="Summary"
          required
          autoFocus
          value={draft.summary}
          onChange={(e) => set({ summary: e.target.value })}
          error={!!errors.summary}
          helperText={errors.summary ?? 'What was said, what they need from us, what happens next.'}
          sx={{ mb: 2 }}
        />
        {choice.outcomes && draft.outcome === 'dispute_raised' && (
          <Box role="group" aria-label="Dispute" sx={{ mb: 2 }}>
            <Typography variant="subtitle2" gutterBottom>
              Dispute
            </Typography>
            {errors.dispute && (
              <Typography color="error" variant="body2" sx={{ mb: 1 }}>
                {errors.dispute}
              </Typography>
            )}
            <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1.5, mb: 1.5 }}>
              <TextField select size="small" label="What is disputed" value={draft.disputeReason} onChange={(e) => set({ disputeReason: e.target.value as DisputeReason })}>
                {Object.entries(DISPUTE_REASON_LABELS).map(([v, label]) => (
                  <MenuItem key={v} value={v}>
                    {label}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                size="small"
                label="Disputed amount"
                value={draft.disputeAmount}
                onChange={(e) => set({ disputeAmount: e.target.value })}
                error={!!errors['dispute.amount']}
                helperText={errors['dispute.amount']}
              />
            </Box>
            <TextField
              select
              fullWidth
              size="small"
              label="Invoices in dispute"
              value={draft.disputeInvoiceIds}
              onChange={(e) => set({ disputeInvoiceIds: (e.target.value as unknown as number[]).map(Number) })}
              error={!!errors['dispute.invoiceIds']}
              helperText={errors['dispute.invoiceIds']}
              slotProps={{ select: { multiple: true, renderValue: (ids) => openInvoices.filter((i) => (ids as number[]).includes(i.id)).map((i) => i.number).join(', ') } }}
            >
              {openInvoices.map((i) => (
                <MenuItem key={i.id} value={i.id}>
                  {i.number} ({formatMoney(i.openAmount)} open)
                </MenuItem>
              ))}
            </TextField>
          </Box>
        )}
        {choice.promise && (
        <>
        <Typography variant="subtitle2" gutterBottom>
          Promise to pay
        </Typography>
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1.5, mb: 2 }}>
          <TextField
            size="small"
            label="Promised amount"
            value={draft.promiseAmount}
            onChange={(e) => set({ promiseAmount: e.target.value })}
            error={!!(errors['promise.amount'] ?? errors.promise)}
            helperText={errors['promise.amount'] ?? errors.promise}
          />
          {dateField('Promised date', draft.promiseDate, (v) => set({ promiseDate: v }), errors['promise.date'])}
        </Box>
        </>
        )}
        {dateField('Follow up on', draft.followUpDate, (v) => set({ followUpDate: v }), errors.followUpDate)}
      </DialogContent>
      <DialogActions>
        <Button
          color="inherit"
          onClick={() => {
            setLoaded(false);
            void clearDraft(customerId, fixId).finally(onClose);
          }}
        >
          Discard
        </Button>
        <Box sx={{ flexGrow: 1 }} />
        <Button onClick={close}>Keep as draft</Button>
        <Button variant="contained" onClick={() => void save()} disabled={saving || !loaded}>
          {correcting ? 'Save correction (Ctrl+Enter)' : `Save ${choice.noun} (Ctrl+Enter)`}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
