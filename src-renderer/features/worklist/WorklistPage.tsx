import MoreVertIcon from '@mui/icons-material/MoreVert';
import PersonAddAltIcon from '@mui/icons-material/PersonAddAlt';
import SnoozeIcon from '@mui/icons-material/Snooze';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { alpha } from '@mui/material/styles';
import { addDays } from 'date-fns';
import { useEffect, useRef, useState } from 'react';
import type { CustomerStatus, WorkItem, Worklist } from '../../../src-main/contract';
import { call } from '../../api/client';
import { DialogButtons } from '../../app/DialogParts';
import { useNav } from '../../app/navigation';
import { formatDate, toIsoDate } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { ACTION_LABELS } from '../settings/policy-labels';
import { StatusDialog } from '../customer-card/StatusDialog';
import { DeliveryCheckDialog } from './DeliveryCheckDialog';
import { StepDecisionDialog } from './StepDecisionDialog';
import { JobProgressBar, useJob } from '../../app/JobProgress';
import Snackbar from '@mui/material/Snackbar';
import { FirstRun } from './FirstRun';
import { useTrail } from './worklist-trail';

const ACTION_WORDS = { done: 'Done', snooze: 'Snoozed', reassign: 'Reassigned' } as const;

const PAGE_SIZE = 100;

/** Policy steps that change the customer's terms: the clerk applies them, with the step's reason. */
const STATUS_STEPS: Partial<Record<WorkItem['action'], CustomerStatus>> = { credit_hold: 'credit_hold', cod_terms: 'cod_only', prepay_terms: 'prepay_only' };

const SNOOZES = [
  { label: 'Until tomorrow', days: 1 },
  { label: 'For 3 days', days: 3 },
  { label: 'For a week', days: 7 },
];

