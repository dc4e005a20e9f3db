import type { Database } from 'better-sqlite3';
import type { ImportInspection, ImportPreviewRow, ImportRowError, ImportRunResult } from '../contract/imports';
import type { JobContext } from '../contract/jobs';
import { ServiceError } from '../contract/service-error';
import { backupBeforeImport } from '../backup/backup-store';
import { readCsv } from './csv-records';
import { detectKind, headerRename, headerSignature, mappingProblems, suggestMapping, type ColumnMapping } from './column-mapping';
import { COLUMNS, formatRowError, ImportRejected, type ImportKind, type RowError } from './import-kinds';
import { rememberedMapping, rememberMapping } from './import-mappings';
import { importCsvFile } from './importer';

/** Rows the wizard shows and checks before the clerk imports; the import itself checks them all. */
export const PREVIEW_ROWS = 20;
/** A rejected file lists this many problems; the count says how many there were in all. */
const MAX_ERRORS_SHOWN = 500;

function rowError(e: RowError): ImportRowError {
  return { ...e, text: formatRowError(e) };
}

/** The header as the engine reads it, and as the file spells it. */
async function readHeader(text: string): Promise<{ columns: string[]; labels: string[] }> {
  let header = { columns: [] as string[], labels: [] as string[] };
  await readCsv(
    { text },
    {
      header: (h) => void (header = { columns: h.columns, labels: h.original }),
      records: () => 'stop',
    },
  );
  return header;
}

/** Rows counted from line breaks: an estimate (a quoted field may hold one) for the progress bar. */
function estimatedRows(text: string): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  if (text.length > 0 && !text.endsWith('\n')) lines++;
  return Math.max(1, lines - 1);
}

/**
 * The import wizard: the same engine as `settle import` (`importCsvFile`), given the file's text
 * and the clerk's mapping as a rename of its header. `inspect` checks the first rows and writes
 * nothing; `run` is the CLI's import: a backup first, then all of the file or none of it.
 */
export class ImportService {
  constructor(
    private readonly db: Database,
    private readonly ledgerPath: string,
    private readonly now: () => Date,
  ) {}

  async inspect(input: { text: string; kind?: ImportKind; mapping?: ColumnMapping }): Promise<ImportInspection> {
    const { columns, labels } = await readHeader(input.text);
    const remembered = columns.length ? rememberedMapping(this.db, headerSignature(columns)) : null;
    const kind = input.kind ?? remembered?.kind ?? detectKind(columns);
    let mapping: ColumnMapping;
    let mappingSource: ImportInspection['mappingSource'];
    if (input.mapping) [mapping, mappingSource] = [input.mapping, 'given'];
    else if (remembered && remembered.kind === kind) [mapping, mappingSource] = [remembered.mapping, 'remembered'];
    else [mapping, mappingSource] = [suggestMapping(kind, columns), 'suggested'];
    this.check(kind, columns, mapping);

    const rows: ImportPreviewRow[] = [];
    const fileErrors: ImportRowError[] = [];
    try {
      await importCsvFile(this.db, kind, { text: input.text }, {
        now: this.now,
        rename: headerRename(mapping),
        preview: { rows: PREVIEW_ROWS, row: (r) => rows.push({ line: r.line, values: r.values, errors: r.errors.map(rowError) }) },
      });
    } catch (err) {
      if (!(err instanceof ImportRejected)) throw err;
      const previewed = new Set(rows.map((r) => r.line));
      for (const e of err.errors) if (!previewed.has(e.line)) fileErrors.push(rowError(e));
    }
    return {
      headers: columns.map((column, i) => ({ label: labels[i], column })),
      kind,
      columns: { required: [...COLUMNS[kind].required], optional: [...COLUMNS[kind].optional] },
      mapping,
      mappingSource,
      rows,
      previewLimit: PREVIEW_ROWS,
      fileErrors,
    };
  }

  async run(input: { text: string; fileName?: string; kind: ImportKind; mapping: ColumnMapping }, job: JobContext): Promise<ImportRunResult> {
    const { columns } = await readHeader(input.text);
    this.check(input.kind, columns, input.mapping);
    job.progress(0, 0, 'Backing up the ledger');
    const backup = await backupBeforeImport(this.db, this.ledgerPath, this.now());
    job.checkCancelled();
    const total = estimatedRows(input.text);
    // The engine counts rows read without knowing how many there are; the estimate gives the bar an end.
    const rowsJob: JobContext = {
      progress: (done, of, phase) => (of === 0 ? job.progress(Math.min(done, total), total, 'Rows') : job.progress(done, of, phase)),
      checkCancelled: () => job.checkCancelled(),
    };
    try {
      const summary = await importCsvFile(this.db, input.kind, { text: input.text }, {
        now: this.now,
        job: rowsJob,
        rename: headerRename(input.mapping),
        beforeCommit: () => rememberMapping(this.db, headerSignature(columns), input.kind, input.mapping, this.now().toISOString()),
      });
      return { status: 'imported', kind: input.kind, inserted: summary.inserted, unchanged: summary.unchanged, backup: backup.file };
    } catch (err) {
      if (!(err instanceof ImportRejected)) throw err;
      return { status: 'rejected', kind: input.kind, errors: err.errors.slice(0, MAX_ERRORS_SHOWN).map(rowError), errorCount: err.errors.length };
    }
  }

  /** A mapping naming a column the file lacks, or one column twice, is refused before anything is read. */
  private check(kind: ImportKind, fileColumns: string[], mapping: ColumnMapping): void {
    const problems = mappingProblems(kind, fileColumns, mapping);
    if (Object.keys(problems).length === 0) return;
    const fields = Object.fromEntries(Object.entries(problems).map(([column, message]) => [`mapping.${column}`, message]));
    throw new ServiceError('validation', `The column mapping does not fit this ${kind} file`, fields);
  }
}
