import PDFDocument from 'pdfkit';
import type { CertifiedLogEntry } from '../../contract/letters';
import { longDate, type LetterSettings } from '../letter-context';
import { BOLD, REGULAR, registerLetterFonts } from '../render/fonts';
import { pdfBytes } from '../render/letter-document';
import { formatTrackingNumber } from './tracking-number';

const COLUMNS = [
  { title: 'No.', width: 26 },
  { title: 'Tracking number', width: 150 },
  { title: 'Addressee', width: 160 },
  { title: 'Letter', width: 84 },
  { title: 'Mailed', width: 58 },
  { title: 'Return receipt', width: 0 },
] as const;

/**
 * The day's certified-mail list, to take to the post office and keep: one row per letter with
 * its tracking number (blank to fill in if not yet recorded), the window address, and the
 * return receipt when it has come back.
 */
export function certifiedLogPdf(date: string, entries: CertifiedLogEntry[], settings: LetterSettings): Promise<Buffer> {
  const doc = new PDFDocument({
    size: settings.paperSize === 'a4' ? 'A4' : 'LETTER',
    margin: 40,
    bufferPages: true,
    info: { Title: `Certified mail — ${longDate(date)}`, Author: settings.companyName },
  });
  const done = pdfBytes(doc);
  registerLetterFonts(doc);

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const widths: number[] = COLUMNS.map((c) => c.width);
  widths[widths.length - 1] = width - widths.slice(0, -1).reduce((s, w) => s + w, 0);
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((s, w) => s + w, 0));
  const bottom = () => doc.page.height - doc.page.margins.bottom - 20;

  doc.font(BOLD).fontSize(14).text(settings.companyName);
  doc.font(REGULAR).fontSize(11).text(`Certified mail — mailing list for ${longDate(date)}`);
  doc.fontSize(9).fillColor('#444').text(`${entries.length} ${entries.length === 1 ? 'letter' : 'letters'}`);
  doc.fillColor('black').moveDown();

  const cells = (values: string[], font: typeof REGULAR | typeof BOLD) => {
    doc.font(font).fontSize(8.5);
    const height = Math.max(...values.map((v, i) => doc.heightOfString(v, { width: widths[i] - 6 })));
    if (doc.y + height > bottom()) {
      doc.addPage();
      if (font === REGULAR) cells(COLUMNS.map((c) => c.title), BOLD);
      doc.font(font).fontSize(8.5);
    }
    const y = doc.y;
    values.forEach((v, i) => doc.text(v, xs[i] + 3, y, { width: widths[i] - 6 }));
    doc.y = y + height + 4;
    doc
      .moveTo(left, doc.y - 2)
      .lineTo(left + width, doc.y - 2)
      .lineWidth(font === BOLD ? 0.8 : 0.3)
      .strokeColor('#888')
      .stroke();
    doc.y += 2;
  };

  cells(COLUMNS.map((c) => c.title), BOLD);
  if (entries.length === 0) doc.font(REGULAR).fontSize(9).text('No certified letters are dated or mailed on this day.', left, doc.y + 4);
  entries.forEach((e, n) =>
    cells(
      [
        String(n + 1),
        e.trackingNumber ? formatTrackingNumber(e.trackingNumber) : '____ ____ ____ ____ ____ __',
        e.addressLines.join('\n'),
        `${e.template}\nLetter ${e.letterId}, ${e.letterDate}`,
        e.mailedOn ?? '',
        e.returnReceiptOn ? `${e.returnReceiptOn}\nSigned by ${e.signedBy}` : '',
      ],
      REGULAR,
    ),
  );

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    doc
      .font(REGULAR)
      .fontSize(8)
      .fillColor('#444')
      .text(`Certified mail ${date} — page ${i + 1} of ${range.count}`, left, doc.page.height - doc.page.margins.bottom - 10, { width, align: 'right', lineBreak: false });
  }
  doc.end();
  return done;
}
