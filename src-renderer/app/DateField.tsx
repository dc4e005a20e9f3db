import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { fromIsoDate, isValidDate, toIsoDate } from '../lib/dates';

/** A labelled date picker holding a ledger date ('YYYY-MM-DD'; '' while empty or incomplete). */
export function DateField({ label, value, onChange, error, helperText }: { label: string; value: string; onChange(v: string): void; error?: string; helperText?: string }) {
  return (
    <DatePicker
      label={label}
      value={value ? fromIsoDate(value) : null}
      onChange={(d) => onChange(isValidDate(d) ? toIsoDate(d) : '')}
      enableAccessibleFieldDOMStructure={false}
      slotProps={{ textField: { size: 'small', fullWidth: true, error: !!error, helperText: error ?? helperText } }}
    />
  );
}
