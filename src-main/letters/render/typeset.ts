import { BOLD, REGULAR } from './fonts';

/** Near-black for reading, a cool grey for labels, and the hairlines and shading of the tables. */
export const INK = '#1d2329';
export const MUTED = '#5c6670';
export const RULE = '#c5ccd3';
export const SHADE = '#edf0f3';
export const ACCENT = '#2c4a66';

export interface TextStyle {
  size: number;
  bold?: boolean;
  color?: string;
}

interface Current {
  font: string;
  size: number;
}
const current = new WeakMap<PDFKit.PDFDocument, Current>();

function useFont(doc: PDFKit.PDFDocument, s: TextStyle): void {
  const font = s.bold ? BOLD : REGULAR;
  let c = current.get(doc);
  if (!c) {
    c = { font: '', size: 0 };
    current.set(doc, c);
  }
  if (c.font !== font) {
    doc.font(font);
    c.font = font;
  }
  if (c.size !== s.size) {
    doc.fontSize(s.size);
    c.size = s.size;
  }
}

/** Widths at 1 pt, per face: both faces are the same files in every document, so one cache serves all. */
const unitWidths = new Map<string, number>();

export function textWidth(doc: PDFKit.PDFDocument, text: string, s: TextStyle): number {
  const key = (s.bold ? 'B' : 'R') + text;
  let unit = unitWidths.get(key);
  if (unit === undefined) {
    useFont(doc, s);
    // Measured from the same encoding drawRuns will use, so each new string is laid out once.
    const f = (doc as unknown as PdfkitText)._font;
    unit = f && typeof f.encode === 'function' ? encode(f, text)[1].reduce((w, p) => w + p.xAdvance, 0) / 1000 : doc.widthOfString(text) / s.size;
    if (unitWidths.size > 20_000) unitWidths.clear();
    unitWidths.set(key, unit);
  }
  return unit * s.size;
}

/** One line of text whose top is at y. */
export interface Run {
  text: string;
  x: number;
  y: number;
  style: TextStyle;
}

/** One line of text with its top at y. */
export function put(doc: PDFKit.PDFDocument, text: string, x: number, y: number, s: TextStyle): void {
  drawRuns(doc, [{ text, x, y, style: s }]);
}

/**
 * One line inside a box of the given width: smaller type if it does not fit (down to minSize),
 * then cut with an ellipsis, so a long invoice number or company name never runs into the next
 * column or out of the envelope window.
 */
export function putFitted(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  width: number,
  s: TextStyle,
  align: 'left' | 'right' | 'center' = 'left',
  minSize = s.size * 0.8,
): void {
  drawRuns(doc, [fittedRun(doc, text, x, y, width, s, align, minSize)]);
}

export function fittedRun(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  width: number,
  s: TextStyle,
  align: 'left' | 'right' | 'center' = 'left',
  minSize = s.size * 0.8,
): Run {
  const fitted = fitText(doc, text, width, s, minSize);
  const offset = align === 'left' ? 0 : align === 'right' ? width - fitted.width : (width - fitted.width) / 2;
  return { text: fitted.text, x: x + offset, y: y + (s.size - fitted.style.size) * 0.93, style: fitted.style };
}

export function fitText(doc: PDFKit.PDFDocument, text: string, width: number, s: TextStyle, minSize = s.size * 0.8): { text: string; style: TextStyle; width: number } {
  let w = textWidth(doc, text, s);
  if (w <= width) return { text, style: s, width: w };
  const size = Math.max(minSize, Math.floor(((s.size * width) / w) * 10) / 10);
  const style = { ...s, size };
  w = textWidth(doc, text, style);
  if (w <= width) return { text, style, width: w };
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(doc, chars.slice(0, mid).join('').trimEnd() + '…', style) <= width) lo = mid;
    else hi = mid - 1;
  }
  const cut = chars.slice(0, lo).join('').trimEnd() + '…';
  return { text: cut, style, width: textWidth(doc, cut, style) };
}

/** The parts of pdfkit 0.20 (pinned in package.json) that drawRuns writes through. */
interface PdfkitText {
  _font?: { id: string; ascender: number; ref(): unknown; encode(text: string): Encoded };
  page: { height: number; fonts: Record<string, unknown> };
  addContent?: (data: string) => unknown;
}

type Encoded = [string[], { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }[]];

/**
 * Encoded strings per font object, so per document: the letterhead, labels, dates, column
 * headings and closing lines repeat in every letter of a batch. Safe to reuse because encoding
 * has already put the glyphs in this document's font subset.
 */
const encodings = new WeakMap<object, Map<string, Encoded>>();
function encode(font: NonNullable<PdfkitText['_font']>, text: string): Encoded {
  let cache = encodings.get(font);
  if (!cache) encodings.set(font, (cache = new Map()));
  let e = cache.get(text);
  if (!e) {
    if (cache.size > 5_000) cache.clear();
    cache.set(text, (e = font.encode(text)));
  }
  return e;
}

