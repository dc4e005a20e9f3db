import Papa from 'papaparse';
import { safeText } from '../exports/cell-safety';
import { formatDecimal, formatGrouped } from '../money/amounts';
import type { AgingReport } from './aging-report';
import type { lateFocus } from './aging-view';

export type LateFocus = NonNullable<ReturnType<typeof lateFocus>>;

/** What the formats need: a whole report, or one filtered view of it. */
type AgingTable = Pick<AgingReport, 'asOf' | 'basis' | 'buckets' | 'rows' | 'totals'>;

/** The JSON contract of `settle aging --format json`: integer minor units, no internal ids. */
export function agingJson(report: AgingReport) {
  return {
    asOf: report.asOf,
    basis: report.basis,
    buckets: report.buckets,
    rows: report.rows.map((r) => ({
      customerCode: r.customerCode,
      customerName: r.customerName,
      buckets: r.buckets,
      unapplied: r.unapplied,
      total: r.total,
    })),
    totals: report.totals,
  };
}

/**
 * CSV for spreadsheets and other programs: decimal amounts, one row per customer and a closing
 * Total row; text that looks like a formula is neutralised. No title rows, so it reads as a plain
 * table (the file name says which view it is). A view filtered to late buckets gets that amount
 * as a column of its own before unapplied and total (see lateFocus).
 */
export function agingCsv(report: AgingTable, focus: LateFocus | null = null): string {
  const header = ['customer_code', 'customer_name', ...report.buckets.map(safeText), ...(focus ? [focus.label] : []), 'unapplied', 'total'];
  const rows = report.rows.map((r) => [
    safeText(r.customerCode),
    safeText(r.customerName),
    ...r.buckets.map(formatDecimal),
    ...(focus ? [formatDecimal(focus.amount(r))] : []),
    formatDecimal(r.unapplied),
    formatDecimal(r.total),
  ]);
  const focusTotal = focus ? report.rows.reduce((s, r) => s + focus.amount(r), 0) : 0;
  rows.push(['', 'Total', ...report.totals.buckets.map(formatDecimal), ...(focus ? [formatDecimal(focusTotal)] : []), formatDecimal(report.totals.unapplied), formatDecimal(report.totals.total)]);
  return Papa.unparse([header, ...rows], { newline: '\n' }) + '\n';
}

/** Aligned text for a terminal. */
export function agingTable(report: AgingTable): string {
  const head = ['Code', 'Customer', ...report.buckets, 'Unapplied', 'Total'];
  const body = report.rows.map((r) => [r.customerCode, r.customerName, ...r.buckets.map(formatGrouped), formatGrouped(r.unapplied), formatGrouped(r.total)]);
  const foot = ['', 'Total', ...report.totals.buckets.map(formatGrouped), formatGrouped(report.totals.unapplied), formatGrouped(report.totals.total)];
  const all = [head, ...body, foot];
  const widths = head.map((_, c) => Math.max(...all.map((row) => row[c].length)));
  const line = (row: string[]) => row.map((v, c) => (c < 2 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const title = `Aged receivables as of ${report.asOf} (by ${report.basis === 'due' ? 'due date' : 'invoice date'})`;
  return [title, '', line(head), rule, ...body.map(line), rule, line(foot)].join('\n') + '\n';
}
