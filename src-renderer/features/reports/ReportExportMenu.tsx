import FileDownloadIcon from '@mui/icons-material/FileDownload';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import { useId, useState } from 'react';
import type { Input } from '../../../src-main/contract';
import { JobProgressBar, useJob } from '../../app/JobProgress';
import { downloadFile } from '../../lib/download';

type ExportInput = Input<'reports.export'>;
/** The report's own inputs; the format is chosen in the menu. */
export type ReportExportRequest = ExportInput extends infer T ? (T extends { format: unknown } ? Omit<T, 'format'> : never) : never;

const FORMATS = [
  { format: 'csv', label: 'CSV' },
  { format: 'xlsx', label: 'Excel (XLSX)' },
  { format: 'pdf', label: 'PDF (print)' },
] as const;

/**
 * Export one report as the service makes it (reports.export): the same figures as the screen,
 * and, for DSO and CEI, the same fields as `settle report … --format json`.
 */
export function ReportExportMenu({ request, label }: { request: ReportExportRequest | null; label: string }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useJob();
  const menuId = useId();

  async function exportAs(format: (typeof FORMATS)[number]['format']) {
    setAnchor(null);
    if (!request) return;
    setError(null);
    try {
      downloadFile(await job.run('reports.export', { ...request, format } as ExportInput));
    } catch (err) {
      if ((err as { code?: string }).code !== 'cancelled') setError((err as Error).message);
    }
  }

  return (
    <>
      <Button
        size="small"
        startIcon={<FileDownloadIcon />}
        aria-label={`Export ${label}`}
        aria-haspopup="menu"
        aria-controls={anchor ? menuId : undefined}
        disabled={!request || job.running}
        onClick={(e) => setAnchor(e.currentTarget)}
      >
        Export
      </Button>
      <Menu id={menuId} anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {FORMATS.map((f) => (
          <MenuItem key={f.format} onClick={() => void exportAs(f.format)}>
            {f.label}
          </MenuItem>
        ))}
      </Menu>
      <JobProgressBar job={job} label={`Exporting ${label}`} />
      {error && (
        <Alert severity="error" sx={{ mt: 1 }} onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
    </>
  );
}
