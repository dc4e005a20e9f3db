import fs from 'node:fs';
import path from 'node:path';
import { openSqlite } from './sqlite-binding';

/**
 * One Settle window per ledger. The lock is an exclusive SQLite lock on a small file beside the
 * ledger, held for as long as the process lives: the operating system drops it if Settle crashes,
 * so there is never a stale lock to clear by hand. Who holds it is written beside it, because a
 * locked file cannot be read.
 */
export interface InstanceLock {
  /** Updates the description another instance is shown ("browser mode at http://…"). */
  describe(holder: string): void;
  release(): void;
}

interface Holder {
  holder: string;
  pid: number;
  since: string;
}

export class LedgerInUseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerInUseError';
  }
}

export function acquireInstanceLock(ledgerPath: string, holder: string, nativeBinding?: string): InstanceLock {
  const lockPath = `${ledgerPath}.lock`;
  const infoPath = `${ledgerPath}.lock.json`;
  // The lock is taken before the ledger is opened (which would make its folder): on a first start
  // the app's own data folder does not exist yet.
  fs.mkdirSync(path.dirname(path.resolve(ledgerPath)), { recursive: true });
  const db = openSqlite(lockPath, nativeBinding ? { nativeBinding } : {});
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    // A write in exclusive locking mode keeps the lock after it commits, until the connection closes.
    db.exec('CREATE TABLE IF NOT EXISTS held (at TEXT); INSERT INTO held VALUES (CURRENT_TIMESTAMP); DELETE FROM held;');
  } catch (err) {
    db.close();
    const code = (err as { code?: string }).code ?? '';
    if (!code.startsWith('SQLITE_BUSY') && !code.startsWith('SQLITE_LOCKED')) throw err;
    throw new LedgerInUseError(`This ledger is already open in ${describeHolder(infoPath)}. Switch to that window, or close it and try again.`);
  }
  const write = (text: string) => {
    const info: Holder = { holder: text, pid: process.pid, since: new Date().toISOString() };
    try {
      fs.writeFileSync(infoPath, JSON.stringify(info));
    } catch {
      // Only the message a second instance shows is less helpful.
    }
  };
  write(holder);
  return {
    describe: write,
    release() {
      if (!db.open) return;
      db.close();
      fs.rmSync(infoPath, { force: true });
    },
  };
}

function describeHolder(infoPath: string): string {
  try {
    const info = JSON.parse(fs.readFileSync(infoPath, 'utf8')) as Holder;
    const since = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(info.since));
    return `another Settle window: ${info.holder} (process ${info.pid}, since ${since})`;
  } catch {
    return 'another Settle window';
  }
}

/** The lock if no Settle window holds the ledger now, else null (nothing is waited for). */
export function lockIfFree(ledgerPath: string, holder: string, nativeBinding?: string): InstanceLock | null {
  try {
    return acquireInstanceLock(ledgerPath, holder, nativeBinding);
  } catch (err) {
    if (err instanceof LedgerInUseError) return null;
    throw err;
  }
}
