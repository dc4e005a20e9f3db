import { z } from 'zod';
import { isoDate } from './date-fields';

// ── The consultant's desk: several client ledgers, one file each ─────────────────────────────
// These methods are not about one ledger but about the list of them, kept in the user's settings
// (`<user data>/ledgers.json`, never inside a ledger). A ledger in the list is named by its
// `name` (unique, case-insensitive) and stands for its file's absolute path.

const LedgerName = z.string().trim().min(1, 'Give the ledger a name').max(80, 'A name of at most 80 characters');
const LedgerFile = z.string().trim().min(1, 'Choose the ledger file').max(1000, 'A path of at most 1000 characters');

export interface LedgerEntry {
  name: string;
  /** Absolute path of the ledger file. */
  path: string;
  /** The company the ledger's letterhead names, as last read ('' when unknown). */
  company: string;
  /** Local date-time 'YYYY-MM-DDTHH:mm' it was last opened in Settle, or null. */
  lastOpened: string | null;
  /** False when the file is no longer there (moved, deleted, a drive not mounted). */
  present: boolean;
}

export const LedgerCreateSchema = z.strictObject({
  /** Where the new file goes; refused if a file is already there. */
  path: LedgerFile,
  company: z.string().trim().min(1, 'Enter the client company’s name').max(120, 'At most 120 characters'),
  /** ISO 4217, two-decimal currencies only (as `settle init`). */
  currency: z.string().trim().regex(/^[A-Za-z]{3}$/, 'A three-letter currency code such as USD').default('USD'),
  /** Name in the list; the company's name when not given. */
  name: LedgerName.optional(),
});

export const LedgerAddSchema = z.strictObject({ path: LedgerFile, name: LedgerName.optional() });
export const LedgerNameSchema = z.strictObject({ name: LedgerName });
export const LedgerRenameSchema = z.strictObject({ name: LedgerName, newName: LedgerName });
export const LedgerListSchema = z.strictObject({});

export const TodaySchema = z.strictObject({
  /** The day the overview is for; the clerk's today when left out. */
  asOf: isoDate('As-of date').optional(),
});

/** One ledger's morning, read from the file without keeping it open. */
export interface LedgerToday {
  name: string;
  path: string;
  company: string;
  /** 'ok'; 'missing' (no file there); 'unreadable' (not a Settle ledger, newer schema, …) with `problem`. */
  state: 'ok' | 'missing' | 'unreadable';
  problem?: string;
  /** Worklist items due on asOf, as that ledger's own worklist counts them. */
  tasksDue: number;
  /** Promises to pay that are broken as of asOf. */
  brokenPromises: number;
  /** Letters the policy has due on asOf that are printed (the Letters page's printed groups). */
  lettersDue: number;
  /** The same that go by email (email steps, to customers with an address; the Letters page's email groups). */
  emailsDue: number;
  /** Minor units past due, and more than 60 days past due, as that ledger's aging report says. */
  overdue: number;
  over60: number;
  currency: string;
  /** When the newest backup was made (local date-time), or null. */
  lastBackup: string | null;
}

export interface TodayOverview {
  asOf: string;
  ledgers: LedgerToday[];
}

/** Copy a letter template or the escalation policy from another ledger in the list into this one. */
export const CopyTemplateSchema = z.strictObject({ from: LedgerName, template: z.string().trim().min(1).max(120) });
export const CopyPolicySchema = z.strictObject({ from: LedgerName });
