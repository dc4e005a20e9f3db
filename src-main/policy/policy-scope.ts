import type { Database } from 'better-sqlite3';
import { CUSTOMER_PROFILES, type CustomerProfile, type PolicyStep } from '../contract';
import { customersChangedSince, ledgerMarks, rowsAddedSince, type LedgerMarks } from '../ledger/ledger-changes';
import { policyConfigSql, RUN_MARKS_KEY } from './policy-stamp';
import { addDays, daysBetween } from '../money/dates';
import { adjustStep } from '../profiles/profile-strategy';

/*
 * Which customers a policy run has to look at. The first run, a forced run, a run after the policy
 * or the settings changed, and a run after a long gap look at everyone. Otherwise a run looks at:
 *
 * - the customers whose money or standing changed since the last run (ledger/ledger-changes.ts);
 * - the customers for whom a date alone moved something: an open item whose due date, shifted
 *   by any step's day offset (as any profile adjusts it), fell on a day since the last run — an
 *   item fallen due, a reminder's day come, the oldest item reaching a dunning step;
 * - the customers of every dispute or plan still running or ended since the last run (these
 *   change state without a new row, and plan instalments fall due by date);
 * - the customers of promises that may have broken since, by date (their task reads what may
 *   still be asked for).
 *
 * Everyone else's tasks are exactly what the last run left: the property test
 * (test/unit/policy-incremental-model.test.ts) holds every scoped run to a full run's result.
 */

/** A longer gap than this (a ledger left for a fortnight) is not worth scoping: run for everyone. */
export const MAX_SCOPED_GAP_DAYS = 7;
/** Past this share of customers a scoped run costs more than reading everyone in one pass. */
const MAX_SCOPED_SHARE = 0.25;
/** Reminders look this far ahead (policy-run.ts); an item enters that window by date alone. */
export const REMINDER_HORIZON_DAYS = 100;


interface RunMarks {
  day: string;
  config: string;
  marks: LedgerMarks;
}

export type PolicyScope =
  | { kind: 'everyone'; why: string }
  | {
      kind: 'some';
      customers: Set<number>;
      /** Those of them whose money, promises or holds may have moved; the rest were reached by a date alone. */
      changed: Set<number>;
      since: string;
    };

/** The settings and steps (latest_entry_date, which moves with every entry, aside). */
function configStamp(db: Database): string {
  return db.prepare(`SELECT ${policyConfigSql(['latest_entry_date'])}`).pluck().get() as string;
}

