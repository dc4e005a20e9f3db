import type { Profile } from '../contract/profiles';

/**
 * What each late-payer profile means for the clerk (strategy) and for the escalation policy
 * (adjustment). Collections is customer service: each strategy starts from why the customer
 * is late, because fixing that is what gets the invoice paid and keeps the customer.
 */
export const PROFILE_STRATEGIES: Record<Profile, { label: string; strategy: string; adjustment: string }> = {
  disorganised: {
    label: 'Disorganised',
    strategy:
      'They mean to pay but invoices get lost between desks. Make paying easy: confirm who approves and who pays, ' +
      'send invoices to that person, resend copies without fuss, and remind them before the due date rather than after. ' +
      'A friendly, regular routine works better than pressure.',
    adjustment: 'Reminders due on or before the due date come 4 days earlier.',
  },
  cash_flow: {
    label: 'Cash-flow squeeze',
    strategy:
      'They want to pay but are short of cash for now. Ask openly what they can pay and when, agree a realistic ' +
      'payment plan in writing, and take small regular amounts over a promise that will be broken. Keep supplying ' +
      'where it is safe to, since a customer who recovers remembers who stood by them.',
    adjustment: 'Letters go out as usual, each with the suggestion to offer a payment plan.',
  },
  disputing: {
    label: 'Disputing',
    strategy:
      'Something is wrong with what we delivered or billed, and they will not pay until it is put right. Find out exactly ' +
      'what the problem is, give it an owner and a date, fix it or credit it, and ask for the undisputed part to be paid ' +
      'meanwhile. Chasing money before the problem is solved only hardens the dispute.',
    adjustment: 'No change to timing; letters are held while a dispute is open, and the problem comes first.',
  },
  failing: {
    label: 'Failing',
    strategy:
      'Their business is in trouble and is paying later and later. Act early and protect what is owed: stop or limit ' +
      'further credit, ask for security or cash terms on new orders, agree a short plan for what is outstanding, and ' +
      'review recovery options sooner than usual. Stay courteous: they may recover, and they may be honest about it if asked.',
    adjustment: 'Credit hold, agency and write-off review come 30 days earlier (never before day 1).',
  },
  angry: {
    label: 'Angry / avoidant',
    strategy:
      'They are upset with us, or avoiding the conversation. Listen first and find out what went wrong; one senior, calm ' +
      'contact can often reset the relationship. Put every agreement and request in writing, keep full records of each ' +
      'contact, and stay factual and polite whatever the tone of the reply.',
    adjustment: 'Letters become certified letters, with full records kept.',
  },
  good: {
    label: 'Good customer',
    strategy:
      'They pay on time or close to it, and a late invoice is usually an oversight. A short, friendly call is enough; ' +
      'thank them for their business and check nothing has gone wrong on our side. Save the firm steps for when something has clearly changed.',
    adjustment: 'Letters in the first 30 days become courtesy calls.',
  },
};

export interface PolicyStepShape {
  days: number;
  action: string;
  trigger: string;
}

export interface AdjustedStep {
  days: number;
  action: string;
  note: string | null;
}

const LETTERS = new Set(['letter', 'certified_letter']);
// Steps that cost the customer the relationship: brought forward when the business may fail,
// because waiting the usual time only lets the debt grow.
const PROTECTIVE = new Set(['write_off_review', 'agency', 'credit_hold']);
const EARLIER_REMINDER_DAYS = 4;
const FAILING_EARLIER_DAYS = 30;

/** How the escalation policy applies a customer's profile to one step. */
export function adjustStep(profile: Profile | null, step: PolicyStepShape): AdjustedStep {
  const same = { days: step.days, action: step.action, note: null };
  switch (profile) {
    case 'disorganised':
      return step.trigger === 'days_from_due' && step.days <= 0
        ? { ...same, days: step.days - EARLIER_REMINDER_DAYS, note: 'reminded early: disorganised' }
        : same;
    case 'cash_flow':
      return LETTERS.has(step.action) ? { ...same, note: 'offer a payment plan on this contact' } : same;
    case 'disputing':
      return { ...same, note: 'fix the open problem first' };
    case 'failing':
      if (!PROTECTIVE.has(step.action)) return same;
      // Never before day 1, but a step already set earlier than that is not pushed later.
      return { ...same, days: Math.max(step.days - FAILING_EARLIER_DAYS, Math.min(step.days, 1)), note: 'brought forward: the customer may be failing' };
    case 'angry':
      return LETTERS.has(step.action) ? { ...same, action: 'certified_letter', note: 'in writing, by certified mail, keep full records' } : same;
    case 'good':
      return step.action === 'letter' && step.days <= 30 ? { ...same, action: 'call', note: 'a courtesy call is enough for a good customer' } : same;
    default:
      return same;
  }
}
