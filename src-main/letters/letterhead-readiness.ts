import type { LetterSettings } from './letter-context';

/** The company name a new ledger prints until someone types theirs: never to go out on a letter. */
export const PLACEHOLDER_COMPANY_NAME = 'Our company';

/** The Settings fields a letter's sender details come from, by the label the Settings form gives them. */
export type LetterheadSetting = 'companyName' | 'companyAddress' | 'companyPhone' | 'companyEmail' | 'clerkName' | 'clerkPhone';

export const LETTERHEAD_LABELS: Record<LetterheadSetting, string> = {
  companyName: 'Company name',
  companyAddress: 'Company address',
  companyPhone: 'Company phone',
  companyEmail: 'Company email',
  clerkName: 'Your name',
  clerkPhone: 'Your direct phone',
};

/**
 * Which Settings each sender merge field prints. {{clerk.phone}} falls back to the company phone
 * (letter-context's inlineValues), so it is only blank when both are.
 */
const FIELD_SETTINGS: Record<string, LetterheadSetting[]> = {
  'company.name': ['companyName'],
  'company.address': ['companyAddress'],
  'company.phone': ['companyPhone'],
  'company.email': ['companyEmail'],
  'clerk.name': ['clerkName'],
  'clerk.phone': ['clerkPhone', 'companyPhone'],
};

/**
 * Every letter prints the company name at the top and the name and address as the return line in
 * the envelope window, whatever its text says; so these two are needed by every template.
 */
const ALWAYS_PRINTED: LetterheadSetting[] = ['companyName', 'companyAddress'];

export interface LetterheadGap {
  setting: LetterheadSetting;
  label: string;
  /** 'empty', or 'placeholder' for a value a new ledger starts with. */
  problem: 'empty' | 'placeholder';
}

function gapOf(s: LetterSettings, settings: LetterheadSetting[]): LetterheadGap['problem'] | null {
  const values = settings.map((k) => s[k].trim());
  if (values.some((v) => v !== '' && !(settings[0] === 'companyName' && v === PLACEHOLDER_COMPANY_NAME))) return null;
  return settings[0] === 'companyName' && values[0] === PLACEHOLDER_COMPANY_NAME ? 'placeholder' : 'empty';
}

/**
 * The sender details a template would print blank or as a new ledger's placeholder: the letterhead
 * every letter carries (company name and address) and the sender fields the template uses
 * ({{clerk.name}}, {{clerk.phone}}, {{company.phone}}, {{company.email}}). Letters with any of
 * these go out signed "Our company" with no way to reply, so sending is refused until they are
 * filled in. The one rule the send service, the review list and the CLI all apply.
 */
export function letterheadGaps(s: LetterSettings, usedFields: readonly string[]): LetterheadGap[] {
  const gaps: LetterheadGap[] = [];
  const seen = new Set<LetterheadSetting>();
  const check = (settings: LetterheadSetting[]) => {
    const key = settings[0];
    if (seen.has(key)) return;
    seen.add(key);
    const problem = gapOf(s, settings);
    if (problem) gaps.push({ setting: key, label: LETTERHEAD_LABELS[key], problem });
  };
  for (const k of ALWAYS_PRINTED) check([k]);
  for (const f of usedFields) {
    const settings = FIELD_SETTINGS[f];
    if (settings) check(settings);
  }
  return gaps;
}

/** The one wording of the refusal, naming each field as Settings labels it. */
export function letterheadMessage(gaps: LetterheadGap[]): string {
  const names = gaps.map((g) => (g.problem === 'placeholder' ? `${g.label} (still “${PLACEHOLDER_COMPANY_NAME}”)` : g.label));
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `Fill in the letterhead before sending: ${list} ${gaps.length === 1 ? 'is' : 'are'} not set in Settings → Letterhead and letters.`;
}
