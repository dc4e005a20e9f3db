import CalendarMonthIcon from '@mui/icons-material/CalendarMonth';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import Popover from '@mui/material/Popover';
import TextField from '@mui/material/TextField';
import { DateCalendar } from '@mui/x-date-pickers/DateCalendar';
import { useId, useState } from 'react';
import { formatDate, fromIsoDate, isValidDate, parseDateInput, toIsoDate } from '../lib/dates';

interface Props {
  label: string;
  /** A ledger date ('YYYY-MM-DD'), or '' for none. */
  value: string;
  /** The date typed or picked, or '' while the field is empty or what is typed is not a date yet. */
  onChange(v: string): void;
  error?: string;
  helperText?: string;
  /** Width of the field; full width when not given. */
  width?: number;
  disabled?: boolean;
}

/**
 * A labelled date field holding a ledger date. It is a plain text box with a calendar button,
 * not MUI's sectioned field: that one reads typed digits into the locale's sections, so
 * "2026-12-08" became 02/02/0008. Here the text is read whole (parseDateInput: ISO, the locale's
 * numbers or words) and shown, once left, the way every screen shows a date.
 */
export function DateField({ label, value, onChange, error, helperText, width, disabled }: Props) {
  // What the user is typing; null shows the value as screens show dates.
  const [draft, setDraft] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);
  // The field the calendar hangs from, kept in state (read while rendering) rather than a ref.
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const open = anchor !== null;
  const calendarId = useId();

  const parsed = draft === null ? null : parseDateInput(draft);
  const typedError = parsed && !parsed.ok && !focused ? parsed.message : undefined;
  const shown = draft ?? formatDate(value);

  return (
    <>
      <TextField
        label={label}
        value={shown}
        size="small"
        disabled={disabled}
        fullWidth={width === undefined}
        sx={width === undefined ? undefined : { width }}
        error={!!error || !!typedError}
        helperText={typedError ?? error ?? helperText}
        onFocus={() => setFocused(true)}
        onChange={(e) => {
          setDraft(e.target.value);
          const r = parseDateInput(e.target.value);
          onChange(r.ok && r.value ? r.value : '');
        }}
        onBlur={() => {
          setFocused(false);
          // A date that reads well is shown as every screen shows dates; anything else stays as typed, with the error.
          if (parsed?.ok) setDraft(null);
        }}
        slotProps={{
          input: {
            endAdornment: (
              <InputAdornment position="end">
                <IconButton size="small" edge="end" disabled={disabled} aria-label={`Choose ${label.toLowerCase()} from a calendar`} aria-haspopup="dialog" aria-controls={open ? calendarId : undefined} onClick={(e) => setAnchor(e.currentTarget.closest('.MuiFormControl-root') as HTMLElement | null)}>
                  <CalendarMonthIcon fontSize="small" />
                </IconButton>
              </InputAdornment>
            ),
          },
        }}
      />
      <Popover
        id={calendarId}
        open={open}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
        slotProps={{ paper: { role: 'dialog', 'aria-label': label } }}
      >
        <DateCalendar
          value={value ? fromIsoDate(value) : null}
          onChange={(d, state) => {
            if (!isValidDate(d)) return;
            setDraft(null);
            onChange(toIsoDate(d));
            if (state === 'finish') setAnchor(null);
          }}
        />
      </Popover>
    </>
  );
}
