import type { LetterData } from '../letter-context';
import { letterMoney, longDate } from '../letter-context';
import type { PageFlow } from './page-flow';
import { INK, MUTED, RULE, SHADE, drawRuns, fittedRun, hairline, hairlines, type TextStyle } from './typeset';

export interface Column {
  title: string;
  /** Share of the table's width. */
  share: number;
  align: 'left' | 'right';
}

export interface TotalLine {
  label: string;
  value: string;
  strong?: boolean;
}

const HEADER_HEIGHT = 19;
const ROW_HEIGHT = 15.5;
const TOTAL_HEIGHT = 16;
const PAD = 6;
const CELL: TextStyle = { size: 8.8 };
const HEAD: TextStyle = { size: 8, bold: true, color: INK };

/** The space a table needs before its first break: the header and two rows (or its totals), so a header never sits alone. */
export function tableLead(rows: number, totals: number): number {
  return HEADER_HEIGHT + Math.min(rows, 2) * ROW_HEIGHT + (rows <= 2 ? totals * TOTAL_HEIGHT + 6 : 0);
}

/**
 * A table that flows across pages: one line per row (a row never splits; text that is too wide
 * is fitted to its cell), the header repeated at the top of each new page, and the totals kept
 * together under the last row.
 */
export function drawTable(flow: PageFlow, columns: Column[], rows: string[][], totals: TotalLine[], widthShare = 1, emptyText = ''): void {
  const { doc } = flow;
  const width = flow.width * widthShare;
  const sum = columns.reduce((s, c) => s + c.share, 0);
  const xs: number[] = [];
  let x = flow.left;
  for (const c of columns) {
    xs.push(x);
    x += (c.share / sum) * width;
  }
  const colWidth = (i: number) => (columns[i].share / sum) * width;
  const right = flow.left + width;

  const header = () => {
    doc.save().rect(flow.left, flow.y, width, HEADER_HEIGHT).fill(SHADE).restore();
    drawRuns(
      doc,
      columns.map((c, i) => fittedRun(doc, c.title, xs[i] + PAD, flow.y + 5.5, colWidth(i) - 2 * PAD, HEAD, c.align)),
    );
    flow.y += HEADER_HEIGHT;
  };

  flow.need(tableLead(Math.max(rows.length, 1), totals.length));
  header();
  const body: string[][] = rows.length > 0 ? rows : [[emptyText]];
  // The rules between rows are drawn as one path per page.
  let rules: number[] = [];
  const drawRules = () => {
    hairlines(doc, flow.left, right, rules, RULE, 0.4);
    rules = [];
  };
  for (const row of body) {
    if (!flow.fits(ROW_HEIGHT)) {
      drawRules();
      flow.newPage();
      header();
    }
    drawRuns(
      doc,
      row.map((cell, i) =>
        fittedRun(doc, cell, xs[i] + PAD, flow.y + 3.6, (rows.length > 0 ? colWidth(i) : width) - 2 * PAD, rows.length > 0 ? CELL : { ...CELL, color: MUTED }, columns[i].align, 6.5),
      ),
    );
    flow.y += ROW_HEIGHT;
    rules.push(flow.y);
  }
  drawRules();

  if (totals.length === 0) {
    flow.y += 14;
    return;
  }
  if (flow.need(totals.length * TOTAL_HEIGHT + 6)) header();
  hairline(doc, flow.left, flow.y, right, INK, 0.8);
  flow.y += 4;
  const last = columns.length - 1;
  const labelWidth = xs[last] - flow.left - PAD - 40;
  for (const t of totals) {
    const style: TextStyle = { size: t.strong ? 9.5 : 8.8, bold: t.strong };
    if (t.strong) hairline(doc, xs[last] + PAD, flow.y - 1, right - PAD, INK, 0.6);
    drawRuns(doc, [
      fittedRun(doc, t.label, flow.left, flow.y + 3, labelWidth, style, 'right'),
      fittedRun(doc, t.value, xs[last] + PAD - 40, flow.y + 3, colWidth(last) - 2 * PAD + 40, style, 'right', 7),
    ]);
    flow.y += TOTAL_HEIGHT;
  }
  flow.y += 14;
}


export const OPEN_ITEM_COLUMNS: Column[] = [
  { title: 'Invoice', share: 25, align: 'left' },
  { title: 'Issued', share: 20.5, align: 'left' },
  { title: 'Due', share: 20.5, align: 'left' },
  { title: 'Days late', share: 12, align: 'right' },
  { title: 'Amount open', share: 22, align: 'right' },
];

export function openItemRows(d: LetterData): string[][] {
  const money = (m: number) => letterMoney(d, m);
  return d.openItems.map((o) => [
    o.seq === null ? o.number : `${o.number} #${o.seq}`,
    longDate(o.issueDate),
    longDate(o.dueDate),
    o.daysPastDue > 0 ? String(o.daysPastDue) : 'not due',
    money(o.openAmount),
  ]);
}

export function openItemTotals(d: LetterData): TotalLine[] {
  const money = (m: number) => letterMoney(d, m);
  const lines: TotalLine[] = [{ label: 'Total open', value: money(d.totals.open) }];
  if (d.totals.unapplied !== 0) lines.push({ label: 'Unapplied payments and credits', value: money(d.totals.unapplied) });
  lines.push({ label: 'Total due', value: money(d.totals.due), strong: true });
  return lines;
}

export function drawOpenItems(flow: PageFlow, d: LetterData): void {
  drawTable(flow, OPEN_ITEM_COLUMNS, openItemRows(d), openItemTotals(d), 1, 'No invoices are open on this account.');
}

export const PLAN_COLUMNS: Column[] = [
  { title: 'No.', share: 14, align: 'left' },
  { title: 'Due date', share: 50, align: 'left' },
  { title: 'Amount', share: 36, align: 'right' },
];

/** The payment plan's instalments; nothing when the customer has no plan (a letter that needs one is refused before it gets here). */
export function drawPlanSchedule(flow: PageFlow, d: LetterData): void {
  if (!d.plan) return;
  const money = (m: number) => letterMoney(d, m);
  const rows = d.plan.schedule.map((s) => [String(s.seq), longDate(s.dueDate), money(s.amount)]);
  drawTable(flow, PLAN_COLUMNS, rows, [{ label: 'Total', value: money(d.plan.total), strong: true }], 0.62);
}
