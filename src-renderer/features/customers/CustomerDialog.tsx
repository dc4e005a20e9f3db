import AddIcon from '@mui/icons-material/Add';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import InputAdornment from '@mui/material/InputAdornment';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type FormEvent } from 'react';
import type { CustomerDetail, CustomerKind } from '../../../src-main/contract';
import { call, ServiceCallError } from '../../api/client';
import { DateField } from '../../app/DateField';
import { ContactFields } from './ContactFields';
import { emptyForm, formFromDetail, formToInput, newContact, type ContactForm, type CustomerForm } from './customer-form';

interface Props {
  /** null: a new customer. */
  customerId: number | null;
  onClose(): void;
  onSaved(customer: CustomerDetail): void;
}

type TextKey = Exclude<keyof CustomerForm, 'contacts' | 'kind' | 'customerSince'>;

export function CustomerDialog({ customerId, onClose, onSaved }: Props) {
  const [form, setForm] = useState<CustomerForm>(emptyForm);
  const [loading, setLoading] = useState(customerId !== null);
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    if (customerId === null) return;
    let live = true;
    call('customers.get', { id: customerId })
      .then((d) => live && setForm(formFromDetail(d)))
      .catch((err: Error) => live && setMessage(err.message))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [customerId]);

  const set = (patch: Partial<CustomerForm>) => setForm((f) => ({ ...f, ...patch }));
  const text = (key: TextKey, label: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      label={label}
      size="small"
      value={form[key]}
      onChange={(e) => set({ [key]: e.target.value } as Partial<CustomerForm>)}
      error={!!errors[key]}
      helperText={errors[key]}
      {...extra}
    />
  );

  const setContact = (i: number, patch: Partial<ContactForm>) =>
    setForm((f) => ({
      ...f,
      contacts: f.contacts.map((c, j) => {
        if (j === i) return { ...c, ...patch };
        // Only one primary contact: ticking one clears the others.
        return patch.isPrimary ? { ...c, isPrimary: false } : c;
      }),
    }));

  async function save(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    const parsed = formToInput(form);
    if (!parsed.ok) {
      setErrors(parsed.fields);
      setMessage('Please correct the highlighted fields.');
      return;
    }
    setSaving(true);
    setErrors({});
    setMessage(null);
    try {
      const saved =
        customerId === null
          ? await call('customers.create', parsed.input)
          : await call('customers.update', { id: customerId, customer: parsed.input });
      onSaved(saved);
    } catch (err) {
      if (err instanceof ServiceCallError) {
        setErrors(err.fields);
        setMessage(err.message);
      } else {
        setMessage((err as Error).message);
      }
    } finally {
      setSaving(false);
    }
  }

  const title = customerId === null ? 'New customer' : `Edit customer ${form.code}`;
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="customer-dialog-title">
      <form onSubmit={save} noValidate>
        <DialogTitle id="customer-dialog-title">{title}</DialogTitle>
        {(loading || saving) && <LinearProgress aria-label={loading ? 'Loading customer' : 'Saving customer'} />}
        <DialogContent dividers>
          {message && (
            <Alert severity="error" sx={{ mb: 2 }} role="alert">
              {message}
            </Alert>
          )}
          <Box sx={{ display: 'grid', gridTemplateColumns: '160px 1fr 160px', gap: 1.5, mb: 2 }}>
            {text('code', 'Code', { required: true, autoFocus: customerId === null })}
            {text('name', 'Name', { required: true })}
            <TextField
              select
              label="Kind"
              size="small"
              value={form.kind}
              onChange={(e) => set({ kind: e.target.value as CustomerKind })}
              error={!!errors.kind}
              helperText={errors.kind}
            >
              <MenuItem value="business">Business</MenuItem>
              <MenuItem value="consumer">Consumer</MenuItem>
            </TextField>
          </Box>
          <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1.5, mb: 2 }}>
            {text('email', 'Email')}
            {text('phone', 'Phone')}
            {text('address1', 'Address line 1')}
            {text('address2', 'Address line 2')}
          </Box>
          <Box sx={{ display: 'grid', gridTemplateColumns: '2fr 1fr 1fr 1fr', gap: 1.5, mb: 2 }}>
            {text('city', 'City')}
            {text('region', 'Region')}
            {text('postalCode', 'Postal code')}
            {text('country', 'Country')}
          </Box>
          <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 1.5, mb: 3 }}>
            {text('termsDays', 'Payment terms', {
              slotProps: { input: { endAdornment: <InputAdornment position="end">days</InputAdornment> } },
            })}
            {text('creditLimit', 'Credit limit', { placeholder: 'No limit' })}
            {text('collector', 'Collector', { placeholder: 'Nobody in particular' })}
          </Box>
          {/* What a credit bureau matches a business by, and its account open date. */}
          <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 1.5, mb: 3 }}>
            {text('taxId', 'Tax ID', { placeholder: 'EIN, VAT or business number' })}
            <DateField label="Customer since" value={form.customerSince} onChange={(v) => set({ customerSince: v })} error={errors.customerSince} />
          </Box>
          <Box sx={{ display: 'flex', alignItems: 'center', mb: 1 }}>
            <Typography variant="h6" component="h2" sx={{ flexGrow: 1, fontSize: '1.05rem' }}>
              Contacts
            </Typography>
            <Button
              startIcon={<AddIcon />}
              onClick={() => set({ contacts: [...form.contacts, newContact(form.contacts.length === 0)] })}
            >
              Add contact
            </Button>
          </Box>
          {form.contacts.length === 0 && (
            <Typography color="text.secondary" variant="body2">
              No contacts yet. Add the people you speak to: accounts payable, the owner or principal, senior leadership.
            </Typography>
          )}
          {form.contacts.map((c, i) => (
            <ContactFields
              key={c.key}
              index={i}
              contact={c}
              errors={errors}
              onChange={(patch) => setContact(i, patch)}
              onRemove={() => set({ contacts: form.contacts.filter((_, j) => j !== i) })}
            />
          ))}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={loading || saving}>
            Save customer
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
