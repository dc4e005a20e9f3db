import type { ActivityReport, AgingTrend, CeiResult, DisputeReport, DsoResult, PromiseReport, PromiseTally, WriteOffReport } from '../contract/reports';
import { CALL_OUTCOMES } from '../contract/timeline';
import { longDate } from '../letters/letter-context';

/** What a cell holds: money in minor units, a count, a one-decimal ratio, or text. */
export type CellKind = 'text' | 'money' | 'count' | 'ratio';
export type Cell = string | number | null;

export interface ReportColumn {
  /** The CSV header: the JSON field name where the report has one, so CSV and JSON line up. */
  key: string;
  /** The header people read (XLSX, PDF, terminal). */
  title: string;
  kind: CellKind;
}

export interface ReportSection {
  /** A heading over the section in the workbook and the PDF (none for a report of one table). */
  heading: string | null;
  columns: ReportColumn[];
  rows: Cell[][];
  /** A closing row, in bold. */
  totals?: Cell[];
}

export interface ReportChart {
  /** One bar per label, its segments stacked in the order of `series`. */
  labels: string[];
  series: { name: string; values: number[] }[];
}

/**
 * One report as every format reads it: the CSV, the workbook, the PDF and the terminal table
 * all draw this, so they cannot disagree on a figure or on what the report is of. The title
 * says the as-of date or the period, and the method.
 */
export interface ReportTable {
  title: string;
  /** Lines under the title: definitions, and the reason a ratio is missing. */
  notes: string[];
  /** The file name without extension, also carrying the date(s) and method. */
  fileStem: string;
  sections: ReportSection[];
  chart?: ReportChart;
}

const col = (key: string, title: string, kind: CellKind): ReportColumn => ({ key, title, kind });

export function dsoTable(r: DsoResult): ReportTable {
  const how =
    r.method === 'standard'
      ? `standard, credit sales of the ${r.days} days up to the as-of date`
      : 'countback, receivables matched against the most recent months’ credit sales; Days is the length of the months counted back, from the 1st of the as-of month';
  return {
    title: `Days sales outstanding (${r.method}) as of ${longDate(r.asOf)}`,
    notes: [`Method: ${how}. Receivables are the aging report’s total on ${longDate(r.asOf)}, unapplied cash and credits netted.`, ...(r.reason ? [r.reason] : [])],
    fileStem: `dso-${r.method}-${r.asOf}`,
    sections: [
      {
        heading: null,
        columns: [
          col('asOf', 'As of', 'text'),
          col('days', 'Days', 'count'),
          col('method', 'Method', 'text'),
          col('receivables', 'Receivables', 'money'),
          col('creditSales', 'Credit sales', 'money'),
          col('dso', 'DSO (days)', 'ratio'),
          col('reason', 'Note', 'text'),
        ],
        rows: [[r.asOf, r.days, r.method, r.receivables, r.creditSales, r.dso, r.reason ?? null]],
      },
    ],
  };
}

export function ceiTable(r: CeiResult): ReportTable {
  return {
    title: `Collection effectiveness index, ${longDate(r.from)} to ${longDate(r.to)}`,
    notes: [
      'CEI = (opening receivables + credit sales − closing receivables) ÷ (opening receivables + credit sales − closing Current) × 100. Opening receivables are those at the end of the day before the period.',
      ...(r.reason ? [r.reason] : []),
    ],
    fileStem: `cei-${r.from}-to-${r.to}`,
    sections: [
      {
        heading: null,
        columns: [
          col('from', 'From', 'text'),
          col('to', 'To', 'text'),
          col('beginReceivables', 'Opening receivables', 'money'),
          col('creditSales', 'Credit sales', 'money'),
          col('endReceivables', 'Closing receivables', 'money'),
          col('endCurrent', 'Closing Current', 'money'),
          col('cei', 'CEI (%)', 'ratio'),
          col('reason', 'Note', 'text'),
        ],
        rows: [[r.from, r.to, r.beginReceivables, r.creditSales, r.endReceivables, r.endCurrent, r.cei, r.reason ?? null]],
      },
    ],
  };
}

