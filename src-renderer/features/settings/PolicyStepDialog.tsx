import CheckIcon from '@mui/icons-material/Check';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormHelperText from '@mui/material/FormHelperText';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import type { CustomerProfile, PolicyAction, PolicyTrigger, TemplateSummary } from '../../../src-main/contract';
import { DialogButtons } from '../../app/DialogParts';
import { PROFILE_LABELS } from '../../lib/customer-labels';
import { formatMoneyInput, parseMoneyInput } from '../../lib/money';
import type { StepValues } from './policy-draft';
import { ACTION_LABELS, currencyPrefix, describeWhen, LETTER_ACTIONS, STEP_CHANNEL_LABELS, TRIGGER_LABELS } from './policy-labels';

type Kind = 'any' | 'business' | 'consumer';

interface Form {
  name: string;
  trigger: PolicyTrigger;
  days: string;
  action: PolicyAction;
  template: string;
  customerKind: Kind;
  profiles: CustomerProfile[];
  minAmount: string;
  channel: StepValues['channel'];
  ccRoles: StepValues['ccRoles'];
}

const BLANK: StepValues = { name: '', trigger: 'days_from_due', days: 0, action: 'call', template: null, customerKind: null, profiles: null, minAmount: null, channel: 'print', ccRoles: null, active: true };

function toForm(s: StepValues): Form {
  return {
    name: s.name,
    trigger: s.trigger,
    days: String(s.days),
    action: s.action,
    template: s.template ?? '',
    customerKind: s.customerKind ?? 'any',
    profiles: s.profiles ?? [],
    minAmount: formatMoneyInput(s.minAmount),
    channel: s.channel,
    ccRoles: s.ccRoles,
  };
}

/** Only what needs parsing is checked here; ranges and the rest are the service's, shown after "Save policy". */
function fromForm(f: Form, active: boolean): { ok: true; values: StepValues } | { ok: false; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  if (!f.name.trim()) fields.name = 'Name the step';
  if (!/^-?\d+$/.test(f.days.trim())) fields.days = 'Enter a whole number of days';
  const amount = parseMoneyInput(f.minAmount);
  if (!amount.ok) fields.minAmount = amount.message;
  if (Object.keys(fields).length > 0 || !amount.ok) return { ok: false, fields };
  return {
    ok: true,
    values: {
      name: f.name.trim(),
      trigger: f.trigger,
      days: Number(f.days.trim()),
      action: f.action,
      template: LETTER_ACTIONS.includes(f.action) && f.template.trim() ? f.template.trim() : null,
      customerKind: f.customerKind === 'any' ? null : f.customerKind,
      profiles: f.profiles.length > 0 ? f.profiles : null,
      minAmount: amount.value,
      channel: f.action === 'letter' || f.action === 'escalate_principal' ? f.channel : 'print',
      ccRoles: f.ccRoles,
      active,
    },
  };
}

function daysHelp(f: Form): string {
  const days = /^-?\d+$/.test(f.days.trim()) ? Number(f.days.trim()) : null;
  const reads = days === null ? '' : ` Reads as “${describeWhen({ trigger: f.trigger, days })}”.`;
  return f.trigger === 'days_from_due'
    ? `Negative is before the due date (-3: three days before), 0 is the due date, 10 is ten days past due.${reads}`
    : `Days after the event; 0 is the same day.${reads}`;
}

function ProfileChips({ value, onChange, error }: { value: CustomerProfile[]; onChange(v: CustomerProfile[]): void; error?: string }) {
  const toggle = (p: CustomerProfile) => onChange(value.includes(p) ? value.filter((x) => x !== p) : [...value, p]);
  return (
    <Box role="group" aria-labelledby="step-profiles-label" aria-describedby="step-profiles-help" sx={{ mb: 2 }}>
      <Typography id="step-profiles-label" variant="body2" color="text.secondary" sx={{ mb: 0.5 }}>
        Profiles
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
        {(Object.keys(PROFILE_LABELS) as CustomerProfile[]).map((p) => {
          const on = value.includes(p);
          return (
            <Chip
              key={p}
              label={PROFILE_LABELS[p]}
              icon={on ? <CheckIcon /> : undefined}
              color={on ? 'primary' : 'default'}
              variant={on ? 'filled' : 'outlined'}
              onClick={() => toggle(p)}
              aria-pressed={on}
            />
          );
        })}
      </Box>
      <FormHelperText id="step-profiles-help" error={!!error}>
        {error ?? 'Choose none for customers of every profile.'}
      </FormHelperText>
    </Box>
  );
}

/**
 * The templates a step may print: the ledger's active ones, plus the one the step already names if
 * it is archived or (from before names were checked) does not exist, so the clerk sees it and can
 * choose another; the service refuses a name that does not exist.
 */
function templateOptions(templates: TemplateSummary[] | null, current: string): { name: string; label: string }[] {
  const list = (templates ?? []).filter((t) => !t.archived).map((t) => ({ name: t.name, label: t.name }));
  if (current && !list.some((o) => o.name.toLowerCase() === current.toLowerCase())) {
    const archived = templates?.find((t) => t.name.toLowerCase() === current.toLowerCase());
    list.unshift({ name: current, label: templates === null ? current : `${current} (${archived ? 'archived' : 'no such template'})` });
  }
  return list;
}

