import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useRef, useState } from 'react';
import type { TemplateAddressee, TemplateDetail, TemplateProblem } from '../../../../src-main/contract';
import { call } from '../../../api/client';
import { useServiceForm } from '../../../lib/use-service-form';
import type { PickedCustomer } from './CustomerPicker';
import { MergeFieldList } from './MergeFieldList';
import { ADDRESSEES, TONES, toneLabel } from './template-labels';
import { TemplateHistory } from './TemplateHistory';
import { TemplatePreviewPanel } from './TemplatePreviewPanel';
import { useTemplateCheck } from './use-template-check';

interface Form {
  name: string;
  tone: number;
  addressedTo: TemplateAddressee;
  subject: string;
  body: string;
  /** '' when the template is not sent by email. */
  emailSubject: string;
  emailBody: string;
  attachPdf: boolean;
}

type Part = 'subject' | 'body' | 'emailSubject' | 'emailBody';

const BLANK: Form = {
  name: '',
  tone: 1,
  addressedTo: 'accounts_payable',
  subject: '',
  body: 'Dear {{contact.name}},\n\n\n\nKind regards,\n\n{{clerk.name}}\n{{company.name}}\n{{clerk.phone}}',
  emailSubject: '',
  emailBody: '',
  attachPdf: true,
};

const formOf = (d: TemplateDetail): Form => ({
  name: d.name,
  tone: d.tone,
  addressedTo: d.addressedTo,
  subject: d.subject,
  body: d.body,
  emailSubject: d.emailSubject ?? '',
  emailBody: d.emailBody ?? '',
  attachPdf: d.attachPdf,
});

