import { create } from 'zustand';
import type { CustomerSummary } from '../../../src-main/contract';
import { call } from '../../api/client';

interface CustomersState {
  search: string;
  page: number;
  pageSize: number;
  rows: CustomerSummary[];
  total: number;
  loading: boolean;
  error: string | null;
  setSearch(search: string): void;
  setPage(page: number, pageSize: number): void;
  load(): Promise<void>;
}

let requestSeq = 0;

/** One page of customers at a time: the renderer never holds the whole ledger. */
export const useCustomers = create<CustomersState>((set, get) => ({
  search: '',
  page: 0,
  pageSize: 25,
  rows: [],
  total: 0,
  loading: false,
  error: null,
  setSearch(search) {
    set({ search, page: 0 });
    void get().load();
  },
  setPage(page, pageSize) {
    set({ page, pageSize });
    void get().load();
  },
  async load() {
    const seq = ++requestSeq;
    const { search, page, pageSize } = get();
    set({ loading: true });
    try {
      const result = await call('customers.list', { search, offset: page * pageSize, limit: pageSize });
      // A slower, older answer must not overwrite a newer one while the user types.
      if (seq === requestSeq) set({ rows: result.rows, total: result.total, loading: false, error: null });
    } catch (err) {
      if (seq === requestSeq) set({ loading: false, error: (err as Error).message });
    }
  },
}));
