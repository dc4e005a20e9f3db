import ExcelJS from 'exceljs';
import { safeText } from '../exports/cell-safety';
import type { AgingReport } from './aging-report';

/**
 * The aging view as a spreadsheet: one row per customer and a Total row, amounts as numbers
 * in major units with two decimals shown (a spreadsheet needs numbers to sum and sort; the
 * division happens here, at the very edge, never in the ledger's arithmetic). Text cells go
 * through safeText, as in the CSV, so a name that looks like a formula stays text if the sheet
 * is re-saved as CSV or retyped.
 */
export async function agingXlsx(report: Pick<AgingReport, 'asOf' | 'basis' | 'buckets' | 'rows' | 'totals'>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Settle';
  const sheet = book.addWorksheet(`Aging ${report.asOf}`);
  sheet.addRow([`Aged receivables as of ${report.asOf} (by ${report.basis === 'due' ? 'due date' : 'invoice date'})`]).font = { bold: true };
  const header = sheet.addRow(['Code', 'Customer', ...report.buckets.map(safeText), 'Unapplied', 'Total']);
  header.font = { bold: true };
  const money = (minor: number) => minor / 100;
  for (const r of report.rows) sheet.addRow([safeText(r.customerCode), safeText(r.customerName), ...r.buckets.map(money), money(r.unapplied), money(r.total)]);
  const total = sheet.addRow(['', 'Total', ...report.totals.buckets.map(money), money(report.totals.unapplied), money(report.totals.total)]);
  total.font = { bold: true };
  sheet.getColumn(1).width = 12;
  sheet.getColumn(2).width = 36;
  for (let c = 3; c <= report.buckets.length + 4; c++) {
    sheet.getColumn(c).width = 14;
    sheet.getColumn(c).numFmt = '#,##0.00;[Red]-#,##0.00';
  }
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}
