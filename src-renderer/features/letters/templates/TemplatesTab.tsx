import AddIcon from '@mui/icons-material/Add';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { TemplateDetail, TemplateSummary } from '../../../../src-main/contract';
import { call } from '../../../api/client';
import { CopyFromLedgerDialog } from '../../ledgers/CopyFromLedgerDialog';
import type { PickedCustomer } from './CustomerPicker';
import { TemplateEditor } from './TemplateEditor';
import { ADDRESSEES, toneLabel } from './template-labels';

type Selection = { kind: 'template'; id: number } | { kind: 'new' } | null;

/** The letter templates: the list by tone, and the chosen one in the editor. */
export function TemplatesTab() {
  const [templates, setTemplates] = useState<TemplateSummary[] | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const [selection, setSelection] = useState<Selection>(null);
  const [detail, setDetail] = useState<TemplateDetail | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copying, setCopying] = useState(false);

  const [listVersion, setListVersion] = useState(0);
  const reload = () => setListVersion((v) => v + 1);

  useEffect(() => {
    let live = true;
    call('templates.list', {}).then(
      (list) => {
        if (!live) return;
        setTemplates(list);
        setError(null);
      },
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [listVersion]);

  useEffect(() => {
    if (selection?.kind !== 'template') return;
    let live = true;
    call('templates.get', { id: selection.id }).then(
      (d) => live && setDetail(d),
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [selection]);

  const choose = (s: Selection) => {
    setStatus(null);
    setSelection(s);
  };

  const onSaved = (d: TemplateDetail) => {
    setDetail(d);
    setSelection((s) => (s?.kind === 'template' && s.id === d.templateId ? s : { kind: 'template', id: d.templateId }));
    setStatus(`Version ${d.version} saved`);
    reload();
  };

  const onArchived = (d: TemplateDetail, archived: boolean) => {
    setDetail({ ...d, archived });
    setStatus(archived ? 'Archived: it no longer shows in the list or for printing.' : 'Restored.');
    if (archived) setShowArchived(true);
    reload();
  };

  // The detail loaded for an earlier choice is not shown while the new one loads.
  const current = selection?.kind === 'template' && detail?.templateId === selection.id ? detail : null;
  const shown = templates?.filter((t) => showArchived || !t.archived) ?? [];
  const selectedId = selection?.kind === 'template' ? selection.id : null;
  const editorKey = selection?.kind === 'new' ? 'new' : current ? `${current.templateId}:${current.versionId}:${current.archived}` : null;

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '360px minmax(0, 1fr)', gap: 2, alignItems: 'start' }}>
      <Paper variant="outlined" component="section" aria-labelledby="templates-title">
        <Box sx={{ display: 'flex', alignItems: 'center', p: 2, pb: 1 }}>
          <Typography id="templates-title" variant="h6" component="h2" sx={{ flexGrow: 1 }}>
            Templates
          </Typography>
          <Button size="small" startIcon={<AddIcon />} onClick={() => choose({ kind: 'new' })}>
            New template
          </Button>
          <Button size="small" onClick={() => setCopying(true)}>
            Copy from…
          </Button>
        </Box>
        {error && (
          <Alert severity="error" role="alert" sx={{ mx: 2 }}>
            {error}
          </Alert>
        )}
        <Table size="small" aria-label="Letter templates" sx={{ '& td, & th': { px: 1 }, '& td:first-of-type, & th:first-of-type': { pl: 2 } }}>
          <TableHead>
            <TableRow>
              <TableCell>Name</TableCell>
              <TableCell>Tone</TableCell>
              <TableCell align="right">Version</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map((t) => (
              <TableRow
                key={t.id}
                hover
                selected={t.id === selectedId}
                aria-selected={t.id === selectedId}
                tabIndex={0}
                sx={{ cursor: 'pointer' }}
                onClick={() => choose({ kind: 'template', id: t.id })}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    choose({ kind: 'template', id: t.id });
                  }
                }}
              >
                <TableCell>
                  {t.name}
                  <Typography variant="caption" color="text.secondary" component="div">
                    To {ADDRESSEES[t.addressedTo].toLowerCase()}
                    {t.archived ? ' · archived' : ''}
                  </Typography>
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{toneLabel(t.tone)}</TableCell>
                <TableCell align="right">{t.version}</TableCell>
              </TableRow>
            ))}
            {templates && shown.length === 0 && (
              <TableRow>
                <TableCell colSpan={3}>
                  <Typography color="text.secondary">No templates yet.</Typography>
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
        <FormControlLabel
          sx={{ px: 2, py: 1 }}
          control={<Switch size="small" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />}
          label="Show archived templates"
        />
      </Paper>
      {editorKey ? (
        <TemplateEditor
          key={editorKey}
          detail={selection?.kind === 'new' ? null : current}
          status={status}
          customer={customer}
          onCustomer={setCustomer}
          onSaved={onSaved}
          onArchived={onArchived}
        />
      ) : (
        <Paper variant="outlined" sx={{ p: 3 }}>
          <Typography color="text.secondary">
            Choose a template to edit it, or start a new one. Every save keeps the earlier version, so a letter already sent can always be shown exactly as it was.
          </Typography>
        </Paper>
      )}
      {copying && (
        <CopyFromLedgerDialog
          title="Copy a template from another ledger"
          templateNames={(templates ?? []).map((t) => t.name)}
          onCopy={async (from, template) => {
            const d = await call('templates.copyFrom', { from, template: template! });
            onSaved(d);
            setStatus(`Copied from ${from} as version ${d.version}`);
          }}
          onClose={() => setCopying(false)}
        />
      )}
    </Box>
  );
}
