import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutline';
import HighlightOffIcon from '@mui/icons-material/HighlightOff';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { addDays } from 'date-fns';
import { useEffect, useMemo, useState } from 'react';
import type { FairnessCheck, OpenItem, PlanFrequency, PlanProposal } from '../../../src-main/contract';
import { call, ServiceCallError } from '../../api/client';
import { DialogButtons, ErrorAlert } from '../../app/DialogParts';
import { formatDate, fromIsoDate, toIsoDate } from '../../lib/dates';
import { formatMoney, formatMoneyInput, parseMoneyInput } from '../../lib/money';
import { useServiceForm } from '../../lib/use-service-form';
import { DateField } from '../../app/DateField';

export const FREQUENCY_LABELS: Record<PlanFrequency, string> = { weekly: 'Weekly', fortnightly: 'Every two weeks', monthly: 'Monthly' };

/** How long the clerk may pause typing before the schedule and checks are worked out again. */
const PROPOSE_DELAY_MS = 300;

interface Props {
  customerId: number;
  customerName: string;
  /** What may be asked for: the plan's starting total, and the most it can be. */
  collectable: number;
  /** The open items with something that may be asked for, oldest due first: what a plan can cover. */
  items: OpenItem[];
  today: string;
  onClose(): void;
  onSaved(message: string): void;
}

interface Terms {
  total: number;
  count: number;
  frequency: PlanFrequency;
  startDate: string;
  /** Left out when the clerk chose none: the service then covers the oldest items first. */
  items?: ItemRef[];
}

interface ItemRef {
  invoiceId: number;
  instalmentId: number | null;
}

const itemKey = (i: ItemRef) => `${i.invoiceId}:${i.instalmentId ?? ''}`;

/** As the service labels plan items, so the dialog and the plans list name them alike. */
const itemLabel = (o: OpenItem) => (o.seq === null ? o.number : `${o.number} #${o.seq}`);

/** What the service said about one set of terms; `key` tells whether it still matches the form. */
interface Assessment {
  key: string;
  proposal: PlanProposal | null;
  fields: Record<string, string>;
  message: string | null;
}

/**
 * Offering a payment plan: the schedule and the fairness checks follow the terms as they are
 * typed, so the clerk can shape a plan on the phone; a plan outside the limits needs a reason.
 */
