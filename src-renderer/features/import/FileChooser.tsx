import UploadFileIcon from '@mui/icons-material/UploadFile';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useState } from 'react';

const HIDDEN = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

/** Step 1: a CSV chosen with the button or dropped on the box. */
export function FileChooser({ fileName, disabled, onFile }: { fileName: string | null; disabled: boolean; onFile(f: File): void }) {
  const [over, setOver] = useState(false);
  return (
    <Paper
      variant="outlined"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const f = e.dataTransfer.files[0];
        if (f && !disabled) onFile(f);
      }}
      sx={{ p: 3, display: 'flex', alignItems: 'center', gap: 2, borderStyle: 'dashed', borderWidth: 2, bgcolor: over ? 'action.hover' : undefined }}
    >
      <UploadFileIcon color="action" fontSize="large" />
      <Box sx={{ flexGrow: 1 }}>
        <Typography>{fileName ? `File: ${fileName}` : 'Drop a CSV file here, or choose one.'}</Typography>
        <Typography variant="body2" color="text.secondary">
          Customers, invoices, payments or credit notes, with a header row, from any program; or an export of Xero, QuickBooks Desktop (IIF) or a QuickBooks Online report. Up to 50 MB; nothing is written until you import.
        </Typography>
      </Box>
      <Button variant={fileName ? 'outlined' : 'contained'} component="label" disabled={disabled}>
        {fileName ? 'Choose another file…' : 'Choose a CSV file…'}
        <Box
          component="input"
          type="file"
          accept=".csv,.iif,text/csv,text/plain"
          aria-label="CSV file"
          sx={HIDDEN}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
            const f = e.target.files?.[0];
            // Cleared so choosing the same (fixed) file again still counts as a choice.
            e.target.value = '';
            if (f) onFile(f);
          }}
        />
      </Button>
    </Paper>
  );
}
