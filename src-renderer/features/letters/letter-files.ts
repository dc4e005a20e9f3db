import type { ArchivedLetterFile, LetterPdfFile } from '../../../src-main/contract';
import { call } from '../../api/client';
import { printPdf } from '../../lib/pdf-output';

/** A printed PDF kept so it can also be saved, and whether the browser opened it. */
export interface PrintedPdf {
  file: LetterPdfFile;
  /** False when the browser blocked the new tab: the clerk saves it and prints from there. */
  opened: boolean;
}

/**
 * Fetches an archived letter file (checked against its SHA-256 by the service) and shows it for
 * printing. A letter printed in a batch shares its file with the others: in a browser the
 * viewer opens at the letter's first page.
 */
export async function openLetterFile(fileId: number, firstPage = 1): Promise<PrintedPdf> {
  const file = asPdf(await call('letters.file', { fileId }));
  return { file, opened: await printPdf(file, firstPage) };
}

/** A printed letter's file; an emailed one is an .eml, which is downloaded, never printed. */
export function asPdf(file: ArchivedLetterFile): LetterPdfFile {
  if (file.mimeType !== 'application/pdf') throw new Error(`${file.fileName} is an email as it was sent, not a printed letter: download it instead.`);
  return { ...file, mimeType: file.mimeType };
}

/** 9400 1118 9922 3818 2184 07, as printed on the receipt. */
export function groupedTracking(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

export const CHANNEL_LABELS = { mail: 'Mail', certified_mail: 'Certified mail', email_pdf: 'Email-ready PDF', email: 'Email' } as const;
/** The channels a printed batch (letters.send) may use: email goes through the mail server instead. */
export const PRINT_CHANNELS = ['mail', 'certified_mail', 'email_pdf'] as const;
