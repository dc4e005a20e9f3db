import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { call, ServiceCallError } from '../../api/client';
import { formFromRules, rulesFromForm, type FeeRulesForm, type LateFeeKind } from './fee-rules-form';
import { currencyPrefix } from './policy-labels';

const ERROR_KEY: Partial<Record<keyof FeeRulesForm, string>> = {
  lateFeeAmount: 'lateFee.amount',
  lateFeeRate: 'lateFee.basisPoints',
  interestRate: 'interest.annualRateBasisPoints',
  cap: 'capBasisPoints',
};

const percent = { input: { endAdornment: <InputAdornment position="end">%</InputAdornment> } };

/** Late fees and interest: set here, charged only after someone previews and confirms them. */
export function FeeRulesSettings({ currency }: { currency: string }) {
  const [saved, setSaved] = useState<FeeRulesForm | null>(null);
  const [form, setForm] = useState<FeeRulesForm | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('fees.rulesGet', {}).then(
      (r) => {
        if (!live) return;
        setSaved(formFromRules(r));
        setForm(formFromRules(r));
      },
      (err: Error) => live && setMessage(err.message),
    );
    return () => {
      live = false;
    };
  }, []);

  const dirty = !!form && JSON.stringify(form) !== JSON.stringify(saved);
  const set = <K extends keyof FeeRulesForm>(key: K, value: FeeRulesForm[K]) => {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    setStatus(null);
    setErrors(({ [ERROR_KEY[key] ?? key]: _gone, ...rest }) => rest);
  };
  const field = (key: string, help: string) => ({ error: !!errors[key], helperText: errors[key] ?? help });

  async function save() {
    if (!form) return;
    setMessage(null);
    const parsed = rulesFromForm(form);
    if (!parsed.ok) {
      setErrors(parsed.fields);
      return;
    }
    try {
      const rules = await call('fees.rulesUpdate', { rules: parsed.rules });
      setSaved(formFromRules(rules));
      setForm(formFromRules(rules));
      setErrors({});
      setStatus('Fee rules saved.');
    } catch (err) {
      const fields = err instanceof ServiceCallError ? err.fields : {};
      setErrors(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^rules\./, ''), v])));
      setMessage((err as Error).message);
    }
  }

  return (
    <Paper variant="outlined" component="section" aria-labelledby="fees-title" sx={{ p: 3, maxWidth: 720, mb: 2 }}>
      <Typography id="fees-title" variant="h6" component="h2" gutterBottom>
        Late fees and interest
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Nothing is charged until you set a late fee or an interest rate, and charges are posted only after someone previews and confirms them.
      </Typography>
      {message && (
        <Typography role="alert" variant="body2" color="error" sx={{ mb: 2 }}>
          {message}
        </Typography>
      )}
      {form && (
        <Box sx={{ display: 'grid', gap: 2, maxWidth: 520 }}>
          <Box sx={{ display: 'flex', gap: 2 }}>
            <TextField select size="small" label="Late fee" value={form.lateFeeKind} onChange={(e) => set('lateFeeKind', e.target.value as LateFeeKind)} sx={{ flex: 1 }}>
              <MenuItem value="none">No late fee</MenuItem>
              <MenuItem value="flat">A flat amount</MenuItem>
              <MenuItem value="percent">A share of the overdue amount</MenuItem>
            </TextField>
            {form.lateFeeKind === 'flat' && (
              <TextField
                size="small"
                label="Late fee amount"
                value={form.lateFeeAmount}
                onChange={(e) => set('lateFeeAmount', e.target.value)}
                {...field('lateFee.amount', 'Charged once per overdue invoice.')}
                slotProps={{ input: { startAdornment: <InputAdornment position="start">{currencyPrefix(currency).trim()}</InputAdornment> } }}
                sx={{ flex: 1 }}
              />
            )}
            {form.lateFeeKind === 'percent' && (
              <TextField size="small" label="Late fee rate" value={form.lateFeeRate} onChange={(e) => set('lateFeeRate', e.target.value)} {...field('lateFee.basisPoints', 'Of the amount open; charged once per overdue invoice.')} slotProps={percent} sx={{ flex: 1 }} />
            )}
          </Box>
          <TextField size="small" label="Annual interest rate" value={form.interestRate} onChange={(e) => set('interestRate', e.target.value)} {...field('interest.annualRateBasisPoints', 'Simple interest on the amount open, 365-day year. Leave empty for none.')} slotProps={percent} />
          <TextField size="small" label="Grace days before charging" value={form.graceDays} onChange={(e) => set('graceDays', e.target.value)} {...field('graceDays', 'Days after the due date before anything is charged.')} />
          <TextField size="small" label="Cap on fees and interest" value={form.cap} onChange={(e) => set('cap', e.target.value)} {...field('capBasisPoints', 'The most they may come to on one invoice, as a share of its amount. Leave empty for no cap.')} slotProps={percent} />
          <Box>
            <FormControlLabel control={<Switch checked={form.applyToConsumers} onChange={(e) => set('applyToConsumers', e.target.checked)} />} label="Charge consumers too" />
            <FormHelperText sx={{ mt: 0 }}>
              Consumer credit has its own rules (disclosure, rate ceilings, licensing). Leave this off unless you know your charges are allowed.
            </FormHelperText>
          </Box>
        </Box>
      )}
      {status && !dirty && (
        <Typography role="status" variant="body2" color="success.main" sx={{ mt: 2 }}>
          {status}
        </Typography>
      )}
      {/* Only while something changed: the page's other cards have their own Save. */}
      {dirty && (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 2 }}>
          <Typography sx={{ flexGrow: 1, fontWeight: 500 }} color="warning.main">
            Unsaved changes
          </Typography>
          <Button
            onClick={() => {
              setForm(saved);
              setErrors({});
              setMessage(null);
            }}
          >
            Discard changes
          </Button>
          <Button variant="contained" onClick={() => void save()}>
            Save fee rules
          </Button>
        </Box>
      )}
    </Paper>
  );
}
