import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { ImportRunResult } from '../../../src-main/contract';
import { useNav } from '../../app/navigation';
import { countOf } from './import-labels';

/** Step 4's answer: what went in (and where to look at it), or every problem and nothing written. */
export function ImportOutcome({ result, fileName }: { result: ImportRunResult; fileName: string }) {
  const go = useNav((s) => s.go);
  if (result.status === 'rejected') {
    return (
      <Alert severity="error" role="alert" sx={{ my: 2 }}>
        <AlertTitle>
          Nothing was imported: {result.errorCount.toLocaleString()} {result.errorCount === 1 ? 'problem' : 'problems'} in {fileName}
        </AlertTitle>
        <Typography variant="body2" sx={{ mb: 1 }}>
          Fix {result.errorCount === 1 ? 'it' : 'them'} in the file and choose it again; the whole file goes in or none of it.
        </Typography>
        <Box component="ul" aria-label="Problems in the file" sx={{ m: 0, pl: 2, maxHeight: 320, overflow: 'auto' }}>
          {result.errors.map((e) => (
            <li key={e.text}>{e.text}</li>
          ))}
        </Box>
        {result.errors.length < result.errorCount && <Typography variant="body2">… and {(result.errorCount - result.errors.length).toLocaleString()} more.</Typography>}
      </Alert>
    );
  }
  return (
    <Alert
      severity="success"
      role="status"
      aria-label="Import finished"
      sx={{ my: 2 }}
      action={
        <>
          <Button color="inherit" size="small" onClick={() => go('aging')}>
            Open the aging
          </Button>
          <Button color="inherit" size="small" onClick={() => go('worklist')}>
            Open the worklist
          </Button>
        </>
      }
    >
      <AlertTitle>
        Imported {countOf(result.kind, result.inserted)} from {fileName}
      </AlertTitle>
      {result.unchanged > 0 ? `${countOf(result.kind, result.unchanged)} already in the ledger with the same values, left as they were. ` : ''}
      The ledger was backed up first ({result.backup}).
    </Alert>
  );
}
