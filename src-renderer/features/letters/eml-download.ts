import { call } from '../../api/client';
import { downloadFile } from '../../lib/download';

/**
 * The message one customer would get, as a .eml file the clerk's own mail program opens (with the
 * PDF attached where the template asks): for an office without a mail server. Nothing is recorded.
 * It goes the way every export does, so the desktop window and a browser tab both save it.
 */
export async function saveEml(templateId: number, customerId: number, letterDate: string): Promise<void> {
  downloadFile(await call('mail.eml', { templateId, customerId, letterDate }));
}
