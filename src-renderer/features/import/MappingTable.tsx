import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import type { ImportInspection } from '../../../src-main/contract';
import type { Mapping } from './use-import-wizard';

const NOT_IN_FILE = '';

/** Step 2: for each of Settle's columns, which of the file's columns holds it (or none). */
export function MappingTable({ inspection, disabled, onChange }: { inspection: ImportInspection; disabled: boolean; onChange(m: Mapping): void }) {
  const { required, optional } = inspection.columns;
  const sample = inspection.rows[0]?.values ?? {};
  return (
    <Paper variant="outlined">
      <Table size="small" aria-label="Column mapping">
        <TableHead>
          <TableRow>
            <TableCell>Settle column</TableCell>
            <TableCell>Column in your file</TableCell>
            <TableCell>First row</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {[...required, ...optional].map((column) => {
            const isRequired = required.includes(column);
            return (
              <TableRow key={column}>
                <TableCell>
                  {column}
                  {isRequired ? ' (required)' : ''}
                </TableCell>
                <TableCell sx={{ minWidth: 240 }}>
                  <TextField
                    select
                    size="small"
                    fullWidth
                    label={`Column for ${column}`}
                    value={inspection.mapping[column] ?? NOT_IN_FILE}
                    disabled={disabled}
                    error={isRequired && inspection.mapping[column] === undefined}
                    slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
                    onChange={(e) => {
                      const next: Mapping = { ...inspection.mapping };
                      if (e.target.value === NOT_IN_FILE) delete next[column];
                      else next[column] = e.target.value;
                      onChange(next);
                    }}
                  >
                    <option value={NOT_IN_FILE}>{isRequired ? '(choose a column)' : '(not in the file)'}</option>
                    {inspection.headers
                      .filter((h) => h.column !== '')
                      .map((h) => (
                        <option key={h.column} value={h.column}>
                          {h.label}
                        </option>
                      ))}
                  </TextField>
                </TableCell>
                <TableCell sx={{ color: 'text.secondary' }}>{sample[column] ?? ''}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Paper>
  );
}
