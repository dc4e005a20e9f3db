#!/usr/bin/env node
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ledgerIsNamed, missingLedgerProblem, resolveLedgerPath } from '../ledger/ledger-path';
import { CliError, outputFormat } from './cli-error';
import { LedgerList, ledgerListFile } from '../ledgers/ledger-list';

// Each command's module is loaded when it runs: loading them all (PDF, spreadsheet, mail and
// web libraries) took longer than a small import itself.
const deskService = async () => new (await import('../ledgers/desk-service')).DeskService();

const USAGE = `Usage: settle [--ledger FILE|NAME] <command> [options]

Commands:
  ledgers list [--format json]
        The client ledgers in your list: name, company, file, last opened, or missing
  ledgers add PATH [--name NAME]
        Put a ledger file in the list (named after its company unless --name)
  ledgers forget NAME
        Take a ledger off the list (the file is kept)
  ledgers rename NAME --name NEW
        Call a ledger in the list something else
  today [--as-of YYYY-MM-DD] [--format json|table]
        The morning across every ledger in the list: tasks due, broken promises, letters
        due, overdue and 61+ totals (minor units in JSON) and the last backup
  init FILE [--company NAME] [--currency CODE]
        Make a new, empty ledger (currency USD unless given; two-decimal currencies)
  import <customers|invoices|payments|credits> FILE.csv [--format json]
        Import a CSV file, all rows or none (--create to start a new ledger with it)
  import --preset xero|iif|qbo FILE [--date-order dmy|mdy] [--export-date YYYY-MM-DD] [--dry-run] [--sync] [--format json]
        Import an export from Xero, QuickBooks Desktop (IIF) or a QuickBooks Online aging or open
        invoice report, all or nothing; --sync brings the ledger up to date with a later export of
        the same source; --dry-run shows what would change (docs/importing.md)
  aging [--as-of YYYY-MM-DD] [--basis due|issue] [--buckets 30,60,90,120] [--format json|csv|table]
        Aged receivables per customer (as of today unless --as-of)
  report dso [--as-of YYYY-MM-DD] [--days 90] [--method standard|countback] [--format json|csv|table]
        Days sales outstanding on a date (as of today unless --as-of); countback walks whole
        months back and does not use --days
  report cei --from YYYY-MM-DD --to YYYY-MM-DD [--format json|csv|table]
        Collection effectiveness index for a period
  report trend [--as-of YYYY-MM-DD] [--months 12] [--format json|csv|table]
        Aging by bucket at each month-end, the last point being the as-of date
  report promises|activity|writeoffs --from YYYY-MM-DD --to YYYY-MM-DD [--format json|csv|table]
        Promises kept and broken, collector activity, write-offs and recoveries in a period
  report disputes [--as-of YYYY-MM-DD] [--format json|csv|table]
        Disputes open at the end of that day, by age and reason
        (amounts in minor units in JSON, decimals in CSV; see docs/reports.md)
  demo [--customers N] [--seed S]
        Fill a new ledger with realistic synthetic data
  web [--port N] [--no-open] [--create]
        Serve Settle in your browser on 127.0.0.1 (browser mode)
  letters batch --as-of YYYY-MM-DD --out FILE.pdf [--template NAME] [--channel mail|certified_mail]
        Print the letters due on that day (or, with --template, to every customer with
        something overdue) as one PDF, recorded and archived as the app does
  letters batch --as-of YYYY-MM-DD --channel email [--template NAME] [--dry-run] [--again]
        Send the letters due by email that day (or the template to every customer with
        something overdue) through the ledger's mail server; each .eml archived and recorded.
        The same template goes to a customer once a day unless --again
  mail set --host H --port P --tls none|starttls|tls --from ADDRESS [--user U] [--from-name NAME]
           [--reply-to ADDRESS] [--bcc-self]
        The ledger's mail server. The password is never an option: it is read from
        SETTLE_SMTP_PASSWORD, or asked for at the terminal when sending
  mail test --to ADDRESS
        Send a test message and print the server's answer
  letters verify
        Check every archived letter against its SHA-256 (exit 1 if any is missing or altered)
  bureau export --as-of YYYY-MM-DD --layout trade|invoices --out FILE.csv
        A credit-bureau file of business customers as of that day (trade: one row per
        customer; invoices: one row per open item), disputed items left out; archived
        with its SHA-256 and recorded
  bureau list [--format json]
        The bureau files made, newest first
  bureau verify
        Check every archived bureau file against its SHA-256 (exit 1 if any is missing or altered)
  statements --as-of YYYY-MM-DD --out FILE.pdf [--customer CODE]
        Open-item statements as of that day (with aging summary and remittance slip) as one
        PDF: one customer's, or every customer with a balance, by code; recorded and archived
  backup [--format json]
        Back up the ledger now, into <ledger>-backups/ beside it
  backup list [--format json]
        The ledger's backups, newest first
  backup restore FILE [--format json]
        Replace the ledger by a backup (a name from the list, or a path) after checking it;
        the ledger as it was is backed up first. Close Settle first.
  backup keep N
        Keep the last N backups (default 10)

Options:
  --ledger FILE   Ledger file to use (default: SETTLE_LEDGER, else the user data folder),
                  or the name of a ledger in your list (settle ledgers list).
                  A named file must exist: make one with settle init, or add --create
  -h, --help      Show this help`;

/** Commands that only make sense on a ledger that exists, even the default one. */
const READS_A_LEDGER = new Set(['aging', 'report', 'letters', 'statements', 'backup', 'bureau', 'mail']);
/** Commands that start a new ledger when asked to (--create), or the app's own default file. */
const MAY_CREATE = new Set(['import', 'web']);

