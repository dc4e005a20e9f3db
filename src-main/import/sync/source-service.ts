import type { Database } from 'better-sqlite3';
import type { PresetName, SourceImportOutcome } from '../../contract/imports';
import { backupBeforeImport } from '../../backup/backup-store';
import { formatRowError } from '../import-kinds';
import { detectPreset, PRESETS } from '../presets/preset-registry';
import type { DateOrder } from '../presets/source-values';
import { importSource, SourceRefused, SourceRejected } from './source-import';

/** A rejected file lists this many problems; the count says how many there were in all. */
const MAX_ERRORS_SHOWN = 500;

/**
 * The import wizard's other sources: the same import as `settle import --preset` (all or
 * nothing, a backup first), whose dry run the wizard shows before the clerk applies it. The
 * wizard always syncs: the dry run has already shown what a later export settles.
 */
export class SourceImportService {
  constructor(
    private readonly db: Database,
    private readonly ledgerPath: string,
    private readonly now: () => Date,
  ) {}

  async detect(input: { text: string; fileName?: string }): Promise<{ preset: PresetName | null }> {
    return { preset: detectPreset(input.text, input.fileName) };
  }

  async run(input: { text: string; fileName?: string; preset: PresetName; dateOrder?: DateOrder; exportDate?: string; fileDate: string; dryRun: boolean }): Promise<SourceImportOutcome> {
    const preset = PRESETS[input.preset];
    const backup = input.dryRun ? null : (await backupBeforeImport(this.db, this.ledgerPath, this.now())).file;
    try {
      const result = importSource(this.db, {
        preset: input.preset,
        text: input.text,
        fileName: input.fileName ?? null,
        dateOrder: input.dateOrder,
        exportDate: input.exportDate,
        fallbackExportDate: input.fileDate,
        sync: true,
        dryRun: input.dryRun,
        now: this.now,
      });
      return { ...result, mapping: preset.mapping, backup };
    } catch (err) {
      if (err instanceof SourceRejected) {
        return { status: 'rejected', source: preset.source, errors: err.errors.slice(0, MAX_ERRORS_SHOWN).map((e) => ({ ...e, text: formatRowError(e) })), errorCount: err.errors.length };
      }
      if (err instanceof SourceRefused) return { status: 'refused', source: preset.source, message: err.message };
      throw err;
    }
  }
}
