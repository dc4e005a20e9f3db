import type { FeeRules } from '../../../src-main/contract';
import { formatMoneyInput, parseMoneyInput } from '../../lib/money';

// Fee rules as a person types them: rates in percent ("1.5"), stored as basis points (150).

export type LateFeeKind = 'none' | 'flat' | 'percent';

export interface FeeRulesForm {
  lateFeeKind: LateFeeKind;
  lateFeeAmount: string;
  lateFeeRate: string;
  interestRate: string;
  graceDays: string;
  cap: string;
  applyToConsumers: boolean;
}

export function percentText(basisPoints: number | null | undefined): string {
  if (basisPoints === null || basisPoints === undefined) return '';
  const frac = String(basisPoints % 100).padStart(2, '0').replace(/0+$/, '');
  return frac ? `${Math.trunc(basisPoints / 100)}.${frac}` : String(Math.trunc(basisPoints / 100));
}

/** "1.5" → 150 without floats; null for empty; a message for anything else or out of range. */
function parsePercent(text: string, max: number, label: string): { ok: true; value: number | null } | { ok: false; message: string } {
  const t = text.trim().replace(/%$/, '').trim();
  if (t === '') return { ok: true, value: null };
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return { ok: false, message: 'Enter a percentage like 1.5 (at most two decimal places)' };
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (bp === 0) return { ok: false, message: `${label} must be more than 0 %, or leave it empty` };
  if (bp > max) return { ok: false, message: `${label} can be at most ${percentText(max)} %` };
  return { ok: true, value: bp };
}

export function formFromRules(r: FeeRules): FeeRulesForm {
  return {
    lateFeeKind: r.lateFee?.kind ?? 'none',
    lateFeeAmount: r.lateFee?.kind === 'flat' ? formatMoneyInput(r.lateFee.amount) : '',
    lateFeeRate: r.lateFee?.kind === 'percent' ? percentText(r.lateFee.basisPoints) : '',
    interestRate: percentText(r.interest?.annualRateBasisPoints),
    graceDays: String(r.graceDays),
    cap: percentText(r.capBasisPoints),
    applyToConsumers: r.applyToConsumers,
  };
}

/** Field keys match the service's (`lateFee.amount`, …) so its messages land in the same places. */
export function rulesFromForm(f: FeeRulesForm): { ok: true; rules: FeeRules } | { ok: false; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  let lateFee: FeeRules['lateFee'] = null;
  if (f.lateFeeKind === 'flat') {
    const m = parseMoneyInput(f.lateFeeAmount);
    if (!m.ok) fields['lateFee.amount'] = m.message;
    else if (!m.value) fields['lateFee.amount'] = 'Enter the late fee amount';
    else lateFee = { kind: 'flat', amount: m.value };
  } else if (f.lateFeeKind === 'percent') {
    const p = parsePercent(f.lateFeeRate, 2500, 'The late fee rate');
    if (!p.ok) fields['lateFee.basisPoints'] = p.message;
    else if (p.value === null) fields['lateFee.basisPoints'] = 'Enter the late fee rate';
    else lateFee = { kind: 'percent', basisPoints: p.value };
  }
  const interest = parsePercent(f.interestRate, 3600, 'The interest rate');
  if (!interest.ok) fields['interest.annualRateBasisPoints'] = interest.message;
  const cap = parsePercent(f.cap, 10000, 'The cap');
  if (!cap.ok) fields.capBasisPoints = cap.message;
  if (!/^\d+$/.test(f.graceDays.trim())) fields.graceDays = 'Enter a whole number of days';
  if (Object.keys(fields).length > 0 || !interest.ok || !cap.ok) return { ok: false, fields };
  return {
    ok: true,
    rules: {
      lateFee,
      interest: interest.value === null ? null : { annualRateBasisPoints: interest.value },
      graceDays: Number(f.graceDays.trim()),
      capBasisPoints: cap.value,
      applyToConsumers: f.applyToConsumers,
    },
  };
}
