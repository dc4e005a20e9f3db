import Alert from '@mui/material/Alert';
import Button, { type ButtonProps } from '@mui/material/Button';
import DialogActions from '@mui/material/DialogActions';
import type { ReactNode } from 'react';

/** Why the last save was refused, announced to screen readers; nothing while there is none. */
export function ErrorAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert severity="error" role="alert" sx={{ mb: 2 }}>
      {message}
    </Alert>
  );
}

/** A dialog's way out and its one main action, in that order. */
export function DialogButtons({
  onCancel,
  cancelLabel = 'Cancel',
  onConfirm,
  disabled,
  color,
  children,
}: {
  onCancel(): void;
  cancelLabel?: ReactNode;
  onConfirm(): unknown;
  disabled?: boolean;
  color?: ButtonProps['color'];
  /** The main action's label. */
  children: ReactNode;
}) {
  return (
    <DialogActions>
      <Button onClick={onCancel}>{cancelLabel}</Button>
      <Button variant="contained" color={color} disabled={disabled} onClick={() => void onConfirm()}>
        {children}
      </Button>
    </DialogActions>
  );
}
