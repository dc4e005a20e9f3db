import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { BackupEntry, BackupList, RestoreSummary } from '../contract/backups';
import { ServiceError } from '../contract/service-error';
import { backupFolder, backupIfDue, backupList, createBackup, listBackups, writeKeep } from './backup-store';

/** How often an open ledger checks whether its daily backup is due. */
const DAILY_CHECK_MS = 60 * 60 * 1000;
/** The first check waits until start-up (window, bridge, warm-up) is done. */
const FIRST_CHECK_MS = 1500;

export const RESTORE_NEEDS_HOST = 'Restoring needs Settle to reopen the ledger; use `settle backup restore FILE` with the app closed.';

/** The backup methods of one open ledger. */
export class BackupService {
  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly ledgerPath: string,
    private readonly now: () => Date,
    /** Closes the ledger, restores the backup file (a full path) and reopens it: only the app host can. */
    private readonly restorer?: (backupFile: string) => Promise<RestoreSummary>,
  ) {}

  list(): BackupList {
    return backupList(this.db, this.ledgerPath);
  }

  create(): Promise<BackupEntry> {
    return createBackup(this.db, this.ledgerPath, 'manual', this.now());
  }

  setKeep(keep: number): BackupList {
    writeKeep(this.db, keep);
    return this.list();
  }

  /** Only a backup in the list, by name; the host does the rest. */
  async restore(file: string): Promise<RestoreSummary> {
    if (!listBackups(this.ledgerPath).some((b) => b.file === file)) {
      throw new ServiceError('not_found', `There is no backup named ${file}.`, { file: 'Choose a backup from the list' });
    }
    if (!this.restorer) throw new ServiceError('conflict', RESTORE_NEEDS_HOST);
    return this.restorer(path.join(backupFolder(this.ledgerPath), file));
  }

  /**
   * The daily backup: checked shortly after start-up and then every hour while the ledger stays
   * open, made when the newest backup is a day old. Timers never keep the process alive and stop
   * once `isOpen` says the ledger was closed; a failure is logged and tried again next hour.
   */
  scheduleDaily(isOpen: () => boolean, log: (msg: string, err: unknown) => void = (m, e) => console.error(m, e)): void {
    let timer: NodeJS.Timeout | undefined;
    const check = () => {
      if (!isOpen()) {
        clearInterval(timer);
        return;
      }
      backupIfDue(this.db, this.ledgerPath, this.now()).catch((err: unknown) => {
        if (isOpen()) log('daily backup failed', err);
      });
    };
    setTimeout(() => {
      check();
      if (isOpen()) timer = setInterval(check, DAILY_CHECK_MS).unref();
    }, FIRST_CHECK_MS).unref();
  }
}
