import fs from 'node:fs';
import os from 'node:os';
import { ServiceError } from '../contract/service-error';

/**
 * Who is writing to a ledger for a long time (an import, a letters batch, a policy run), kept in
 * a small file beside it, so a program kept waiting can say who holds the write lock instead of
 * "database is locked". SQLite cannot tell us; a stale note (its process gone) is ignored.
 */
interface WriterNote {
  what: string;
  pid: number;
  host: string;
  startedAt: string;
}

const noteFile = (ledgerPath: string) => `${ledgerPath}.writer.json`;

/** Notes that this process is about to write for a while; the returned function removes the note. */
export function noteWriter(ledgerPath: string, what: string, now: Date = new Date()): () => void {
  const note: WriterNote = { what, pid: process.pid, host: os.hostname(), startedAt: now.toISOString() };
  try {
    fs.writeFileSync(noteFile(ledgerPath), JSON.stringify(note));
  } catch {
    return () => undefined; // Only a nicer message is lost.
  }
  return () => {
    try {
      const current = JSON.parse(fs.readFileSync(noteFile(ledgerPath), 'utf8')) as WriterNote;
      if (current.pid === process.pid && current.startedAt === note.startedAt) fs.rmSync(noteFile(ledgerPath), { force: true });
    } catch {
      // Already gone or replaced by another writer's note.
    }
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** "an import started at 10:42 (process 1234)", or null when nobody left a live note. */
export function currentWriter(ledgerPath: string): string | null {
  try {
    const note = JSON.parse(fs.readFileSync(noteFile(ledgerPath), 'utf8')) as WriterNote;
    if (note.host === os.hostname() && !alive(note.pid)) return null;
    const at = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(new Date(note.startedAt));
    return `${note.what} started at ${at} (process ${note.pid}${note.host === os.hostname() ? '' : ` on ${note.host}`})`;
  } catch {
    return null;
  }
}

/** SQLite's "database is locked" after the busy timeout, as a typed error saying who has the lock. */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

export function busyError(ledgerPath: string): ServiceError {
  const who = currentWriter(ledgerPath);
  return new ServiceError(
    'busy',
    who ? `Another program is writing to this ledger: ${who}. Try again when it has finished.` : 'Another program is writing to this ledger. Try again in a moment.',
  );
}