export function WorklistPage() {
  const go = useNav((s) => s.go);
  const today = toIsoDate(new Date());
  const [collector, setCollector] = useState<string | null>(null);
  const [page, setPage] = useState(0);
  const [list, setList] = useState<Worklist | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [snoozeFor, setSnoozeFor] = useState<{ item: WorkItem; anchor: HTMLElement } | null>(null);
  const [reassign, setReassign] = useState<{ item: WorkItem; name: string } | null>(null);
  const [more, setMore] = useState<{ item: WorkItem; anchor: HTMLElement } | null>(null);
  const [decision, setDecision] = useState<{ item: WorkItem; kind: 'skip' | 'override' } | null>(null);
  const [delivery, setDelivery] = useState<WorkItem | null>(null);
  const [applying, setApplying] = useState<WorkItem | null>(null);
  const refresh = () => setVersion((v) => v + 1);
  const policyJob = useJob();
  // The clerk's last Done, Snooze, Reassign or Skip, which the snackbar offers to take back.
  const [lastAction, setLastAction] = useState<{ actionId: number; words: string } | null>(null);
  // The row the arrow keys move; kept by position so the next row is selected after a Done.
  const [selected, setSelected] = useState(0);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  // A ledger with no customers yet: the empty list offers the first steps instead.
  const [firstRun, setFirstRun] = useState(false);

  /** Opens the row's card, remembering the list so the card can go on to the next task. */
  function open(item: WorkItem, intent: 'call' | null = null) {
    if (list) useTrail.getState().follow(list.items, item.key);
    go('customers', item.customerId, intent);
  }

  function select(index: number) {
    const n = list?.items.length ?? 0;
    if (n === 0) return;
    const i = Math.max(0, Math.min(n - 1, index));
    setSelected(i);
    rows.current[i]?.focus();
  }

  async function undo() {
    const taken = lastAction;
    setLastAction(null);
    if (!taken) return;
    try {
      await call('worklist.undo', { actionId: taken.actionId, today });
      refresh();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  useEffect(() => {
    let live = true;
    // The day's first look runs the escalation policy: on a big ledger that takes a while, so it
    // runs as a job with a progress bar; afterwards it is skipped until the ledger changes.
    policyJob
      .run('policy.run', { today, onlyIfChanged: true })
      .then(() => call('worklist.list', { today, collector, offset: page * PAGE_SIZE, limit: PAGE_SIZE }))
      .then(
      (w) => {
        if (!live) return;
        // The last item of a later page was dealt with: go back to a page that has work on it.
        if (w.items.length === 0 && page > 0) setPage(Math.max(0, Math.ceil(w.total / PAGE_SIZE) - 1));
        setList(w);
        setSelected((i) => Math.min(i, Math.max(0, w.items.length - 1)));
        setError(null);
        if (w.total === 0) void call('customers.list', { limit: 1 }).then((c) => live && setFirstRun(c.total === 0));
        else setFirstRun(false);
      },
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
    // policyJob changes every render; the run belongs to these inputs only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [today, collector, version, page]);

  async function act(item: WorkItem, action: 'done' | 'snooze' | 'reassign', extra: { until?: string; collector?: string } = {}) {
    try {
      const { actionId } = await call('worklist.act', { source: item.source, sourceId: item.sourceId, action, today, ...extra });
      setLastAction({ actionId, words: `${ACTION_WORDS[action]}: ${item.customerName}` });
      refresh();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  // Arrow keys work from the page too, not only once a row has focus.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target !== document.body || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
      e.preventDefault();
      select(selected);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const total = list?.countsByCollector.reduce((s, c) => s + c.count, 0) ?? 0;

  return (
    <section aria-labelledby="page-title">
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2, mb: 1 }}>
        <Typography id="page-title" variant="h5" component="h1">
          Worklist
        </Typography>
        <Typography color="text.secondary">{formatDate(today)}</Typography>
      </Box>
      <JobProgressBar job={policyJob} label="Running the escalation policy" />
      <Box sx={{ display: 'flex', gap: 1, mb: 2, flexWrap: 'wrap' }} role="group" aria-label="Collectors">
        <Chip label={`Everyone (${total})`} color={collector === null ? 'primary' : 'default'} onClick={() => (setCollector(null), setPage(0))} />
        {list?.countsByCollector
          .filter((c) => c.collector !== null)
          .map((c) => (
            <Chip key={c.collector} label={`${c.collector} (${c.count})`} color={collector === c.collector ? 'primary' : 'default'} onClick={() => (setCollector(c.collector), setPage(0))} />
          ))}
        {list?.countsByCollector.some((c) => c.collector === null) && (
          <Chip variant="outlined" label={`Unassigned (${list.countsByCollector.find((c) => c.collector === null)!.count})`} />
        )}
      </Box>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      {list && list.items.length === 0 && firstRun ? (
        <FirstRun onLoaded={refresh} />
      ) : list && list.items.length === 0 ? (
        <Paper variant="outlined" sx={{ p: 3, maxWidth: 720 }}>
          <Typography paragraph>Nothing is due today.</Typography>
          <Typography color="text.secondary" sx={{ mb: 0 }}>
            The escalation policy (Settings) puts its steps here each day, each with the reason it exists; calls logged with a follow-up date appear on their day.
            Broken promises and missed instalments come first, then the largest and oldest overdue balances.
          </Typography>
        </Paper>
      ) : (
        <Paper variant="outlined">
          <Table size="small" aria-label="Today's work">
            <TableHead>
              <TableRow>
                <TableCell>Customer</TableCell>
                <TableCell>To do</TableCell>
                <TableCell>Why</TableCell>
                <TableCell align="right">Overdue</TableCell>
                <TableCell>Since</TableCell>
                <TableCell>Collector</TableCell>
                <TableCell align="right">Actions</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {list?.items.map((item, index) => (
                <TableRow
                  key={item.key}
                  ref={(el) => {
                    rows.current[index] = el;
                  }}
                  hover
                  selected={index === selected}
                  aria-selected={index === selected}
                  tabIndex={index === selected ? 0 : -1}
                  aria-label={`${item.customerName}: ${item.reason}`}
                  aria-keyshortcuts="ArrowUp ArrowDown C Enter"
                  onFocus={(e) => e.target === e.currentTarget && setSelected(index)}
                  sx={{
                    // The theme's own selected tint is too faint to follow from the keyboard.
                    '&.Mui-selected, &.Mui-selected:hover': {
                      bgcolor: (t) => alpha(t.palette.primary.main, t.palette.mode === 'dark' ? 0.32 : 0.16),
                      boxShadow: (t) => `inset 4px 0 0 ${t.palette.primary.main}`,
                    },
                    '&:focus-visible': { outline: (t) => `2px solid ${t.palette.primary.main}`, outlineOffset: -2 },
                  }}
                  onKeyDown={(e) => {
                    if (e.target !== e.currentTarget) return;
                    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                      e.preventDefault();
                      select(index + (e.key === 'ArrowDown' ? 1 : -1));
                    }
                    if (e.key === 'Enter') open(item);
                    if (e.key === 'c' || e.key === 'C') {
                      e.preventDefault();
                      open(item, 'call');
                    }
                  }}
                >
                  <TableCell>
                    <Link component="button" onClick={() => open(item)} underline="hover" sx={{ textAlign: 'left' }}>
                      {item.customerName}
                    </Link>
                    <Typography variant="caption" color="text.secondary" display="block">
                      {item.customerCode}
                    </Typography>
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <Chip size="small" variant="outlined" label={item.action === 'follow_up' ? 'Follow-up call' : ACTION_LABELS[item.action]} />
                    {item.template && (
                      <Typography variant="caption" color="text.secondary" display="block">
                        {item.template}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    {item.reason}
                    {item.strategy && (
                      <Typography variant="caption" color="text.secondary" display="block">
                        Profile: {item.strategy}
                      </Typography>
                    )}
                    {item.override && (
                      <Typography variant="caption" color="warning.main" display="block">
                        Instead of {ACTION_LABELS[item.override.from].toLowerCase()}: {item.override.note}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {formatMoney(item.overdue)}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(item.dueDate)}</TableCell>
                  <TableCell>{item.collector ?? '—'}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    <Button size="small" onClick={() => open(item, 'call')} aria-label={`Log a call: ${item.customerName}`}>
                      Call
                    </Button>
                    {STATUS_STEPS[item.action] && (
                      <Button size="small" onClick={() => setApplying(item)} aria-label={`Apply ${ACTION_LABELS[item.action as keyof typeof ACTION_LABELS].toLowerCase()}: ${item.customerName}`}>
                        Apply
                      </Button>
                    )}
                    {item.action === 'delivery_check' ? (
                      <Button size="small" onClick={() => setDelivery(item)} aria-label={`Check delivery: ${item.customerName}`}>
                        Check
                      </Button>
                    ) : (
                      <Button size="small" onClick={() => void act(item, 'done')} aria-label={`Done: ${item.customerName}`}>
                        Done
                      </Button>
                    )}
                    <Tooltip title="Snooze">
                      <IconButton size="small" onClick={(e) => setSnoozeFor({ item, anchor: e.currentTarget })} aria-label={`Snooze: ${item.customerName}`} aria-haspopup="menu">
                        <SnoozeIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                    <Tooltip title="Reassign">
                      <IconButton size="small" onClick={() => setReassign({ item, name: item.collector ?? '' })} aria-label={`Reassign: ${item.customerName}`}>
                        <PersonAddAltIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                    {item.source === 'task' ? (
                      <Tooltip title="Skip or do something else">
                        <IconButton size="small" onClick={(e) => setMore({ item, anchor: e.currentTarget })} aria-label={`More: ${item.customerName}`} aria-haspopup="menu">
                          <MoreVertIcon fontSize="small" />
                        </IconButton>
                      </Tooltip>
                    ) : (
                      // Keeps the icons of every row in line.
                      <Box component="span" sx={{ display: 'inline-block', width: 34 }} />
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {list && list.total > PAGE_SIZE && (
            <TablePagination
              component="div"
              count={list.total}
              page={page}
              onPageChange={(_e, p) => setPage(p)}
              rowsPerPage={PAGE_SIZE}
              rowsPerPageOptions={[PAGE_SIZE]}
            />
          )}
        </Paper>
      )}
      <Menu anchorEl={snoozeFor?.anchor} open={snoozeFor !== null} onClose={() => setSnoozeFor(null)}>
        {SNOOZES.map((s) => (
          <MenuItem
            key={s.days}
            onClick={() => {
              const item = snoozeFor!.item;
              setSnoozeFor(null);
              void act(item, 'snooze', { until: toIsoDate(addDays(new Date(), s.days)) });
            }}
          >
            {s.label}
          </MenuItem>
        ))}
      </Menu>
      <Menu anchorEl={more?.anchor} open={more !== null} onClose={() => setMore(null)}>
        <MenuItem onClick={() => (setDecision({ item: more!.item, kind: 'skip' }), setMore(null))}>Skip this step…</MenuItem>
        <MenuItem onClick={() => (setDecision({ item: more!.item, kind: 'override' }), setMore(null))}>Do something else…</MenuItem>
      </Menu>
      {decision && (
        <StepDecisionDialog
          {...decision}
          today={today}
          onClose={() => setDecision(null)}
          onSaved={(actionId) => {
            setLastAction({ actionId, words: `${decision.kind === 'skip' ? 'Skipped' : 'Changed'}: ${decision.item.customerName}` });
            setDecision(null);
            refresh();
          }}
        />
      )}
      <Snackbar
        open={lastAction !== null}
        autoHideDuration={10_000}
        onClose={(_e, reason) => reason !== 'clickaway' && setLastAction(null)}
        message={lastAction?.words}
        action={
          <Button color="inherit" size="small" onClick={() => void undo()}>
            Undo
          </Button>
        }
      />
      {applying && (
        <StatusDialog
          customerId={applying.customerId}
          current=""
          initial={{ status: STATUS_STEPS[applying.action]!, reason: applying.reason }}
          onClose={() => setApplying(null)}
          onSaved={() => {
            const item = applying;
            setApplying(null);
            void act(item, 'done');
          }}
        />
      )}
      {delivery && <DeliveryCheckDialog item={delivery} onClose={() => setDelivery(null)} onSaved={() => (setDelivery(null), refresh())} />}
      <Dialog open={reassign !== null} onClose={() => setReassign(null)} aria-labelledby="reassign-title">
        <DialogTitle id="reassign-title">Reassign {reassign?.item.customerName}</DialogTitle>
        <DialogContent>
          <TextField autoFocus fullWidth label="Collector" value={reassign?.name ?? ''} onChange={(e) => reassign && setReassign({ ...reassign, name: e.target.value })} sx={{ mt: 1 }} />
        </DialogContent>
        <DialogButtons
          onCancel={() => setReassign(null)}
          disabled={!reassign?.name.trim()}
          onConfirm={() => {
            const r = reassign!;
            setReassign(null);
            void act(r.item, 'reassign', { collector: r.name.trim() });
          }}
        >
          Reassign
        </DialogButtons>
      </Dialog>
    </section>
  );
}
