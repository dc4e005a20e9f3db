import { create } from 'zustand';

/**
 * The customers ticked on the aging grid for letters or statements, by customer id, kept across
 * pages and sorts. The grid's rows are keyed by their place on the page, not by customer, so that
 * a re-sort or a page change fills the rows already drawn instead of drawing new ones; the ticks
 * therefore live here, and each box reads only its own customer's tick.
 */
interface SelectionState {
  selected: ReadonlySet<number>;
  /** The customers on the page the grid shows, in order (the header box ticks them all). */
  page: readonly number[];
  toggle(customerId: number): void;
  /** Ticks or unticks every customer on the page. */
  setPage(on: boolean): void;
  showPage(customerIds: readonly number[]): void;
  clear(): void;
}

export const useAgingSelection = create<SelectionState>((set, get) => ({
  selected: new Set(),
  page: [],
  toggle(customerId) {
    const selected = new Set(get().selected);
    if (!selected.delete(customerId)) selected.add(customerId);
    set({ selected });
  },
  setPage(on) {
    const selected = new Set(get().selected);
    for (const id of get().page) {
      if (on) selected.add(id);
      else selected.delete(id);
    }
    set({ selected });
  },
  showPage(customerIds) {
    set({ page: customerIds });
  },
  clear() {
    set({ selected: new Set() });
  },
}));

/** The class on each box, so a click on it is told apart from a click that opens the card. */
export const SELECT_BOX_CLASS = 'aging-select';

/**
 * One customer's box: a plain checkbox, a small part of what a drawn row costs, and drawn again
 * only when its own tick changes.
 */
export function RowSelectBox({ customerId, name }: { customerId: number; name: string }) {
  const checked = useAgingSelection((s) => s.selected.has(customerId));
  const toggle = useAgingSelection((s) => s.toggle);
  return <input type="checkbox" className={SELECT_BOX_CLASS} aria-label={`Select ${name}`} checked={checked} onChange={() => toggle(customerId)} />;
}

/** The header's box: every customer on the page, ticked, unticked or some of them (indeterminate). */
export function PageSelectBox() {
  const state = useAgingSelection((s) => {
    const on = s.page.filter((id) => s.selected.has(id)).length;
    return on === 0 ? 'none' : on === s.page.length ? 'all' : 'some';
  });
  const setPage = useAgingSelection((s) => s.setPage);
  return (
    <input
      type="checkbox"
      className={SELECT_BOX_CLASS}
      aria-label="Select all on this page"
      checked={state === 'all'}
      ref={(el) => {
        if (el) el.indeterminate = state === 'some';
      }}
      onChange={() => setPage(state !== 'all')}
    />
  );
}
