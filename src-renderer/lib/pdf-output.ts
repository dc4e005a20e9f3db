import type { ExportedFile } from '../../src-main/contract';
import { base64Blob, downloadFile } from './download';

/**
 * Opens a PDF in a new browser tab, at `page` (the browser's viewer reads #page=N). Returns
 * false when the browser blocked the tab, so the caller can offer to save it instead.
 */
export function openPdfTab(file: ExportedFile, page = 1): boolean {
  const url = URL.createObjectURL(base64Blob(file.base64, 'application/pdf'));
  const tab = window.open(page > 1 ? `${url}#page=${page}` : url, '_blank');
  if (tab) tab.opener = null;
  // The tab keeps its own copy once loaded; a minute is plenty for it to read the blob.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return tab !== null;
}

/**
 * Shows a PDF from a service so it can be printed: in the desktop app, Electron's print dialog
 * over the PDF; in a browser, the PDF in a new tab (the browser's viewer prints it). Returns
 * false when the browser blocked the tab.
 */
export async function printPdf(file: ExportedFile, page = 1): Promise<boolean> {
  if (window.settle) return (await window.settle.pdf('print', file)).ok;
  return openPdfTab(file, page);
}

/** Save as: the system save dialog in the desktop app, a download in a browser. */
export async function savePdf(file: ExportedFile): Promise<void> {
  if (window.settle) await window.settle.pdf('save', file);
  else downloadFile(file);
}
