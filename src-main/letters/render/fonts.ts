import fs from 'node:fs';

/** The names the render modules use for the two embedded faces. */
export const REGULAR = 'DejaVuSans';
export const BOLD = 'DejaVuSans-Bold';

let cache: { regular: Buffer; bold: Buffer } | null = null;

/**
 * DejaVu Sans covers Latin, Greek and Cyrillic with every accent a customer's name may carry
 * (Ł, Ø, Ğ, ş…), which pdfkit's built-in Helvetica cannot show. Resolved through the package,
 * not a relative path, so the same code finds the files from ts-jest, build/main and a packaged
 * app; read once per process because a batch opens one document but previews open many.
 */
export function letterFonts(): { regular: Buffer; bold: Buffer } {
  if (!cache) {
    cache = {
      regular: fs.readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
      bold: fs.readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
    };
  }
  return cache;
}

export function registerLetterFonts(doc: PDFKit.PDFDocument): void {
  const f = letterFonts();
  doc.registerFont(REGULAR, f.regular);
  doc.registerFont(BOLD, f.bold);
}
