#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { resolveLedgerPath } from '../ledger/ledger-path';
import { CliError } from './cli-error';
import { runWeb } from './web-command';

const USAGE = `Usage: settle [--ledger FILE] <command> [options]

Commands:
  web [--port N] [--no-open]   Serve Settle in your browser on 127.0.0.1 (browser mode)

Options:
  --ledger FILE   Ledger file to use (default: SETTLE_LEDGER, else the user data folder)
  -h, --help      Show this help`;

async function main(argv: string[]): Promise<number> {
  // Options may stand before or after the command, as users type them.
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      ledger: { type: 'string' },
      port: { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const ledgerPath = resolveLedgerPath(values.ledger);
  switch (command) {
    case 'web':
      await runWeb({ ledgerPath, port: values.port, open: !values['no-open'] });
      return 0;
    default:
      throw new CliError(`Unknown command "${command}". Run settle --help for the list.`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const usage = err instanceof CliError || (err as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS');
    console.error(`settle: ${(err as Error).message}`);
    process.exit(usage ? 2 : 1);
  },
);
