import { z } from 'zod';

// Backups of the ledger file: rotating copies in `<ledger file>-backups/` beside it, and
// restoring one (which needs the ledger closed, so the app host does it; see createHandlers).

export const BACKUP_REASONS = ['daily', 'before-import', 'before-migration', 'before-restore', 'manual'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

/** How many backups are kept unless the business says otherwise (`ledger_setting.backup_keep`). */
export const DEFAULT_BACKUP_KEEP = 10;
export const MAX_BACKUP_KEEP = 100;

export const BackupCreateSchema = z.strictObject({});

export const BackupSettingsSchema = z.strictObject({
  keep: z
    .number({ error: 'Enter a whole number of backups' })
    .int('Enter a whole number of backups')
    .min(1, 'Keep at least 1 backup')
    .max(MAX_BACKUP_KEEP, `At most ${MAX_BACKUP_KEEP} backups`),
});

export const BackupRestoreSchema = z.strictObject({
  /** A backup's file name as `backups.list` gives it: a name only, never a path. */
  file: z
    .string({ error: 'Choose a backup' })
    .min(1, 'Choose a backup')
    .max(200, 'Choose a backup from the list')
    .refine((f) => !/[\\/]/.test(f) && f !== '.' && f !== '..', 'Choose a backup from the list (a file name, not a path)'),
});

export interface BackupEntry {
  /** File name inside the backups folder. */
  file: string;
  /** ISO 8601 instant (UTC) the backup was taken, from its name. */
  takenAt: string;
  reason: BackupReason;
  bytes: number;
}

export interface BackupList {
  /** The backups folder, `<ledger file>-backups` beside the ledger. */
  folder: string;
  /** How many backups are kept; older ones are removed after each new backup. */
  keep: number;
  /** Newest first. */
  backups: BackupEntry[];
}

export interface RestoreSummary {
  /** The backup restored: its file name (or path, when restored from elsewhere by the CLI). */
  file: string;
  /** When it was taken (from its name; the file's modification time for a file not named by Settle). */
  takenAt: string;
  /** Null for a file not named by Settle. */
  reason: BackupReason | null;
  customers: number;
  invoices: number;
  /** The copy of the ledger as it was just before the restore, in the backups folder; null when there was no ledger file. */
  beforeRestore: string | null;
}
