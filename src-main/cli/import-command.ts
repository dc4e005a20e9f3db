import fs from 'node:fs';
import path from 'node:path';
import { noteWriter } from '../ledger/writer-note';
import { terminalProgress } from './terminal-progress';
import { formatRowError, IMPORT_KINDS, ImportRejected, type ImportKind } from '../import/import-kinds';
import { importCsvFile } from '../import/importer';
import { Ledger } from '../ledger/ledger';
import { CliError, type OutputFormat } from './cli-error';

export async function runImport(ledgerPath: string, kind: string | undefined, file: string | undefined, format: OutputFormat): Promise<number> {
  if (!kind || !(IMPORT_KINDS as readonly string[]).includes(kind)) {
    throw new CliError(`Say what to import: settle import <${IMPORT_KINDS.join('|')}> FILE.csv`);
  }
  if (!file) throw new CliError(`Name the CSV file: settle import ${kind} FILE.csv`);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CliError(`Cannot read ${file}: no such file`);

  const ledger = await Ledger.open(ledgerPath);
  const progress = terminalProgress(`Importing ${kind}`);
  // So a window kept waiting for the write lock can say who holds it.
  const writing = noteWriter(ledger.path, `an import (settle import ${kind} ${path.basename(file)})`);
  try {
    await (await import('../backup/backup-store')).backupBeforeImport(ledger.db, ledger.path);
    const summary = await importCsvFile(ledger.db, kind as ImportKind, file, { job: progress });
    progress.end();
    if (format === 'json') console.log(JSON.stringify(summary));
    else console.log(`Imported ${kind} from ${file}: ${summary.inserted} new, ${summary.unchanged} already in the ledger.`);
    return 0;
  } catch (err) {
    if (!(err instanceof ImportRejected)) {
      // A failure while reading the file or writing the ledger (I/O error, read-only file, disk
      // full): the import's transaction was rolled back, which the user needs to hear as plainly
      // as a bad row, and a script needs as a non-zero exit.
      const reason = (err as Error)?.message ?? String(err);
      if (format === 'json') console.log(JSON.stringify({ kind, inserted: 0, unchanged: 0, failed: reason }));
      console.error(`settle: Nothing was imported from ${file}: ${reason}`);
      if (process.env.SETTLE_DEBUG) console.error(err);
      return 1;
    }
    const lines = err.errors.map(formatRowError);
    if (format === 'json') console.log(JSON.stringify({ kind, inserted: 0, unchanged: 0, errors: lines }));
    else console.error([`Nothing was imported: ${err.errors.length} problem${err.errors.length === 1 ? '' : 's'} in ${file}.`, ...lines].join('\n'));
    return 2;
  } finally {
    progress.end();
    writing();
    await ledger.close();
  }
}
