import type { TemplateAddressee } from '../../../../src-main/contract';

/** Tone 1 … 5: how firm a letter is, as the list and the editor show it. */
export const TONES: { value: number; label: string }[] = [
  { value: 1, label: 'friendly' },
  { value: 2, label: 'polite' },
  { value: 3, label: 'firm' },
  { value: 4, label: 'escalation' },
  { value: 5, label: 'final demand' },
];

export function toneLabel(tone: number): string {
  return `${tone} · ${TONES.find((t) => t.value === tone)?.label ?? ''}`;
}

export const ADDRESSEES: Record<TemplateAddressee, string> = {
  accounts_payable: 'Accounts payable',
  principal: 'Owner / principal',
};

/** A block field in the preview's plain text, as the service writes it. */
export const BLOCK_NAMES: Record<string, string> = {
  open_items_table: 'open items table',
  plan_schedule_table: 'payment plan schedule',
  signature_lines: 'signature lines',
  statement_items: 'statement items',
  aging_summary: 'aging summary',
  remittance_slip: 'remittance slip',
};
