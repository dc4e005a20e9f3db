import DownloadIcon from '@mui/icons-material/Download';
import ViewColumnIcon from '@mui/icons-material/ViewColumn';
import MailIcon from '@mui/icons-material/Mail';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import SearchIcon from '@mui/icons-material/Search';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { DataGrid, GridFooterContainer, GridPagination, GridPreferencePanelsValue, gridPaginationModelSelector, useGridApiRef, type GridColDef, type GridColumnVisibilityModel, type GridSortModel } from '@mui/x-data-grid';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DateField } from '../../app/DateField';
import { PROFILE_LABELS, profileLabel, STATUS_LABELS, statusLabel } from '../../lib/customer-labels';
import { formatDate, formatDateTime } from '../../lib/dates';
import { formatMoney, formatMoneyOrBlank } from '../../lib/money';
import { widestTextWidth } from '../../lib/text-width';
import { useTypedFilter } from '../../lib/use-typed-filter';
import { useNav } from '../../app/navigation';
import { LettersForSelectedDialog } from '../letters/LettersForSelectedDialog';
import { StatementsDialog } from '../letters/StatementsDialog';
import { PageSelectBox, RowSelectBox, SELECT_BOX_CLASS, useAgingSelection } from './aging-selection';
import { BUCKET_PRESETS, useAging, type AgingQuery } from './aging-store';

/** A row's id is its place on the page (the totals row's is TOTALS_ID): see aging-selection.tsx. */
type GridRow = Record<string, string | number | null> & { id: number; customerId: number };


const TOTALS_ID = -1;
/** Room for a header's sort and menu icons, and for a cell's padding. */
const HEADER_ICONS = 52;
const CELL_PADDING = 24;
/** Only a name longer than any real company's is cut (with an ellipsis), so it cannot push every amount out of view. */
const MAX_NAME_WIDTH = 480;

function totalsRowLabel(count: number): string {
  return `Total of ${count.toLocaleString()} customers`;
}

// The grid's fixed props, made once: new objects or functions on every render make it recompute.
const PAGE_SIZES = [50, 100, 200];
const LOCALE_TEXT = { noRowsLabel: 'Nothing is owed as of this date' };
const SLOTS = { footer: TotalsFooter as never };
const GRID_SX = {
  border: 0,
  '& .MuiDataGrid-row': { cursor: 'pointer' },
  '& .aging-totals': { fontWeight: 700, bgcolor: 'action.hover', cursor: 'default' },
  // A status or profile looks like a small chip, drawn as a plain span: a sort by last contact
  // brings a page of them at once, and MUI's Chip costs each its own styled components.
  '& .aging-chip': {
    display: 'inline-flex',
    alignItems: 'center',
    height: 24,
    px: 1,
    borderRadius: 12,
    border: 1,
    borderColor: 'divider',
    fontSize: '0.8125rem',
    lineHeight: 1,
    whiteSpace: 'nowrap',
  },
  '& .aging-chip-warning': { bgcolor: 'warning.main', borderColor: 'warning.main', color: 'warning.contrastText' },
  // A ticked customer's row is marked as the grid marks a selected row.
  '& .MuiDataGrid-row:has(.aging-select:checked)': { bgcolor: 'action.selected' },
  [`& .${SELECT_BOX_CLASS}`]: { width: 16, height: 16, m: 0, verticalAlign: 'middle', cursor: 'pointer', accentColor: (t: { palette: { primary: { main: string } } }) => t.palette.primary.main },
} as const;
/** The column of boxes that tick customers for letters and statements. */
const SELECT_FIELD = 'select';
const rowClassName = (p: { id: string | number }) => (p.id === TOTALS_ID ? 'aging-totals' : '');

/** A select whose empty value means "any" shows that choice instead of an empty box. */
const EMPTY_SHOWS = { inputLabel: { shrink: true }, select: { displayEmpty: true } } as const;

function showOptions(buckets: string[]): { value: number; label: string }[] {
  return [
    { value: 0, label: 'Every balance' },
    ...buckets.slice(1).map((label, i) => ({
      value: i + 1,
      label: label.startsWith('Over') ? `${label} days` : `${label.split('-')[0]}+ days late`,
    })),
  ];
}

