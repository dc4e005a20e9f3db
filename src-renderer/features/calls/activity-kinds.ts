import type { ActivityEntry, ActivityKind } from '../../../src-main/contract';

/** What the clerk logs, in their words, and how each is stored: a kind and, where it matters, a direction. */
export const ACTIVITY_CHOICES = {
  call: { label: 'Call', kind: 'call', direction: null, title: 'Log a call with', noun: 'call', outcomes: true, promise: true },
  email_sent: { label: 'Email sent', kind: 'email', direction: 'outbound', title: 'Log an email sent to', noun: 'email', outcomes: false, promise: true },
  email_received: { label: 'Email received', kind: 'email', direction: 'inbound', title: 'Log an email received from', noun: 'email', outcomes: false, promise: true },
  letter_received: { label: 'Letter received', kind: 'letter', direction: 'inbound', title: 'Log a letter received from', noun: 'letter', outcomes: false, promise: true },
  visit: { label: 'Visit', kind: 'visit', direction: 'outbound', title: 'Log a visit to', noun: 'visit', outcomes: true, promise: true },
  note: { label: 'Note', kind: 'note', direction: null, title: 'Add a note on', noun: 'note', outcomes: false, promise: false },
} as const satisfies Record<
  string,
  { label: string; kind: ActivityKind; direction: 'outbound' | 'inbound' | null; title: string; noun: string; outcomes: boolean; promise: boolean }
>;
export type ActivityChoice = keyof typeof ACTIVITY_CHOICES;

/** The choice an existing entry was logged as (a correction keeps it). Letters Settle sent are not logged by hand. */
export function choiceOf(entry: Pick<ActivityEntry, 'kind' | 'direction'>): ActivityChoice {
  switch (entry.kind) {
    case 'email':
      return entry.direction === 'inbound' ? 'email_received' : 'email_sent';
    case 'letter':
      return 'letter_received';
    default:
      return entry.kind;
  }
}
