import { Ledger } from '../ledger/ledger';
import { LetterService } from '../letters/sending/letter-service';
import { seedDefaultTemplates } from '../letters/templates/template-store';
import { isIsoDate, localToday } from '../money/dates';
import { StatementService, statementCustomers } from '../statements/statement-service';
import { CliError } from './cli-error';
import { batchOutPath, printBatch } from './printed-batch';

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
  const out = batchOutPath(args.out, 'settle statements', 'statements');

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
    const printed = await printBatch(ledger, out, { progress: 'Statements', note: `a statements batch (settle statements, ${customerIds.length} statements)` }, (progress) =>
      statements.print({ asOf, customerIds, channel: 'mail', by: null }, progress),
    );
    if (!printed) return 1;
    const { sent, archived, sha256 } = printed;
    const n = sent.letters.length;
    console.log(`${n} ${n === 1 ? 'statement' : 'statements'} as of ${asOf}, ${sent.pages} ${sent.pages === 1 ? 'page' : 'pages'} → ${args.out} (archived as ${archived}, sha256 ${sha256})`);
    return 0;
  } finally {
    await ledger.close();
  }
}
