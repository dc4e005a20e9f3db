import { TodaySchema, type LedgerToday } from '../contract/ledgers';
import type { DeskService } from '../ledgers/desk-service';
import { formatMoney, machineLocale } from '../money/money-format';
import { CliError } from './cli-error';
import { cliInput } from './ledgers-command';

/** `settle today [--as-of D] [--format json|table]`: the morning across every ledger in the list. */
export async function runToday(desk: DeskService, args: string[], opts: { asOf?: string; format?: string }): Promise<number> {
  if (args.length > 0) throw new CliError(`settle today takes no arguments, only options (got "${args[0]}")`);
  const format = opts.format ?? 'table';
  if (format !== 'json' && format !== 'table') throw new CliError(`--format must be json or table, not "${format}"`);
  const x = cliInput(TodaySchema, { asOf: opts.asOf }, () => '--as-of');
  const overview = await desk.today(x.asOf);
  if (format === 'json') {
    console.log(
      JSON.stringify({
        asOf: overview.asOf,
        ledgers: overview.ledgers.map((l) => ({
          name: l.name,
          path: l.path,
          company: l.company,
          state: l.state,
          ...(l.problem ? { problem: l.problem } : {}),
          tasksDue: l.tasksDue,
          brokenPromises: l.brokenPromises,
          lettersDue: l.lettersDue,
          emailsDue: l.emailsDue,
          overdue: l.overdue,
          over60: l.over60,
          currency: l.currency,
          lastBackup: l.lastBackup,
        })),
      }),
    );
    return 0;
  }
  if (overview.ledgers.length === 0) {
    console.log('No ledgers in the list yet. Add one with settle ledgers add PATH.');
    return 0;
  }
  const header = ['Ledger', 'Tasks due', 'Broken promises', 'Letters due', 'Emails due', 'Overdue', '61+', 'Last backup'];
  const readable = overview.ledgers.filter((l) => l.state === 'ok');
  const rows = readable.map((l) => [l.name, ...figures(l)]);
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (cells: string[]) => cells.map((c, k) => (k === 0 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join('  ').trimEnd();
  console.log(`Today, ${overview.asOf}`);
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  // A ledger that cannot be read says so on a line of its own rather than as a row of zeros.
  for (const l of overview.ledgers.filter((x) => x.state !== 'ok')) {
    console.log(l.state === 'missing' ? `${l.name}: missing, no file at ${l.path}` : `${l.name}: cannot be read: ${l.problem ?? ''}`);
  }
  return 0;
}

function figures(l: LedgerToday): string[] {
  const money = (minor: number) => formatMoney(minor, l.currency, machineLocale());
  return [String(l.tasksDue), String(l.brokenPromises), String(l.lettersDue), String(l.emailsDue), money(l.overdue), money(l.over60), l.lastBackup ?? 'never'];
}
