import fs from 'node:fs';
import path from 'node:path';
import type { SourceImportResult } from '../contract/imports';
import { formatRowError } from '../import/import-kinds';
import { isPresetName, PRESET_NAMES, PRESETS } from '../import/presets/preset-registry';
import { DATE_ORDERS, type DateOrder } from '../import/presets/source-values';
import { importSource, SourceRefused, SourceRejected } from '../import/sync/source-import';
import { Ledger } from '../ledger/ledger';
import { noteWriter } from '../ledger/writer-note';
import { formatGrouped } from '../money/amounts';
import { localToday } from '../money/dates';
import { CliError, type OutputFormat } from './cli-error';

export interface PresetImportOptions {
  dateOrder?: string;
  exportDate?: string;
  dryRun: boolean;
  sync: boolean;
  format: OutputFormat;
}

const count = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

const REASONS = { paid: 'paid before this export', shrank: 'paid down since the last export', disappeared: 'gone from this export' };

export function describeSourceImport(r: SourceImportResult): string[] {
  const lines = [
    `${r.status === 'dry-run' ? 'Dry run (nothing was changed): ' : ''}${r.source} export of ${r.exportDate}${r.sync ? ', synced with the last one applied' : ''}`,
    `  ${count(r.customersAdded, 'customer')}, ${count(r.invoicesAdded, 'invoice')}, ${count(r.paymentsAdded, 'payment')} and ${count(r.creditsAdded, 'credit note')} added; ${r.unchanged} already in the ledger; ${count(r.skipped, 'row')} skipped (not receivables)`,
  ];
  for (const s of r.settlements) lines.push(`  ${s.number} (${s.customerCode}): ${formatGrouped(s.amount)} settled in ${r.source}, ${REASONS[s.reason]}`);
  for (const d of r.dueDateChanges) lines.push(`  ${d.number} (${d.customerCode}): due date ${d.from} → ${d.to} in ${r.source} (noted on the customer's timeline)`);
  for (const n of r.notes) lines.push(`  ${n}`);
  lines.push(`  Receivables before: ${formatGrouped(r.openBefore)}; after: ${formatGrouped(r.openAfter)}`);
  return lines;
}

export async function runPresetImport(ledgerPath: string, preset: string, file: string | undefined, o: PresetImportOptions): Promise<number> {
  if (!isPresetName(preset)) throw new CliError(`--preset must be one of ${PRESET_NAMES.join(', ')}, not "${preset}"`);
  if (!file) throw new CliError(`Name the file: settle import --preset ${preset} FILE`);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CliError(`Cannot read ${file}: no such file`);
  if (o.dateOrder !== undefined && !(DATE_ORDERS as readonly string[]).includes(o.dateOrder)) throw new CliError(`--date-order must be dmy or mdy, not "${o.dateOrder}"`);
  if (o.exportDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(o.exportDate)) throw new CliError(`--export-date must be YYYY-MM-DD, not "${o.exportDate}"`);
  const text = fs.readFileSync(file, 'utf8');
  const source = PRESETS[preset].source;

  const ledger = await Ledger.open(ledgerPath);
  const writing = noteWriter(ledger.path, `an import (settle import --preset ${preset} ${path.basename(file)})`);
  try {
    if (!o.dryRun) await (await import('../backup/backup-store')).backupBeforeImport(ledger.db, ledger.path);
    const result = importSource(ledger.db, {
      preset,
      text,
      fileName: path.basename(file),
      dateOrder: o.dateOrder as DateOrder | undefined,
      exportDate: o.exportDate,
      // The day the file was last written is the nearest thing to the day it was exported.
      fallbackExportDate: localToday(fs.statSync(file).mtime),
      sync: o.sync,
      dryRun: o.dryRun,
    });
    if (o.format === 'json') console.log(JSON.stringify(result));
    else console.log(describeSourceImport(result).join('\n'));
    return 0;
  } catch (err) {
    if (err instanceof SourceRejected) {
      const lines = err.errors.map(formatRowError);
      if (o.format === 'json') console.log(JSON.stringify({ preset, errors: lines }));
      else console.error([`Nothing was imported: ${err.errors.length} problem${err.errors.length === 1 ? '' : 's'} in ${file} (${source}).`, ...lines].join('\n'));
      return 2;
    }
    if (err instanceof SourceRefused) {
      if (o.format === 'json') console.log(JSON.stringify({ preset, refused: err.message }));
      console.error(`settle: ${err.message}`);
      return 2;
    }
    const reason = (err as Error)?.message ?? String(err);
    console.error(`settle: Nothing was imported from ${file}: ${reason}`);
    if (process.env.SETTLE_DEBUG) console.error(err);
    return 1;
  } finally {
    writing();
    await ledger.close();
  }
}
