import AddIcon from '@mui/icons-material/Add';
import SearchIcon from '@mui/icons-material/Search';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useEffect, useState } from 'react';
import type { CustomerSummary } from '../../../src-main/contract';
import { useNav } from '../../app/navigation';
import { formatMoney } from '../../lib/money';
import { useTypedFilter } from '../../lib/use-typed-filter';
import { CustomerDialog } from './CustomerDialog';
import { useCustomers } from './customers-store';

const columns: GridColDef<CustomerSummary>[] = [
  { field: 'code', headerName: 'Code', width: 120 },
  { field: 'name', headerName: 'Name', flex: 2, minWidth: 180 },
  { field: 'kind', headerName: 'Kind', width: 110, valueFormatter: (v: string) => (v === 'consumer' ? 'Consumer' : 'Business') },
  { field: 'primaryContact', headerName: 'Primary contact', flex: 1, minWidth: 150 },
  { field: 'contactCount', headerName: 'Contacts', width: 100, type: 'number' },
  // The service's figure, the same as the card's; a page at a time, so no sorting across pages.
  { field: 'balance', headerName: 'Balance', width: 130, type: 'number', sortable: false, valueFormatter: (v: number) => formatMoney(v) },
  { field: 'email', headerName: 'Email', flex: 1, minWidth: 160 },
  { field: 'phone', headerName: 'Phone', width: 150 },
  { field: 'city', headerName: 'City', width: 130 },
];

type DialogState = { open: false } | { open: true; id: number | null };

export function CustomersPage() {
  const { rows, total, page, pageSize, loading, error, search, setSearch, setPage, load } = useCustomers();
  const [query, setQuery] = useTypedFilter(search, setSearch);
  const [dialog, setDialog] = useState<DialogState>({ open: false });
  const [notice, setNotice] = useState<string | null>(null);
  const go = useNav((s) => s.go);

  useEffect(() => {
    void load();
  }, [load]);


  const empty = !loading && total === 0 && search === '';

  return (
    <section aria-labelledby="page-title">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 2 }}>
        <Typography id="page-title" variant="h5" component="h1" sx={{ flexGrow: 1 }}>
          Customers
        </Typography>
        <TextField
          label="Search customers"
          size="small"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Code, name, email or contact"
          slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchIcon fontSize="small" /></InputAdornment> } }}
          sx={{ width: 320 }}
        />
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setDialog({ open: true, id: null })}>
          New customer
        </Button>
      </Box>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      {empty ? (
        <Paper variant="outlined" sx={{ p: 4, textAlign: 'center' }}>
          <Typography variant="h6" component="p" gutterBottom>
            No customers yet
          </Typography>
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            Add your first customer with the people you deal with there.
          </Typography>
          <Button variant="outlined" startIcon={<AddIcon />} onClick={() => setDialog({ open: true, id: null })}>
            Add a customer
          </Button>
        </Paper>
      ) : (
        <Paper variant="outlined" sx={{ height: 'calc(100vh - 190px)', minHeight: 320 }}>
          <DataGrid
            aria-label="Customers"
            rows={rows}
            columns={columns}
            rowCount={total}
            loading={loading}
            paginationMode="server"
            paginationModel={{ page, pageSize }}
            onPaginationModelChange={(m) => setPage(m.page, m.pageSize)}
            pageSizeOptions={[25, 50, 100]}
            disableColumnFilter
            disableRowSelectionOnClick
            density="compact"
            onRowClick={(p) => go('customers', p.row.id)}
            onCellKeyDown={(p, e) => {
              if (e.key === 'Enter') go('customers', p.row.id);
            }}
            localeText={{ noRowsLabel: search ? `No customers match “${search}”` : 'No customers' }}
            sx={{ border: 0, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
          />
        </Paper>
      )}
      {dialog.open && (
        <CustomerDialog
          customerId={dialog.id}
          onClose={() => setDialog({ open: false })}
          onSaved={(c) => {
            setDialog({ open: false });
            setNotice(`Saved ${c.code} — ${c.name}`);
            void load();
          }}
        />
      )}
      <Snackbar open={notice !== null} autoHideDuration={4000} onClose={() => setNotice(null)} message={notice} />
    </section>
  );
}
