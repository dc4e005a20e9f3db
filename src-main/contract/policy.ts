import { z } from 'zod';
import { isoDate, localDateTime } from './date-fields';
import { CONTACT_ROLES, CUSTOMER_PROFILES, type ContactRole, type CustomerProfile } from './customers';

export const POLICY_TRIGGERS = ['days_from_due', 'delivery', 'promise_broken', 'instalment_missed', 'dispute_resolved'] as const;
export type PolicyTrigger = (typeof POLICY_TRIGGERS)[number];
export const POLICY_ACTIONS = [
  'call',
  'delivery_check',
  'letter',
  'certified_letter',
  'escalate_principal',
  'credit_hold',
  'cod_terms',
  'prepay_terms',
  'late_fees',
  'agency',
  'write_off_review',
] as const;
export type PolicyAction = (typeof POLICY_ACTIONS)[number];
/**
 * How a letter step's letter goes out: printed, by email, or by email where the customer has an
 * address and printed otherwise. Only letter steps (letter, escalate_principal) may email;
 * certified mail is always printed.
 */
export const STEP_CHANNELS = ['print', 'email', 'email_or_print'] as const;
export type StepChannel = (typeof STEP_CHANNELS)[number];

export const PolicyStepSchema = z
  .strictObject({
    /** Present for a step that already exists: its tasks keep pointing at it. */
    id: z.number().int().positive().optional(),
    name: z.string({ error: 'Name the step' }).trim().min(1, 'Name the step').max(120, 'Keep the name under 120 characters'),
    trigger: z.enum(POLICY_TRIGGERS, { error: 'Choose what starts the step' }),
    /** Days from the due date (negative: before it), or days after the event. */
    days: z.number({ error: 'Enter a whole number of days' }).int('Enter a whole number of days').min(-90, 'At most 90 days before due').max(730, 'At most 730 days'),
    action: z.enum(POLICY_ACTIONS, { error: 'Choose what the step does' }),
    template: z.string().trim().max(120).nullish().transform((v) => (v ? v : null)),
    customerKind: z.enum(['business', 'consumer']).nullish().transform((v) => v ?? null),
    profiles: z.array(z.enum(CUSTOMER_PROFILES)).max(CUSTOMER_PROFILES.length).nullish().transform((v) => (v && v.length > 0 ? [...new Set(v)] : null)),
    minAmount: z.number().int('Whole minor units (cents)').min(0, 'The amount cannot be negative').nullish().transform((v) => v ?? null),
    channel: z.enum(STEP_CHANNELS, { error: 'Choose print, email, or email where there is an address' }).default('print'),
    /** By email: the customer's contacts in these roles (with an address) are copied in. */
    ccRoles: z.array(z.enum(CONTACT_ROLES)).max(CONTACT_ROLES.length).nullish().transform((v) => (v && v.length > 0 ? [...new Set(v)] : null)),
    active: z.boolean().default(true),
  })
  .superRefine((s, ctx) => {
    if (s.channel !== 'print' && s.action !== 'letter' && s.action !== 'escalate_principal') {
      ctx.addIssue({ code: 'custom', path: ['channel'], message: 'Only a letter step can go by email' });
    }
    if (s.trigger !== 'days_from_due' && s.days < 0) ctx.addIssue({ code: 'custom', path: ['days'], message: 'An event step happens on or after the event' });
  });

export type PolicyStepInput = z.input<typeof PolicyStepSchema>;

export const PolicySaveSchema = z.strictObject({
  name: z.string({ error: 'Name the policy' }).trim().min(1, 'Name the policy').max(80, 'Keep the name under 80 characters'),
  /** The whole policy in order; steps missing from the list are removed. */
  steps: z.array(PolicyStepSchema).max(60, 'At most 60 steps'),
});

export interface PolicyStep {
  id: number;
  seq: number;
  name: string;
  trigger: PolicyTrigger;
  days: number;
  action: PolicyAction;
  template: string | null;
  customerKind: 'business' | 'consumer' | null;
  profiles: CustomerProfile[] | null;
  minAmount: number | null;
  channel: StepChannel;
  ccRoles: ContactRole[] | null;
  active: boolean;
}

export interface Policy {
  name: string;
  steps: PolicyStep[];
}

export const PolicyRunSchema = z.strictObject({
  today: isoDate('Today'),
  /** Skip the run (answering `ran: false`) when it already ran today on the same ledger. */
  onlyIfChanged: z.boolean().default(false),
});

export interface PolicyRunResult {
  today: string;
  created: number;
  /** Open tasks the run closed: superseded by a later step, paid, or held (plan, dispute). */
  closed: number;
  /** False when `onlyIfChanged` found nothing new since today's last run. */
  ran: boolean;
  /**
   * The customers the run looked at: every one (first run, forced, policy changed, long gap),
   * or only those whose money, standing or dates moved since the last run.
   */
  looked?: { everyone: true; why: string } | { everyone: false; customers: number };
}

export const DeliveryCheckSchema = z
  .strictObject({
    taskId: z.number().int().positive(),
    occurredAt: localDateTime('The date and time'),
    contactId: z.number().int().positive().nullish().transform((v) => v ?? null),
    author: z.string().trim().max(80).nullish().transform((v) => (v ? v : null)),
    answers: z.strictObject({
      onTime: z.boolean({ error: 'Answer: did it arrive on time?' }),
      intact: z.boolean({ error: 'Answer: did it arrive intact?' }),
      invoiceReceived: z.boolean({ error: 'Answer: was the invoice received?' }),
      pricingCorrect: z.boolean({ error: 'Answer: is the pricing correct?' }),
      nothingBlocking: z.boolean({ error: 'Answer: is anything stopping payment?' }),
    }),
    notes: z.string().trim().max(4000, 'Keep the notes under 4,000 characters').nullish().transform((v) => (v ? v : null)),
    /** Raise a dispute on the invoice right there, for a problem that stops payment. */
    dispute: z
      .strictObject({
        reason: z.enum(['not_received', 'damaged', 'pricing', 'quality', 'duplicate_billing', 'other'], { error: 'Choose what the dispute is about' }),
        amount: z.number({ error: 'Enter the disputed amount' }).int('Whole minor units (cents)').positive('The disputed amount must be more than zero'),
      })
      .nullish()
      .transform((v) => v ?? null),
  })
  .superRefine((x, ctx) => {
    const allYes = Object.values(x.answers).every(Boolean);
    if (!allYes && !x.notes && !x.dispute) ctx.addIssue({ code: 'custom', path: ['notes'], message: 'Say what went wrong, or raise a dispute' });
    if (allYes && x.dispute) ctx.addIssue({ code: 'custom', path: ['dispute'], message: 'Every answer was yes: there is nothing to dispute' });
  });
