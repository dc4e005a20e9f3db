import ExcelJS from 'exceljs';
import { safeText } from '../exports/cell-safety';
import { currencySymbol } from '../money/money-format';
import type { LateFocus } from './aging-format';
import type { AgingReport } from './aging-report';
import { agingViewTitle } from './aging-view';

type AgingTable = Pick<AgingReport, 'asOf' | 'basis' | 'buckets' | 'rows' | 'totals'>;

export interface AgingXlsxOptions {
  /** Title lines above the table (as-of, basis, buckets, filter); by default the unfiltered view's. */
  title?: string[];
  /** A view filtered to late buckets: their sum gets a column of its own (see lateFocus). */
  focus?: LateFocus | null;
  /** The ledger's currency, for the cells' number format (amounts stay numbers). */
  currency?: string;
  locale?: string;
}

/** '"$"#,##0.00' with negatives in red and zero as a dash: the value stays a number to sum and sort (the reports' workbooks use it too). */
export function moneyFormat(currency: string, locale: string | undefined): string {
  let symbol = currency;
  try {
    symbol = currencySymbol(currency, locale);
  } catch {
    // Not a currency Intl knows: its code then.
  }
  const q = `"${symbol.replace(/"/g, '')}"`;
  return `${q}#,##0.00;[Red]-${q}#,##0.00;"–"`;
}

/**
 * The aging view as a spreadsheet: title lines saying which view it is, one row per customer and
 * a Total row of exactly those rows, amounts as numbers in major units (a spreadsheet needs
 * numbers to sum and sort; the division happens here, at the very edge, never in the ledger's
 * arithmetic) shown in the ledger's currency. Text cells go through safeText, as in the CSV, so a
 * name that looks like a formula stays text if the sheet is re-saved as CSV or retyped.
 */
export async function agingXlsx(report: AgingTable, options: AgingXlsxOptions = {}): Promise<Buffer> {
  const focus = options.focus ?? null;
  const title = options.title ?? agingViewTitle({ ...report, rowCount: report.rows.length }, { search: '' });
  const book = new ExcelJS.Workbook();
  book.creator = 'Settle';
  const sheet = book.addWorksheet(`Aging ${report.asOf}`);
  title.forEach((line, i) => (sheet.addRow([safeText(line)]).font = { bold: i === 0 }));
  const header = sheet.addRow(['Code', 'Customer', ...report.buckets.map(safeText), ...(focus ? [focus.label] : []), 'Unapplied', 'Total']);
  header.font = { bold: true };
  const money = (minor: number) => minor / 100;
  for (const r of report.rows) {
    sheet.addRow([safeText(r.customerCode), safeText(r.customerName), ...r.buckets.map(money), ...(focus ? [money(focus.amount(r))] : []), money(r.unapplied), money(r.total)]);
  }
  const focusTotal = focus ? report.rows.reduce((s, r) => s + focus.amount(r), 0) : 0;
  const total = sheet.addRow(['', 'Total', ...report.totals.buckets.map(money), ...(focus ? [money(focusTotal)] : []), money(report.totals.unapplied), money(report.totals.total)]);
  total.font = { bold: true };
  sheet.getColumn(1).width = 12;
  sheet.getColumn(2).width = Math.min(60, Math.max(24, ...report.rows.map((r) => r.customerName.length + 2)));
  const amounts = report.buckets.length + (focus ? 1 : 0) + 2;
  const format = moneyFormat(options.currency ?? 'USD', options.locale);
  // Wide enough for the largest amount with its symbol and separators, so no cell shows ####.
  const widest = Math.max(...[...report.totals.buckets, report.totals.total, report.totals.unapplied, focusTotal].map((v) => Math.abs(v)));
  const width = Math.max(12, String(Math.trunc(widest / 100)).length * 1.35 + 7);
  for (let c = 3; c < 3 + amounts; c++) {
    sheet.getColumn(c).width = width;
    // Title rows are text in column A only; the number format is for the amounts below them.
    sheet.getColumn(c).numFmt = format;
  }
  sheet.views = [{ state: 'frozen', ySplit: title.length + 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}
