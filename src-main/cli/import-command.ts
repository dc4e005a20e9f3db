import fs from 'node:fs';
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
  try {
    const summary = await importCsvFile(ledger.db, kind as ImportKind, file);
    if (format === 'json') console.log(JSON.stringify(summary));
    else console.log(`Imported ${kind} from ${file}: ${summary.inserted} new, ${summary.unchanged} already in the ledger.`);
    return 0;
  } catch (err) {
    if (!(err instanceof ImportRejected)) throw err;
    const lines = err.errors.map(formatRowError);
    if (format === 'json') console.log(JSON.stringify({ kind, inserted: 0, unchanged: 0, errors: lines }));
    else console.error([`Nothing was imported: ${err.errors.length} problem${err.errors.length === 1 ? '' : 's'} in ${file}.`, ...lines].join('\n'));
    return 2;
  } finally {
    await ledger.close();
  }
}
