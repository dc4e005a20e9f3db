import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ImportKind } from '../../../src-main/contract';
import { JobProgressBar } from '../../app/JobProgress';
import { FileChooser } from './FileChooser';
import { ImportOutcome } from './ImportOutcome';
import { KIND_LABELS, KIND_ORDER } from './import-labels';
import { MappingTable } from './MappingTable';
import { PreviewTable } from './PreviewTable';
import { SourceImport } from './SourceImport';
import { useImportWizard, type Source } from './use-import-wizard';

const SOURCES: { value: Source; label: string }[] = [
  { value: 'settle', label: 'Settle CSV' },
  { value: 'xero', label: 'Xero' },
  { value: 'iif', label: 'QuickBooks Desktop (IIF)' },
  { value: 'qbo', label: 'QuickBooks Online report' },
];

const STEPS = ['Choose a file', 'Map the columns', 'Check the first rows', 'Import'];

/**
 * Importing a CSV inside the app: the same import as `settle import` (checks, messages, all or
 * nothing, a backup first), with the file's columns mapped onto Settle's and the first rows
 * checked before anything is written.
 */
export function ImportPage() {
  const w = useImportWizard();
  const { inspection, file, result } = w;
  const busy = w.checking || w.job.running;
  const rowProblems = inspection?.rows.reduce((n, r) => n + (r.errors.length ? 1 : 0), 0) ?? 0;
  const blocked = !inspection || inspection.fileErrors.length > 0 || inspection.columns.required.some((c) => inspection.mapping[c] === undefined);
  const step = result?.status === 'imported' ? 4 : inspection ? (w.job.running || result ? 3 : 2) : file ? 1 : 0;
  const sourceChoice = (
    <TextField
      select
      size="small"
      label="Source"
      value={w.source}
      disabled={busy}
      slotProps={{ select: { native: true } }}
      onChange={(e) => void w.setSource(e.target.value as Source)}
    >
      {SOURCES.map((s) => (
        <option key={s.value} value={s.value}>
          {s.label}
        </option>
      ))}
    </TextField>
  );

  return (
    <Box sx={{ maxWidth: 1100 }}>
      <Typography variant="h5" component="h1" sx={{ mb: 1 }}>
        Import
      </Typography>
      <Stepper activeStep={step} sx={{ mb: 3 }}>
        {STEPS.map((label) => (
          <Step key={label}>
            <StepLabel>{label}</StepLabel>
          </Step>
        ))}
      </Stepper>

      <FileChooser fileName={file?.name ?? null} disabled={busy} onFile={(f) => void w.choose(f)} />
      {w.error && (
        <Alert severity="error" role="alert" sx={{ my: 2 }}>
          {w.error}
        </Alert>
      )}

      {file && w.source !== 'settle' && (
        <Box component="section" aria-labelledby="import-mapping-title" sx={{ mt: 3 }}>
          <Typography variant="h6" component="h2" id="import-mapping-title">
            Map the columns
          </Typography>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, my: 1 }}>
            {sourceChoice}
            <Typography variant="body2" color="text.secondary">
              Its columns are mapped by the preset; check what the import will change, then apply it.
            </Typography>
          </Box>
          <SourceImport key={`${file.name}-${w.source}`} file={file} preset={w.source} />
        </Box>
      )}

      {inspection && file && w.source === 'settle' && (
        <>
          <Box component="section" aria-labelledby="import-mapping-title" sx={{ mt: 3 }}>
            <Typography variant="h6" component="h2" id="import-mapping-title">
              Map the columns
            </Typography>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, my: 1 }}>
              {sourceChoice}
              <TextField
                select
                size="small"
                label="The file holds"
                value={inspection.kind}
                disabled={busy}
                slotProps={{ select: { native: true } }}
                onChange={(e) => void w.setKind(e.target.value as ImportKind)}
              >
                {KIND_ORDER.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABELS[k]}
                  </option>
                ))}
              </TextField>
              <Typography variant="body2" color="text.secondary">
                {inspection.mappingSource === 'remembered'
                  ? 'Mapped as the last import of a file with these columns.'
                  : inspection.mappingSource === 'suggested'
                    ? 'Mapped from the column names: check each one. The mapping is remembered for the next file with these columns.'
                    : 'Your mapping; it is remembered for the next file with these columns once the import succeeds.'}
              </Typography>
            </Box>
            <MappingTable inspection={inspection} disabled={busy} onChange={(m) => void w.setMapping(m)} />
          </Box>

          <Box component="section" aria-labelledby="import-preview-title" sx={{ mt: 3 }}>
            <Typography variant="h6" component="h2" id="import-preview-title">
              Check the first rows
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              The first {inspection.previewLimit} rows, checked as the import will check them; nothing has been written. The import checks every row, and imports the whole
              file or none of it.
            </Typography>
            {inspection.fileErrors.length > 0 && (
              <Alert severity="error" role="alert" sx={{ mb: 1 }}>
                {inspection.fileErrors.map((e) => (
                  <div key={e.text}>{e.text}</div>
                ))}
              </Alert>
            )}
            {rowProblems > 0 && (
              <Alert severity="warning" sx={{ mb: 1 }}>
                {rowProblems} of the first {inspection.rows.length} rows {rowProblems === 1 ? 'has a problem' : 'have problems'}: fix the file (or the mapping) before importing.
              </Alert>
            )}
            {inspection.rows.length > 0 && <PreviewTable inspection={inspection} />}
          </Box>

          <Box component="section" aria-label="Import the file" sx={{ mt: 3 }}>
            <JobProgressBar job={w.job} label="Importing" />
            {!w.job.running && result?.status !== 'imported' && (
              <Button variant="contained" disabled={busy || blocked} onClick={() => void w.run()}>
                Import {KIND_LABELS[inspection.kind].toLowerCase()} from {file.name}
              </Button>
            )}
            {w.cancelled && (
              <Alert severity="info" role="status" sx={{ my: 2 }}>
                Import cancelled. Nothing was imported.
              </Alert>
            )}
            {result && <ImportOutcome result={result} fileName={file.name} />}
            {result?.status === 'imported' && (
              <Button onClick={w.reset} sx={{ mt: 1 }}>
                Import another file
              </Button>
            )}
          </Box>
        </>
      )}
    </Box>
  );
}
