import { z } from 'zod';
import { COLUMNS, IMPORT_KINDS, type ImportKind } from '../import/import-kinds';
import { PRESET_NAMES, type PresetName } from '../import/presets/preset-types';
import { isoDate } from './date-fields';

export type { ImportKind, PresetName };
export { PRESET_NAMES };

/**
 * The import wizard. The renderer holds the chosen file's text, not a path (a browser cannot
 * give one), so the text itself is sent; the engine and its rules are those of `settle import`.
 */
export const MAX_IMPORT_MB = 50;

const ALL_COLUMNS = [...new Set(IMPORT_KINDS.flatMap((k) => [...COLUMNS[k].required, ...COLUMNS[k].optional]))] as [string, ...string[]];

const CsvText = z.string().max(MAX_IMPORT_MB * 1024 * 1024, `The file is larger than ${MAX_IMPORT_MB} MB: split it, or import it with settle import on the command line`);
const FileName = z.string().max(260, 'That file name is too long');
/** Settle column → the file's column (as the engine names it: trimmed, lower case); a column left out is not in the file. */
const Mapping = z.partialRecord(z.enum(ALL_COLUMNS), z.string().max(200, 'That column name is too long'));

export const ImportInspectSchema = z.strictObject({
  text: CsvText,
  fileName: FileName.optional(),
  /** Without it, the remembered kind for this header or the one the header looks like. */
  kind: z.enum(IMPORT_KINDS).optional(),
  /** Without it, the remembered mapping for this header or a suggestion from the column names. */
  mapping: Mapping.optional(),
});

export const ImportRunSchema = z.strictObject({
  text: CsvText,
  fileName: FileName.optional(),
  kind: z.enum(IMPORT_KINDS),
  mapping: Mapping,
});

export interface ImportRowError {
  line: number;
  column: string;
  message: string;
  /** `line N: column: message`, as `settle import` prints it. */
  text: string;
}

export interface ImportPreviewRow {
  line: number;
  /** The row's fields by Settle column, as the import reads them. */
  values: Record<string, string>;
  errors: ImportRowError[];
}

export interface ImportInspection {
  /** The file's columns: as written, and as the mapping names them. */
  headers: { label: string; column: string }[];
  kind: ImportKind;
  /** Settle's columns for that kind. */
  columns: { required: string[]; optional: string[] };
  mapping: Partial<Record<string, string>>;
  /** Where the mapping came from: the last import of a file with this header, or the column names. */
  mappingSource: 'given' | 'remembered' | 'suggested';
  /** The first rows, checked as the import would check them (nothing is written). */
  rows: ImportPreviewRow[];
  previewLimit: number;
  /** Problems with the file as a whole (its header, no rows). */
  fileErrors: ImportRowError[];
}

export type ImportRunResult =
  | { status: 'imported'; kind: ImportKind; inserted: number; unchanged: number; backup: string }
  /** Nothing was written: every problem (the first `errors.length` of `errorCount`). */
  | { status: 'rejected'; kind: ImportKind; errors: ImportRowError[]; errorCount: number };

/** An invoice the export says is (partly) paid: what Settle records as "settled in <source>". */
export interface SourceSettlement {
  number: string;
  customerCode: string;
  /** Minor units. */
  amount: number;
  /** Paid before this first import, paid down since the last export, or gone from this export. */
  reason: 'paid' | 'shrank' | 'disappeared';
}

export interface SourceDueDateChange {
  number: string;
  customerCode: string;
  from: string;
  to: string;
}

/** What importing an accounting system's export did, or (a dry run) would do. */
export interface SourceImportResult {
  status: 'dry-run' | 'imported';
  preset: string;
  source: string;
  exportDate: string;
  /** A later export of a source already applied: invoices missing from it were settled. */
  sync: boolean;
  customersAdded: number;
  invoicesAdded: number;
  paymentsAdded: number;
  creditsAdded: number;
  /** Rows already in the ledger as they are. */
  unchanged: number;
  /** Rows that are not receivables (bills, drafts, voided, used-up credit notes). */
  skipped: number;
  settlements: SourceSettlement[];
  dueDateChanges: SourceDueDateChange[];
  /** Things the clerk should know that changed nothing (an invoice the source shows as owing more). */
  notes: string[];
  /** The ledger's receivables (open invoices less unapplied cash and credits), minor units. */
  openBefore: number;
  openAfter: number;
}

/** An export from another accounting system, read by its preset (docs/importing.md). */
export const ImportSourceSchema = z.strictObject({
  text: CsvText,
  fileName: FileName.optional(),
  preset: z.enum(PRESET_NAMES),
  /** How the file writes 03/04/2026; without it, the preset's usual order. */
  dateOrder: z.enum(['dmy', 'mdy']).optional(),
  /** The day the export was made, when the clerk says; otherwise the file's own "As of" date, else `fileDate`. */
  exportDate: isoDate('Export date').optional(),
  /** The file's modification date. */
  fileDate: isoDate('File date'),
  /** Only show what would change. */
  dryRun: z.boolean(),
});

export const ImportDetectSourceSchema = z.strictObject({ text: CsvText, fileName: FileName.optional() });

export type SourceImportOutcome =
  | (SourceImportResult & {
      /** Which Settle field each of the source's columns fills. */
      mapping: { source: string; settle: string }[];
      /** The backup made before an import that was applied. */
      backup: string | null;
    })
  | { status: 'rejected'; source: string; errors: ImportRowError[]; errorCount: number }
  | { status: 'refused'; source: string; message: string };

/** The calls that carry a whole file: browser mode takes them at an address with a larger size limit. */
export const FILE_CARRYING_METHODS: readonly string[] = ['imports.inspect', 'imports.run', 'imports.detectSource', 'imports.source'];
