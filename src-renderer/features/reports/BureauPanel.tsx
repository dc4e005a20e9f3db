import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BureauFileRecord, BureauLayout, BureauPreview } from '../../../src-main/contract';
import { call } from '../../api/client';
import { DateField } from '../../app/DateField';
import { JobProgressBar, useJob } from '../../app/JobProgress';
import { formatDate, toIsoDate } from '../../lib/dates';
import { downloadFile } from '../../lib/download';
import { formatMoney } from '../../lib/money';
import { countOf, formatCount } from '../../lib/numbers';

const LAYOUTS: { value: BureauLayout; label: string }[] = [
  { value: 'trade', label: 'Trade: a row per customer' },
  { value: 'invoices', label: 'Invoices: a row per open item' },
];
const BUCKETS = ['Current', '1–30', '31–60', '61–90', '91+'];
const PREVIEW_ROWS = 50;


/**
 * The credit-bureau file as of a date: a preview of its rows, its totals beside the aging report
 * less what is never reported (consumers, disputed items), the export (archived with its
 * SHA-256), and the files made so far. Every figure is the service's; nothing is summed here.
 */
export function BureauPanel() {
  const [asOf, setAsOf] = useState(() => toIsoDate(new Date()));
  const [layout, setLayout] = useState<BureauLayout>('trade');
  const [preview, setPreview] = useState<BureauPreview | null>(null);
  const [files, setFiles] = useState<BureauFileRecord[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const job = useJob();
  const { run } = job;

  const loadFiles = useCallback(() => call('bureau.list', {}).then(setFiles, (err: Error) => setError(err.message)), []);
  useEffect(() => void loadFiles(), [loadFiles]);

  useEffect(() => {
    let live = true;
    setPreview(null);
    run('bureau.preview', { asOf, layout, limit: PREVIEW_ROWS }).then(
      (p) => {
        if (!live) return;
        setPreview(p);
        setError(null);
      },
      (err: Error) => live && err.name !== 'AbortError' && setError(err.message),
    );
    return () => {
      live = false;
    };
    // `run` is a new function each render; the preview depends only on the date and layout.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [asOf, layout]);

  async function exportFile() {
    setExporting(true);
    setNotice(null);
    try {
      const made = await call('bureau.export', { asOf, layout });
      downloadFile(made.file);
      setNotice(`Saved ${made.record.fileName}: ${countOf(made.record.rows, 'row')}, archived with SHA-256 ${made.record.sha256.slice(0, 12)}…`);
      await loadFiles();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setExporting(false);
    }
  }

  async function downloadAgain(id: number) {
    try {
      downloadFile(await call('bureau.file', { id }));
    } catch (err) {
      setError((err as Error).message);
    }
  }

  const columns = useMemo<GridColDef[]>(
    () => (preview?.columns ?? []).map((name, i) => ({ field: `c${i}`, headerName: name, minWidth: 110, flex: i === 1 || i === preview!.columns.length - 1 ? 2 : 1, sortable: false })),
    [preview],
  );
  const rows = useMemo(() => (preview?.rows ?? []).map((cells, id) => Object.fromEntries([['id', id], ...cells.map((v, i) => [`c${i}`, v])])), [preview]);

  return (
    <Paper component="section" variant="outlined" sx={{ p: 2 }} aria-labelledby="bureau-title">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 2 }}>
        <Typography id="bureau-title" variant="h6" component="h2" sx={{ flexGrow: 1 }}>
          Credit bureau
        </Typography>
        <DateField label="As of" value={asOf} onChange={(v) => v && setAsOf(v)} width={170} />
        <TextField select size="small" label="Layout" value={layout} onChange={(e) => setLayout(e.target.value as BureauLayout)} sx={{ width: 260 }}>
          {LAYOUTS.map((l) => (
            <MenuItem key={l.value} value={l.value}>
              {l.label}
            </MenuItem>
          ))}
        </TextField>
        <Button variant="contained" onClick={exportFile} disabled={!preview || exporting || !preview.reconciles}>
          Export file
        </Button>
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Business customers only, amounts in {preview?.currency ?? 'the ledger’s currency'} with two decimals; disputed items are left out and counted. Each file made is
        archived beside the ledger with its SHA-256.
      </Typography>
      <JobProgressBar job={job} label="Bureau preview" />
      {error && (
        <Alert severity="error" sx={{ mb: 2 }} onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {notice && (
        <Alert severity="success" sx={{ mb: 2 }} onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {preview && (
        <>
          <Typography sx={{ mb: 1 }}>
            {countOf(preview.rowCount, 'row')} as of {formatDate(preview.asOf)}, balance {formatMoney(preview.totals.balance)}. Left out: {countOf(preview.consumersLeftOut, 'consumer')},{' '}
            {countOf(preview.disputed.count, 'disputed item')} ({formatMoney(preview.disputed.amount)}).
          </Typography>

          <Typography variant="subtitle2" component="h3" gutterBottom>
            Reconciliation with the aging report
          </Typography>
          <Table size="small" aria-label="Reconciliation with the aging report" sx={{ mb: 1 }}>
            <TableHead>
              <TableRow>
                <TableCell />
                <TableCell align="right">Count</TableCell>
                {BUCKETS.map((b) => (
                  <TableCell key={b} align="right">
                    {b}
                  </TableCell>
                ))}
                <TableCell align="right">Unapplied</TableCell>
                <TableCell align="right">Balance</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {preview.reconciliation.map((line) => {
                // Lines left out are shown as subtractions, so the column reads down to the file (|| 0: no "-$0.00").
                const sign = line.key === 'aging' || line.key === 'file' ? 1 : -1;
                const strong = line.key === 'aging' || line.key === 'file';
                return (
                  <TableRow key={line.key} sx={strong ? { '& td, & th': { fontWeight: 700 } } : undefined}>
                    <TableCell component="th" scope="row">
                      {line.label}
                    </TableCell>
                    <TableCell align="right">{formatCount(line.count)}</TableCell>
                    {line.buckets.map((b, k) => (
                      <TableCell key={k} align="right">
                        {formatMoney(sign * b || 0)}
                      </TableCell>
                    ))}
                    <TableCell align="right">{formatMoney(sign * line.unapplied || 0)}</TableCell>
                    <TableCell align="right">{formatMoney(sign * line.balance || 0)}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          {preview.reconciles ? (
            <Typography variant="body2" color="success.main" sx={{ mb: 2 }}>
              Reconciled: the aging less what is left out equals the file, bucket by bucket.
            </Typography>
          ) : (
            <Alert severity="error" sx={{ mb: 2 }}>
              The file does not reconcile with the aging report; it cannot be exported.
            </Alert>
          )}

          <Typography variant="subtitle2" component="h3" gutterBottom>
            {preview.rowCount > preview.rows.length ? `The file’s first ${formatCount(preview.rows.length)} rows` : 'The file’s rows'}
          </Typography>
          <Box sx={{ height: Math.min(420, 120 + rows.length * 36), mb: 3 }}>
            <DataGrid
              aria-label="Bureau file preview"
              rows={rows}
              columns={columns}
              density="compact"
              disableColumnFilter
              disableRowSelectionOnClick
              pageSizeOptions={[25, 50]}
              initialState={{ pagination: { paginationModel: { pageSize: 25 } } }}
              localeText={{ noRowsLabel: 'Nothing to report as of this date' }}
            />
          </Box>
        </>
      )}

      <Typography variant="subtitle2" component="h3" gutterBottom>
        Files made
      </Typography>
      {files.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          None yet.
        </Typography>
      ) : (
        <Table size="small" aria-label="Bureau files made">
          <TableHead>
            <TableRow>
              <TableCell>Made</TableCell>
              <TableCell>As of</TableCell>
              <TableCell>Layout</TableCell>
              <TableCell align="right">Rows</TableCell>
              <TableCell align="right">Balance</TableCell>
              <TableCell align="right">Disputed left out</TableCell>
              <TableCell>SHA-256</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {files.map((f) => (
              <TableRow key={f.id}>
                <TableCell>{new Date(f.madeAt).toLocaleString()}</TableCell>
                <TableCell>{formatDate(f.asOf)}</TableCell>
                <TableCell>{f.layout === 'trade' ? 'Trade' : 'Invoices'}</TableCell>
                <TableCell align="right">{formatCount(f.rows)}</TableCell>
                <TableCell align="right">{formatMoney(f.totals.balance)}</TableCell>
                <TableCell align="right">
                  {formatCount(f.disputed.count)} ({formatMoney(f.disputed.amount)})
                </TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }} title={f.sha256}>
                  {f.sha256.slice(0, 12)}…
                </TableCell>
                <TableCell>
                  <Button size="small" onClick={() => downloadAgain(f.id)} aria-label={`Download ${f.fileName}`}>
                    Download
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Paper>
  );
}
