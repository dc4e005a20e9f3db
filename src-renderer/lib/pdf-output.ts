import type { ExportedFile } from '../../src-main/contract';
import { downloadFile } from './download';

/**
 * Shows a PDF from a service so it can be printed: in the desktop app, Electron's print dialog
 * over the PDF; in a browser, the PDF in a new tab (the browser's viewer prints it). Returns
 * false when the browser blocked the tab, so the caller can offer to save it instead.
 */
export async function printPdf(file: ExportedFile): Promise<boolean> {
  if (window.settle) return (await window.settle.pdf('print', file)).ok;
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const tab = window.open(url, '_blank');
  if (tab) tab.opener = null;
  // The tab keeps its own copy once loaded; a minute is plenty for it to read the blob.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return tab !== null;
}

/** Save as: the system save dialog in the desktop app, a download in a browser. */
export async function savePdf(file: ExportedFile): Promise<void> {
  if (window.settle) await window.settle.pdf('save', file);
  else downloadFile(file);
}
