import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Database } from 'better-sqlite3';
import type { ArchiveCheck, ArchiveProblem } from '../../contract/letters';

/**
 * The archive of what left the building: the exact bytes of every letter sent and every
 * credit-bureau file made, beside the ledger file so the two travel together (`books.sqlite` →
 * `books-archive/letters/2026/11/…pdf`, `books-archive/bureau/2026/11/…csv`). The ledger keeps
 * each file's SHA-256 and size, so anyone can check later that what is in the folder is what was sent.
 */
export type ArchiveSection = 'letters' | 'bureau';

export function archiveFolder(ledgerPath: string, section: ArchiveSection = 'letters'): string {
  const base = path.basename(ledgerPath).replace(/\.(sqlite3?|db)$/i, '');
  return path.join(path.dirname(ledgerPath), `${base}-archive`, section);
}

/** A stored path (always with forward slashes, relative to the section's folder) on this machine. */
export function archivedPath(ledgerPath: string, stored: string, section: ArchiveSection = 'letters'): string {
  return path.join(archiveFolder(ledgerPath, section), ...stored.split('/'));
}

/**
 * Puts a small file that is already whole in memory (a bureau CSV) into the archive under
 * `stored`: written and flushed under a temporary name, then `record` runs (the caller's ledger
 * transaction, given the digest), and only then is the file renamed into place. If `record` throws,
 * the file is removed, so the archive and the ledger never disagree.
 */
export function storeArchivedFile<T>(
  ledgerPath: string,
  section: ArchiveSection,
  stored: string,
  content: Buffer,
  record: (digest: { sha256: string; bytes: number }) => T,
): T {
  const finalPath = archivedPath(ledgerPath, stored, section);
  fs.mkdirSync(path.dirname(finalPath), { recursive: true });
  if (fs.existsSync(finalPath)) throw new Error(`The archive already has a file named ${stored}`);
  const tempPath = path.join(path.dirname(finalPath), `.${randomBytes(6).toString('hex')}.partial`);
  const fd = fs.openSync(tempPath, 'wx');
  try {
    for (let at = 0; at < content.length; ) at += fs.writeSync(fd, content, at, content.length - at);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    const result = record({ sha256: createHash('sha256').update(content).digest('hex'), bytes: content.length });
    fs.renameSync(tempPath, finalPath);
    return result;
  } catch (err) {
    fs.rmSync(tempPath, { force: true });
    throw err;
  }
}

/**
 * A batch is written under a temporary name (ArchiveWriter) and renamed once recorded. A process
 * killed while printing leaves that file behind: it was never recorded, so it is no letter sent.
 */
const PARTIAL_SUFFIX = '.pdf.partial';
const PARTIAL_NAME = /^\.\d{4}-\d{2}-\d{2}-[0-9a-f]{12}\.pdf\.partial$/;

/**
 * Writes a PDF into the archive as it is produced: every chunk goes through SHA-256 on its way
 * to a temporary file, so a batch of a thousand letters is never held in memory. `finish` fires
 * only once every byte is on disk (flushed), which is what the renderer waits for.
 */
export class ArchiveWriter extends Writable {
  readonly tempPath: string;
  private readonly fd: number;
  private readonly hash = createHash('sha256');
  private written = 0;
  private fdClosed = false;
  private finalPath: string | null = null;

  constructor(
    private readonly ledgerPath: string,
    readonly letterDate: string,
  ) {
    super();
    const dir = archivedPath(ledgerPath, monthFolder(letterDate));
    fs.mkdirSync(dir, { recursive: true });
    // Same folder as the final name, so moving it into place is one atomic rename.
    this.tempPath = path.join(dir, `.${letterDate}-${randomBytes(6).toString('hex')}${PARTIAL_SUFFIX}`);
    this.fd = fs.openSync(this.tempPath, 'wx');
  }

