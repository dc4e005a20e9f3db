import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import type { CustomerSummary } from '../../../../src-main/contract';
import { call } from '../../../api/client';

export type PickedCustomer = Pick<CustomerSummary, 'id' | 'code' | 'name'>;

/** Finds a customer by code or name as you type (the ledger may hold thousands). */
export function CustomerPicker({ value, onChange, label }: { value: PickedCustomer | null; onChange(c: PickedCustomer | null): void; label: string }) {
  const [search, setSearch] = useState('');
  const [options, setOptions] = useState<PickedCustomer[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      setLoading(true);
      call('customers.list', { search: search.trim(), limit: 20 }).then(
        (page) => {
          if (!live) return;
          setOptions(page.rows.map((r) => ({ id: r.id, code: r.code, name: r.name })));
          setLoading(false);
        },
        () => live && setLoading(false),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [search]);

  return (
    <Autocomplete
      size="small"
      sx={{ minWidth: 320 }}
      options={options}
      value={value}
      loading={loading}
      // The service already filtered by code and name.
      filterOptions={(x) => x}
      getOptionLabel={(c) => `${c.code} · ${c.name}`}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      onChange={(_e, c) => onChange(c)}
      onInputChange={(_e, text, reason) => {
        if (reason === 'input') setSearch(text);
        if (reason === 'clear') setSearch('');
      }}
      noOptionsText={search ? 'No customer matches' : 'No customers yet'}
      renderInput={(params) => <TextField {...params} label={label} placeholder="Code or name" />}
    />
  );
}