/** Always in view under the grid, whatever the scroll position: the totals of every matching customer. */
function TotalsFooter({ summary }: { summary: string }) {
  return (
    <GridFooterContainer>
      <Typography variant="body2" sx={{ px: 2, fontWeight: 600 }} role="status" aria-label="Totals">
        {summary}
      </Typography>
      <GridPagination />
    </GridFooterContainer>
  );
}

/** A date-time in every month, morning and evening: the widest any last contact can print. */
const DATE_TIME_SHAPES = Array.from({ length: 24 }, (_, i) => `2026-${String((i % 12) + 1).padStart(2, '0')}-28T${i < 12 ? '10' : '22'}:58`);
/**
 * The service words a next action "Follow up 2026-12-08" or "Promise due 2026-12-08" (aging-pages.ts);
 * its date is shown like every other date on screen.
 */
function nextActionText(v: string | null | undefined): string {
  return v ? v.replace(/\d{4}-\d{2}-\d{2}$/, (iso) => formatDate(iso)) : '';
}
/** Both forms, in every month: the widest a next action can print. */
const NEXT_ACTION_SHAPES = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-28`).flatMap((d) => [`Follow up ${d}`, `Promise due ${d}`]);

interface ColumnWidths {
  code: number;
  name: number;
  total: number;
  lastContact: number;
  nextAction: number;
  buckets: number[];
  unapplied: number;
}

/** Column by column the wider of two sets of widths (as JSON), or `b` when the bucket columns differ. */
function widerOf(a: string, b: string): string {
  const x = JSON.parse(a) as ColumnWidths;
  const y = JSON.parse(b) as ColumnWidths;
  if (x.buckets.length !== y.buckets.length) return b;
  const max = (k: Exclude<keyof ColumnWidths, 'buckets'>) => Math.max(x[k], y[k]);
  const wider: ColumnWidths = { code: max('code'), name: max('name'), total: max('total'), lastContact: max('lastContact'), nextAction: max('nextAction'), buckets: y.buckets.map((w, k) => Math.max(w, x.buckets[k])), unapplied: max('unapplied') };
  return JSON.stringify(wider);
}

function agingColumns(buckets: string[], w: ColumnWidths): GridColDef<GridRow>[] {
  const money = (field: string, headerName: string, width: number): GridColDef<GridRow> => ({
    field,
    headerName,
    type: 'number',
    width,
    valueFormatter: (v: number) => (v === undefined || v === null ? '' : formatMoneyOrBlank(v)),
  });
  return [
    {
      field: SELECT_FIELD,
      headerName: 'Select',
      width: 52,
      sortable: false,
      resizable: false,
      hideable: false,
      disableColumnMenu: true,
      align: 'center',
      headerAlign: 'center',
      renderHeader: () => <PageSelectBox />,
      // The totals row is not a customer: no box to tick.
      renderCell: (p) => (p.id === TOTALS_ID ? null : <RowSelectBox customerId={p.row.customerId} name={String(p.row.customerName)} />),
    },
    { field: 'customerCode', headerName: 'Code', width: w.code },
    { field: 'customerName', headerName: 'Customer', width: w.name },
    // The standing columns a clerk works from come first, in view at 1366 px; the buckets follow and the grid scrolls to them.
    money('total', 'Total', w.total),
    { field: 'lastContact', headerName: 'Last contact', width: w.lastContact, valueFormatter: (v: string | null) => formatDateTime(v) },
    { field: 'nextAction', headerName: 'Next action', width: w.nextAction, valueFormatter: (v: string | null) => nextActionText(v) },
    ...buckets.map((label, k) => money(`bucket${k}`, label, w.buckets[k])),
    money('unapplied', 'Unapplied', w.unapplied),
    {
      field: 'status',
      headerName: 'Status',
      width: 130,
      // Only exceptions get a chip; "Active" on every row would drown them.
      renderCell: (p) => (p.value && p.value !== 'active' ? <span className="aging-chip aging-chip-warning">{statusLabel(String(p.value))}</span> : null),
    },
    { field: 'profile', headerName: 'Profile', width: 150, renderCell: (p) => (p.value ? <span className="aging-chip">{profileLabel(String(p.value))}</span> : null) },
    { field: 'collector', headerName: 'Collector', width: 120 },
  ];
}

/** What the filters show: the query without its page and sort, which change on every click in the grid. */
type FilterValues = Omit<AgingQuery, 'page' | 'pageSize' | 'sort'>;

interface FiltersProps {
  query: FilterValues;
  /** The bucket labels joined, so a new page with the same buckets does not draw the filters again. */
  bucketsKey: string;
  set(patch: Partial<AgingQuery>): void;
  exporting: boolean;
  canExport: boolean;
  selectedCount: number;
  onLetters(): void;
  onStatements(): void;
  onColumns(): void;
  exportView(format: 'csv' | 'xlsx'): Promise<void>;
}

/**
 * The filters and buttons above the grid. Apart from the grid so that a page change or a sort,
 * which changes only the grid's rows, does not draw a dozen text fields and menus again.
 */
const AgingFilters = memo(function AgingFilters({ query, bucketsKey, set, exporting, canExport, selectedCount, onLetters, onStatements, onColumns, exportView }: FiltersProps) {
  const buckets = useMemo(() => (bucketsKey ? bucketsKey.split('|') : []), [bucketsKey]);
  const [search, setSearch] = useTypedFilter(query.search, (v) => set({ search: v }));
  const [collector, setCollector] = useTypedFilter(query.collector, (v) => set({ collector: v }), 300);
  const [exportMenu, setExportMenu] = useState<HTMLElement | null>(null);
  return (
    <>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mb: 2, flexWrap: 'wrap' }}>
        <Typography id="page-title" variant="h5" component="h1" sx={{ flexGrow: 1 }}>
          Aging
        </Typography>
        <DateField label="As of" value={query.asOf} onChange={(v) => v && set({ asOf: v })} width={170} />
        <TextField select size="small" label="Age by" value={query.basis} onChange={(e) => set({ basis: e.target.value as 'due' | 'issue' })} sx={{ width: 150 }}>
          <MenuItem value="due">Due date</MenuItem>
          <MenuItem value="issue">Invoice date</MenuItem>
        </TextField>
        <TextField select size="small" label="Buckets" value={query.preset} onChange={(e) => set({ preset: e.target.value, minBucket: 0 })} sx={{ width: 190 }}>
          {Object.keys(BUCKET_PRESETS).map((p) => (
            <MenuItem key={p} value={p}>
              {p.replace(/,/g, ' / ')}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" label="Show" value={query.minBucket} onChange={(e) => set({ minBucket: Number(e.target.value) })} sx={{ width: 170 }}>
          {showOptions(buckets.length ? buckets : ['Current']).map((o) => (
            <MenuItem key={o.value} value={o.value}>
              {o.label}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          label="Search aging"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchIcon fontSize="small" /></InputAdornment> } }}
          sx={{ width: 220 }}
        />
      </Box>
      <Box sx={{ display: 'flex', gap: 1.5, mb: 2, flexWrap: 'wrap' }}>
        <TextField select size="small" label="Status" value={query.status} onChange={(e) => set({ status: e.target.value })} sx={{ width: 170 }} slotProps={EMPTY_SHOWS}>
          <MenuItem value="">Any status</MenuItem>
          {Object.entries(STATUS_LABELS).map(([v, label]) => (
            <MenuItem key={v} value={v}>
              {label}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" label="Profile" value={query.profile} onChange={(e) => set({ profile: e.target.value })} sx={{ width: 190 }} slotProps={EMPTY_SHOWS}>
          <MenuItem value="">Any profile</MenuItem>
          {Object.entries(PROFILE_LABELS).map(([v, label]) => (
            <MenuItem key={v} value={v}>
              {label}
            </MenuItem>
          ))}
        </TextField>
        <TextField size="small" label="Collector" value={collector} onChange={(e) => setCollector(e.target.value)} sx={{ width: 170 }} />
        <Box sx={{ flexGrow: 1 }} />
        <Button variant="outlined" startIcon={<MailIcon />} disabled={selectedCount === 0} onClick={onLetters}>
          Letters for selected…
        </Button>
        <Button variant="outlined" startIcon={<ReceiptLongIcon />} disabled={selectedCount === 0} onClick={onStatements}>
          Statements for selected…
        </Button>
        <Button variant="outlined" startIcon={<ViewColumnIcon />} onClick={onColumns}>
          Columns
        </Button>
        <Button variant="outlined" startIcon={<DownloadIcon />} disabled={exporting || !canExport} onClick={(e) => setExportMenu(e.currentTarget)} aria-haspopup="menu">
          Export
        </Button>
        <Menu anchorEl={exportMenu} open={exportMenu !== null} onClose={() => setExportMenu(null)}>
          <MenuItem onClick={() => (setExportMenu(null), void exportView('csv'))}>CSV (current view)</MenuItem>
          <MenuItem onClick={() => (setExportMenu(null), void exportView('xlsx'))}>Excel workbook (current view)</MenuItem>
        </Menu>
      </Box>
    </>
  );
});

export function AgingPage() {
  const { query, data, shown, loading, error, exporting, set, load, exportView } = useAging();
  // The column chooser: which columns the grid shows (kept while the app is open).
  const [hidden, setHidden] = useState<GridColumnVisibilityModel>({});
  const apiRef = useGridApiRef();
  const go = useNav((s) => s.go);
  // Customers ticked for letters; kept across pages and sorting (the grid pages on the server),
  // forgotten when the clerk leaves the page.
  const selected = useAgingSelection((s) => s.selected);
  useEffect(() => () => useAgingSelection.getState().clear(), []);
  // The customers the open letters dialog is for, fixed when it opens.
  const [writing, setWriting] = useState<number[] | null>(null);
  // The same for statements.
  const [stating, setStating] = useState<number[] | null>(null);
  const selectedIds = useMemo(() => [...selected], [selected]);
  // The latest selection for the Letters button, without drawing the filters again on every tick.
  const selectedRef = useRef(selectedIds);
  useEffect(() => {
    selectedRef.current = selectedIds;
  });
  const onLetters = useCallback(() => setWriting(selectedRef.current), []);
  const onStatements = useCallback(() => setStating(selectedRef.current), []);
  const onColumns = useCallback(() => apiRef.current?.showPreferences(GridPreferencePanelsValue.columns), [apiRef]);

  useEffect(() => {
    void load();
  }, [load]);

  const buckets = useMemo(() => data?.buckets ?? [], [data]);
  const theme = useTheme();
  // Sized to what they hold on this page and in the totals row (bold), so no amount or name is
  // ever cut to "36,690,88…": the grid scrolls sideways instead. The widths are worked out per
  // page (and only grow, below), and the column definitions are made again only when a width
  // changes: new ones make the grid lay out every column again, the largest part of a page change.
  const widthsKey = useMemo(() => {
    const font = (weight: number) => `${weight} ${theme.typography.body2.fontSize} ${theme.typography.fontFamily}`;
    const widest = (texts: string[], bold: string[], header: string) =>
      Math.max(widestTextWidth([header], font(500)) + HEADER_ICONS, widestTextWidth(texts, font(400)) + CELL_PADDING, widestTextWidth(bold, font(700)) + CELL_PADDING);
    const pageRows = data?.rows ?? [];
    const totals = data?.totals;
    // An amount one character shorter than the longest can still be as wide (a minus sign against a
    // comma), two shorter cannot: only those are measured, a handful instead of a page's hundred.
    const longest = (texts: string[]) => {
      const most = texts.reduce((n, x) => Math.max(n, x.length), 0);
      return texts.filter((x) => x.length >= most - 1);
    };
    const money = (headerName: string, pick: (r: { buckets: number[]; unapplied: number; total: number }) => number) =>
      widest(longest(pageRows.map((r) => formatMoneyOrBlank(pick(r)))), totals ? [formatMoneyOrBlank(pick(totals))] : [], headerName);
    const totalsLabel = data ? totalsRowLabel(data.rowCount) : '';
    const widths: ColumnWidths = {
      code: widest(pageRows.map((r) => r.customerCode), [], 'Code'),
      name: Math.min(MAX_NAME_WIDTH, widest(pageRows.map((r) => r.customerName), [totalsLabel], 'Customer')),
      total: money('Total', (r) => r.total),
      // Dates have a known set of shapes: sized for the widest of them from the start, so sorting
      // by last contact (blank on the first pages, dates after) does not widen the column on the
      // first click and make the grid lay out every column again.
      lastContact: widest([...pageRows.map((r) => formatDateTime(r.lastContact)), ...DATE_TIME_SHAPES.map(formatDateTime)], [], 'Last contact'),
      nextAction: Math.min(MAX_NAME_WIDTH, widest([...pageRows.map((r) => r.nextAction), ...NEXT_ACTION_SHAPES].map(nextActionText), [], 'Next action')),
      buckets: buckets.map((label, k) => money(label, (r) => r.buckets[k])),
      unapplied: money('Unapplied', (r) => r.unapplied),
    };
    return JSON.stringify(widths);
  }, [buckets, data, theme]);
  const bucketsKey = buckets.join('|');
  const { asOf, basis, preset, minBucket, search, status, profile, collector } = query;
  // While the clerk pages and sorts through one set of filters the columns only grow: a page
  // with shorter names keeps the widths, so the grid does not lay out its columns again on most
  // page turns and re-sorts. New filters start from their own first page.
  const viewKey = JSON.stringify([asOf, basis, preset, minBucket, search, status, profile, collector]);
  const [grown, setGrown] = useState<{ view: string; widths: string }>({ view: viewKey, widths: widthsKey });
  const widths = grown.view === viewKey ? widerOf(grown.widths, widthsKey) : widthsKey;
  if (grown.view !== viewKey || grown.widths !== widths) setGrown({ view: viewKey, widths });
  const columns = useMemo(() => agingColumns(bucketsKey ? bucketsKey.split('|') : [], JSON.parse(widths) as ColumnWidths), [bucketsKey, widths]);

  const rows = useMemo<GridRow[]>(() => {
    if (!data || data.rowCount === 0) return [];
    const toRow = (id: number, customerId: number, code: string, name: string, b: number[], unapplied: number, total: number): GridRow => ({
      id,
      customerId,
      customerCode: code,
      customerName: name,
      ...Object.fromEntries(b.map((v, k) => [`bucket${k}`, v])),
      unapplied,
      total,
    });
    const t = data.totals;
    return [
      // The totals of every matching customer, pinned above the page (not just this page's sum).
      toRow(TOTALS_ID, TOTALS_ID, '', totalsRowLabel(data.rowCount), t.buckets, t.unapplied, t.total),
      // Keyed by place on the page: a re-sort or another page fills the rows already drawn.
      ...data.rows.map((r, i) => ({
        ...toRow(i + 1, r.customerId, r.customerCode, r.customerName, r.buckets, r.unapplied, r.total),
        lastContact: r.lastContact,
        nextAction: r.nextAction,
        status: r.status,
        profile: r.profile,
        collector: r.collector,
      })),
    ];
  }, [data]);

  const filterValues = useMemo<FilterValues>(
    () => ({ asOf, basis, preset, minBucket, search, status, profile, collector }),
    [asOf, basis, preset, minBucket, search, status, profile, collector],
  );
  // The grid shows the page and sort of the rows it has, not of the request in flight: a click
  // would otherwise draw the whole grid twice, once with the old rows and once with the new.
  const view = shown ?? query;
  const sortModel = useMemo<GridSortModel>(() => [{ field: view.sort.field, sort: view.sort.direction }], [view.sort.field, view.sort.direction]);
  const paginationModel = useMemo(() => ({ page: view.page, pageSize: view.pageSize }), [view.page, view.pageSize]);
  const footerSummary = data?.rowCount
    ? `${data.rowCount.toLocaleString()} customers · open ${formatMoney(data.totals.buckets.reduce((s, v) => s + v, 0))} · unapplied ${formatMoney(data.totals.unapplied)} · total ${formatMoney(data.totals.total)}`
    : '';
  const slotProps = useMemo(() => ({ footer: { summary: footerSummary } as never }), [footerSummary]);
  // A page's rows, its page and its sort go into the grid through its API, together, when the
  // answer arrives, instead of as props: a new `rows` or model prop draws the whole DataGrid (every
  // cell and header, with the old rows) before its own effects put the new rows in and draw the
  // cells again. The props keep what the grid mounted with; `loading` goes the same way, since a
  // change of that prop makes the grid take its `rows` prop again.
  const [mounted] = useState(() => ({ rows, initialState: { pagination: { paginationModel }, sorting: { sortModel } } }));
  const rowCount = data?.rowCount ?? 0;
  const pushed = useRef({ rows, rowCount, paginationModel, sortModel, loading: false });
  useEffect(() => {
    const api = apiRef.current;
    if (!api) return;
    const last = pushed.current;
    // The grid takes its `rows` prop again when `rowCount` changes (its effect ran just before
    // this one, the child's first): the rows then go in again.
    if (rows !== last.rows || rowCount !== last.rowCount) api.setRows(rows);
    if (rows !== last.rows) useAgingSelection.getState().showPage(rows.filter((r) => r.id !== TOTALS_ID).map((r) => r.customerId));
    // A click on a header or the pager has put the model in the grid already: set again, even
    // equal, it runs the grid's sorting or paging once more.
    const current = gridPaginationModelSelector(apiRef);
    if (paginationModel !== last.paginationModel && (current.page !== paginationModel.page || current.pageSize !== paginationModel.pageSize)) api.setPaginationModel(paginationModel);
    if (sortModel !== last.sortModel && JSON.stringify(api.getSortModel()) !== JSON.stringify(sortModel)) api.setSortModel(sortModel);
    if (loading !== last.loading) api.setLoading(loading);
    pushed.current = { rows, rowCount, paginationModel, sortModel, loading };
  }, [apiRef, rows, rowCount, paginationModel, sortModel, loading]);
  const onPaginationModelChange = useCallback((m: { page: number; pageSize: number }) => set({ page: m.page, pageSize: m.pageSize }), [set]);
  const onSortModelChange = useCallback(
    (m: GridSortModel) => set({ sort: m[0] ? { field: m[0].field, direction: m[0].sort ?? 'asc' } : { field: 'customerCode', direction: 'asc' } }),
    [set],
  );
  const onRowClick = useCallback(
    (p: { id: string | number; row: GridRow }, e: { target: EventTarget }) => {
      // Ticking a row's box selects it for letters; it does not open the card.
      if ((e.target as HTMLElement).closest(`[data-field="${SELECT_FIELD}"]`)) return;
      if (p.id !== TOTALS_ID) go('customers', p.row.customerId);
    },
    [go],
  );
  const onCellKeyDown = useCallback(
    (p: { id: string | number; field: string; row: GridRow }, e: { key: string; preventDefault(): void; target: EventTarget; defaultMuiPrevented?: boolean }) => {
      if (p.id === TOTALS_ID) return;
      // Space ticks the customer, as on the grid's own boxes (the box itself takes it when focused),
      // instead of the grid's page-down.
      if (e.key === ' ' && p.field === SELECT_FIELD && !(e.target as HTMLElement).classList.contains(SELECT_BOX_CLASS)) {
        e.preventDefault();
        e.defaultMuiPrevented = true;
        useAgingSelection.getState().toggle(p.row.customerId);
      }
      if (e.key === 'Enter') go('customers', p.row.customerId);
    },
    [go],
  );

  return (
    // A column filling the window: the grid takes what the toolbar leaves, however many rows the toolbar wraps to.
    <Box component="section" aria-labelledby="page-title" sx={{ display: 'flex', flexDirection: 'column', height: 'calc(100vh - 88px)' }}>
      <AgingFilters
        query={filterValues}
        bucketsKey={bucketsKey}
        set={set}
        exporting={exporting}
        canExport={!!data}
        selectedCount={selectedIds.length}
        onLetters={onLetters}
        onStatements={onStatements}
        onColumns={onColumns}
        exportView={exportView}
      />
      {error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      <Paper variant="outlined" sx={{ flex: '1 1 0', minHeight: 360 }}>
        <DataGrid
          aria-label="Aging"
          rows={mounted.rows}
          initialState={mounted.initialState}
          columns={columns}
          rowCount={rowCount}
          paginationMode="server"
          sortingMode="server"
          onPaginationModelChange={onPaginationModelChange}
          pageSizeOptions={PAGE_SIZES}
          onSortModelChange={onSortModelChange}
          disableColumnFilter
          rowSelection={false}
          density="compact"
          getRowClassName={rowClassName}
          onRowClick={onRowClick}
          onCellKeyDown={onCellKeyDown}
          localeText={LOCALE_TEXT}
          apiRef={apiRef}
          columnVisibilityModel={hidden}
          onColumnVisibilityModelChange={setHidden}
          slots={SLOTS}
          slotProps={slotProps}
          sx={GRID_SX}
        />
      </Paper>
      {writing && (
        <LettersForSelectedDialog
          customerIds={writing}
          onClose={() => setWriting(null)}
          onSent={() => {
            useAgingSelection.getState().clear();
            void load();
          }}
        />
      )}
      {stating && (
        <StatementsDialog
          customerIds={stating}
          onClose={() => setStating(null)}
          onSent={() => {
            useAgingSelection.getState().clear();
            void load();
          }}
        />
      )}
    </Box>
  );
}
