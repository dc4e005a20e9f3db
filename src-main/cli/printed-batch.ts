import fs from 'node:fs';
import path from 'node:path';
import { ServiceError } from '../contract/service-error';
import type { Ledger } from '../ledger/ledger';
import { noteWriter } from '../ledger/writer-note';
import { archivedPath } from '../letters/sending/archive';
import { CliError } from './cli-error';
import { terminalProgress } from './terminal-progress';

/**
 * --out of a printed batch (letters, statements), checked before the ledger is touched: a
 * missing folder or a folder named as the file is a usage error, and nothing is printed.
 */
export function batchOutPath(out: string | undefined, command: string, what: string): string {
  if (!out) throw new CliError(`${command} needs --out FILE.pdf: where to write the ${what} for printing.`);
  const resolved = path.resolve(out);
  if (!fs.existsSync(path.dirname(resolved))) throw new CliError(`The folder for --out does not exist: ${path.dirname(resolved)}`);
  if (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory()) throw new CliError(`--out must name a file, not the folder ${resolved}`);
  return resolved;
}

/**
 * Runs a batch that records and archives one PDF, with its progress on the terminal and a note
 * telling other programs who is writing, then copies the archived file to `out`: the clerk's
 * copy is the very bytes the ledger's SHA-256 is of. A refusal by the service is printed and
 * gives null (exit 1), with nothing recorded.
 */
export async function printBatch<R extends { fileId: number }>(
  ledger: Ledger,
  out: string,
  labels: { progress: string; note: string },
  run: (progress: ReturnType<typeof terminalProgress>) => Promise<R>,
): Promise<{ sent: R; archived: string; sha256: string } | null> {
  let sent: R;
  const progress = terminalProgress(labels.progress);
  const writing = noteWriter(ledger.path, labels.note);
  try {
    sent = await run(progress);
  } catch (err) {
    if (err instanceof ServiceError) {
      console.error(`settle: ${err.message}`);
      return null;
    }
    throw err;
  } finally {
    progress.end();
    writing();
  }
  const file = ledger.db.prepare('SELECT path, sha256 FROM letter_file WHERE id = ?').get(sent.fileId) as { path: string; sha256: string };
  const archived = archivedPath(ledger.path, file.path);
  fs.copyFileSync(archived, out);
  return { sent, archived, sha256: file.sha256 };
}
