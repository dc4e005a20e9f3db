import ExcelJS from 'exceljs';
import { moneyFormat } from '../aging/aging-xlsx';
import { safeText } from '../exports/cell-safety';
import type { MoneyStyle } from '../money/ledger-money';
import type { Cell, CellKind, ReportTable } from './report-table';

function value(v: Cell, kind: CellKind): ExcelJS.CellValue {
  if (v === null) return null;
  if (typeof v === 'string') return safeText(v);
  // Money stays a number to sum and sort, in major units: the division happens here, at the edge.
  return kind === 'money' ? v / 100 : v;
}

/**
 * The report as a workbook: its title (dates and method) and notes, then each section with a
 * heading, a bold header and a bold totals row. Amounts are numbers shown in the ledger's
 * currency with two decimals, ratios numbers with one; text goes through safeText as in the CSV.
 */
export async function reportXlsx(t: ReportTable, style: MoneyStyle): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Settle';
  const sheet = book.addWorksheet(t.fileStem.slice(0, 31));
  sheet.addRow([safeText(t.title)]).font = { bold: true, size: 13 };
  for (const n of t.notes) sheet.addRow([safeText(n)]);
  const money = moneyFormat(style.currency, style.locale);
  const widths: number[] = [];
  for (const s of t.sections) {
    sheet.addRow([]);
    if (s.heading) sheet.addRow([safeText(s.heading)]).font = { bold: true };
    sheet.addRow(s.columns.map((c) => safeText(c.title))).font = { bold: true };
    const put = (cells: Cell[], bold: boolean) => {
      const row = sheet.addRow(cells.map((v, i) => value(v, s.columns[i].kind)));
      if (bold) row.font = { bold: true };
      s.columns.forEach((c, i) => {
        if (c.kind === 'money') row.getCell(i + 1).numFmt = money;
        if (c.kind === 'ratio') row.getCell(i + 1).numFmt = '0.0';
        const shown = cells[i] === null ? 0 : c.kind === 'money' ? String(Math.trunc(Math.abs(cells[i] as number) / 100)).length * 1.35 + 7 : String(cells[i]).length + 2;
        widths[i] = Math.max(widths[i] ?? 10, Math.min(60, shown), c.title.length + 2);
      });
    };
    s.rows.forEach((r) => put(r, false));
    if (s.totals) put(s.totals, true);
  }
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  return Buffer.from(await book.xlsx.writeBuffer());
}
