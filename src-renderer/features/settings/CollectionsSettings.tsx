import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormHelperText from '@mui/material/FormHelperText';
import InputAdornment from '@mui/material/InputAdornment';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type ChangeEvent } from 'react';
import type { LedgerSettings } from '../../../src-main/contract';
import { call, ServiceCallError } from '../../api/client';
import { formatMoneyInput, parseMoneyInput } from '../../lib/money';
import { currencyPrefix } from './policy-labels';
import { SaveOutcome } from './SaveOutcome';

type Field = 'promiseGraceDays' | 'planMaxMonths' | 'planMinInstalment';

/** Promise grace, the payment-plan limits and automatic cash matching: what the worklist, plan checks and new invoices read. */
export function CollectionsSettings({ initial, onSaved }: { initial: LedgerSettings; onSaved(s: LedgerSettings): void }) {
  const [grace, setGrace] = useState(String(initial.promiseGraceDays));
  const [months, setMonths] = useState(String(initial.planMaxMonths));
  const [instalment, setInstalment] = useState(formatMoneyInput(initial.planMinInstalment));
  const [autoApply, setAutoApply] = useState(initial.autoApplyCash);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function save() {
    setSaved(false);
    setMessage(null);
    const local: Partial<Record<Field, string>> = {};
    if (!/^\d+$/.test(grace.trim())) local.promiseGraceDays = 'Enter a whole number of days';
    if (!/^\d+$/.test(months.trim())) local.planMaxMonths = 'Enter a whole number of months';
    const money = parseMoneyInput(instalment);
    if (!money.ok) local.planMinInstalment = money.message;
    else if (money.value === null) local.planMinInstalment = 'Enter an amount (0 for no minimum)';
    setErrors(local);
    if (Object.keys(local).length > 0 || !money.ok || money.value === null) return;
    try {
      const s = await call('settings.update', {
        promiseGraceDays: Number(grace),
        planMaxMonths: Number(months),
        planMinInstalment: money.value,
        autoApplyCash: autoApply,
      });
      setInstalment(formatMoneyInput(s.planMinInstalment));
      setSaved(true);
      onSaved(s);
    } catch (err) {
      const fields = err instanceof ServiceCallError ? err.fields : {};
      setErrors(fields);
      if (Object.keys(fields).length === 0) setMessage((err as Error).message);
    }
  }

  const edit = (set: (v: string) => void, field: Field) => (e: ChangeEvent<HTMLInputElement>) => {
    set(e.target.value);
    setSaved(false);
    setErrors(({ [field]: _gone, ...rest }) => rest);
  };

  return (
    <Paper variant="outlined" component="section" aria-labelledby="collections-title" sx={{ p: 3, maxWidth: 720, mb: 2 }}>
      <Typography id="collections-title" variant="h6" component="h2" gutterBottom>
        Collections
      </Typography>
      <Box sx={{ display: 'grid', gap: 2, maxWidth: 520 }}>
        <TextField
          size="small"
          label="Grace days for promises"
          value={grace}
          onChange={edit(setGrace, 'promiseGraceDays')}
          error={!!errors.promiseGraceDays}
          helperText={errors.promiseGraceDays ?? 'How long after a promised date to wait for the money (post, bank transfers) before calling the promise broken.'}
        />
        <Typography variant="subtitle2" component="h3" sx={{ mt: 1 }}>
          Payment plans
        </Typography>
        <TextField
          size="small"
          label="Longest plan (months)"
          value={months}
          onChange={edit(setMonths, 'planMaxMonths')}
          error={!!errors.planMaxMonths}
          helperText={errors.planMaxMonths ?? 'A longer plan can still be agreed, with the reason kept on record.'}
        />
        <TextField
          size="small"
          label="Smallest instalment"
          value={instalment}
          onChange={edit(setInstalment, 'planMinInstalment')}
          error={!!errors.planMinInstalment}
          helperText={errors.planMinInstalment ?? 'A smaller instalment can still be agreed, with the reason kept on record; 0 for no minimum.'}
          slotProps={{ input: { startAdornment: <InputAdornment position="start">{currencyPrefix(initial.currency).trim()}</InputAdornment> } }}
        />
        <Typography variant="subtitle2" component="h3" sx={{ mt: 1 }}>
          Cash and credits
        </Typography>
        {/* The explanation sits under the label, both beside the switch, as the fields' help sits under them. */}
        <Box sx={{ display: 'flex', alignItems: 'flex-start' }}>
          <Switch
            checked={autoApply}
            onChange={(e) => {
              setAutoApply(e.target.checked);
              setSaved(false);
            }}
            sx={{ ml: -1.5 }}
            // MUI drops its own role="switch" once slotProps.input is given, so it is restated.
            slotProps={{ input: { id: 'auto-apply-cash', role: 'switch', 'aria-describedby': 'auto-apply-help' } }}
          />
          <Box sx={{ pt: 1 }}>
            <Typography component="label" htmlFor="auto-apply-cash" sx={{ cursor: 'pointer' }}>
              Apply unapplied cash and credits to new invoices automatically, oldest due first
            </Typography>
            <FormHelperText id="auto-apply-help" sx={{ m: 0 }}>
              {autoApply
                ? 'A new invoice takes what the customer has paid ahead or been credited. Cash can also be applied by hand from the customer’s card.'
                : 'New invoices are left open: cash and credits already on the account wait until someone applies them from the customer’s card.'}
            </FormHelperText>
          </Box>
        </Box>
      </Box>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', mt: 2 }}>
        <Button variant="outlined" onClick={() => void save()}>
          Save
        </Button>
        <SaveOutcome status={saved ? 'Saved.' : null} message={message} />
      </Box>
    </Paper>
  );
}
