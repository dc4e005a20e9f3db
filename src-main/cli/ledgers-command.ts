import type { z } from 'zod';
import { LedgerAddSchema, LedgerNameSchema, LedgerRenameSchema, type LedgerEntry } from '../contract/ledgers';
import { ServiceError } from '../contract/service-error';
import { DeskService } from '../ledgers/desk-service';
import { CliError, outputFormat } from './cli-error';

/** The contract's schema checks the CLI's input too; its first complaint is the one line printed. */
export function cliInput<S extends z.ZodType>(schema: S, input: unknown, flagFor: (field: string) => string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new CliError(`${flagFor(issue.path.join('.'))}: ${issue.message}`);
}

/** A problem the clerk can fix (a taken name, a name not in the list) is a usage error: one line, exit 2. */
export function asCliError<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof ServiceError && err.code !== 'internal') throw new CliError(err.message);
    throw err;
  }
}

/** `settle ledgers list | add PATH [--name NAME] | forget NAME | rename NAME --name NEW`. */
export function runLedgers(desk: DeskService, args: string[], opts: { name?: string; format?: string }): number {
  const [sub, ...rest] = args;
  const format = outputFormat(opts.format);
  const flags = (names: Record<string, string>) => (field: string) => names[field] ?? field;
  const print = (verb: string, e: LedgerEntry) => console.log(format === 'json' ? JSON.stringify(e) : `${verb} ${e.name} (${e.path})`);
  switch (sub) {
    case 'list': {
      if (rest.length > 0) throw new CliError(`Unexpected "${rest[0]}": settle ledgers list [--format json]`);
      const entries = desk.ledgers();
      if (format === 'json') console.log(JSON.stringify(entries));
      else if (entries.length === 0) console.log('No ledgers in the list yet. Add one with settle ledgers add PATH.');
      else for (const e of entries) console.log(`${e.name}\t${e.company || '-'}\t${e.path}\t${e.present ? `last opened ${e.lastOpened ?? 'never'}` : 'MISSING'}`);
      return 0;
    }
    case 'add': {
      if (rest.length !== 1) throw new CliError('Name one ledger file: settle ledgers add PATH [--name NAME]');
      const x = cliInput(LedgerAddSchema, { path: rest[0], name: opts.name }, flags({ path: 'PATH', name: '--name' }));
      print('Added', asCliError(() => desk.add(x)));
      return 0;
    }
    case 'forget': {
      if (rest.length !== 1) throw new CliError('Name the ledger to forget: settle ledgers forget NAME');
      const x = cliInput(LedgerNameSchema, { name: rest[0] }, flags({ name: 'NAME' }));
      print('Forgot (the file is kept)', asCliError(() => desk.forget(x.name)));
      return 0;
    }
    case 'rename': {
      if (rest.length !== 1 || opts.name === undefined) throw new CliError('settle ledgers rename NAME --name NEW');
      const x = cliInput(LedgerRenameSchema, { name: rest[0], newName: opts.name }, flags({ name: 'NAME', newName: '--name' }));
      print('Renamed to', asCliError(() => desk.rename(x)));
      return 0;
    }
    default:
      throw new CliError(sub === undefined ? 'settle ledgers list|add PATH|forget NAME|rename NAME --name NEW' : `Unknown ledgers command "${sub}": use list, add, forget or rename.`);
  }
}
