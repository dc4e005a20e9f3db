import { execFileSync } from 'node:child_process';
import path from 'node:path';

// pdf.js ships only as ES modules, which jest's CommonJS runtime cannot load, so the text is
// read in a child Node process. Items are joined with a space, lines with a newline.
const READ_TEXT = `
const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), isEvalSupported: false, verbosity: 0 }).promise;
const pages = [];
for (let n = 1; n <= pdf.numPages; n++) {
  const content = await (await pdf.getPage(n)).getTextContent();
  pages.push(content.items.map((i) => i.str + (i.hasEOL ? '\\n' : ' ')).join(''));
}
process.stdout.write(JSON.stringify(pages));
`;

/** The text of each page of a PDF, as pdf.js reads it. */
export function pdfPages(pdf: Buffer): string[] {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', READ_TEXT], {
    input: pdf,
    cwd: path.resolve(__dirname, '../..'),
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.toString('utf8')) as string[];
}

// Each text item with where pdf.js puts it: x and baseline from the page's top-left (pdfkit's
// own coordinates, so tests compare directly with layout rectangles), width, and the font size.
const READ_ITEMS = `
const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), isEvalSupported: false, verbosity: 0 }).promise;
const items = [];
for (let n = 1; n <= pdf.numPages; n++) {
  const page = await pdf.getPage(n);
  const [, , , top] = page.view;
  for (const i of (await page.getTextContent()).items) {
    if (!i.str || i.str.trim() === '') continue;
    items.push({ page: n, str: i.str, x: i.transform[4], baseline: top - i.transform[5], width: i.width, size: Math.hypot(i.transform[2], i.transform[3]) });
  }
}
process.stdout.write(JSON.stringify(items));
`;

export interface PdfTextItem {
  /** 1-based page number. */
  page: number;
  str: string;
  /** Left edge, in points from the page's left. */
  x: number;
  /** The text's baseline, in points from the page's top. */
  baseline: number;
  width: number;
  /** Font size in points: glyphs reach about 0.8 of it above the baseline and 0.25 below. */
  size: number;
}

/** Every non-blank text item of a PDF with its page and position. */
export function pdfItems(pdf: Buffer): PdfTextItem[] {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', READ_ITEMS], {
    input: pdf,
    cwd: path.resolve(__dirname, '../..'),
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.toString('utf8')) as PdfTextItem[];
}

const READ_INFO = `
const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), isEvalSupported: false, verbosity: 0 }).promise;
const { info } = await pdf.getMetadata();
const page = await pdf.getPage(1);
process.stdout.write(JSON.stringify({ ...info, pageSize: page.view.slice(2) }));
`;

/** The document information dictionary (Title, Author, Producer…) and the first page's size in points. */
export function pdfInfo(pdf: Buffer): Record<string, string> & { pageSize: [number, number] } {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', READ_INFO], {
    input: pdf,
    cwd: path.resolve(__dirname, '../..'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return JSON.parse(out.toString('utf8')) as Record<string, string> & { pageSize: [number, number] };
}

/** All pages' text as one line, every run of white space (line breaks too) made one space, so tests can look for phrases. */
export function pdfText(pdf: Buffer): string {
  return pdfPages(pdf).join(' ').replace(/\s+/g, ' ');
}
