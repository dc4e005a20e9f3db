import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { LetterSettingsData } from '../../../src-main/contract';
import { call } from '../../api/client';
import { useNav } from '../../app/navigation';
import { useServiceForm } from '../../lib/use-service-form';
import { SaveOutcome } from './SaveOutcome';

const MAX_LOGO_BYTES = 500 * 1024;

type Form = Omit<LetterSettingsData, 'resolutionDays'> & { resolutionDays: string };

const formOf = (s: LetterSettingsData): Form => ({ ...s, resolutionDays: String(s.resolutionDays) });

/** PNG and JPEG are told apart by their first bytes, as the service does. */
function logoSrc(base64: string): string {
  return `data:${base64.startsWith('/9j/') ? 'image/jpeg' : 'image/png'};base64,${base64}`;
}

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/** The letterhead (company name, address, logo), who signs the letters, the paper and the resolution date. */
export function LetterSettings() {
  const [saved, setSaved] = useState<Form | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const { errors, setErrors, message, setMessage, busy, submit } = useServiceForm();

  // Sent here from a new ledger's worklist ("Set up your letterhead"): bring the section into view.
  const section = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (useNav.getState().takeIntent() !== 'letterhead') return;
    section.current?.scrollIntoView({ block: 'start' });
    section.current?.focus();
  }, []);

  useEffect(() => {
    let live = true;
    call('letters.settingsGet', {}).then(
      (s) => {
        if (!live) return;
        setSaved(formOf(s));
        setForm(formOf(s));
      },
      (err: Error) => live && setMessage(err.message),
    );
    return () => {
      live = false;
    };
  }, [setMessage]);

  // Arriving from "Open letter settings" (a refused letters batch): bring this section into view once it has loaded.
  const loaded = form !== null;
  useEffect(() => {
    if (loaded && window.location.hash === '#/settings/letters') document.getElementById('letter-settings-title')?.scrollIntoView({ block: 'start' });
  }, [loaded]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    setStatus(null);
    setErrors(({ [key]: _gone, ...rest }) => rest);
  };
  const text = (key: Exclude<keyof Form, 'companyLogo' | 'paperSize'>) => ({
    value: form?.[key] ?? '',
    onChange: (e: ChangeEvent<HTMLInputElement>) => set(key, e.target.value),
    error: !!errors[key],
  });

  async function pickLogo(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (file.size > MAX_LOGO_BYTES) {
      setErrors((x) => ({ ...x, companyLogo: `The logo must be 500 KB or smaller (this file is ${Math.ceil(file.size / 1024)} KB)` }));
      return;
    }
    try {
      set('companyLogo', await readAsBase64(file));
    } catch (err) {
      setErrors((x) => ({ ...x, companyLogo: (err as Error).message }));
    }
  }

  async function save() {
    if (!form || !saved) return;
    setStatus(null);
    const days = form.resolutionDays.trim();
    if (!/^\d+$/.test(days)) {
      setErrors({ resolutionDays: 'Enter a whole number of days' });
      return;
    }
    await submit(async () => {
      const s = await call('letters.settingsUpdate', {
        companyName: form.companyName,
        companyAddress: form.companyAddress,
        companyPhone: form.companyPhone,
        companyEmail: form.companyEmail,
        paymentDetails: form.paymentDetails,
        // Sent only when it changed: it can be half a megabyte.
        ...(form.companyLogo !== saved.companyLogo ? { companyLogo: form.companyLogo } : {}),
        clerkName: form.clerkName,
        clerkPhone: form.clerkPhone,
        paperSize: form.paperSize,
        resolutionDays: Number(days),
      });
      setSaved(formOf(s));
      setForm(formOf(s));
      setErrors({});
      setMessage(null);
      setStatus('Saved.');
    });
  }

  return (
    <Paper ref={section} tabIndex={-1} variant="outlined" component="section" aria-labelledby="letter-settings-title" sx={{ p: 3, maxWidth: 720, mb: 2 }}>
      <Typography id="letter-settings-title" variant="h6" component="h2" gutterBottom>
        Letterhead and letters
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Printed at the top of every letter, and used by the merge fields {'{{company.name}}'}, {'{{clerk.name}}'}, {'{{clerk.phone}}'} and {'{{resolution_date}}'}.
      </Typography>
      {!form ? (
        <Typography color="text.secondary">Loading…</Typography>
      ) : (
        <Box sx={{ display: 'grid', gap: 2, maxWidth: 560 }}>
          <TextField size="small" label="Company name" {...text('companyName')} helperText={errors.companyName} />
          <TextField
            size="small"
            label="Company address"
            multiline
            minRows={3}
            {...text('companyAddress')}
            helperText={errors.companyAddress ?? 'One line per line, as it should print.'}
          />
          <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
            <TextField size="small" label="Company phone" {...text('companyPhone')} helperText={errors.companyPhone} />
            <TextField size="small" label="Company email" {...text('companyEmail')} helperText={errors.companyEmail} />
          </Box>
          <TextField
            size="small"
            label="Payment details"
            multiline
            minRows={2}
            {...text('paymentDetails')}
            helperText={errors.paymentDetails ?? 'Bank account or other ways to pay, printed on the remittance slip of a statement. Up to 4 lines.'}
          />
          <Box>
            <Typography variant="subtitle2" component="h3" gutterBottom>
              Logo
            </Typography>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
              {form.companyLogo ? (
                <Box
                  component="img"
                  src={logoSrc(form.companyLogo)}
                  alt="Company logo"
                  sx={{ maxHeight: 64, maxWidth: 200, border: 1, borderColor: 'divider', borderRadius: 1, p: 0.5, bgcolor: '#fff' }}
                />
              ) : (
                <Typography variant="body2" color="text.secondary">
                  No logo: the company name is printed instead.
                </Typography>
              )}
              <Button component="label" variant="outlined" size="small">
                {form.companyLogo ? 'Replace logo…' : 'Upload logo…'}
                <input hidden type="file" accept="image/png,image/jpeg" aria-label="Logo file" onChange={(e) => void pickLogo(e)} />
              </Button>
              {form.companyLogo && (
                <Button size="small" onClick={() => set('companyLogo', null)}>
                  Remove logo
                </Button>
              )}
            </Box>
            <Typography variant="caption" color={errors.companyLogo ? 'error' : 'text.secondary'} role={errors.companyLogo ? 'alert' : undefined}>
              {errors.companyLogo ?? 'PNG or JPEG, up to 500 KB.'}
            </Typography>
          </Box>
          <Typography variant="subtitle2" component="h3">
            Signed by
          </Typography>
          <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
            <TextField size="small" label="Your name" {...text('clerkName')} helperText={errors.clerkName} />
            <TextField size="small" label="Your direct phone" {...text('clerkPhone')} helperText={errors.clerkPhone ?? 'The company phone is used if blank.'} />
          </Box>
          <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
            <TextField
              select
              size="small"
              label="Paper size"
              value={form.paperSize}
              onChange={(e) => set('paperSize', e.target.value as Form['paperSize'])}
              error={!!errors.paperSize}
              helperText={errors.paperSize ?? 'The address sits in the window of a #10 or DL envelope.'}
            >
              <MenuItem value="letter">US Letter</MenuItem>
              <MenuItem value="a4">A4</MenuItem>
            </TextField>
            <TextField
              size="small"
              label="Days to resolve"
              {...text('resolutionDays')}
              helperText={errors.resolutionDays ?? 'The resolution date a letter names is this many days after its date (1 to 60).'}
            />
          </Box>
        </Box>
      )}
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', mt: 2 }}>
        <Button variant="outlined" disabled={!form || busy} onClick={() => void save()}>
          Save letter settings
        </Button>
        <SaveOutcome status={status} message={message} />
      </Box>
    </Paper>
  );
}
