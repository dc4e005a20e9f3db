import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { TemplateDetail } from '../../../../src-main/contract';
import { formatDateTime } from '../../../lib/dates';

/** Every saved version, newest first: a letter already sent keeps the version it was printed from. */
export function TemplateHistory({ detail, onShow }: { detail: TemplateDetail; onShow(versionId: number): void }) {
  return (
    <Paper variant="outlined" component="section" aria-labelledby="history-title" sx={{ p: 2 }}>
      <Typography id="history-title" variant="h6" component="h3" gutterBottom>
        Version history
      </Typography>
      <Table size="small" aria-label="Versions">
        <TableHead>
          <TableRow>
            <TableCell>Version</TableCell>
            <TableCell>Saved</TableCell>
            <TableCell>By</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {detail.history.map((h) => (
            <TableRow key={h.versionId}>
              <TableCell>
                {h.version}
                {h.versionId === detail.history[0].versionId ? ' (current)' : ''}
              </TableCell>
              <TableCell>{formatDateTime(h.createdAt)}</TableCell>
              <TableCell>{h.createdBy ?? '—'}</TableCell>
              <TableCell align="right">
                <Button size="small" onClick={() => onShow(h.versionId)} aria-label={`Show the text of version ${h.version}`}>
                  Show text
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}