async function main(argv: string[]): Promise<number> {
  // Options may stand before or after the command, as users type them.
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      ledger: { type: 'string' },
      port: { type: 'string' },
      format: { type: 'string' },
      'as-of': { type: 'string' },
      basis: { type: 'string' },
      buckets: { type: 'string' },
      days: { type: 'string' },
      method: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      months: { type: 'string' },
      customers: { type: 'string' },
      seed: { type: 'string' },
      today: { type: 'string' },
      out: { type: 'string' },
      template: { type: 'string' },
      customer: { type: 'string' },
      channel: { type: 'string' },
      layout: { type: 'string' },
      company: { type: 'string' },
      currency: { type: 'string' },
      name: { type: 'string' },
      preset: { type: 'string' },
      'date-order': { type: 'string' },
      'export-date': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      sync: { type: 'boolean', default: false },
      host: { type: 'string' },
      tls: { type: 'string' },
      user: { type: 'string' },
      'from-name': { type: 'string' },
      'reply-to': { type: 'string' },
      'bcc-self': { type: 'boolean', default: false },
      again: { type: 'boolean', default: false },
      create: { type: 'boolean', default: false },
      'no-open': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (command === 'init') {
    if (rest.length > 1 || (rest[0] && values.ledger)) throw new CliError('settle init takes one ledger file: settle init FILE');
    if (!rest[0] && !values.ledger) throw new CliError('Name the new ledger file: settle init FILE');
    return (await import('./init-command')).runInit(resolveLedgerPath(rest[0] ?? values.ledger), { company: values.company, currency: values.currency });
  }
  if (command === 'ledgers') return (await import('./ledgers-command')).runLedgers(await deskService(), rest, { name: values.name, format: values.format });
  if (command === 'today') return (await import('./today-command')).runToday(await deskService(), rest, { asOf: values['as-of'], format: values.format });
  // --ledger may name a ledger in the list; a path that exists always means that file.
  const ledgerPath = resolveLedgerPath(values.ledger && new LedgerList(ledgerListFile()).resolve(values.ledger));
  // A typo in --ledger must not quietly make an empty ledger and report nothing owed.
  if (READS_A_LEDGER.has(command) && !fs.existsSync(ledgerPath)) {
    throw new CliError(`There is no ledger at ${ledgerPath}: check the path. To start a new ledger, run settle init FILE.`);
  }
  if (MAY_CREATE.has(command)) {
    const problem = missingLedgerProblem(ledgerPath, { named: ledgerIsNamed(values.ledger), create: values.create }, fs.existsSync);
    if (problem) throw new CliError(problem);
  }
  switch (command) {
    case 'import':
      if (values.preset !== undefined) {
        if (rest.length > 1) throw new CliError(`settle import --preset ${values.preset} takes one file, not "${rest.join(' ')}"`);
        return (await import('./import-preset-command')).runPresetImport(ledgerPath, values.preset, rest[0], {
          dateOrder: values['date-order'],
          exportDate: values['export-date'],
          dryRun: values['dry-run'],
          sync: values.sync,
          format: outputFormat(values.format),
        });
      }
      return (await import('./import-command')).runImport(ledgerPath, rest[0], rest[1], outputFormat(values.format));
    case 'aging':
      return (await import('./aging-command')).runAging(ledgerPath, { asOf: values['as-of'], basis: values.basis, buckets: values.buckets, format: values.format });
    case 'report':
      if (rest.length > 1) throw new CliError(`settle report takes one report name, not "${rest.join(' ')}"`);
      return (await import('./report-command')).runReport(ledgerPath, rest[0], { asOf: values['as-of'], days: values.days, method: values.method, from: values.from, to: values.to, months: values.months, format: values.format });
    case 'demo':
      return (await import('./demo-command')).runDemo(ledgerPath, { customers: values.customers, seed: values.seed, today: values.today });
    case 'letters':
      return (await import('./letters-command')).runLetters(ledgerPath, rest[0], {
        asOf: values['as-of'],
        out: values.out,
        template: values.template,
        channel: values.channel,
        dryRun: values['dry-run'],
        again: values.again,
      });
    case 'mail':
      return (await import('./mail-command')).runMail(ledgerPath, rest[0], {
        host: values.host,
        port: values.port,
        tls: values.tls,
        user: values.user,
        from: values.from,
        fromName: values['from-name'],
        replyTo: values['reply-to'],
        bccSelf: values['bcc-self'],
        to: values.to,
      });
    case 'bureau':
      return (await import('./bureau-command')).runBureau(ledgerPath, rest[0], { asOf: values['as-of'], layout: values.layout, out: values.out, format: values.format });
    case 'statements':
      if (rest.length > 0) throw new CliError(`settle statements takes no arguments, only options (got "${rest[0]}")`);
      return (await import('./statements-command')).runStatements(ledgerPath, { asOf: values['as-of'], out: values.out, customer: values.customer });
    case 'backup':
      return (await import('./backup-command')).runBackup(ledgerPath, rest, { format: values.format });
    case 'web':
      await (await import('./web-command')).runWeb({ ledgerPath, port: values.port, open: !values['no-open'] });
      return 0;
    default:
      throw new CliError(`Unknown command "${command}". Run settle --help for the list.`);
  }
}

// exitCode, not exit(): exit() can cut off output still being written to a pipe.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const usage = err instanceof CliError || (err as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS');
    console.error(`settle: ${(err as Error).message}`);
    if (!usage && process.env.SETTLE_DEBUG) console.error(err);
    process.exitCode = usage ? 2 : 1;
  },
);
