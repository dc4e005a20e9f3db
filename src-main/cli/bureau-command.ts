import fs from 'node:fs';
import path from 'node:path';
import { BUREAU_LAYOUTS, type BureauLayout } from '../contract/bureau';
import { BureauService } from '../bureau/bureau-service';
import { archivedPath } from '../letters/sending/archive';
import { Ledger } from '../ledger/ledger';
import { formatDecimal } from '../money/amounts';
import { isIsoDate, localToday } from '../money/dates';
import { noteWriter } from '../ledger/writer-note';
import { archiveProblemLine } from './archive-problem';
import { CliError, outputFormat } from './cli-error';

export interface BureauArgs {
  asOf?: string;
  layout?: string;
  out?: string;
  format?: string;
}

export async function runBureau(ledgerPath: string, sub: string | undefined, args: BureauArgs): Promise<number> {
  if (sub === 'export') return exportFile(ledgerPath, args);
  if (sub === 'list') return list(ledgerPath, outputFormat(args.format));
  if (sub === 'verify') return verify(ledgerPath);
  throw new CliError(sub ? `Unknown bureau command "${sub}": use export, list or verify.` : 'settle bureau needs a command: export, list or verify.');
}

/**
 * Writes a credit-bureau file as of a date, archived and recorded as the app does, with a copy at
 * --out. Every argument is checked before the ledger is opened, so a mistake writes nothing.
 */
async function exportFile(ledgerPath: string, args: BureauArgs): Promise<number> {
  const asOf = args.asOf ?? localToday();
  if (!isIsoDate(asOf)) throw new CliError(`--as-of must be a date like 2026-03-31, not "${asOf}"`);
  if (!args.layout) throw new CliError(`settle bureau export needs --layout ${BUREAU_LAYOUTS.join(' or ')}`);
  if (!(BUREAU_LAYOUTS as readonly string[]).includes(args.layout)) throw new CliError(`--layout must be ${BUREAU_LAYOUTS.join(' or ')}, not "${args.layout}"`);
  if (!args.out) throw new CliError('settle bureau export needs --out FILE.csv: where to write the file for the bureau.');
  const out = path.resolve(args.out);
  if (!fs.existsSync(path.dirname(out))) throw new CliError(`The folder for --out does not exist: ${path.dirname(out)}`);
  if (fs.existsSync(out) && fs.statSync(out).isDirectory()) throw new CliError(`--out must name a file, not the folder ${out}`);

  const ledger = await Ledger.open(ledgerPath);
  const writing = noteWriter(ledger.path, 'a credit-bureau file (settle bureau export)');
  try {
    const { record, file } = new BureauService(ledger.db, ledger.path).export({ asOf, layout: args.layout as BureauLayout });
    fs.writeFileSync(out, Buffer.from(file.base64, 'base64'));
    const [current, d30, d60, d90, d91] = record.totals.buckets.map(formatDecimal);
    console.log(`${record.rows} ${record.rows === 1 ? 'row' : 'rows'} (${record.customers} business customers) as of ${asOf}, ${record.layout} layout → ${args.out}`);
    console.log(`balance ${formatDecimal(record.totals.balance)}: current ${current}, 1-30 ${d30}, 31-60 ${d60}, 61-90 ${d90}, 91+ ${d91}`);
    console.log(`left out: ${record.consumersLeftOut} consumers; ${record.disputed.count} disputed items (${formatDecimal(record.disputed.amount)})`);
    console.log(`archived as ${archivedPath(ledger.path, record.path, 'bureau')}, sha256 ${record.sha256}`);
    return 0;
  } finally {
    writing();
    await ledger.close();
  }
}

async function list(ledgerPath: string, format: 'text' | 'json'): Promise<number> {
  const ledger = await Ledger.open(ledgerPath);
  try {
    const files = new BureauService(ledger.db, ledger.path).list();
    if (format === 'json') {
      console.log(JSON.stringify(files));
    } else if (files.length === 0) {
      console.log('No bureau files have been made yet.');
    } else {
      for (const f of files) console.log(`${f.id}  ${f.madeAt}  as of ${f.asOf}  ${f.layout}  ${f.rows} rows  balance ${formatDecimal(f.totals.balance)}  ${f.path}  sha256 ${f.sha256}`);
    }
    return 0;
  } finally {
    await ledger.close();
  }
}

/** Every archived bureau file against its SHA-256 in the ledger: exit 1 if any is missing or altered. */
async function verify(ledgerPath: string): Promise<number> {
  const ledger = await Ledger.open(ledgerPath);
  try {
    const check = new BureauService(ledger.db, ledger.path).verify();
    for (const p of check.problems) console.log(archiveProblemLine(p, 'bureau file'));
    const files = `${check.checked} archived bureau ${check.checked === 1 ? 'file' : 'files'}`;
    if (check.problems.length === 0) {
      console.log(check.checked === 0 ? 'No bureau files have been archived yet.' : `Checked ${files}: all match what was made.`);
      return 0;
    }
    console.log(`Checked ${files}: ${check.ok} ok, ${check.problems.length} missing or altered.`);
    return 1;
  } finally {
    await ledger.close();
  }
}
