import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type ChangeEvent } from 'react';
import type { MailPasswordSource, MailSettingsData, MailTestResult, MailTls } from '../../../src-main/contract';
import { call } from '../../api/client';
import { useServiceForm } from '../../lib/use-service-form';
import { SaveOutcome } from './SaveOutcome';

/** Where mail settings are filled in: Settings, scrolled to "Mail". */
export const MAIL_SETTINGS_HASH = '#/settings/mail';

const TLS_LABELS: Record<MailTls, string> = { none: 'None (plain, for a server on this network)', starttls: 'STARTTLS (usually port 587)', tls: 'TLS (usually port 465)' };
/** The port each TLS mode usually runs on, suggested while the port is still the last suggestion. */
const USUAL_PORT: Record<MailTls, string> = { none: '25', starttls: '587', tls: '465' };

interface Form {
  host: string;
  port: string;
  tls: MailTls;
  user: string;
  /** What was typed; '' keeps the password already kept. */
  password: string;
  fromName: string;
  fromAddress: string;
  replyTo: string;
  bccSelf: boolean;
}

const BLANK: Form = { host: '', port: '587', tls: 'starttls', user: '', password: '', fromName: '', fromAddress: '', replyTo: '', bccSelf: false };

function formOf(d: MailSettingsData): Form {
  const s = d.settings;
  if (!s) return BLANK;
  return { host: s.host, port: String(s.port), tls: s.tls, user: s.user ?? '', password: '', fromName: s.fromName ?? '', fromAddress: s.fromAddress, replyTo: s.replyTo ?? '', bccSelf: s.bccSelf };
}

/** Where the password is kept, in the words the clerk needs: the desktop keeps it, a browser session forgets it. */
export function passwordWhere(source: MailPasswordSource, desktop: boolean): string {
  switch (source) {
    case 'stored':
      return 'A password is kept in this computer’s credential store, never in the ledger. Type a new one to replace it.';
    case 'session':
      return 'A password is kept for this session only: type it again after Settle restarts (or start Settle with SETTLE_SMTP_PASSWORD set).';
    case 'environment':
      return 'The password comes from SETTLE_SMTP_PASSWORD in the environment Settle was started with.';
    case 'none':
      return desktop
        ? 'No password yet. It is kept in this computer’s credential store, never in the ledger.'
        : 'No password yet. In the browser it is kept for this session only, never in the ledger (or set SETTLE_SMTP_PASSWORD before starting Settle).';
  }
}

/**
 * The ledger's mail server and sender, and a test message through it. The password is sent to the
 * backend only when typed and is never read back: only where it is kept.
 */
