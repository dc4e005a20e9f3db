import { z } from 'zod';
import { isoDate } from './date-fields';
import { CUSTOMER_PROFILES, type CustomerProfile } from './customers';

/** Why a customer pays late, as the clerk has judged it (customer.profile). */
export type Profile = CustomerProfile;

const profileEnum = z.enum(CUSTOMER_PROFILES, { error: 'Choose a profile' });

export const ProfileSuggestSchema = z.strictObject({
  customerId: z.number().int().positive(),
  /** The clerk's today: behaviour in the 12 months before it is read. */
  today: isoDate('Today'),
});

export const ProfileSetSchema = z.strictObject({
  customerId: z.number().int().positive(),
  /** null clears the profile. */
  profile: profileEnum.nullable(),
  reason: z.string({ error: 'Say why' }).trim().min(1, 'Say why').max(500, 'Keep the reason under 500 characters'),
  /** What Settle suggested when the clerk decided, kept beside the decision. */
  suggested: profileEnum.nullish().transform((v) => v ?? null),
  by: z.string().trim().max(80).nullish().transform((v) => (v ? v : null)),
});

export interface ProfileStrategy {
  label: string;
  /** What to do with a customer like this, in a paragraph. */
  strategy: string;
  /** How the escalation policy treats them, in a sentence. */
  adjustment: string;
}

/** The figures a suggestion was made from: behaviour in the 12 months before `today`. */
export interface ProfileSignals {
  from: string;
  today: string;
  /** Invoices paid in full in the window (not written off). */
  paidInvoices: number;
  averageDaysToPay: number | null;
  /** Days after the due date, early payment counting as 0. */
  averageDaysLate: number | null;
  /** Average days late of the 3 latest paid invoices minus the 3 before them; positive = getting later. */
  trendDays: number | null;
  promisesKept: number;
  promisesPartlyKept: number;
  promisesBroken: number;
  promisesOpen: number;
  disputesRaised: number;
  openDisputes: number;
  /** Payments smaller than an invoice they were applied to. */
  partialPayments: number;
  refusedCalls: number;
  /** The latest calls, counted back, that went to no answer or voicemail. */
  unansweredInARow: number;
  /** Whether a promise to pay was taken since that run of unanswered calls began. */
  promiseSinceUnanswered: boolean;
  overdueNow: number;
  /** Overdue 90 days before today, to see whether the overdue balance grows. */
  overdue90DaysAgo: number;
  overdueGrew: boolean;
}

export interface ProfileChange {
  profile: Profile | null;
  previous: Profile | null;
  suggested: Profile | null;
  reason: string;
  changedBy: string | null;
  changedAt: string;
}

export interface ProfileSuggestion {
  customerId: number;
  current: Profile | null;
  suggested: Profile | null;
  reasons: string[];
  signals: ProfileSignals;
  /** Label and strategy of the suggested profile, else of the current one. */
  label: string | null;
  strategy: string | null;
  /** Confirmed profiles, newest first (at most 10). */
  history: ProfileChange[];
  /**
   * Whether the suggestion still waits for the clerk: it differs from the current profile and the
   * clerk's latest decision was not made with this same suggestion in view (choosing another
   * profile answers it as much as confirming it does).
   */
  awaitsDecision: boolean;
}

export interface ProfileSet {
  customerId: number;
  profile: Profile | null;
  previous: Profile | null;
  label: string | null;
  changedAt: string;
}
