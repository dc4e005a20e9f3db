import Papa from 'papaparse';
import { safeText } from '../exports/cell-safety';
import { formatDecimal, formatGrouped } from '../money/amounts';
import type { Cell, CellKind, ReportTable } from './report-table';

/** A cell as machine-readable text: plain decimals for money, one decimal for ratios, '' for none. */
function csvCell(v: Cell, kind: CellKind): string {
  if (v === null) return '';
  if (typeof v === 'string') return safeText(v);
  if (kind === 'money') return formatDecimal(v);
  if (kind === 'ratio') return v.toFixed(1);
  return String(v);
}

/**
 * CSV for other programs: each section is a header row of the JSON field names and its rows; a
 * report of several tables (promises, write-offs) separates them by an empty line. No title rows:
 * the file name carries the dates and the method, and the DSO and CEI rows carry them as fields.
 */
export function reportCsv(t: ReportTable): string {
  return (
    t.sections
      .map((s) => {
        const rows = s.rows.map((r) => r.map((v, i) => csvCell(v, s.columns[i].kind)));
        if (s.totals) rows.push(s.totals.map((v, i) => csvCell(v, s.columns[i].kind)));
        return Papa.unparse([s.columns.map((c) => safeText(c.key)), ...rows], { newline: '\n' });
      })
      .join('\n\n') + '\n'
  );
}

function textCell(v: Cell, kind: CellKind): string {
  if (v === null) return kind === 'ratio' ? 'n/a' : '';
  if (typeof v === 'string') return v;
  if (kind === 'money') return formatGrouped(v);
  if (kind === 'ratio') return v.toFixed(1);
  return v.toLocaleString('en-US');
}

/** Aligned text for a terminal: the title, each section, the notes. */
export function reportText(t: ReportTable): string {
  const out: string[] = [t.title, ''];
  for (const s of t.sections) {
    if (s.heading) out.push(s.heading);
    const head = s.columns.map((c) => c.title);
    const body = s.rows.map((r) => r.map((v, i) => textCell(v, s.columns[i].kind)));
    const foot = s.totals ? [s.totals.map((v, i) => textCell(v, s.columns[i].kind))] : [];
    const all = [head, ...body, ...foot];
    const widths = head.map((_, c) => Math.max(...all.map((row) => row[c].length)));
    const line = (row: string[]) => row.map((v, c) => (s.columns[c].kind === 'text' ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ').trimEnd();
    const rule = widths.map((w) => '-'.repeat(w)).join('  ');
    out.push(line(head), rule, ...body.map(line), ...(foot.length ? [rule, ...foot.map(line)] : []), '');
  }
  out.push(...t.notes);
  return out.join('\n') + '\n';
}
