import fs from 'node:fs';
import path from 'node:path';
import { ServiceError } from '../contract/service-error';
import { Ledger } from '../ledger/ledger';
import { noteWriter } from '../ledger/writer-note';
import { archivedPath } from '../letters/sending/archive';
import { LetterService } from '../letters/sending/letter-service';
import { seedDefaultTemplates } from '../letters/templates/template-store';
import { isIsoDate, localToday } from '../money/dates';
import { StatementService, statementCustomers } from '../statements/statement-service';
import { CliError } from './cli-error';
import { terminalProgress } from './terminal-progress';

export interface StatementsArgs {
  asOf?: string;
  out?: string;
  customer?: string;
}

/**
 * Open-item statements as of a date into one PDF: one customer's (--customer CODE), or every
 * customer with a balance on that date, by code. Recorded and archived as the app records them;
 * --out gets a copy of the archived file. An unknown code is a usage error and writes nothing.
 */
export async function runStatements(ledgerPath: string, args: StatementsArgs): Promise<number> {
  const asOf = args.asOf ?? localToday();
  if (!isIsoDate(asOf)) throw new CliError(`--as-of must be a date like 2026-03-31, not "${asOf}"`);
  if (!args.out) throw new CliError('settle statements needs --out FILE.pdf: where to write the statements for printing.');
  const out = path.resolve(args.out);
  if (!fs.existsSync(path.dirname(out))) throw new CliError(`The folder for --out does not exist: ${path.dirname(out)}`);
  if (fs.existsSync(out) && fs.statSync(out).isDirectory()) throw new CliError(`--out must name a file, not the folder ${out}`);

  const ledger = await Ledger.open(ledgerPath);
  try {
    const db = ledger.db;
    seedDefaultTemplates(db);
    let customerIds: number[];
    if (args.customer !== undefined) {
      const id = db.prepare('SELECT id FROM customer WHERE code = ? COLLATE NOCASE').pluck().get(args.customer.trim()) as number | undefined;
      if (id === undefined) throw new CliError(`There is no customer with the code "${args.customer}".`);
      customerIds = [id];
    } else {
      customerIds = statementCustomers(db, asOf);
      if (customerIds.length === 0) {
        console.log(`No customer has a balance as of ${asOf}: no statements written.`);
        return 0;
      }
    }
    const statements = new StatementService(db, new LetterService(db, ledger.path));
    let sent;
    const progress = terminalProgress('Statements');
    const writing = noteWriter(ledger.path, `a statements batch (settle statements, ${customerIds.length} statements)`);
    try {
      sent = await statements.print({ asOf, customerIds, channel: 'mail', by: null }, progress);
    } catch (err) {
      if (err instanceof ServiceError) {
        console.error(`settle: ${err.message}`);
        return 1;
      }
      throw err;
    } finally {
      progress.end();
      writing();
    }
    const file = db.prepare('SELECT path, sha256 FROM letter_file WHERE id = ?').get(sent.fileId) as { path: string; sha256: string };
    const archived = archivedPath(ledger.path, file.path);
    fs.copyFileSync(archived, out);
    const n = sent.letters.length;
    console.log(`${n} ${n === 1 ? 'statement' : 'statements'} as of ${asOf}, ${sent.pages} ${sent.pages === 1 ? 'page' : 'pages'} → ${args.out} (archived as ${archived}, sha256 ${file.sha256})`);
    return 0;
  } finally {
    await ledger.close();
  }
}