export function trendTable(r: AgingTrend): ReportTable {
  return {
    title: `Aging trend: ${r.months} month-end${r.months === 1 ? '' : 's'} to ${longDate(r.asOf)}`,
    notes: ['Each month’s point is the aging report (by due date) on its last day; the last point is the as-of date itself. Over 60 is the share of what is open that is more than 60 days past due.'],
    fileStem: `aging-trend-${r.months}-months-to-${r.asOf}`,
    sections: [
      {
        heading: null,
        columns: [
          col('date', 'Date', 'text'),
          ...r.buckets.map((b) => col(b, b, 'money' as const)),
          col('unapplied', 'Unapplied', 'money'),
          col('total', 'Total', 'money'),
          col('over60', 'Over 60', 'money'),
          col('over60Share', 'Over 60 (%)', 'ratio'),
        ],
        rows: r.points.map((p) => [p.date, ...p.buckets, p.unapplied, p.total, p.over60, p.over60Share]),
      },
    ],
    chart: { labels: r.points.map((p) => p.date), series: r.buckets.map((name, i) => ({ name, values: r.points.map((p) => p.buckets[i]) })) },
  };
}

const PROMISE_COLUMNS = [
  col('made', 'Made', 'count'),
  col('kept', 'Kept', 'count'),
  col('partlyKept', 'Partly kept', 'count'),
  col('broken', 'Broken', 'count'),
  col('open', 'Open', 'count'),
  col('promised', 'Promised', 'money'),
  col('received', 'Received', 'money'),
  col('keptRate', 'Kept (%)', 'ratio'),
];
const promiseCells = (t: PromiseTally): Cell[] => [t.made, t.kept, t.partlyKept, t.broken, t.open, t.promised, t.received, t.keptRate];

export function promiseTable(r: PromiseReport): ReportTable {
  return {
    title: `Promises to pay made ${longDate(r.from)} to ${longDate(r.to)}`,
    notes: [`Each promise is judged as it stood at the end of ${longDate(r.to)}: payments dated later do not count, and one still within its grace days is open. Kept (%) is kept ÷ (kept + partly kept + broken).`],
    fileStem: `promises-${r.from}-to-${r.to}`,
    sections: [
      { heading: 'By month made', columns: [col('month', 'Month', 'text'), ...PROMISE_COLUMNS], rows: r.months.map((m) => [m.month, ...promiseCells(m)]), totals: ['Total', ...promiseCells(r.total)] },
      { heading: 'By collector', columns: [col('collector', 'Collector', 'text'), ...PROMISE_COLUMNS], rows: r.collectors.map((c) => [c.collector, ...promiseCells(c)]), totals: ['Total', ...promiseCells(r.total)] },
    ],
  };
}

const OUTCOMES = [...CALL_OUTCOMES, 'none'] as const;
const outcomeWords = (o: string) => (o === 'none' ? 'no outcome recorded' : o.replace(/_/g, ' '));

export function activityTable(r: ActivityReport): ReportTable {
  const contacts = (t: ActivityReport['total']): Cell[] => [t.calls, t.emails, t.visits, t.letters];
  // Outcomes one per line (collector, outcome, calls) rather than a column each: ten mostly empty columns read worse.
  const outcomeRows = (collector: string, t: ActivityReport['total']): Cell[][] => OUTCOMES.filter((o) => t.outcomes[o]).map((o) => [collector, outcomeWords(o), t.outcomes[o]]);
  return {
    title: `Collector activity, ${longDate(r.from)} to ${longDate(r.to)}`,
    notes: ['Calls, emails, visits and letters on the timeline, by who recorded them (else the customer’s collector); a corrected entry counts as corrected.'],
    fileStem: `activity-${r.from}-to-${r.to}`,
    sections: [
      {
        heading: 'Contacts',
        columns: [col('collector', 'Collector', 'text'), col('calls', 'Calls', 'count'), col('emails', 'Emails', 'count'), col('visits', 'Visits', 'count'), col('letters', 'Letters', 'count')],
        rows: r.collectors.map((c) => [c.collector, ...contacts(c)]),
        totals: ['Total', ...contacts(r.total)],
      },
      {
        heading: 'Call outcomes',
        columns: [col('collector', 'Collector', 'text'), col('outcome', 'Outcome', 'text'), col('calls', 'Calls', 'count')],
        rows: r.collectors.flatMap((c) => outcomeRows(c.collector, c)),
        totals: ['Total', '', r.total.calls],
      },
    ],
  };
}

