import { IIF } from './iif';
import { PRESET_NAMES, type Preset, type PresetName } from './preset-types';
import { QBO } from './qbo';
import { XERO } from './xero';

export { PRESET_NAMES, type PresetName };

export const PRESETS: Record<PresetName, Preset> = { xero: XERO, iif: IIF, qbo: QBO };

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}