const rgbCache = new Map<string, string>();
function rgb(hex: string): string {
  let v = rgbCache.get(hex);
  if (!v) {
    const n = parseInt(hex.slice(1), 16);
    v = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => round(c / 255)).join(' ') + ' rg';
    rgbCache.set(hex, v);
  }
  return v;
}
const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Lines of text as one text object in the page's content. pdfkit's text() would lay each string
 * out three times (to measure, to encode, to move x) and wrap each in its own graphics state:
 * drawn this way, a thousand-letter batch takes about a third less time. The glyphs still come
 * from pdfkit's font (subset, widths and kerning as text() would give); without those methods
 * (another pdfkit) or for a string with positioned marks, pdfkit's text() draws it instead.
 * Never wrapped by pdfkit either way: its wrapper adds pages by itself, and every page here must
 * get the running head and page number the layout decides.
 */
export function drawRuns(doc: PDFKit.PDFDocument, runs: Run[]): void {
  const d = doc as unknown as PdfkitText;
  const ops: string[] = [];
  let font: unknown = null;
  let size = 0;
  let color = '';
  const flush = () => {
    if (ops.length > 0) d.addContent!(`q 1 0 0 -1 0 ${round(d.page.height)} cm BT\n${ops.join('\n')}\nET Q`);
    ops.length = 0;
    font = null;
    color = '';
  };
  for (const r of runs) {
    if (r.text === '') continue;
    useFont(doc, r.style);
    const f = d._font;
    const encoded = f && typeof d.addContent === 'function' ? encode(f, r.text) : null;
    if (!f || !encoded || encoded[1].some((p) => p.xOffset || p.yOffset)) {
      flush();
      doc.fillColor(r.style.color ?? INK).text(r.text, r.x, r.y, { lineBreak: false });
      continue;
    }
    if (d.page.fonts[f.id] == null) d.page.fonts[f.id] = f.ref();
    if (f !== font || size !== r.style.size) ops.push(`/${f.id} ${round(r.style.size)} Tf`);
    font = f;
    size = r.style.size;
    const c = r.style.color ?? INK;
    if (c !== color) ops.push(rgb(c));
    color = c;
    ops.push(`1 0 0 1 ${round(r.x)} ${round(d.page.height - r.y - (f.ascender / 1000) * size)} Tm`);
    ops.push(`[${showText(encoded[0], encoded[1])}] TJ`);
  }
  flush();
}

/** The TJ operands: glyph runs with the kerning between them, as pdfkit writes them. */
function showText(glyphs: string[], positions: { xAdvance: number; advanceWidth: number }[]): string {
  const parts: string[] = [];
  let last = 0;
  for (let i = 0; i < positions.length; i++) {
    const kern = positions[i].xAdvance - positions[i].advanceWidth;
    if (kern !== 0 || i === positions.length - 1) {
      parts.push(`<${glyphs.slice(last, i + 1).join('')}> ${round(-kern)}`);
      last = i + 1;
    }
  }
  return parts.join(' ');
}

/**
 * Breaks text into lines no wider than width: at spaces, keeping the author's single line
 * breaks (addresses and lists in a paragraph), and inside a word only when the word alone is
 * wider than the line (a long reference or URL).
 */
export function wrapText(doc: PDFKit.PDFDocument, text: string, width: number, s: TextStyle): string[] {
  const space = textWidth(doc, ' ', s);
  const lines: string[] = [];
  for (const source of text.split('\n')) {
    const words = source.trim().split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) {
      lines.push('');
      continue;
    }
    let line = '';
    let lineWidth = 0;
    for (const word of words) {
      const w = textWidth(doc, word, s);
      if (line !== '' && lineWidth + space + w <= width) {
        line += ' ' + word;
        lineWidth += space + w;
        continue;
      }
      if (line !== '') lines.push(line);
      if (w <= width) {
        line = word;
        lineWidth = w;
        continue;
      }
      // A word wider than the line: cut it where it fills the line.
      let piece = '';
      for (const ch of Array.from(word)) {
        if (piece !== '' && textWidth(doc, piece + ch, s) > width) {
          lines.push(piece);
          piece = '';
        }
        piece += ch;
      }
      line = piece;
      lineWidth = textWidth(doc, piece, s);
    }
    lines.push(line);
  }
  return lines;
}

export function hairline(doc: PDFKit.PDFDocument, x1: number, y: number, x2: number, color = RULE, width = 0.6): void {
  hairlines(doc, x1, x2, [y], color, width);
}

/** Several horizontal rules of one colour and weight as one path: one stroke instead of one each. */
export function hairlines(doc: PDFKit.PDFDocument, x1: number, x2: number, ys: number[], color = RULE, width = 0.6): void {
  if (ys.length === 0) return;
  doc.save();
  for (const y of ys) doc.moveTo(x1, y).lineTo(x2, y);
  doc.lineWidth(width).strokeColor(color).stroke().restore();
}
