import { longDate, type LetterData, type LetterSettings } from '../letter-context';
import type { PageLayout } from './page-layout';
import { MUTED, drawRuns, fittedRun } from './typeset';

/**
 * The recipient's lines inside the window zone. Type shrinks a little for a six-line address
 * and each line is fitted to the window's width, so no line is ever hidden by the envelope.
 */
export function drawRecipient(doc: PDFKit.PDFDocument, layout: PageLayout, lines: string[]): void {
  const r = layout.recipient;
  if (lines.length === 0) return;
  const leading = Math.min(12.5, r.height / lines.length);
  const size = Math.min(10, leading / 1.2);
  drawRuns(
    doc,
    lines.map((line, i) => fittedRun(doc, line, r.x, r.y + i * leading, r.width, { size }, 'left', size * 0.8)),
  );
}

/**
 * The date and references beside the window, where the reader looks for them (the DIN 5008
 * information block; on US Letter the same place keeps the date off the window).
 */
export function drawInfoBlock(doc: PDFKit.PDFDocument, layout: PageLayout, s: LetterSettings, data: LetterData): void {
  const b = layout.infoBlock;
  const rows: [string, string][] = [
    ['Date', longDate(data.letterDate)],
    ['Account', data.customer.code],
  ];
  if (s.clerkName) rows.push(['Your contact', s.clerkName]);
  const phone = s.clerkPhone || s.companyPhone;
  if (phone) rows.push(['Phone', phone]);
  const labelWidth = Math.min(58, b.width * 0.36);
  drawRuns(
    doc,
    rows.flatMap(([label, value], i) => [
      fittedRun(doc, label, b.x, b.y + i * 13 + 1, labelWidth - 4, { size: 7.5, color: MUTED }),
      fittedRun(doc, value, b.x + labelWidth, b.y + i * 13, b.width - labelWidth, { size: 9 }, 'left', 7),
    ]),
  );
}
