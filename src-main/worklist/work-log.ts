import type { PolicyAction } from '../contract';

export interface LatestAction {
  action: 'done' | 'snooze' | 'reassign' | 'skip' | 'override';
  until_date: string | null;
  collector: string | null;
  new_action: PolicyAction | null;
  note: string | null;
}

/** A row of the clerk's work log, an undo included. */
export type LoggedAction = Omit<LatestAction, 'action'> & { id: number; action: LatestAction['action'] | 'undo'; undoes: number | null; source_kind: string; source_id: number };

/**
 * The one definition of what still stands of the clerk's log: per item (`kind-id`), its actions
 * in order, each undo having taken its action back off. The list reads the latest; Undo may only
 * take back that one.
 */
export function standingActions(rows: LoggedAction[]): Map<string, (LatestAction & { id: number })[]> {
  const history = new Map<string, (LatestAction & { id: number })[]>();
  for (const a of rows) {
    const key = `${a.source_kind}-${a.source_id}`;
    const list = history.get(key) ?? [];
    if (a.action === 'undo') {
      const i = list.findIndex((x) => x.id === a.undoes);
      if (i >= 0) list.splice(i, 1);
    } else list.push({ ...a, action: a.action });
    history.set(key, list);
  }
  return history;
}
