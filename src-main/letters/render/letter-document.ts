import PDFDocument from 'pdfkit';
import { registerLetterFonts } from './fonts';
import type { PageLayout } from './page-layout';

/**
 * A PDF as the letters renderer draws it: pages added by the caller (each letter, each report
 * page, on its own layout), pages kept for numbering at the end, tagged with its language and
 * title, and the letter fonts registered. Letters, reports and agreements all start here.
 */
export function letterDocument(size: PageLayout['size'], title: string, author: string): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size,
    margin: 0,
    autoFirstPage: false,
    bufferPages: true,
    pdfVersion: '1.7',
    lang: 'en',
    displayTitle: true,
    info: { Title: title, Author: author, Producer: 'Settle', Creator: 'Settle' },
  });
  registerLetterFonts(doc);
  return doc;
}

/** The whole document as bytes once `doc.end()` has been called; for small files held in memory. */
export function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
