import type { PolicyStepInput } from '../contract/policy';

export const DEFAULT_POLICY_NAME = 'Standard policy';

/**
 * The policy a new ledger starts with. It follows the product's idea that collections is
 * customer service: make sure the goods and the invoice arrived before asking for money,
 * remind before the due date, call before writing, and only then escalate one step at a time.
 * Template names are the letters issue's default set.
 *
 * The two steps that go over the customer's accounts team or cost real money have a minimum (in
 * minor units, compared with what may be asked for that is due: policy/step-minimum.ts). A letter
 * to a company's principal and a certified demand that mentions an agency are out of proportion
 * for a small balance: they cost more in goodwill and postage than they recover, and agencies
 * rarely take accounts under a few hundred. Below 250.00 the customer stays with the calls, the
 * written reminders and the credit hold, and reaches the write-off review at 120 days.
 * The pre-due reminder and the first past-due letter go by email where the customer has an
 * address (a reminder is most welcome where it is read first) and are printed otherwise.
 * A ledger keeps the policy it was given: only a new ledger and "Reset to standard" get these.
 */
export const DEFAULT_POLICY_STEPS: PolicyStepInput[] = [
  { name: 'Delivery confirmation call', trigger: 'delivery', days: 1, action: 'delivery_check' },
  { name: 'Friendly reminder before the due date', trigger: 'days_from_due', days: -3, action: 'letter', template: 'Pre-due reminder', channel: 'email_or_print' },
  { name: 'Courtesy call on the due date', trigger: 'days_from_due', days: 0, action: 'call' },
  { name: 'Polite letter with a resolution date', trigger: 'days_from_due', days: 10, action: 'letter', template: 'Polite past-due letter', channel: 'email_or_print' },
  { name: 'Firmer follow-up letter', trigger: 'days_from_due', days: 30, action: 'letter', template: 'Firmer follow-up' },
  { name: 'Call to agree a way to pay', trigger: 'days_from_due', days: 45, action: 'call' },
  { name: 'Letter to the principal', trigger: 'days_from_due', days: 60, action: 'escalate_principal', template: 'Letter to the principal', customerKind: 'business', minAmount: 25_000 },
  { name: 'Credit hold while 60+ days overdue', trigger: 'days_from_due', days: 60, action: 'credit_hold' },
  { name: 'Certified final demand', trigger: 'days_from_due', days: 90, action: 'certified_letter', template: 'Certified final demand', minAmount: 25_000 },
  { name: 'Referral or write-off review', trigger: 'days_from_due', days: 120, action: 'write_off_review' },
  { name: 'Call about the broken promise', trigger: 'promise_broken', days: 0, action: 'call' },
  { name: 'Call about the missed instalment', trigger: 'instalment_missed', days: 0, action: 'call' },
  { name: 'Confirm the fix and ask for what is left', trigger: 'dispute_resolved', days: 1, action: 'call' },
];
