import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import type { PolicyAction, WorkItem } from '../../../src-main/contract';
import { call, ServiceCallError } from '../../api/client';
import { ACTION_LABELS } from '../settings/policy-labels';

/** Skipping a policy step, or doing something else instead: the clerk decides, and says why. */
export function StepDecisionDialog({ item, kind, today, onClose, onSaved }: { item: WorkItem; kind: 'skip' | 'override'; today: string; onClose(): void; onSaved(): void }) {
  const [newAction, setNewAction] = useState<PolicyAction | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  async function save() {
    try {
      await call('worklist.act', { source: 'task', sourceId: item.sourceId, action: kind, today, note, ...(kind === 'override' && newAction ? { newAction } : {}) });
      onSaved();
    } catch (err) {
      setErrors(err instanceof ServiceCallError ? err.fields : {});
      setMessage((err as Error).message);
    }
  }

  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth aria-labelledby="decision-title">
      <DialogTitle id="decision-title">{kind === 'skip' ? 'Skip this step' : 'Do something else'}</DialogTitle>
      <DialogContent>
        <Alert severity="info" sx={{ mb: 2 }}>
          {item.customerName}: {item.reason}
        </Alert>
        {message && (
          <Alert severity="error" role="alert" sx={{ mb: 2 }}>
            {message}
          </Alert>
        )}
        {kind === 'override' && (
          <TextField select fullWidth size="small" label="Instead" value={newAction} onChange={(e) => setNewAction(e.target.value as PolicyAction)} error={!!errors.newAction} helperText={errors.newAction} sx={{ mb: 2 }}>
            {Object.entries(ACTION_LABELS)
              .filter(([a]) => a !== item.action)
              .map(([a, label]) => (
                <MenuItem key={a} value={a}>
                  {label}
                </MenuItem>
              ))}
          </TextField>
        )}
        <TextField fullWidth multiline minRows={2} label="Why" value={note} onChange={(e) => setNote(e.target.value)} error={!!errors.note} helperText={errors.note ?? 'Kept with the task, for the record.'} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={() => void save()}>
          {kind === 'skip' ? 'Skip step' : 'Change the step'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
