import DeleteIcon from '@mui/icons-material/DeleteOutline';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { ContactRole } from '../../../src-main/contract';
import { ROLE_LABELS, type ContactForm } from './customer-form';

interface Props {
  index: number;
  contact: ContactForm;
  errors: Record<string, string>;
  onChange(patch: Partial<ContactForm>): void;
  onRemove(): void;
}

export function ContactFields({ index, contact, errors, onChange, onRemove }: Props) {
  const err = (field: string) => errors[`contacts.${index}.${field}`];
  const legendId = `contact-${contact.key}-legend`;
  return (
    <Paper variant="outlined" role="group" aria-labelledby={legendId} sx={{ p: 2, mb: 1.5 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', mb: 1 }}>
        <Typography id={legendId} variant="subtitle2" sx={{ flexGrow: 1 }}>
          Contact {index + 1}
        </Typography>
        <FormControlLabel
          control={<Checkbox checked={contact.isPrimary} onChange={(e) => onChange({ isPrimary: e.target.checked })} />}
          label="Primary contact"
        />
        <Tooltip title="Remove this contact">
          <IconButton aria-label={`Remove contact ${index + 1}`} onClick={onRemove} size="small">
            <DeleteIcon />
          </IconButton>
        </Tooltip>
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1.5 }}>
        <TextField
          label="Contact name"
          required
          size="small"
          value={contact.name}
          onChange={(e) => onChange({ name: e.target.value })}
          error={!!err('name')}
          helperText={err('name')}
        />
        <TextField
          select
          label="Role"
          size="small"
          value={contact.role}
          onChange={(e) => onChange({ role: e.target.value as ContactRole })}
          error={!!err('role')}
          helperText={err('role')}
        >
          {Object.entries(ROLE_LABELS).map(([value, label]) => (
            <MenuItem key={value} value={value}>
              {label}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          label="Contact phone"
          size="small"
          value={contact.phone}
          onChange={(e) => onChange({ phone: e.target.value })}
          error={!!err('phone')}
          helperText={err('phone')}
        />
        <TextField
          label="Contact email"
          size="small"
          value={contact.email}
          onChange={(e) => onChange({ email: e.target.value })}
          error={!!err('email')}
          helperText={err('email')}
        />
      </Box>
      {err('isPrimary') && (
        <Typography color="error" variant="caption">
          {err('isPrimary')}
        </Typography>
      )}
    </Paper>
  );
}
