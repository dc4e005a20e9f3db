import Alert from '@mui/material/Alert';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import type { PolicyAction, WorkItem } from '../../../src-main/contract';
import { call } from '../../api/client';
import { DialogButtons, ErrorAlert } from '../../app/DialogParts';
import { useServiceForm } from '../../lib/use-service-form';
import { ACTION_LABELS } from '../settings/policy-labels';

/** Skipping a policy step, or doing something else instead: the clerk decides, and says why. */
export function StepDecisionDialog({ item, kind, today, onClose, onSaved }: { item: WorkItem; kind: 'skip' | 'override'; today: string; onClose(): void; onSaved(actionId: number): void }) {
  const [newAction, setNewAction] = useState<PolicyAction | ''>('');
  const [note, setNote] = useState('');
  const { errors, message, submit } = useServiceForm();

  async function save() {
    await submit(async () => {
      const { actionId } = await call('worklist.act', { source: 'task', sourceId: item.sourceId, action: kind, today, note, ...(kind === 'override' && newAction ? { newAction } : {}) });
      onSaved(actionId);
    });
  }

  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth aria-labelledby="decision-title">
      <DialogTitle id="decision-title">{kind === 'skip' ? 'Skip this step' : 'Do something else'}</DialogTitle>
      <DialogContent>
        <Alert severity="info" sx={{ mb: 2 }}>
          {item.customerName}: {item.reason}
        </Alert>
        <ErrorAlert message={message} />
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
      <DialogButtons onCancel={onClose} onConfirm={save}>
        {kind === 'skip' ? 'Skip step' : 'Change the step'}
      </DialogButtons>
    </Dialog>
  );
}
