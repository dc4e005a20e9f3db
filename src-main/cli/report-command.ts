import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { ActivityReportSchema, CeiRequestSchema, DisputeReportSchema, DsoRequestSchema, PromiseReportSchema, TrendRequestSchema, WriteOffReportSchema } from '../contract/reports';
import { Ledger } from '../ledger/ledger';
import { localToday } from '../money/dates';
import { activityReport } from '../reports/activity-report';
import { agingTrend } from '../reports/aging-trend';
import { cei } from '../reports/cei';
import { disputeReport } from '../reports/dispute-report';
import { dso } from '../reports/dso';
import { promiseReport } from '../reports/promise-report';
import { readSnapshot } from '../reports/read-snapshot';
import { reportCsv, reportText } from '../reports/report-format';
import { activityTable, ceiTable, disputeTable, dsoTable, promiseTable, trendTable, writeOffTable, type ReportTable } from '../reports/report-table';
import { writeOffReport } from '../reports/writeoff-report';
import { CliError } from './cli-error';

export interface ReportArgs {
  asOf?: string;
  days?: string;
  method?: string;
  from?: string;
  to?: string;
  months?: string;
  format?: string;
}

/** The command-line name of each field the schemas may name in an error. */
const FLAGS: Record<string, string> = { asOf: '--as-of', days: '--days', method: '--method', from: '--from', to: '--to', months: '--months' };

/** The contract's own schema checks the flags, so the CLI refuses exactly what the app refuses. */
function parse<S extends z.ZodType>(schema: S, input: Record<string, unknown>): z.output<S> {
  const r = schema.safeParse(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const flag = FLAGS[String(issue.path[0])];
  throw new CliError(flag ? `${flag}: ${issue.message}` : issue.message);
}

/** "90" → 90; anything but digits is refused here, so the schema's range message follows for numbers. */
function wholeNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,6}$/.test(text)) throw new CliError(`${flag} must be a whole number, not "${text}"`);
  return Number(text);
}

type Built = { json: unknown; table: ReportTable };

/** Each report: its flags checked, then its figures and the table every text format draws. */
const REPORTS: Record<string, (db: Database, a: ReportArgs) => Built> = {
  dso(db, a) {
    const i = parse(DsoRequestSchema, { asOf: a.asOf ?? localToday(), method: a.method, days: wholeNumber('--days', a.days) });
    const r = dso(db, i.asOf, i.method, i.days);
    return { json: r, table: dsoTable(r) };
  },
  cei(db, a) {
    const i = parse(CeiRequestSchema, { from: a.from, to: a.to });
    const r = cei(db, i.from, i.to);
    return { json: r, table: ceiTable(r) };
  },
  trend(db, a) {
    const i = parse(TrendRequestSchema, { asOf: a.asOf ?? localToday(), months: wholeNumber('--months', a.months) });
    const r = agingTrend(db, i.asOf, i.months);
    return { json: r, table: trendTable(r) };
  },
  promises(db, a) {
    const i = parse(PromiseReportSchema, { from: a.from, to: a.to });
    const r = promiseReport(db, i.from, i.to);
    return { json: r, table: promiseTable(r) };
  },
  activity(db, a) {
    const i = parse(ActivityReportSchema, { from: a.from, to: a.to });
    const r = activityReport(db, i.from, i.to);
    return { json: r, table: activityTable(r) };
  },
  writeoffs(db, a) {
    const i = parse(WriteOffReportSchema, { from: a.from, to: a.to });
    const r = writeOffReport(db, i.from, i.to);
    return { json: r, table: writeOffTable(r) };
  },
  disputes(db, a) {
    const i = parse(DisputeReportSchema, { asOf: a.asOf ?? localToday() });
    const r = disputeReport(db, i.asOf);
    return { json: r, table: disputeTable(r) };
  },
};

/** Which flags each report takes: any other is a mistake worth saying, not ignoring. */
const TAKES: Record<string, (keyof ReportArgs)[]> = {
  dso: ['asOf', 'days', 'method'],
  cei: ['from', 'to'],
  trend: ['asOf', 'months'],
  promises: ['from', 'to'],
  activity: ['from', 'to'],
  writeoffs: ['from', 'to'],
  disputes: ['asOf'],
};

export async function runReport(ledgerPath: string, which: string | undefined, args: ReportArgs): Promise<number> {
  const build = which === undefined ? undefined : REPORTS[which];
  if (!build) throw new CliError(`Name a report: settle report ${Object.keys(REPORTS).join('|')} (got "${which ?? ''}")`);
  for (const [key, flag] of Object.entries(FLAGS)) {
    if (args[key as keyof ReportArgs] !== undefined && !TAKES[which!].includes(key as keyof ReportArgs)) throw new CliError(`settle report ${which} does not take ${flag}`);
  }
  const format = args.format ?? 'table';
  if (!['json', 'csv', 'table'].includes(format)) throw new CliError(`--format must be json, csv or table, not "${format}"`);
  const ledger = await Ledger.open(ledgerPath);
  try {
    const built = readSnapshot(ledger.db, () => build(ledger.db, args));
    process.stdout.write(format === 'json' ? JSON.stringify(built.json) + '\n' : format === 'csv' ? reportCsv(built.table) : reportText(built.table));
    return 0;
  } finally {
    await ledger.close();
  }
}