export function MailSettings() {
  const [data, setData] = useState<MailSettingsData | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const { errors, setErrors, message, setMessage, busy, submit } = useServiceForm();
  const [testTo, setTestTo] = useState('');
  const [testing, setTesting] = useState(false);
  const [testResult, setTestResult] = useState<{ ok: boolean; words: string } | null>(null);
  const desktop = typeof window !== 'undefined' && !!window.settle;

  useEffect(() => {
    let live = true;
    call('mail.settingsGet', {}).then(
      (d) => {
        if (!live) return;
        setData(d);
        setForm(formOf(d));
      },
      (err: Error) => live && setMessage(err.message),
    );
    return () => {
      live = false;
    };
  }, [setMessage]);

  const loaded = form !== null;
  useEffect(() => {
    if (loaded && window.location.hash === MAIL_SETTINGS_HASH) document.getElementById('mail-settings-title')?.scrollIntoView({ block: 'start' });
  }, [loaded]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    setStatus(null);
    setErrors(({ [key]: _gone, ...rest }) => rest);
  };
  const text = (key: Exclude<keyof Form, 'tls' | 'bccSelf'>) => ({
    value: form?.[key] ?? '',
    onChange: (e: ChangeEvent<HTMLInputElement>) => set(key, e.target.value),
    error: !!errors[key],
  });

  function chooseTls(tls: MailTls) {
    if (!form) return;
    // A port the clerk typed stays; one that was only the previous mode's usual port follows the mode.
    if (form.port === USUAL_PORT[form.tls] || form.port === '') set('port', USUAL_PORT[tls]);
    set('tls', tls);
  }

  async function save(forgetPassword = false) {
    if (!form) return;
    setStatus(null);
    const port = form.port.trim();
    if (!/^\d+$/.test(port)) {
      setErrors({ port: 'Enter the port, like 587' });
      return;
    }
    await submit(async () => {
      const d = await call('mail.settingsSave', {
        host: form.host,
        port: Number(port),
        tls: form.tls,
        user: form.user,
        // Left out, the kept password stays; null forgets it.
        ...(forgetPassword ? { password: null } : form.password !== '' ? { password: form.password } : {}),
        fromName: form.fromName,
        fromAddress: form.fromAddress,
        replyTo: form.replyTo,
        bccSelf: form.bccSelf,
      });
      setData(d);
      setForm(formOf(d));
      setErrors({});
      setMessage(null);
      setStatus(forgetPassword ? 'Saved; the password is forgotten.' : 'Saved.');
    });
  }

  async function sendTest() {
    setTestResult(null);
    setTesting(true);
    try {
      const r: MailTestResult = await call('mail.test', { to: testTo });
      setTestResult({ ok: r.ok, words: r.ok ? `The server accepted the test message: ${r.response}` : `The test message was not sent: ${r.response}` });
    } catch (err) {
      setTestResult({ ok: false, words: (err as Error).message });
    } finally {
      setTesting(false);
    }
  }

  return (
    <Paper variant="outlined" component="section" aria-labelledby="mail-settings-title" sx={{ p: 3, maxWidth: 720, mb: 2 }}>
      <Typography id="mail-settings-title" variant="h6" component="h2" gutterBottom>
        Mail
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Reminders and letters sent by email go through your own mail server, from your address, and are archived as the exact message sent.
      </Typography>
      {!form ? (
        !message && <Typography color="text.secondary">Loading…</Typography>
      ) : (
        <Box sx={{ display: 'grid', gap: 2, maxWidth: 560 }}>
          <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 120px', gap: 2 }}>
            <TextField size="small" label="Mail server" {...text('host')} helperText={errors.host ?? 'Like smtp.example.com'} />
            <TextField size="small" label="Port" {...text('port')} helperText={errors.port} slotProps={{ htmlInput: { inputMode: 'numeric' } }} />
          </Box>
          <TextField select size="small" label="Security" value={form.tls} onChange={(e) => chooseTls(e.target.value as MailTls)} error={!!errors.tls} helperText={errors.tls}>
            {(Object.keys(TLS_LABELS) as MailTls[]).map((t) => (
              <MenuItem key={t} value={t}>
                {TLS_LABELS[t]}
              </MenuItem>
            ))}
          </TextField>
          <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
            <TextField size="small" label="User name" autoComplete="off" {...text('user')} helperText={errors.user ?? 'Blank if the server does not ask for one.'} />
            <TextField
              size="small"
              label="Password"
              type="password"
              autoComplete="new-password"
              {...text('password')}
              helperText={errors.password ?? (data?.password !== 'none' && data?.password !== 'environment' ? 'Leave blank to keep it.' : undefined)}
            />
          </Box>
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
            <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1 }}>
              {data && passwordWhere(data.password, desktop)}
            </Typography>
            {(data?.password === 'stored' || data?.password === 'session') && (
              <Button size="small" sx={{ flexShrink: 0 }} disabled={busy || !data.settings} onClick={() => void save(true)}>
                Forget the password
              </Button>
            )}
          </Box>
          <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
            <TextField size="small" label="From name" {...text('fromName')} helperText={errors.fromName ?? 'Like Northwind Accounts'} />
            <TextField size="small" label="From address" {...text('fromAddress')} helperText={errors.fromAddress} />
          </Box>
          <TextField size="small" label="Reply-to address" {...text('replyTo')} helperText={errors.replyTo ?? 'Where replies go, if not the from address.'} />
          <FormControlLabel control={<Checkbox checked={form.bccSelf} onChange={(e) => set('bccSelf', e.target.checked)} />} label="BCC me (a copy of each message to the from address)" />
        </Box>
      )}
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', mt: 2 }}>
        <Button variant="outlined" disabled={!form || busy} onClick={() => void save()}>
          Save mail settings
        </Button>
        <SaveOutcome status={status} message={message} />
      </Box>
      {form && (
        <Box component="section" aria-labelledby="mail-test-title" sx={{ mt: 3 }}>
          <Typography id="mail-test-title" variant="subtitle2" component="h3" gutterBottom>
            Test message
          </Typography>
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start' }}>
            <TextField size="small" label="Send a test to" value={testTo} onChange={(e) => (setTestTo(e.target.value), setTestResult(null))} sx={{ flexGrow: 1, maxWidth: 360 }} />
            <Button variant="outlined" disabled={!data?.settings || testing || testTo.trim() === ''} onClick={() => void sendTest()}>
              {testing ? 'Sending…' : 'Send a test message'}
            </Button>
          </Box>
          {!data?.settings && (
            <Typography variant="caption" color="text.secondary">
              Save the mail settings first.
            </Typography>
          )}
          {testResult && (
            <Typography role={testResult.ok ? 'status' : 'alert'} variant="body2" color={testResult.ok ? 'success.main' : 'error'} sx={{ mt: 1, wordBreak: 'break-word' }}>
              {testResult.words}
            </Typography>
          )}
        </Box>
      )}
    </Paper>
  );
}
