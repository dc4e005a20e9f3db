import { IIF } from './iif';
import { PRESET_NAMES, type Preset, type PresetName } from './preset-types';
import { QBO } from './qbo';
import { XERO } from './xero';

export { PRESET_NAMES, type PresetName };

export const PRESETS: Record<PresetName, Preset> = { xero: XERO, iif: IIF, qbo: QBO };

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

/** Which preset a file looks like, from its name and first lines; null for anything else (Settle's own CSV). */
export function detectPreset(text: string, fileName?: string): PresetName | null {
  const head = text.slice(0, 8192);
  if (/\.iif$/i.test(fileName ?? '') || /^!TRNS\t/m.test(head)) return 'iif';
  const lines = head.split(/\r?\n/).slice(0, 20).map((l) => l.toLowerCase().replace(/[^a-z0-9,]/g, ''));
  if (lines.some((l) => l.includes('contactname') && l.includes('invoiceamountdue'))) return 'xero';
  if (lines.some((l) => l.includes('transactiontype') && l.includes('openbalance'))) return 'qbo';
  return null;
}