export function writeOffTable(r: WriteOffReport): ReportTable {
  return {
    title: `Write-offs and recoveries, ${longDate(r.from)} to ${longDate(r.to)}`,
    notes: ['A recovery is money received after a write-off; it leaves receivables alone. Net is written off less recovered.'],
    fileStem: `write-offs-${r.from}-to-${r.to}`,
    sections: [
      {
        heading: 'Write-offs and recoveries',
        columns: [
          col('kind', 'Kind', 'text'),
          col('date', 'Date', 'text'),
          col('customerCode', 'Code', 'text'),
          col('customerName', 'Customer', 'text'),
          col('invoiceNumber', 'Invoice', 'text'),
          col('amount', 'Amount', 'money'),
          col('detail', 'Reason or reference', 'text'),
        ],
        rows: r.rows.map((x) => [x.kind === 'write_off' ? 'write-off' : 'recovery', x.date, x.customerCode, x.customerName, x.invoiceNumber, x.amount, x.detail]),
      },
      {
        heading: 'By month',
        columns: [col('month', 'Month', 'text'), col('writtenOff', 'Written off', 'money'), col('recovered', 'Recovered', 'money'), col('net', 'Net', 'money')],
        rows: r.months.map((m) => [m.month, m.writtenOff, m.recovered, m.writtenOff - m.recovered]),
        totals: ['Total', r.total.writtenOff, r.total.recovered, r.total.net],
      },
    ],
  };
}

export function disputeTable(r: DisputeReport): ReportTable {
  return {
    title: `Disputes open at the end of ${longDate(r.asOf)}`,
    notes: [
      `Open for: days from the dispute's opening to ${longDate(r.asOf)}. Resolved in the 90 days to ${longDate(r.asOf)}: ${r.resolved.count} (${r.resolved.averageDaysToResolve === null ? 'no average' : `${r.resolved.averageDaysToResolve} days on average`}).`,
    ],
    fileStem: `disputes-${r.asOf}`,
    sections: [
      {
        heading: 'By how long they have been open',
        columns: [col('openFor', 'Open for (days)', 'text'), col('count', 'Disputes', 'count'), col('amount', 'Amount', 'money')],
        rows: r.buckets.map((b) => [b.label, b.count, b.amount]),
        totals: ['Total', r.total.count, r.total.amount],
      },
      {
        heading: 'By reason',
        columns: [col('reason', 'Reason', 'text'), col('count', 'Disputes', 'count'), col('amount', 'Amount', 'money')],
        rows: r.byReason.map((b) => [b.reason.replace(/_/g, ' '), b.count, b.amount]),
      },
      {
        heading: 'Open disputes',
        columns: [
          col('openedOn', 'Opened', 'text'),
          col('daysOpen', 'Days open', 'count'),
          col('customerCode', 'Code', 'text'),
          col('customerName', 'Customer', 'text'),
          col('reason', 'Reason', 'text'),
          col('status', 'Status', 'text'),
          col('owner', 'Owner', 'text'),
          col('invoices', 'Invoices', 'text'),
          col('amount', 'Amount', 'money'),
        ],
        rows: r.open.map((d) => [d.openedOn, d.daysOpen, d.customerCode, d.customerName, d.reason.replace(/_/g, ' '), d.status, d.owner, d.invoices.join(' '), d.amount]),
      },
    ],
  };
}
