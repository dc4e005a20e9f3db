import type { PolicyStepInput } from '../contract/policy';

export const DEFAULT_POLICY_NAME = 'Standard policy';

/**
 * The policy a new ledger starts with. It follows the product's idea that collections is
 * customer service: make sure the goods and the invoice arrived before asking for money,
 * remind before the due date, call before writing, and only then escalate one step at a time.
 * Template names are the letters issue's default set.
 */
export const DEFAULT_POLICY_STEPS: PolicyStepInput[] = [
  { name: 'Delivery confirmation call', trigger: 'delivery', days: 1, action: 'delivery_check' },
  { name: 'Friendly reminder before the due date', trigger: 'days_from_due', days: -3, action: 'letter', template: 'Pre-due reminder' },
  { name: 'Courtesy call on the due date', trigger: 'days_from_due', days: 0, action: 'call' },
  { name: 'Polite letter with a resolution date', trigger: 'days_from_due', days: 10, action: 'letter', template: 'Polite past-due letter' },
  { name: 'Firmer follow-up letter', trigger: 'days_from_due', days: 30, action: 'letter', template: 'Firmer follow-up' },
  { name: 'Call to agree a way to pay', trigger: 'days_from_due', days: 45, action: 'call' },
  { name: 'Letter to the principal', trigger: 'days_from_due', days: 60, action: 'escalate_principal', template: 'Letter to the principal', customerKind: 'business' },
  { name: 'Credit hold while 60+ days overdue', trigger: 'days_from_due', days: 60, action: 'credit_hold' },
  { name: 'Certified final demand', trigger: 'days_from_due', days: 90, action: 'certified_letter', template: 'Certified final demand' },
  { name: 'Referral or write-off review', trigger: 'days_from_due', days: 120, action: 'write_off_review' },
  { name: 'Call about the broken promise', trigger: 'promise_broken', days: 0, action: 'call' },
  { name: 'Call about the missed instalment', trigger: 'instalment_missed', days: 0, action: 'call' },
  { name: 'Confirm the fix and ask for what is left', trigger: 'dispute_resolved', days: 1, action: 'call' },
];
