import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { PresetName, SourceImportOutcome } from '../../../src-main/contract';
import { call } from '../../api/client';
import { DateField } from '../../app/DateField';
import { useNav } from '../../app/navigation';
import { formatDate } from '../../lib/dates';
import { formatMoney } from '../../lib/money';

export interface SourceFile {
  name: string;
  text: string;
  /** The file's modification date, the export date unless the file or the clerk says otherwise. */
  fileDate: string;
}

const REASONS = { paid: 'paid before this export', shrank: 'paid down since the last export', disappeared: 'gone from this export' };
const ORDER_USUAL = '';
const count = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

/**
 * An export from another accounting system: its columns are mapped by the preset, so the step
 * shows that mapping and the import's dry run (what would be added, settled and noted, and the
 * receivables before and after) before the clerk applies it.
 */
export function SourceImport({ file, preset }: { file: SourceFile; preset: PresetName }) {
  const go = useNav((s) => s.go);
  const [dateOrder, setDateOrder] = useState<'' | 'dmy' | 'mdy'>(ORDER_USUAL);
  const [exportDate, setExportDate] = useState('');
  const [dryRun, setDryRun] = useState<SourceImportOutcome | null>(null);
  const [applied, setApplied] = useState<SourceImportOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const input = (dry: boolean) => ({
    text: file.text,
    fileName: file.name,
    preset,
    fileDate: file.fileDate,
    dryRun: dry,
    ...(dateOrder ? { dateOrder } : {}),
    ...(exportDate ? { exportDate } : {}),
  });

  useEffect(() => {
    let live = true;
    setBusy(true);
    setApplied(null);
    setError(null);
    call('imports.source', input(true))
      .then((r) => live && setDryRun(r))
      .catch((err: Error) => live && setError(err.message))
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
    // The dry run follows the file and the clerk's choices.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [file, preset, dateOrder, exportDate]);

  async function apply() {
    setBusy(true);
    setError(null);
    try {
      setApplied(await call('imports.source', input(false)));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const shown = applied ?? dryRun;
  return (
    <Box>
      <Box sx={{ display: 'flex', gap: 2, my: 1 }}>
        <TextField
          select
          size="small"
          label="Dates in the file"
          value={dateOrder}
          disabled={busy || applied !== null}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          onChange={(e) => setDateOrder(e.target.value as '' | 'dmy' | 'mdy')}
        >
          <option value={ORDER_USUAL}>As this source usually writes them</option>
          <option value="dmy">Day first (31/01/2026)</option>
          <option value="mdy">Month first (01/31/2026)</option>
        </TextField>
        <DateField
          label="Export date"
          value={exportDate}
          disabled={busy || applied !== null}
          width={220}
          helperText={exportDate ? undefined : 'From the report, else the file’s date'}
          onChange={setExportDate}
        />
      </Box>
      {error && (
        <Alert severity="error" role="alert" sx={{ my: 2 }}>
          {error}
        </Alert>
      )}
      {shown?.status === 'rejected' && (
        <Alert severity="error" role="alert" sx={{ my: 2 }}>
          <AlertTitle>
            Nothing can be imported: {shown.errorCount} {shown.errorCount === 1 ? 'problem' : 'problems'} in {file.name}
          </AlertTitle>
          <Box component="ul" aria-label="Problems in the file" sx={{ m: 0, pl: 2, maxHeight: 320, overflow: 'auto' }}>
            {shown.errors.map((e) => (
              <li key={e.text}>{e.text}</li>
            ))}
          </Box>
        </Alert>
      )}
      {shown?.status === 'refused' && (
        <Alert severity="warning" role="alert" sx={{ my: 2 }}>
          {shown.message}
        </Alert>
      )}
      {shown && shown.status !== 'rejected' && shown.status !== 'refused' && (
        <>
          <Paper variant="outlined" sx={{ my: 1 }}>
            <Table size="small" aria-label="Source mapping">
              <TableHead>
                <TableRow>
                  <TableCell>Column in the {shown.source} file</TableCell>
                  <TableCell>Settle</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {shown.mapping.map((m) => (
                  <TableRow key={m.source}>
                    <TableCell>{m.source}</TableCell>
                    <TableCell>{m.settle}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Paper>
          <Box component="section" aria-label={shown.status === 'dry-run' ? 'What the import will change' : 'What the import changed'} sx={{ mt: 2 }}>
            <Typography variant="h6" component="h2">
              {shown.status === 'dry-run' ? 'What the import will change' : 'Imported'}
            </Typography>
            <Typography variant="body2" sx={{ mb: 1 }}>
              {shown.source} export of {formatDate(shown.exportDate)}
              {shown.sync ? ', compared with the last one applied' : ''}: {count(shown.customersAdded, 'customer')}, {count(shown.invoicesAdded, 'invoice')},{' '}
              {count(shown.paymentsAdded, 'payment')} and {count(shown.creditsAdded, 'credit note')} {shown.status === 'dry-run' ? 'to add' : 'added'}; {shown.unchanged} already in the
              ledger; {count(shown.skipped, 'row')} skipped (not receivables).
            </Typography>
            <Box component="ul" aria-label="Changes" sx={{ m: 0, pl: 2 }}>
              {shown.settlements.map((s) => (
                <li key={`s-${s.number}`}>
                  {s.number} ({s.customerCode}): {formatMoney(s.amount)} settled in {shown.source}, {REASONS[s.reason]}
                </li>
              ))}
              {shown.dueDateChanges.map((d) => (
                <li key={`d-${d.number}`}>
                  {d.number} ({d.customerCode}): due date {formatDate(d.from)} → {formatDate(d.to)} in {shown.source}, noted on the customer’s timeline
                </li>
              ))}
              {shown.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </Box>
            <Typography variant="body2" sx={{ mt: 1 }} aria-label="Receivables before and after">
              Receivables before: {formatMoney(shown.openBefore)}; after: {formatMoney(shown.openAfter)}
            </Typography>
          </Box>
        </>
      )}
      {dryRun?.status === 'dry-run' && !applied && (
        <Button variant="contained" sx={{ mt: 2 }} disabled={busy} onClick={() => void apply()}>
          Apply the {dryRun.source} export
        </Button>
      )}
      {applied?.status === 'imported' && (
        <Alert
          severity="success"
          role="status"
          aria-label="Import finished"
          sx={{ my: 2 }}
          action={
            <Button color="inherit" size="small" onClick={() => go('aging')}>
              Open the aging
            </Button>
          }
        >
          Applied the {applied.source} export of {formatDate(applied.exportDate)} from {file.name}. The ledger was backed up first ({applied.backup}).
        </Alert>
      )}
    </Box>
  );
}
