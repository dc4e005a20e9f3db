import Typography from '@mui/material/Typography';

/** Beside a settings panel's button: what the last save did (a status), or why it failed (an alert). */
export function SaveOutcome({ status, message }: { status: string | null; message: string | null }) {
  return (
    <>
      {status && (
        <Typography role="status" variant="body2" color="success.main">
          {status}
        </Typography>
      )}
      {message && (
        <Typography role="alert" variant="body2" color="error">
          {message}
        </Typography>
      )}
    </>
  );
}
