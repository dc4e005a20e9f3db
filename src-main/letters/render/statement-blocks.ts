import type { LetterData } from '../letter-context';
import { letterMoney, longDate } from '../letter-context';
import { drawTable, tableLead, type Column, type TotalLine } from './items-table';
import type { PageFlow } from './page-flow';
import { INK, MUTED, fittedRun, drawRuns, hairline, put, putFitted, wrapText, type TextStyle } from './typeset';

/** The marking a disputed item carries on a statement, and the one wording of it. */
export const IN_DISPUTE = 'in dispute';

export const STATEMENT_COLUMNS: Column[] = [
  { title: 'Item', share: 17, align: 'left' },
  { title: 'Date', share: 20, align: 'left' },
  { title: 'Due', share: 20, align: 'left' },
  { title: 'Days late', share: 11.5, align: 'right' },
  { title: 'Note', share: 13, align: 'left' },
  { title: 'Amount', share: 18.5, align: 'right' },
];

export function statementRows(d: LetterData): string[][] {
  const money = (m: number) => letterMoney(d, m);
  const s = d.statement;
  const items = s.items.map((o) => [
    o.label,
    longDate(o.issueDate),
    longDate(o.dueDate),
    o.daysPastDue > 0 ? String(o.daysPastDue) : 'not due',
    // A partly disputed item says how much of it is held, so the customer sees what is still asked for.
    o.disputed === 0 ? '' : o.disputed === o.open ? IN_DISPUTE : `${money(o.disputed)} ${IN_DISPUTE}`,
    money(o.open),
  ]);
  const cash = s.unapplied.map((u) => [
    `${u.kind === 'payment' ? 'Payment' : 'Credit note'} ${u.reference}`,
    longDate(u.date),
    '',
    '',
    'unapplied',
    money(-u.unapplied),
  ]);
  return [...items, ...cash];
}

export function statementTotals(d: LetterData): TotalLine[] {
  const money = (m: number) => letterMoney(d, m);
  const s = d.statement;
  const lines: TotalLine[] = [];
  if (s.unappliedTotal > 0) {
    lines.push({ label: 'Open items', value: money(s.open) });
    lines.push({ label: 'Unapplied payments and credits', value: money(-s.unappliedTotal) });
  }
  lines.push({ label: 'Balance', value: money(s.balance), strong: s.disputed === 0 });
  if (s.disputed > 0) {
    lines.push({ label: 'Less in dispute', value: money(-s.disputed) });
    lines.push({ label: 'Please pay', value: money(s.toPay), strong: true });
  }
  return lines;
}

function statementTotalCount(d: LetterData): number {
  return (d.statement.unappliedTotal > 0 ? 2 : 0) + 1 + (d.statement.disputed > 0 ? 2 : 0);
}

export function statementItemsLead(d: LetterData): number {
  return tableLead(Math.max(d.statement.items.length + d.statement.unapplied.length, 1), statementTotalCount(d));
}

export function drawStatementItems(flow: PageFlow, d: LetterData): void {
  drawTable(flow, STATEMENT_COLUMNS, statementRows(d), statementTotals(d), 1, 'Nothing is open on this account.');
}

/** The columns of the aging summary: the buckets, unapplied money when there is any, and the balance. */
export function agingSummaryCells(d: LetterData): { titles: string[]; values: string[] } {
  const money = (m: number) => letterMoney(d, m);
  const s = d.statement;
  const titles = [...s.aging.labels];
  const values = s.aging.buckets.map(money);
  if (s.unappliedTotal > 0) {
    titles.push('Unapplied');
    values.push(money(-s.unappliedTotal));
  }
  titles.push('Balance');
  values.push(money(s.balance));
  return { titles, values };
}

export function drawAgingSummary(flow: PageFlow, d: LetterData): void {
  const { titles, values } = agingSummaryCells(d);
  const columns: Column[] = titles.map((title) => ({ title, share: 1, align: 'right' }));
  const caption: TextStyle = { size: 8.5, bold: true, color: INK };
  flow.need(14 + tableLead(1, 0));
  put(flow.doc, `Aging on ${longDate(d.letterDate)} (days past due)`, flow.left, flow.y, caption);
  flow.y += 14;
  drawTable(flow, columns, [values], []);
}

/** The slip's height without its pay-to column: the title and the four lines to fill in. */
const SLIP_HEIGHT = 114;

/**
 * The tear-off slip: a dashed cut line, then what the customer sends back with the payment. It
 * sits at the foot of the page it is drawn on, and moves whole to a new page when it does not fit
 * under what is already there, so it is never split and nothing is printed below it.
 */
export function drawRemittanceSlip(flow: PageFlow, d: LetterData): void {
  const { doc } = flow;
  const settings = d.settings;
  const payTo = [settings.companyName, ...settings.companyAddress.split(/\r?\n/)].map((l) => l.trim()).filter((l) => l !== '');
  const left = flow.left;
  const right = flow.layout.right;
  const colGap = 24;
  const colWidth = (right - left - colGap) / 2;
  const detailStyle: TextStyle = { size: 8.8 };
  const details = settings.paymentDetails
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .flatMap((l) => wrapText(doc, l, colWidth, detailStyle));
  const payToHeight = 31 + 13 + payTo.length * 12 + (details.length > 0 ? 15 + details.length * 11 : 0) + 4;
  const height = Math.max(SLIP_HEIGHT, payToHeight);
  // The slip may reach down to just above the page number: the foot of the page is where it is torn off.
  const bottom = flow.layout.footerTop - 8;
  flow.need(height + 6 - (bottom - flow.layout.bodyBottom));
  const top = bottom - height;

  doc.save();
  doc.moveTo(left - 18, top).lineTo(right + 18, top).dash(4, { space: 3 }).lineWidth(0.7).strokeColor(MUTED).stroke().undash();
  doc.restore();
  put(doc, 'cut here', right - 30, top + 3, { size: 6.5, color: MUTED });

  const label: TextStyle = { size: 7.5, color: MUTED };
  const value: TextStyle = { size: 9.5 };
  let y = top + 12;
  put(doc, 'Please return this part with your payment', left, y, { size: 10.5, bold: true });
  y += 19;

  const money = (m: number) => letterMoney(d, m);
  const fields: [string, string, TextStyle][] = [
    ['Customer', d.customer.name, value],
    ['Account', d.customer.code, value],
    ['Statement date', longDate(d.letterDate), value],
    ['Amount due', money(d.statement.toPay), { size: 10.5, bold: true }],
  ];
  const labelWidth = 78;
  let ly = y;
  for (const [l, v, style] of fields) {
    drawRuns(doc, [fittedRun(doc, l, left, ly + 1.5, labelWidth - 6, label), fittedRun(doc, v, left + labelWidth, ly, colWidth - labelWidth, style)]);
    ly += 16;
  }
  put(doc, 'Amount enclosed', left, ly + 1.5, label);
  hairline(doc, left + labelWidth, ly + 12, left + colWidth, INK, 0.6);

  const x = left + colWidth + colGap;
  put(doc, 'Pay to', x, y + 1.5, label);
  let ry = y + 13;
  for (const line of payTo) {
    putFitted(doc, line, x, ry, colWidth, line === payTo[0] ? { ...value, bold: true } : value);
    ry += 12;
  }
  if (details.length > 0) {
    ry += 4;
    put(doc, 'Payment details', x, ry, label);
    ry += 11;
    for (const line of details) {
      put(doc, line, x, ry, detailStyle);
      ry += 11;
    }
  }
  flow.y = flow.layout.bodyBottom;
}
