import type { LetterSettings } from '../letter-context';
import { decodeLogo } from './logo';
import type { PageLayout } from './page-layout';
import { ACCENT, MUTED, RULE, drawRuns, fitText, fittedRun, hairline, put, putFitted } from './typeset';

/** pdfkit's opened image: embedded once, however many pages show it. */
export interface OpenedImage {
  width: number;
  height: number;
}

/**
 * Opens the Settings logo once per document. A logo that cannot be read is left out rather than
 * failing the letters: the letter's content matters more than its decoration, and Settings is
 * where a bad logo gets reported (logoProblem). Returns the reason for the record.
 */
export function openLogo(doc: PDFKit.PDFDocument, base64: string | null): { image: OpenedImage | null; problem: string | null } {
  if (!base64) return { image: null, problem: null };
  const decoded = decodeLogo(base64);
  if (!decoded.ok) return { image: null, problem: decoded.problem };
  try {
    const image = (doc as unknown as { openImage(src: Buffer): OpenedImage }).openImage(decoded.bytes);
    if (!(image.width > 0 && image.height > 0)) return { image: null, problem: 'the logo has no size' };
    return { image, problem: null };
  } catch (e) {
    return { image: null, problem: `the logo could not be read (${e instanceof Error ? e.message : String(e)})` };
  }
}

/** The company's address as lines, however it was typed in Settings (new lines or commas). */
export function companyAddressLines(s: LetterSettings): string[] {
  return s.companyAddress
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/**
 * The first page's letterhead: the logo at the top left (or, without one, the company name in
 * large type there), and the name, address, phone and email set right. A hairline closes it
 * above the envelope window.
 */
export function drawLetterhead(doc: PDFKit.PDFDocument, layout: PageLayout, s: LetterSettings, logo: OpenedImage | null): void {
  const top = layout.headTop;
  const right = layout.right;
  const box = layout.logoBox;
  const blockWidth = logo ? right - (box.x + box.width + 18) : (right - layout.left) * 0.45;
  const address = companyAddressLines(s);
  // More than three address lines would run into the window: the rest share the third line.
  const lines = address.length > 3 ? [...address.slice(0, 2), address.slice(2).join(', ')] : address;
  const contact = [s.companyPhone && `Phone ${s.companyPhone}`, s.companyEmail].filter(Boolean).join('  ·  ');

  if (logo) {
    const scale = Math.min(box.width / logo.width, box.height / logo.height);
    const h = logo.height * scale;
    doc.image(logo as unknown as Buffer, box.x, box.y + (box.height - h) / 2, { width: logo.width * scale, height: h });
    putFitted(doc, s.companyName, right - blockWidth, top, blockWidth, { size: 11.5, bold: true, color: ACCENT }, 'right');
  } else {
    const name = fitText(doc, s.companyName, (right - layout.left) * 0.5, { size: 17, bold: true, color: ACCENT }, 11);
    put(doc, name.text, layout.left, top, name.style);
  }
  const y = logo ? top + 16 : top + 2;
  drawRuns(
    doc,
    [...lines, contact].filter(Boolean).map((line, i) => fittedRun(doc, line, right - blockWidth, y + i * 10.5, blockWidth, { size: 8, color: MUTED }, 'right', 6.5)),
  );
  const ruleY = layout.window.y - 14;
  hairline(doc, layout.left, ruleY, right, ACCENT, 0.8);
}

/**
 * The sender's address in small type inside the window, over the recipient: the post office
 * returns an undeliverable letter there without opening it.
 */
export function drawReturnLine(doc: PDFKit.PDFDocument, layout: PageLayout, s: LetterSettings): void {
  const r = layout.returnLine;
  const text = [s.companyName, ...companyAddressLines(s)].join(' · ');
  const fitted = fitText(doc, text, r.width, { size: 6.5, color: MUTED }, 5.5);
  put(doc, fitted.text, r.x, r.y, fitted.style);
  hairline(doc, r.x, r.y + r.height, r.x + fitted.width, RULE, 0.5);
}

/** Short ticks at the left edge where the page folds for the window envelope (and A4's punch mark). */
export function drawMarks(doc: PDFKit.PDFDocument, layout: PageLayout): void {
  for (const y of layout.marks) hairline(doc, 14, y, 24, RULE, 0.6);
}
