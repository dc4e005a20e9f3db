import { create } from 'zustand';
import type { AgingPageData, Input } from '../../../src-main/contract';
import { call } from '../../api/client';
import { toIsoDate } from '../../lib/dates';
import { downloadFile } from '../../lib/download';

export const BUCKET_PRESETS: Record<string, number[]> = {
  '30,60,90,120': [30, 60, 90, 120],
  '30,60,90': [30, 60, 90],
  '15,30,45,60': [15, 30, 45, 60],
  '7,14,30,60,90': [7, 14, 30, 60, 90],
};

export interface AgingQuery {
  asOf: string;
  basis: 'due' | 'issue';
  preset: string;
  /** 0 = every balance; k = something open in bucket k or later. */
  minBucket: number;
  search: string;
  /** '' = any. */
  status: string;
  profile: string;
  collector: string;
  sort: { field: string; direction: 'asc' | 'desc' };
  page: number;
  pageSize: number;
}

interface AgingState {
  query: AgingQuery;
  data: AgingPageData | null;
  /** The page and sort `data` is for: the grid shows these, so a click draws it once, when the rows arrive. */
  shown: Pick<AgingQuery, 'page' | 'pageSize' | 'sort'> | null;
  loading: boolean;
  error: string | null;
  exporting: boolean;
  set(patch: Partial<AgingQuery>): void;
  load(): Promise<void>;
  exportView(format: 'csv' | 'xlsx'): Promise<void>;
}

let seq = 0;
const LOADING_AFTER_MS = 150;

function request(q: AgingQuery): Omit<Input<'aging.page'>, 'offset' | 'limit'> {
  return {
    asOf: q.asOf,
    basis: q.basis,
    limits: BUCKET_PRESETS[q.preset],
    minBucket: q.minBucket || undefined,
    search: q.search,
    status: q.status || undefined,
    profile: q.profile || undefined,
    collector: q.collector.trim() || undefined,
    sort: q.sort,
  };
}

/** The aging grid's query and one page of answer; the whole report stays in the main process. */
export const useAging = create<AgingState>((set, get) => ({
  query: {
    asOf: toIsoDate(new Date()),
    basis: 'due',
    preset: '30,60,90,120',
    minBucket: 0,
    search: '',
    status: '',
    profile: '',
    collector: '',
    sort: { field: 'customerCode', direction: 'asc' },
    page: 0,
    pageSize: 100,
  },
  data: null,
  shown: null,
  loading: false,
  error: null,
  exporting: false,
  set(patch) {
    const current = get().query;
    const changed = (Object.keys(patch) as (keyof AgingQuery)[]).filter((k) => JSON.stringify(patch[k]) !== JSON.stringify(current[k]));
    // The grid re-reports unchanged models (e.g. sorting) on re-render; only a real change of
    // filter or sort goes back to the first page.
    if (changed.length === 0) return;
    const resetPage = changed.some((k) => k !== 'page' && k !== 'pageSize');
    set({ query: { ...current, ...patch, ...(resetPage ? { page: 0 } : {}) } });
    void get().load();
  },
  async load() {
    const mine = ++seq;
    const q = get().query;
    // A page usually comes back within a frame or two: the loading bar only for one that does not,
    // since showing and hiding it costs the grid two more renders per page change.
    const slow = setTimeout(() => mine === seq && set({ loading: true }), LOADING_AFTER_MS);
    try {
      const data = await call('aging.page', { ...request(q), offset: q.page * q.pageSize, limit: q.pageSize });
      if (mine === seq) set({ data, shown: { page: q.page, pageSize: q.pageSize, sort: q.sort }, loading: false, error: null });
    } catch (err) {
      if (mine === seq) set({ loading: false, error: (err as Error).message });
    } finally {
      clearTimeout(slow);
    }
  },
  async exportView(format) {
    set({ exporting: true });
    try {
      downloadFile(await call('aging.export', { ...request(get().query), format }));
      set({ exporting: false });
    } catch (err) {
      set({ exporting: false, error: (err as Error).message });
    }
  },
}));

/**
 * Asks for the grid's first page once the app has started, so the clerk's first visit to Aging
 * opens with its rows instead of an empty grid that is drawn again when they arrive (the
 * backend's warm-up has the report ready by then). The visit itself asks again, for fresh figures.
 */
export function prefetchAging(): void {
  if (useAging.getState().data === null && seq === 0) void useAging.getState().load();
}
