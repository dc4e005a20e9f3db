import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { LetterSettingsUpdateSchema } from '../../contract/templates';
import { ServiceError } from '../../contract/service-error';
import { saveLetterSettings, type LetterSettings } from '../letter-context';
import { logoProblem } from '../render/logo';

export const MAX_LOGO_BYTES = 500 * 1024;

/**
 * What the bytes really are, whatever the file was called: the PDF engine embeds only PNG and
 * JPEG, and a logo it cannot read would only fail later, at print time.
 */
export function logoKind(bytes: Buffer): 'png' | 'jpeg' | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}

/** Saves the letterhead and letter settings given; a logo that is not a sound PNG or JPEG of at most 500 KB is refused. */
export function updateLetterSettings(db: Database, x: z.output<typeof LetterSettingsUpdateSchema>): LetterSettings {
  if (typeof x.companyLogo === 'string') {
    const bytes = Buffer.from(x.companyLogo, 'base64');
    if (bytes.length > MAX_LOGO_BYTES) throw new ServiceError('validation', 'The logo is too large.', { companyLogo: 'The logo must be 500 KB or smaller' });
    if (!logoKind(bytes)) throw new ServiceError('validation', 'The logo is not a PNG or JPEG image.', { companyLogo: 'Upload the logo as a PNG or JPEG image' });
    // Checked all the way through now, so a damaged file is turned away here and not in the middle of a print run.
    const problem = logoProblem(x.companyLogo);
    if (problem) throw new ServiceError('validation', 'The logo cannot be printed.', { companyLogo: `The logo cannot be printed: ${problem}` });
  }
  return saveLetterSettings(db, x);
}
