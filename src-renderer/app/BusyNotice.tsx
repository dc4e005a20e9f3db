import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useBusy } from '../api/busy-store';

/** Asks what to do with work refused because another program is writing to the ledger. */
export function BusyNotice() {
  const { message, answer } = useBusy();
  return (
    <Dialog open={message !== null} onClose={() => answer(false)} aria-labelledby="busy-title">
      <DialogTitle id="busy-title">The ledger is busy</DialogTitle>
      <DialogContent>
        <DialogContentText>{message}</DialogContentText>
        <DialogContentText sx={{ mt: 1 }}>Nothing was changed. Try again once it has finished.</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => answer(false)}>Cancel</Button>
        <Button variant="contained" autoFocus onClick={() => answer(true)}>
          Retry
        </Button>
      </DialogActions>
    </Dialog>
  );
}