/** Written at the end of every run, in its transaction. */
export function rememberRunMarks(db: Database, today: string): void {
  const value: RunMarks = { day: today, config: configStamp(db), marks: ledgerMarks(db) };
  db.prepare(`INSERT INTO ledger_setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(RUN_MARKS_KEY, JSON.stringify(value));
}


function readRunMarks(db: Database): RunMarks | null {
  const text = db.prepare(`SELECT value FROM ledger_setting WHERE key = ?`).pluck().get(RUN_MARKS_KEY) as string | undefined;
  if (!text) return null;
  try {
    return JSON.parse(text) as RunMarks;
  } catch {
    return null;
  }
}

type Offsets = { reminder: number[]; dunning: number[] };

/**
 * The day offsets from an item's due date at which a step fires or stops, besides 0 (the item
 * falls due): the reminders' days before it and the dunning steps' days after it — as the
 * standard policy has them (`null`) and, for each profile that moves a step, the days it moves it to.
 */
function dayOffsets(steps: PolicyStep[]): Map<CustomerProfile | null, Offsets> {
  const offsetsOf = (profile: CustomerProfile | null) => {
    const offsets = new Set<number>();
    for (const s of steps) {
      // A reminder set further ahead than the run looks starts when the item enters the window.
      if (s.trigger === 'days_from_due') offsets.add(Math.max(adjustStep(profile, s).days, -REMINDER_HORIZON_DAYS));
    }
    offsets.delete(0);
    return offsets;
  };
  const standard = offsetsOf(null);
  const split = (o: Iterable<number>) => ({ reminder: [...o].filter((k) => k < 0), dunning: [...o].filter((k) => k > 0) });
  const out = new Map<CustomerProfile | null, Offsets>([[null, split(standard)]]);
  for (const profile of CUSTOMER_PROFILES) {
    const extra = [...offsetsOf(profile)].filter((k) => !standard.has(k));
    if (extra.length > 0) out.set(profile, split(extra));
  }
  return out;
}

/** The due dates that, shifted by one of the offsets, fall on a day in (since, today]. */
function datesFor(since: string, today: string, offsets: number[]): Set<string> {
  const dates = new Set<string>();
  for (let d = addDays(since, 1); d <= today; d = addDays(d, 1)) for (const k of offsets) dates.add(addDays(d, -k));
  return dates;
}

/**
 * Customers for whom a date alone moved something:
 * - an item fell due (what is due changes, and a reminder for it closes): any open item;
 * - a reminder's day came: only for customers with nothing due yet (reminders are for them);
 * - a dunning step's day came: only for the oldest item (a customer is dunned from the oldest
 *   item that may be asked for).
 * Unless cash or credit on the account is netted against the oldest items first: then any item
 * counts. Customers with disputes or plans, whose oldest collectable item is not their oldest
 * open one, are read whole anyway (heldOrEnded). Each item is matched against the dates of its
 * customer's profile (the standard offsets hold for everyone).
 */
function touchedByDate(db: Database, since: string, today: string, steps: PolicyStep[]): Set<number> {
  const falling = datesFor(since, today, [0]);
  const dates = new Map([...dayOffsets(steps)].map(([profile, o]) => [profile, { reminder: datesFor(since, today, o.reminder), dunning: datesFor(since, today, o.dunning) }]));
  const standard = dates.get(null)!;
  const hits = (profile: CustomerProfile | null, due: string, kind: keyof Offsets) =>
    standard[kind].has(due) || (profile !== null && (dates.get(profile)?.[kind].has(due) ?? false));
  const touched = new Set<number>();

  // The few customers with a profile, from its own index: a profile's extra dates are looked up
  // only when a customer has that profile, and an item's customer row is never read for it.
  const profiles = new Map(db.prepare('SELECT id, profile FROM customer WHERE profile IS NOT NULL').raw().all() as [number, CustomerProfile][]);
  const profiled = new Set(profiles.values());
  // One pass over the open items due on any of the dates; the oldest item is then read only for
  // the customers with an item on a reminder's or a dunning step's date.
  const withCash = new Set(
    db.prepare('SELECT customer_id FROM payment WHERE unapplied > 0 UNION SELECT customer_id FROM credit_note WHERE unapplied > 0').pluck().all() as number[],
  );
  const candidates = new Map<number, { profile: CustomerProfile | null; reminder: boolean }>();
  const all = new Set([...falling, ...standard.reminder, ...standard.dunning]);
  for (const [profile, d] of dates) if (profile !== null && profiled.has(profile)) for (const day of [...d.reminder, ...d.dunning]) all.add(day);
  const rows = db
    .prepare(
      `SELECT customer_id, due_date FROM invoice WHERE open_amount > 0 AND has_schedule = 0 AND due_date IN (SELECT value FROM json_each(@dates))
       UNION ALL SELECT customer_id, due_date FROM instalment WHERE open_amount > 0 AND due_date IN (SELECT value FROM json_each(@dates))`,
    )
    .raw()
    .all({ dates: JSON.stringify([...all]) }) as [number, string][];
  for (const [id, due] of rows) {
    const profile = profiles.get(id) ?? null;
    if (falling.has(due) || (withCash.has(id) && (hits(profile, due, 'reminder') || hits(profile, due, 'dunning')))) touched.add(id);
    else if (hits(profile, due, 'reminder') || hits(profile, due, 'dunning')) {
      const was = candidates.get(id);
      candidates.set(id, { profile, reminder: (was?.reminder ?? false) || hits(profile, due, 'reminder') });
    }
  }
  const oldest = db.prepare(
    `SELECT customer_id, MIN(oldest) FROM (
       SELECT customer_id, MIN(due_date) AS oldest FROM invoice
        WHERE open_amount > 0 AND has_schedule = 0 AND customer_id IN (SELECT value FROM json_each(@ids)) GROUP BY customer_id
       UNION ALL SELECT customer_id, MIN(due_date) FROM instalment
        WHERE open_amount > 0 AND customer_id IN (SELECT value FROM json_each(@ids)) GROUP BY customer_id)
     GROUP BY customer_id`,
  );
  for (const [id, due] of oldest.raw().iterate({ ids: JSON.stringify([...candidates.keys()].filter((c) => !touched.has(c))) }) as IterableIterator<[number, string]>) {
    const c = candidates.get(id)!;
    // Nothing due yet: a reminder may fire. The oldest item on a dunning step's date: the step fires.
    if ((c.reminder && due > today) || hits(c.profile, due, 'dunning')) touched.add(id);
  }
  return touched;
}

/**
 * Customers whose promise, by date alone, may have broken since `since`: a promised date late
 * enough that its deadline (grace days, then the step's days as any profile sets them) falls on
 * a day since the last run. A promise's task reads what may still be asked for.
 */
function promisesComingDue(db: Database, since: string, today: string, steps: PolicyStep[], grace: number): number[] {
  // A broken promise's task falls on promised date + grace + 1 + the step's days (as the profile sets them).
  const days: number[] = [];
  for (const s of steps) {
    if (s.trigger !== 'promise_broken') continue;
    for (const profile of [null, ...CUSTOMER_PROFILES]) days.push(adjustStep(profile, s).days);
  }
  if (days.length === 0) return [];
  const after = addDays(since, -(grace + 1 + Math.max(...days)));
  const upTo = addDays(today, -(grace + 1 + Math.min(...days)));
  return db.prepare('SELECT DISTINCT customer_id FROM promise WHERE promised_date > ? AND promised_date <= ?').pluck().all(after, upTo) as number[];
}

/** Customers whose disputes or plans are running, or ended since `since`, or whose status changed since. */
function heldOrEnded(db: Database, since: string): number[] {
  return db
    .prepare(
      `SELECT customer_id FROM dispute WHERE status <> 'resolved' OR resolved_on >= @since
       UNION SELECT customer_id FROM payment_plan WHERE closed_on IS NULL OR closed_on >= @since
       UNION SELECT customer_id FROM status_change WHERE changed_at >= @since`,
    )
    .pluck()
    .all({ since }) as number[];
}

/** Decides the run's scope; `grace` is the promise grace days the run uses. */
export function policyScope(db: Database, today: string, steps: PolicyStep[], grace: number): PolicyScope {
  const last = readRunMarks(db);
  if (!last) return { kind: 'everyone', why: 'first run' };
  if (last.day > today) return { kind: 'everyone', why: 'the last run was for a later day' };
  if (daysBetween(last.day, today) > MAX_SCOPED_GAP_DAYS) return { kind: 'everyone', why: `more than ${MAX_SCOPED_GAP_DAYS} days since the last run` };
  if (last.config !== configStamp(db)) return { kind: 'everyone', why: 'the policy or the settings changed' };
  const latest = db.prepare(`SELECT value FROM ledger_setting WHERE key = 'latest_entry_date'`).pluck().get() as string;
  // Entries dated after today come into play by date alone; rare enough to not be worth tracking.
  if (latest > today) return { kind: 'everyone', why: 'entries are dated after today' };
  const now = ledgerMarks(db);
  // The customer table's high-water mark stands in for its size (a COUNT(*) read a whole index,
  // 5–70 ms at 100,000 customers): customers are not deleted, and the share is only a threshold.
  const limit = Math.max(1000, (now.seq.customer ?? 0) * MAX_SCOPED_SHARE);
  if (rowsAddedSince(last.marks, now) > limit * 4) return { kind: 'everyone', why: 'much of the ledger changed' };

  const changed = customersChangedSince(db, last.marks, now);
  for (const id of promisesComingDue(db, last.day, today, steps, grace)) changed.add(id);
  for (const id of heldOrEnded(db, last.day)) changed.add(id);
  const customers = new Set(changed);
  for (const id of touchedByDate(db, last.day, today, steps)) customers.add(id);
  if (customers.size > limit) return { kind: 'everyone', why: 'much of the ledger changed' };
  return { kind: 'some', customers, changed, since: last.day };
}