  // Synchronous writes: nothing is in flight when the batch is abandoned, so the file can go at once.
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    try {
      for (let at = 0; at < chunk.length; ) at += fs.writeSync(this.fd, chunk, at, chunk.length - at);
      this.hash.update(chunk);
      this.written += chunk.length;
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _final(done: (err?: Error | null) => void): void {
    try {
      fs.fsyncSync(this.fd);
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  /** The finished file's digest and size; call after `finish`. */
  digest(): { sha256: string; bytes: number } {
    return { sha256: this.hash.copy().digest('hex'), bytes: this.written };
  }

  private closeFd(): void {
    if (this.fdClosed) return;
    this.fdClosed = true;
    fs.closeSync(this.fd);
  }

  /**
   * Gives the finished file its name and records it in letter_file; returns the new row. Run it
   * inside the transaction that records the letters: the rename comes last, so if anything
   * before it fails, the caller's discard() removes the temporary file and nothing is left.
   */
  commit(db: Database, label: string, pages: number, createdAt: string): { fileId: number; stored: string; fileName: string } {
    this.closeFd();
    const { sha256, bytes } = this.digest();
    const fileId = Number(
      db.prepare('INSERT INTO letter_file (path, sha256, bytes, pages, created_at) VALUES (?, ?, ?, ?, ?)').run(`pending/${path.basename(this.tempPath)}`, sha256, bytes, pages, createdAt)
        .lastInsertRowid,
    );
    const fileName = `${this.letterDate}-${label}-${fileId}.pdf`;
    const stored = `${monthFolder(this.letterDate)}/${fileName}`;
    db.prepare('UPDATE letter_file SET path = ? WHERE id = ?').run(stored, fileId);
    this.finalPath = archivedPath(this.ledgerPath, stored);
    if (fs.existsSync(this.finalPath)) throw new Error(`The archive already has a file named ${stored}`);
    fs.renameSync(this.tempPath, this.finalPath);
    return { fileId, stored, fileName };
  }

  /** Removes whatever this writer left on disk: the temporary file, or the renamed one if the ledger refused it afterwards. */
  discard(): void {
    if (!this.destroyed && !this.writableFinished) this.destroy();
    this.closeFd();
    fs.rmSync(this.tempPath, { force: true });
    if (this.finalPath) fs.rmSync(this.finalPath, { force: true });
  }
}

/** Unfinished batches in the archive (`letters/YYYY/MM/.….pdf.partial`), by path. */
export function unfinishedBatches(ledgerPath: string): { path: string; modifiedMs: number }[] {
  const found: { path: string; modifiedMs: number }[] = [];
  const root = archiveFolder(ledgerPath);
  for (const year of subfolders(root)) {
    for (const month of subfolders(year)) {
      for (const name of fs.readdirSync(month).filter((n) => PARTIAL_NAME.test(n))) {
        const file = path.join(month, name);
        found.push({ path: file, modifiedMs: fs.statSync(file).mtimeMs });
      }
    }
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * Removes unfinished batches nobody has written to for an hour: a batch still being printed by
 * another window or the CLI is written continuously (a 5,000-letter batch takes seconds), so it is
 * never this old. Compared with the file system's own clock, not the app's (which tests may pin).
 * Best effort, never throws: it runs after a send is recorded, which must not fail over housekeeping.
 */
export function removeStaleBatches(ledgerPath: string, olderThanMs = 60 * 60 * 1000): string[] {
  const removed: string[] = [];
  try {
    const cutoff = Date.now() - olderThanMs;
    for (const f of unfinishedBatches(ledgerPath)) {
      if (f.modifiedMs >= cutoff) continue;
      fs.rmSync(f.path, { force: true });
      removed.push(f.path);
    }
  } catch {
    // Left for `settle letters verify` to report.
  }
  return removed;
}

function subfolders(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(dir, e.name));
}

function monthFolder(date: string): string {
  return `${date.slice(0, 4)}/${date.slice(5, 7)}`;
}

/** SHA-256 and size of a file, read in pieces so a large batch never sits in memory whole. */
export function hashFile(file: string): { sha256: string; bytes: number } {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1 << 20);
  const fd = fs.openSync(file, 'r');
  let bytes = 0;
  try {
    for (let n; (n = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0; bytes += n) hash.update(buffer.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return { sha256: hash.digest('hex'), bytes };
}

interface FileRow {
  id: number;
  path: string;
  sha256: string;
  bytes: number;
}

/** What is wrong with one archived file, or null if it is exactly what was sent. */
export function checkArchivedFile(ledgerPath: string, row: FileRow, section: ArchiveSection = 'letters'): ArchiveProblem['problem'] | null {
  const file = archivedPath(ledgerPath, row.path, section);
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return 'missing';
  }
  if (size !== row.bytes) return 'size';
  return hashFile(file).sha256 === row.sha256 ? null : 'altered';
}

/** The ledger table that records each section's files. */
const FILE_TABLES: Record<ArchiveSection, string> = { letters: 'letter_file', bureau: 'bureau_file' };

/** Every file the ledger says was sent (in one section of the archive), checked against its recorded size and SHA-256. */
export function verifyArchive(db: Database, ledgerPath: string, section: ArchiveSection = 'letters'): ArchiveCheck {
  const problems: ArchiveProblem[] = [];
  let checked = 0;
  for (const row of db.prepare(`SELECT id, path, sha256, bytes FROM ${FILE_TABLES[section]} ORDER BY id`).iterate() as IterableIterator<FileRow>) {
    checked++;
    const problem = checkArchivedFile(ledgerPath, row, section);
    if (problem) problems.push({ fileId: row.id, path: archivedPath(ledgerPath, row.path, section), problem });
  }
  return { checked, ok: checked - problems.length, problems };
}
