import Paper from '@mui/material/Paper';
import { alpha } from '@mui/material/styles';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ImportInspection } from '../../../src-main/contract';

/** Step 3: the first rows as Settle will read them, each with its problems. */
export function PreviewTable({ inspection }: { inspection: ImportInspection }) {
  const { required, optional } = inspection.columns;
  const shown = [...required, ...optional].filter((c) => inspection.mapping[c] !== undefined);
  return (
    <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Preview of the first rows">
        <TableHead>
          <TableRow>
            <TableCell>Line</TableCell>
            {shown.map((c) => (
              <TableCell key={c}>{c}</TableCell>
            ))}
            <TableCell>Problems</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {inspection.rows.map((row) => {
            const bad = new Set(row.errors.map((e) => e.column));
            return (
              <TableRow key={row.line} sx={row.errors.length ? { bgcolor: (t) => alpha(t.palette.error.main, 0.12) } : undefined}>
                <TableCell>{row.line}</TableCell>
                {shown.map((c) => (
                  <TableCell key={c} sx={bad.has(c) ? { fontWeight: 700, color: 'error.main', textDecoration: 'underline wavy' } : undefined}>
                    {row.values[c] ?? ''}
                  </TableCell>
                ))}
                <TableCell>
                  {row.errors.length === 0
                    ? 'OK'
                    : row.errors.map((e) => (
                        <Typography key={e.text} variant="body2" component="div" color="error">
                          {e.text}
                        </Typography>
                      ))}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Paper>
  );
}
