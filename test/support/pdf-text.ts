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

/** All pages' text as one line, every run of white space (line breaks too) made one space, so tests can look for phrases. */
export function pdfText(pdf: Buffer): string {
  return pdfPages(pdf).join(' ').replace(/\s+/g, ' ');
}
