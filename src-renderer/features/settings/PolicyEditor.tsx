import AddIcon from '@mui/icons-material/Add';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { DialogButtons } from '../../app/DialogParts';
import { CopyFromLedgerDialog } from '../ledgers/CopyFromLedgerDialog';
import { usePolicyDraft, type PolicyDraftApi } from './policy-draft';
import { PolicyStepDialog } from './PolicyStepDialog';
import { PolicyStepsTable } from './PolicyStepsTable';

function RestoreDialog({ dirty, onClose, onRestore }: { dirty: boolean; onClose(): void; onRestore(): void }) {
  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth aria-labelledby="restore-policy-title" aria-describedby="restore-policy-text">
      <DialogTitle id="restore-policy-title">Restore the standard policy?</DialogTitle>
      <DialogContent>
        <DialogContentText id="restore-policy-text">
          The standard steps, from the delivery check to the write-off review, replace the steps here. Tasks already on the worklist stay there.
          {dirty && ' Your unsaved changes will be lost.'}
        </DialogContentText>
      </DialogContent>
      <DialogButtons onCancel={onClose} onConfirm={onRestore}>
        Restore
      </DialogButtons>
    </Dialog>
  );
}

/** Shown only while the draft differs from the ledger, so there is one obvious thing to do next. */
function UnsavedBar({ policy }: { policy: PolicyDraftApi }) {
  return (
    <Box
      sx={{ position: 'sticky', bottom: 0, zIndex: 1, display: 'flex', alignItems: 'center', gap: 1, mt: 2, p: 1.5, bgcolor: 'background.paper', borderTop: 1, borderColor: 'divider' }}
    >
      <Typography role="status" sx={{ flexGrow: 1, fontWeight: 500 }} color="warning.main">
        Unsaved changes
      </Typography>
      <Button onClick={policy.discard} disabled={policy.busy}>
        Discard changes
      </Button>
      <Button variant="contained" onClick={() => void policy.save()} disabled={policy.busy}>
        Save policy
      </Button>
    </Box>
  );
}

/** The escalation policy: edited here as a whole, saved in one go. */
export function PolicyEditor({ currency }: { currency: string }) {
  const policy = usePolicyDraft();
  const [editing, setEditing] = useState<{ key: string | null } | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [copying, setCopying] = useState(false);
  const { draft, errors } = policy;
  const editIndex = editing?.key ? (draft?.steps.findIndex((s) => s.key === editing.key) ?? -1) : -1;

  return (
    <Paper variant="outlined" component="section" aria-labelledby="policy-title" sx={{ p: 3, maxWidth: 1160, mb: 2 }}>
      <Typography id="policy-title" variant="h6" component="h2" gutterBottom>
        Escalation policy
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        The steps Settle puts on the worklist as invoices age or something happens, worked in this order. Changes stay on this page until you save the policy.
      </Typography>
      {errors.message && (
        <Alert severity="error" role="alert" sx={{ mb: 2 }}>
          {errors.message}
        </Alert>
      )}
      {!draft ? (
        !errors.message && <Typography color="text.secondary">Loading…</Typography>
      ) : (
        <>
          <TextField
            size="small"
            label="Policy name"
            value={draft.name}
            onChange={(e) => policy.setName(e.target.value)}
            error={!!errors.name}
            helperText={errors.name}
            sx={{ mb: 2, minWidth: 360 }}
          />
          {draft.steps.length === 0 ? (
            <Typography color="text.secondary" sx={{ my: 2 }}>
              The policy has no steps, so it will put nothing on the worklist.
            </Typography>
          ) : (
            <PolicyStepsTable
              steps={draft.steps}
              errors={errors.steps}
              actions={{ move: policy.move, setActive: policy.setActive, remove: policy.remove, edit: (i) => setEditing({ key: draft.steps[i].key }) }}
            />
          )}
          <Box sx={{ display: 'flex', gap: 1, mt: 2 }}>
            <Button variant="outlined" startIcon={<AddIcon />} onClick={() => setEditing({ key: null })}>
              Add step
            </Button>
            <Box sx={{ flexGrow: 1 }} />
            <Button onClick={() => setCopying(true)} disabled={policy.busy}>
              Copy from another ledger…
            </Button>
            <Button onClick={() => setRestoring(true)} disabled={policy.busy}>
              Restore the standard policy
            </Button>
          </Box>
          {policy.status && !policy.dirty && (
            <Typography role="status" variant="body2" color="success.main" sx={{ mt: 1 }}>
              {policy.status}
            </Typography>
          )}
          {policy.dirty && <UnsavedBar policy={policy} />}
        </>
      )}
      {editing && draft && (
        <PolicyStepDialog
          title={editing.key === null ? 'Add a step' : `Edit step ${editIndex + 1}`}
          step={editing.key === null ? null : (draft.steps[editIndex] ?? null)}
          serviceErrors={(editing.key && errors.steps[editing.key]) || {}}
          currency={currency}
          onClose={() => setEditing(null)}
          onDone={(values) => {
            policy.put(editing.key, values);
            setEditing(null);
          }}
        />
      )}
      {copying && <CopyFromLedgerDialog title="Copy the policy from another ledger" templateNames={null} onCopy={(from) => policy.copyFrom(from)} onClose={() => setCopying(false)} />}
      {restoring && (
        <RestoreDialog
          dirty={policy.dirty}
          onClose={() => setRestoring(false)}
          onRestore={() => {
            setRestoring(false);
            void policy.restore();
          }}
        />
      )}
    </Paper>
  );
}
