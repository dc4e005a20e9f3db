import type { PageFlow } from './page-flow';
import { INK, MUTED, hairline, put, wrapText, type TextStyle } from './typeset';

const FIELDS = ['Signature', 'Name', 'Date'];
const FIELD_SPACE = 30;

/** Two columns, one for each party, each with lines to sign, print the name and date; kept together on one page. */
export function drawSignatureLines(flow: PageFlow, customerName: string, companyName: string): void {
  const { doc } = flow;
  const gap = 36;
  const colWidth = (flow.width - gap) / 2;
  const title: TextStyle = { size: 9.5, bold: true };
  const titles = [customerName, companyName].map((name) => wrapText(doc, `For ${name}`, colWidth, title).slice(0, 2));
  const titleHeight = Math.max(...titles.map((t) => t.length)) * 13;
  flow.need(8 + titleHeight + FIELDS.length * (FIELD_SPACE + 10) + 10);
  flow.y += 8;
  const top = flow.y;
  titles.forEach((lines, col) => {
    const x = flow.left + col * (colWidth + gap);
    lines.forEach((line, i) => put(doc, line, x, top + i * 13, title));
    FIELDS.forEach((label, i) => {
      const lineY = top + titleHeight + (i + 1) * FIELD_SPACE + i * 10;
      hairline(doc, x, lineY, x + colWidth, INK, 0.6);
      put(doc, label, x, lineY + 2.5, { size: 7.5, color: MUTED });
    });
  });
  flow.y = top + titleHeight + FIELDS.length * (FIELD_SPACE + 10) + 14;
}