const MONOSPACE = { fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace', fontSize: 13, lineHeight: 1.5 };

/** Where a problem is, in the words of the field it is in. */
function problemPlace(p: TemplateProblem): string {
  switch (p.part) {
    case 'subject':
      return `Subject, column ${p.column}`;
    case 'body':
      return `Line ${p.line}, column ${p.column}`;
    case 'emailSubject':
      return `Email subject, column ${p.column}`;
    case 'emailBody':
      return `Email line ${p.line}, column ${p.column}`;
  }
}

/**
 * One template: its text with the merge fields beside it, the problems found as it is typed,
 * a preview merged for a real customer, and its versions. Saving always adds a version.
 */
export function TemplateEditor({
  detail,
  status,
  customer,
  onCustomer,
  onSaved,
  onArchived,
}: {
  /** null: a new template. */
  detail: TemplateDetail | null;
  status: string | null;
  customer: PickedCustomer | null;
  onCustomer(c: PickedCustomer | null): void;
  onSaved(d: TemplateDetail): void;
  onArchived(d: TemplateDetail, archived: boolean): void;
}) {
  const saved = detail ? formOf(detail) : BLANK;
  const [form, setForm] = useState<Form>(saved);
  const [restoredFrom, setRestoredFrom] = useState<number | null>(null);
  const { errors, setErrors, message, setMessage, busy, submit } = useServiceForm();
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const emailSubjectRef = useRef<HTMLInputElement>(null);
  const emailBodyRef = useRef<HTMLTextAreaElement>(null);
  const lastFocus = useRef<Part>('body');
  const { problems } = useTemplateCheck(form.subject, form.body, { subject: form.emailSubject, body: form.emailBody });
  const dirty = JSON.stringify(form) !== JSON.stringify(saved);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setMessage(null);
    setErrors(({ [key]: _gone, _: _nothing, ...rest }) => rest);
  };

  /** Puts a field where the cursor is; a table or signature block goes on a line of its own in the body. */
  function insert(name: string, block: boolean) {
    // A block goes in the body being edited: the email's when the cursor was last there.
    const part: Part = block ? (lastFocus.current === 'emailBody' || lastFocus.current === 'emailSubject' ? 'emailBody' : 'body') : lastFocus.current;
    const el = { subject: subjectRef, body: bodyRef, emailSubject: emailSubjectRef, emailBody: emailBodyRef }[part].current;
    const value = form[part];
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? start;
    let text = `{{${name}}}`;
    if (block) {
      const before = value.slice(0, start);
      const after = value.slice(end);
      text = `${before === '' || before.endsWith('\n') ? '' : '\n'}${text}${after.startsWith('\n') ? '' : '\n'}`;
    }
    set(part, value.slice(0, start) + text + value.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + text.length, start + text.length);
    });
  }

  async function save() {
    await submit(async () => {
      const d = await call('templates.save', { id: detail?.templateId, ...form });
      setErrors({});
      setMessage(null);
      onSaved(d);
    });
  }

  async function showVersion(versionId: number) {
    if (!detail) return;
    try {
      const v = await call('templates.get', { id: detail.templateId, versionId });
      setForm({ ...formOf(v), name: form.name });
      setRestoredFrom(v.current ? null : v.version);
    } catch (err) {
      setMessage((err as Error).message);
    }
  }

  async function toggleArchived() {
    if (!detail) return;
    await submit(async () => {
      await call('templates.archive', { id: detail.templateId, archived: !detail.archived });
      onArchived(detail, !detail.archived);
    });
  }

  const subjectProblems = problems.filter((p) => p.part === 'subject');
  const bodyProblems = problems.filter((p) => p.part === 'body');
  const emailSubjectProblems = problems.filter((p) => p.part === 'emailSubject');
  const emailBodyProblems = problems.filter((p) => p.part === 'emailBody');
  const title = detail ? detail.name : 'New template';

  return (
    <Box component="section" aria-label={`Edit ${title}`} sx={{ display: 'grid', gap: 2 }}>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2, mb: 2 }}>
          <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
            {title}
          </Typography>
          {detail && (
            <Typography variant="body2" color="text.secondary">
              Version {detail.version}
              {detail.archived ? ' · archived' : ''}
            </Typography>
          )}
        </Box>
        <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 250px', gap: 2 }}>
          <Box sx={{ display: 'grid', gap: 2, alignContent: 'start' }}>
            <TextField size="small" label="Name" value={form.name} onChange={(e) => set('name', e.target.value)} error={!!errors.name} helperText={errors.name} />
            <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 2 }}>
              <TextField
                select
                size="small"
                label="Tone"
                value={form.tone}
                onChange={(e) => set('tone', Number(e.target.value))}
                error={!!errors.tone}
                helperText={errors.tone}
              >
                {TONES.map((t) => (
                  <MenuItem key={t.value} value={t.value}>
                    {toneLabel(t.value)}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                select
                size="small"
                label="Addressed to"
                value={form.addressedTo}
                onChange={(e) => set('addressedTo', e.target.value as TemplateAddressee)}
                error={!!errors.addressedTo}
                helperText={errors.addressedTo}
              >
                {Object.entries(ADDRESSEES).map(([value, label]) => (
                  <MenuItem key={value} value={value}>
                    {label}
                  </MenuItem>
                ))}
              </TextField>
            </Box>
            <TextField
              size="small"
              label="Subject"
              value={form.subject}
              inputRef={subjectRef}
              onFocus={() => (lastFocus.current = 'subject')}
              onChange={(e) => set('subject', e.target.value)}
              error={!!errors.subject || subjectProblems.length > 0}
              helperText={errors.subject ?? subjectProblems.map((p) => p.message).join(' ')}
              slotProps={{ htmlInput: { spellCheck: false } }}
            />
            <TextField
              label="Body"
              multiline
              minRows={18}
              value={form.body}
              inputRef={bodyRef}
              onFocus={() => (lastFocus.current = 'body')}
              onChange={(e) => set('body', e.target.value)}
              error={!!errors.body || bodyProblems.length > 0}
              helperText={errors.body && bodyProblems.length === 0 ? errors.body : undefined}
              slotProps={{ htmlInput: { spellCheck: false, style: MONOSPACE } }}
            />
            <Box component="section" aria-labelledby="template-email-title" sx={{ display: 'grid', gap: 2, pt: 1, borderTop: 1, borderColor: 'divider' }}>
              <Box>
                <Typography id="template-email-title" variant="subtitle2" component="h3">
                  By email
                </Typography>
                <Typography variant="body2" color="text.secondary">
                  Plain text with the same merge fields as the letter. Leave both blank if this letter is never emailed.
                </Typography>
              </Box>
              <TextField
                size="small"
                label="Email subject"
                value={form.emailSubject}
                inputRef={emailSubjectRef}
                onFocus={() => (lastFocus.current = 'emailSubject')}
                onChange={(e) => set('emailSubject', e.target.value)}
                error={!!errors.emailSubject || emailSubjectProblems.length > 0}
                helperText={errors.emailSubject ?? emailSubjectProblems.map((p) => p.message).join(' ')}
                slotProps={{ htmlInput: { spellCheck: false } }}
              />
              <TextField
                label="Email body"
                multiline
                minRows={8}
                value={form.emailBody}
                inputRef={emailBodyRef}
                onFocus={() => (lastFocus.current = 'emailBody')}
                onChange={(e) => set('emailBody', e.target.value)}
                error={!!errors.emailBody || emailBodyProblems.length > 0}
                helperText={errors.emailBody && emailBodyProblems.length === 0 ? errors.emailBody : undefined}
                slotProps={{ htmlInput: { spellCheck: false, style: MONOSPACE } }}
              />
              <FormControlLabel
                control={<Checkbox checked={form.attachPdf} onChange={(e) => set('attachPdf', e.target.checked)} />}
                label="Attach the letter as PDF"
              />
            </Box>
            <Box role="status" aria-live="polite">
              {problems.length === 0 ? (
                <Typography variant="body2" color="success.main">
                  No problems found.
                </Typography>
              ) : (
                <Box component="ul" aria-label="Problems in the template" sx={{ m: 0, pl: 2.5, color: 'error.main' }}>
                  {problems.map((p) => (
                    <Typography component="li" variant="body2" key={`${p.part}-${p.line}-${p.column}-${p.message}`}>
                      {problemPlace(p)}: {p.message}
                    </Typography>
                  ))}
                </Box>
              )}
            </Box>
            {restoredFrom !== null && (
              <Alert severity="info" role="note">This is the text of version {restoredFrom}. Save to make it the current version again.</Alert>
            )}
            {message && (
              <Alert severity="error" role="alert">
                {message}
              </Alert>
            )}
            <Box sx={{ display: 'flex', gap: 2, alignItems: 'center' }}>
              <Button variant="contained" disabled={busy} onClick={() => void save()}>
                Save
              </Button>
              {detail && (
                <Button variant="text" disabled={busy} onClick={() => void toggleArchived()}>
                  {detail.archived ? 'Restore template' : 'Archive template'}
                </Button>
              )}
              {dirty && (
                <Typography variant="body2" color="text.secondary">
                  Unsaved changes
                </Typography>
              )}
              {!dirty && status && (
                <Typography role="status" variant="body2" color="success.main">
                  {status}
                </Typography>
              )}
            </Box>
          </Box>
          <MergeFieldList onInsert={insert} />
        </Box>
      </Paper>
      <TemplatePreviewPanel
        draft={{ subject: form.subject, body: form.body, addressedTo: form.addressedTo, emailSubject: form.emailSubject, emailBody: form.emailBody }} name={form.name} customer={customer} onCustomer={onCustomer} />
      {detail && <TemplateHistory detail={detail} onShow={(v) => void showVersion(v)} />}
    </Box>
  );
}
