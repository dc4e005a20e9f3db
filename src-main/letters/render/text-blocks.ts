import type { PageFlow } from './page-flow';
import { ACCENT, drawRuns, wrapText, type TextStyle } from './typeset';

export const BODY: TextStyle = { size: 10 };
export const LEADING = 14.5;
const PARAGRAPH_GAP = 9;

/** The subject in bold over the body, wrapped if long. */
export function drawSubject(flow: PageFlow, subject: string): void {
  const style: TextStyle = { size: 11.5, bold: true, color: ACCENT };
  const lines = wrapText(flow.doc, subject, flow.width, style);
  drawRuns(
    flow.doc,
    lines.map((line, k) => ({ text: line, x: flow.left, y: flow.y + k * 16, style })),
  );
  flow.y += lines.length * 16;
  flow.y += 12;
}

/**
 * A paragraph, broken across pages between lines. A short paragraph (three lines or fewer)
 * moves to the next page whole rather than split, and so does one that introduces a table
 * (`keepWithNext` is the height of what must follow it on the same page); a long one never
 * leaves a single line alone at the bottom or the top of a page.
 */
export function drawParagraph(flow: PageFlow, text: string, keepWithNext = 0): void {
  const lines = wrapText(flow.doc, text, flow.width, BODY);
  const height = lines.length * LEADING;
  if (lines.length <= 3) flow.need(height + keepWithNext);
  else flow.need(2 * LEADING);
  let i = 0;
  while (i < lines.length) {
    let fit = Math.max(1, Math.floor((flow.room + LEADING - BODY.size * 1.2) / LEADING));
    const left = lines.length - i;
    if (fit < left) {
      if (left - fit === 1 && fit > 2) fit--;
    } else fit = left;
    const runs = lines.slice(i, i + fit).map((line, k) => ({ text: line, x: flow.left, y: flow.y + k * LEADING, style: BODY }));
    drawRuns(flow.doc, runs);
    flow.y += fit * LEADING;
    i += fit;
    if (i < lines.length) flow.newPage();
  }
  flow.y += PARAGRAPH_GAP;
}
