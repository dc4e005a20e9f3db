import type { LetterReviewRow } from '../../../src-main/contract';
import { call } from '../../api/client';
import { openPdfTab } from '../../lib/pdf-output';

/**
 * Opens one customer's letter, as the template prints it on `letterDate`, in a new tab. Returns
 * what kept it from showing (nothing to preview, pop-ups blocked) or null; a failed call throws.
 */
export async function openLetterPreview(templateId: number, row: Pick<LetterReviewRow, 'customerId' | 'customerCode'>, letterDate: string): Promise<string | null> {
  const p = await call('templates.preview', { id: templateId, customerId: row.customerId, letterDate, withPdf: true });
  if (!p.pdf) return p.missing ?? 'This letter cannot be previewed.';
  if (!openPdfTab({ fileName: `preview-${row.customerCode}.pdf`, mimeType: 'application/pdf', base64: p.pdf })) {
    return 'The browser did not open a new tab for the preview: allow pop-ups for Settle and try again.';
  }
  return null;
}
