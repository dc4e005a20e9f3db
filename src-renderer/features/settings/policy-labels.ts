import type { CustomerProfile, PolicyAction, PolicyStep, PolicyTrigger, StepChannel } from '../../../src-main/contract';
import { profileLabel } from '../../lib/customer-labels';
import { formatMoney, moneyLocale } from '../../lib/money';
import { currencySymbol } from '../../../src-main/money/money-format';

// Words for the escalation policy, shared by the Settings editor and the worklist.

export const ACTION_LABELS: Record<PolicyAction, string> = {
  call: 'Call',
  delivery_check: 'Delivery check call',
  letter: 'Letter',
  certified_letter: 'Certified letter',
  escalate_principal: 'Escalate to the principal',
  credit_hold: 'Credit hold',
  cod_terms: 'Move to COD terms',
  prepay_terms: 'Move to prepay terms',
  late_fees: 'Charge late fees',
  agency: 'Refer to an agency',
  write_off_review: 'Write-off review',
};

/** How a letter step's letter goes out. */
export const STEP_CHANNEL_LABELS: Record<StepChannel, string> = {
  print: 'Printed',
  email: 'By email only',
  email_or_print: 'By email where there is an address, else printed',
};

/** What starts a step, as a person would pick it from a list. */
export const TRIGGER_LABELS: Record<PolicyTrigger, string> = {
  days_from_due: 'Days from the due date',
  delivery: 'After delivery',
  promise_broken: 'When a promise is broken',
  instalment_missed: 'When an instalment is missed',
  dispute_resolved: 'After a dispute is resolved',
};

/** Actions that send something on paper, so a letter template applies. */
export const LETTER_ACTIONS: readonly PolicyAction[] = ['letter', 'certified_letter', 'escalate_principal'];

const EVENT_WORDS: Record<Exclude<PolicyTrigger, 'days_from_due'>, string> = {
  delivery: 'delivery',
  promise_broken: 'a promise is broken',
  instalment_missed: 'an instalment is missed',
  dispute_resolved: 'a dispute is resolved',
};

function dayCount(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

/** "3 days before due", "On the due date", "10 days past due", "1 day after delivery", "When a promise is broken". */
export function describeWhen(step: Pick<PolicyStep, 'trigger' | 'days'>): string {
  if (step.trigger === 'days_from_due') {
    if (step.days === 0) return 'On the due date';
    return step.days < 0 ? `${dayCount(-step.days)} before due` : `${dayCount(step.days)} past due`;
  }
  const event = EVENT_WORDS[step.trigger];
  if (step.days === 0) return `When ${event}`;
  return step.trigger === 'delivery' ? `${dayCount(step.days)} after delivery` : `${dayCount(step.days)} after ${event}`;
}

export function describeAction(step: Pick<PolicyStep, 'action' | 'template'>): string {
  const label = ACTION_LABELS[step.action];
  return step.template ? `${label}: ${step.template}` : label;
}

/** The ledger's currency symbol for an amount field's adornment ("$", "CHF"), as amounts are written. */
export function currencyPrefix(currency: string): string {
  try {
    return currencySymbol(currency, moneyLocale());
  } catch {
    // An unknown code: show it as it is.
    return currency;
  }
}

/** Which customers the step applies to, e.g. ["Business only", "Disputing", "$500.00 or more overdue"]; empty for everyone. */
export function describeConditions(step: Pick<PolicyStep, 'customerKind' | 'profiles' | 'minAmount'>): string[] {
  const parts: string[] = [];
  if (step.customerKind) parts.push(step.customerKind === 'business' ? 'Business only' : 'Consumer only');
  if (step.profiles && step.profiles.length > 0) parts.push(step.profiles.map((p: CustomerProfile) => profileLabel(p)).join(' or '));
  // The run compares with >=, so "or more" is exact where "over" would be a cent out.
  if (step.minAmount !== null && step.minAmount > 0) parts.push(`${formatMoney(step.minAmount)} or more overdue`);
  return parts;
}
