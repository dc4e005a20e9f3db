import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import EditIcon from '@mui/icons-material/EditOutlined';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { alpha, type Theme } from '@mui/material/styles';
import type { ReactNode } from 'react';
import type { DraftStep } from './policy-draft';
import { describeAction, describeConditions, describeWhen } from './policy-labels';

/** Read by screen readers, not shown: the column holds icon buttons that carry their own names. */
const HIDDEN = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

// A tint and a bar rather than a solid fill, so the message inside the row stays readable in both themes.
const INVALID_ROW = {
  bgcolor: (t: Theme) => alpha(t.palette.error.main, 0.08),
  '& td:first-of-type': { boxShadow: (t: Theme) => `inset 4px 0 0 ${t.palette.error.main}` },
};
const INACTIVE_ROW = { '& td': { color: 'text.disabled' } };

const FIELD_NAMES: Record<string, string> = {
  name: 'Name',
  trigger: 'Starts',
  days: 'Days',
  action: 'Action',
  template: 'Letter template',
  customerKind: 'Customer kind',
  profiles: 'Profiles',
  minAmount: 'Minimum overdue amount',
};

function RowErrors({ errors }: { errors: Record<string, string> | undefined }) {
  const list = Object.entries(errors ?? {});
  if (list.length === 0) return null;
  return (
    <>
      {list.map(([field, msg]) => (
        <Typography key={field} variant="body2" color="error" sx={{ mt: 0.5 }}>
          {FIELD_NAMES[field] ? `${FIELD_NAMES[field]}: ${msg}` : msg}
        </Typography>
      ))}
    </>
  );
}

function IconAction({ label, disabled, onClick, children }: { label: string; disabled?: boolean; onClick(): void; children: ReactNode }) {
  const button = (
    <IconButton size="small" aria-label={label} disabled={disabled} onClick={onClick}>
      {children}
    </IconButton>
  );
  // A disabled button fires no events, so the tooltip needs a live wrapper.
  return disabled ? button : <Tooltip title={label}>{button}</Tooltip>;
}

export interface StepsTableActions {
  move(index: number, by: -1 | 1): void;
  setActive(index: number, active: boolean): void;
  edit(index: number): void;
  remove(index: number): void;
}

/** The policy's steps in the order they are worked, with the controls to reorder and change them. */
export function PolicyStepsTable({ steps, errors, actions }: { steps: DraftStep[]; errors: Record<string, Record<string, string>>; actions: StepsTableActions }) {
  return (
    <Table size="small" aria-label="Escalation steps">
      <TableHead>
        <TableRow>
          <TableCell sx={{ width: 32 }}>#</TableCell>
          <TableCell>Step</TableCell>
          <TableCell>When</TableCell>
          <TableCell>Action</TableCell>
          <TableCell>Applies to</TableCell>
          <TableCell>Active</TableCell>
          <TableCell align="right">
            <Box component="span" sx={HIDDEN}>
              Change
            </Box>
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {steps.map((s, i) => {
          const n = i + 1;
          const rowErrors = errors[s.key];
          const invalid = !!rowErrors && Object.keys(rowErrors).length > 0;
          const conditions = describeConditions(s);
          return (
            <TableRow key={s.key} aria-invalid={invalid || undefined} sx={invalid ? INVALID_ROW : s.active ? undefined : INACTIVE_ROW}>
              <TableCell>{n}</TableCell>
              <TableCell>
                {s.name}
                <RowErrors errors={rowErrors} />
              </TableCell>
              <TableCell>{describeWhen(s)}</TableCell>
              <TableCell>{describeAction(s)}</TableCell>
              <TableCell>
                {conditions.length === 0 ? (
                  <Typography variant="body2" color="text.secondary">
                    Everyone
                  </Typography>
                ) : (
                  conditions.map((c) => <Chip key={c} size="small" variant="outlined" label={c} sx={{ mr: 0.5, mb: 0.5 }} />)
                )}
              </TableCell>
              <TableCell>
                {/* MUI drops its own role="switch" once slotProps.input is given, so it is restated. */}
                <Switch size="small" checked={s.active} onChange={(e) => actions.setActive(i, e.target.checked)} slotProps={{ input: { role: 'switch', 'aria-label': `Step ${n} active` } }} />
              </TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                <IconAction label={`Move step ${n} up`} disabled={i === 0} onClick={() => actions.move(i, -1)}>
                  <ArrowUpwardIcon fontSize="small" />
                </IconAction>
                <IconAction label={`Move step ${n} down`} disabled={i === steps.length - 1} onClick={() => actions.move(i, 1)}>
                  <ArrowDownwardIcon fontSize="small" />
                </IconAction>
                <IconAction label={`Edit step ${n}`} onClick={() => actions.edit(i)}>
                  <EditIcon fontSize="small" />
                </IconAction>
                <IconAction label={`Remove step ${n}`} onClick={() => actions.remove(i)}>
                  <DeleteIcon fontSize="small" />
                </IconAction>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