/** Adds or edits one step of the draft policy; nothing is saved until the policy is. */
export function PolicyStepDialog({
  title,
  step,
  serviceErrors,
  currency,
  onClose,
  onDone,
}: {
  title: string;
  /** Null for a new step. */
  step: StepValues | null;
  serviceErrors: Record<string, string>;
  currency: string;
  onClose(): void;
  onDone(values: StepValues): void;
}) {
  const [form, setForm] = useState<Form>(() => toForm(step ?? BLANK));
  const [errors, setErrors] = useState<Record<string, string>>(serviceErrors);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors(({ [key]: _gone, ...rest }) => rest);
  };
  const letter = LETTER_ACTIONS.includes(form.action);
  const [templates, setTemplates] = useState<TemplateSummary[] | null>(null);
  const [templatesError, setTemplatesError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('templates.list', {}).then(
      (list) => live && setTemplates(list),
      (err: Error) => {
        if (!live) return;
        setTemplates([]);
        setTemplatesError(`The templates could not be loaded: ${err.message}`);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  function done() {
    const parsed = fromForm(form, step?.active ?? true);
    if (parsed.ok) onDone(parsed.values);
    else setErrors(parsed.fields);
  }

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="policy-step-title">
      <DialogTitle id="policy-step-title">{title}</DialogTitle>
      <DialogContent>
        <TextField fullWidth size="small" label="Name" value={form.name} onChange={(e) => set('name', e.target.value)} error={!!errors.name} helperText={errors.name} sx={{ mt: 1, mb: 2 }} />
        <Box sx={{ display: 'flex', gap: 2, mb: 2 }}>
          <TextField select size="small" label="Starts" value={form.trigger} onChange={(e) => set('trigger', e.target.value as PolicyTrigger)} error={!!errors.trigger} helperText={errors.trigger} sx={{ flex: 2 }}>
            {Object.entries(TRIGGER_LABELS).map(([v, label]) => (
              <MenuItem key={v} value={v}>
                {label}
              </MenuItem>
            ))}
          </TextField>
          <TextField size="small" label="Days" value={form.days} onChange={(e) => set('days', e.target.value)} error={!!errors.days} helperText={errors.days ?? daysHelp(form)} sx={{ flex: 3 }} />
        </Box>
        <TextField select fullWidth size="small" label="Action" value={form.action} onChange={(e) => set('action', e.target.value as PolicyAction)} error={!!errors.action} helperText={errors.action} sx={{ mb: 2 }}>
          {Object.entries(ACTION_LABELS).map(([v, label]) => (
            <MenuItem key={v} value={v}>
              {label}
            </MenuItem>
          ))}
        </TextField>
        {letter && (
          <TextField
            select
            fullWidth
            size="small"
            label="Letter template"
            value={form.template}
            onChange={(e) => set('template', e.target.value)}
            error={!!errors.template || templatesError !== null}
            helperText={errors.template ?? templatesError ?? (templates === null ? 'Loading templates…' : 'The letter this step prints (Letters → Templates).')}
            sx={{ mb: 2 }}
          >
            {templateOptions(templates, form.template).map((o) => (
              <MenuItem key={o.name} value={o.name}>
                {o.label}
              </MenuItem>
            ))}
          </TextField>
        )}
        {(form.action === 'letter' || form.action === 'escalate_principal') && (
          <TextField
            select
            fullWidth
            size="small"
            label="Sent"
            value={form.channel}
            onChange={(e) => set('channel', e.target.value as Form['channel'])}
            error={!!errors.channel}
            helperText={errors.channel ?? 'An email uses the template’s email text and the server in Settings → Mail.'}
            sx={{ mb: 2 }}
          >
            {(Object.keys(STEP_CHANNEL_LABELS) as Form['channel'][]).map((c) => (
              <MenuItem key={c} value={c}>
                {STEP_CHANNEL_LABELS[c]}
              </MenuItem>
            ))}
          </TextField>
        )}
        <TextField select fullWidth size="small" label="Customer kind" value={form.customerKind} onChange={(e) => set('customerKind', e.target.value as Kind)} error={!!errors.customerKind} helperText={errors.customerKind} sx={{ mb: 2 }}>
          <MenuItem value="any">Any</MenuItem>
          <MenuItem value="business">Business</MenuItem>
          <MenuItem value="consumer">Consumer</MenuItem>
        </TextField>
        <ProfileChips value={form.profiles} onChange={(v) => set('profiles', v)} error={errors.profiles} />
        <TextField
          fullWidth
          size="small"
          label="Minimum overdue amount"
          value={form.minAmount}
          onChange={(e) => set('minAmount', e.target.value)}
          error={!!errors.minAmount}
          helperText={errors.minAmount ?? 'Optional: the step applies only when at least this much is overdue.'}
          slotProps={{ input: { startAdornment: <InputAdornment position="start">{currencyPrefix(currency).trim()}</InputAdornment> } }}
        />
        {errors.id && (
          <FormHelperText error sx={{ mt: 2 }}>
            {errors.id}
          </FormHelperText>
        )}
      </DialogContent>
      <DialogButtons onCancel={onClose} onConfirm={done}>
        Done
      </DialogButtons>
    </Dialog>
  );
}