export function PlanDialog({ customerId, customerName, collectable, items, today, onClose, onSaved }: Props) {
  const [total, setTotal] = useState(formatMoneyInput(collectable));
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set());
  const [count, setCount] = useState('3');
  const [frequency, setFrequency] = useState<PlanFrequency>('monthly');
  const [startDate, setStartDate] = useState(() => toIsoDate(addDays(fromIsoDate(today), 7)));
  const [reason, setReason] = useState('');
  const [assessment, setAssessment] = useState<Assessment | null>(null);
  const { errors: saveErrors, setErrors: setSaveErrors, message, setMessage, busy, submit } = useServiceForm();
  // Missing values are pointed out only once the clerk tries to save, not while they type.
  const [tried, setTried] = useState(false);

  // In the card's order (oldest due first), which is the order the plan pays them.
  const chosenItems = useMemo(
    () => (chosen.size === 0 ? undefined : items.filter((o) => chosen.has(itemKey(o))).map((o) => ({ invoiceId: o.invoiceId, instalmentId: o.instalmentId }))),
    [items, chosen],
  );
  const { terms, localErrors } = useMemo(
    () => readTerms(total, count, frequency, startDate, chosenItems, tried),
    [total, count, frequency, startDate, chosenItems, tried],
  );
  const key = terms ? JSON.stringify(terms) : null;

  useEffect(() => {
    if (key === null) return;
    let live = true;
    const timer = setTimeout(() => {
      call('plans.propose', { customerId, today, ...(JSON.parse(key) as Terms) }).then(
        (proposal) => live && setAssessment({ key, proposal, fields: {}, message: null }),
        (err: Error) => live && setAssessment({ key, proposal: null, fields: err instanceof ServiceCallError ? err.fields : {}, message: err.message }),
      );
    }, PROPOSE_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, customerId, today]);

  const current = assessment !== null && assessment.key === key ? assessment : null;
  // The last schedule stays on screen, dimmed, while the new terms are being worked out.
  const proposal = key === null ? null : (current?.proposal ?? assessment?.proposal ?? null);
  const stale = proposal !== null && current?.proposal !== proposal;
  const errors: Record<string, string> = { ...(current?.fields ?? {}), ...saveErrors, ...localErrors };
  const needsReason = (proposal !== null && !proposal.fairness.fair) || !!saveErrors.overrideReason;
  const problem = message ?? (current?.message && !hasFieldFor(current.fields) ? current.message : null) ?? (errors.customerId || null);

  const edit = (field: string, apply: () => void) => {
    apply();
    setMessage(null);
    // New terms are judged afresh, so whether a reason is needed is no longer what the last save said.
    const stale = field === 'overrideReason' ? [field, 'customerId'] : field === 'items' ? [field, 'total', 'customerId', 'overrideReason'] : [field, 'customerId', 'overrideReason'];
    setSaveErrors((e) => {
      if (!stale.some((f) => f in e)) return e;
      const rest = { ...e };
      for (const f of stale) delete rest[f];
      return rest;
    });
  };

  // What a plan over these items can be for at most; none chosen means all that may be asked for.
  const holding = (keys: ReadonlySet<string>) => (keys.size === 0 ? collectable : items.filter((o) => keys.has(itemKey(o))).reduce((s, o) => s + o.collectable, 0));
  const coverable = holding(chosen);
  const covered = new Map((proposal?.items ?? []).map((i) => [itemKey(i), i.amount]));

  // Choosing items sets the total to all they hold; the clerk can still lower it.
  const toggle = (o: OpenItem) =>
    edit('items', () => {
      const next = new Set(chosen);
      if (!next.delete(itemKey(o))) next.add(itemKey(o));
      setChosen(next);
      setTotal(formatMoneyInput(holding(next)));
    });

  async function save() {
    setTried(true);
    const local = readTerms(total, count, frequency, startDate, chosenItems, true);
    const missing: Record<string, string> = { ...local.localErrors };
    if (needsReason && !reason.trim()) missing.overrideReason = 'Say why this plan is right despite the limits';
    if (!local.terms || Object.keys(missing).length > 0) {
      setSaveErrors(missing);
      setMessage(Object.keys(missing).length === 1 ? 'Please correct the highlighted field.' : 'Please correct the highlighted fields.');
      return;
    }
    const offered = local.terms;
    await submit(async () => {
      const plan = await call('plans.create', { customerId, today, ...offered, overrideReason: needsReason ? reason : null });
      onSaved(`Payment plan offered to ${customerName}: ${formatMoney(plan.total)} in ${plan.count} instalment${plan.count === 1 ? '' : 's'}`);
    });
  }

  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="plan-dialog-title">
      <DialogTitle id="plan-dialog-title">Offer a payment plan</DialogTitle>
      <DialogContent>
        <ErrorAlert message={problem} />
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'repeat(4, 1fr)' }, gap: 2, pt: 1 }}>
          <TextField
            size="small"
            label="Plan total"
            value={total}
            onChange={(e) => edit('total', () => setTotal(e.target.value))}
            error={!!errors.total}
            helperText={errors.total || (chosen.size === 0 ? `May be asked for: ${formatMoney(coverable)}` : `Chosen items: ${formatMoney(coverable)}`)}
            slotProps={{ htmlInput: { inputMode: 'decimal' } }}
          />
          <TextField
            size="small"
            label="Number of instalments"
            value={count}
            onChange={(e) => edit('count', () => setCount(e.target.value))}
            error={!!errors.count}
            helperText={errors.count || ' '}
            slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          />
          <TextField
            select
            size="small"
            label="Frequency"
            value={frequency}
            onChange={(e) => edit('frequency', () => setFrequency(e.target.value as PlanFrequency))}
            error={!!errors.frequency}
            helperText={errors.frequency || ' '}
          >
            {Object.entries(FREQUENCY_LABELS).map(([value, label]) => (
              <MenuItem key={value} value={value}>
                {label}
              </MenuItem>
            ))}
          </TextField>
          <DateField label="Start date" value={startDate} onChange={(v) => edit('startDate', () => setStartDate(v))} error={errors.startDate || undefined} helperText="First instalment due" />
        </Box>

        {items.length > 0 && (
          <Box sx={{ mt: 1 }}>
            <Typography variant="subtitle1" component="h3" id="plan-items-title">
              What the plan covers
            </Typography>
            <Typography variant="body2" color="text.secondary" id="plan-items-hint">
              Tick the items the customer is paying off with this plan. With none ticked, the plan covers the oldest first, up to its total.
            </Typography>
            <Box sx={{ maxHeight: 240, overflowY: 'auto' }}>
              <Table size="small" stickyHeader aria-labelledby="plan-items-title" aria-describedby="plan-items-hint">
                <TableHead>
                  <TableRow>
                    <TableCell padding="checkbox" />
                    <TableCell>Item</TableCell>
                    <TableCell>Due</TableCell>
                    <TableCell align="right">May ask for</TableCell>
                    <TableCell align="right">In the plan</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody sx={{ opacity: stale ? 0.5 : 1 }}>
                  {items.map((o) => {
                    const k = itemKey(o);
                    const inPlan = covered.get(k);
                    return (
                      <TableRow key={k} hover onClick={() => toggle(o)} sx={{ cursor: 'pointer' }}>
                        <TableCell padding="checkbox">
                          <Checkbox
                            size="small"
                            checked={chosen.has(k)}
                            onClick={(e) => e.stopPropagation()}
                            onChange={() => toggle(o)}
                            slotProps={{ input: { 'aria-label': `Cover ${itemLabel(o)}` } }}
                          />
                        </TableCell>
                        <TableCell>{itemLabel(o)}</TableCell>
                        <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(o.dueDate)}</TableCell>
                        <TableCell align="right">{formatMoney(o.collectable)}</TableCell>
                        <TableCell align="right">{inPlan ? formatMoney(inPlan) : ''}</TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </Box>
            {proposal && (
              <Typography variant="body2" sx={{ mt: 1, opacity: stale ? 0.5 : 1 }}>
                {proposal.outsidePlan > 0
                  ? `The remaining ${formatMoney(proposal.outsidePlan)} stays in normal collections.`
                  : 'The plan covers everything that may be asked for.'}
              </Typography>
            )}
          </Box>
        )}

        {proposal && (
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '2fr 3fr' }, gap: 3, mt: 1, opacity: stale ? 0.5 : 1 }} aria-busy={stale}>
            <Box>
              <Typography variant="subtitle1" component="h3" id="plan-schedule-title">
                Schedule
              </Typography>
              <Box sx={{ maxHeight: 280, overflowY: 'auto' }}>
                <Table size="small" stickyHeader aria-labelledby="plan-schedule-title">
                  <TableHead>
                    <TableRow>
                      <TableCell>No.</TableCell>
                      <TableCell>Due</TableCell>
                      <TableCell align="right">Amount</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {proposal.schedule.map((s) => (
                      <TableRow key={s.seq}>
                        <TableCell>{s.seq}</TableCell>
                        <TableCell>{formatDate(s.dueDate)}</TableCell>
                        <TableCell align="right">{formatMoney(s.amount)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </Box>
            </Box>
            <Box>
              <Typography variant="subtitle1" component="h3" id="plan-fairness-title">
                Fairness check
              </Typography>
              <Box component="ul" aria-labelledby="plan-fairness-title" sx={{ listStyle: 'none', m: 0, p: 0 }}>
                {proposal.fairness.checks.map((c) => (
                  <Box component="li" key={c.code} sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', py: 0.5 }}>
                    <CheckIcon check={c} />
                    <Typography variant="body2">{c.text}</Typography>
                  </Box>
                ))}
              </Box>
              <Typography
                variant="body2"
                role="status"
                sx={{ mt: 1, fontWeight: 700, color: proposal.fairness.fair ? 'success.main' : 'error.main' }}
              >
                {proposal.fairness.fair ? 'Fair to both sides' : 'Outside the policy limits'}
              </Typography>
            </Box>
          </Box>
        )}

        {needsReason && (
          <TextField
            fullWidth
            required
            multiline
            minRows={2}
            size="small"
            label="Why this plan is right anyway"
            value={reason}
            onChange={(e) => edit('overrideReason', () => setReason(e.target.value))}
            error={!!errors.overrideReason}
            helperText={errors.overrideReason || 'Kept with the plan and on the timeline, e.g. "Seasonal business: pays in full after the harvest"'}
            sx={{ mt: 2 }}
          />
        )}
      </DialogContent>
      <DialogButtons onCancel={onClose} disabled={busy} onConfirm={save}>
        Save plan
      </DialogButtons>
    </Dialog>
  );
}

function CheckIcon({ check }: { check: FairnessCheck }) {
  if (check.ok) return <CheckCircleOutlineIcon fontSize="small" color="success" titleAccess="OK" />;
  if (check.severity === 'warning') return <WarningAmberIcon fontSize="small" color="warning" titleAccess="Warning" />;
  return <HighlightOffIcon fontSize="small" color="error" titleAccess="Limit failed" />;
}

/** A failure that names a field is shown beside it; one that does not needs the banner. */
function hasFieldFor(fields: Record<string, string>): boolean {
  return ['total', 'count', 'frequency', 'startDate'].some((f) => f in fields);
}

/** The terms as typed, or what is wrong with them; blanks count as errors only once `strict`. */
function readTerms(
  total: string,
  count: string,
  frequency: PlanFrequency,
  startDate: string,
  items: ItemRef[] | undefined,
  strict: boolean,
): { terms: Terms | null; localErrors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const money = parseMoneyInput(total);
  if (!money.ok) errors.total = money.message;
  else if (money.value === null) {
    if (strict) errors.total = 'Enter the amount the plan covers';
  } else if (money.value === 0) errors.total = 'The plan total must be more than zero';
  const n = count.trim();
  if (n === '') {
    if (strict) errors.count = 'Say how many instalments';
  } else if (!/^\d+$/.test(n)) errors.count = 'Enter a whole number, like 6';
  if (startDate === '' && strict) errors.startDate = 'Enter the date of the first instalment';
  const complete = money.ok && money.value !== null && n !== '' && startDate !== '' && Object.keys(errors).length === 0;
  return { terms: complete ? { total: money.value as number, count: Number(n), frequency, startDate, ...(items ? { items } : {}) } : null, localErrors: errors };
}
