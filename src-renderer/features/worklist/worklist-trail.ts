import { create } from 'zustand';
import type { WorkItem } from '../../../src-main/contract';

/** One row of the worklist as the clerk saw it: enough to open its card and name its task. */
export interface TrailStop {
  key: string;
  customerId: number;
  customerName: string;
  source: WorkItem['source'];
  sourceId: number;
  /** What the row asked for, in words ("Step 4 of Standard policy: …"). */
  reason: string;
}

/**
 * The next stop down the list after `at`, skipping the rest of the same customer's rows (their
 * card was just open). The order is the service's (worklist.list); nothing is re-ranked here.
 */
export function nextStop(stops: TrailStop[], at: string | null): TrailStop | null {
  const i = stops.findIndex((s) => s.key === at);
  if (i < 0) return null;
  return stops.slice(i + 1).find((s) => s.customerId !== stops[i].customerId) ?? null;
}

interface TrailState {
  /** The worklist page the clerk came from, in the service's order. */
  stops: TrailStop[];
  /** The row being worked on. */
  at: string | null;
  follow(items: WorkItem[], key: string): void;
  /** Moves to the next customer down the list and returns that stop (null at the end). */
  advance(): TrailStop | null;
}

/** Where the clerk is in the worklist while on a card, so "Next task" can go on down the list. */
export const useTrail = create<TrailState>((set, get) => ({
  stops: [],
  at: null,
  follow(items, key) {
    set({
      stops: items.map((i) => ({ key: i.key, customerId: i.customerId, customerName: i.customerName, source: i.source, sourceId: i.sourceId, reason: i.reason })),
      at: key,
    });
  },
  advance() {
    const next = nextStop(get().stops, get().at);
    set({ at: next?.key ?? null });
    return next;
  },
}));

/** The worklist row the clerk came to this customer's card from, if any. */
export function useTrailStop(customerId: number): TrailStop | null {
  return useTrail((s) => s.stops.find((x) => x.key === s.at && x.customerId === customerId) ?? null);
}
