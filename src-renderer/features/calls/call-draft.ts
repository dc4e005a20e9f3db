import type { ActivityEntry, CallOutcome, DisputeReason } from '../../../src-main/contract';
import { call } from '../../api/client';
import { choiceOf, type ActivityChoice } from './activity-kinds';

export interface CallDraft {
  kind: ActivityChoice;
  contactId: number | '';
  direction: 'outbound' | 'inbound';
  outcome: CallOutcome | '';
  summary: string;
  promiseAmount: string;
  promiseDate: string;
  followUpDate: string;
  disputeReason: DisputeReason | '';
  disputeInvoiceIds: number[];
  disputeAmount: string;
}

export const EMPTY_DRAFT: CallDraft = {
  kind: 'call',
  contactId: '',
  direction: 'outbound',
  outcome: '',
  summary: '',
  promiseAmount: '',
  promiseDate: '',
  followUpDate: '',
  disputeReason: '',
  disputeInvoiceIds: [],
  disputeAmount: '',
};

// Drafts are kept in the ledger itself (drafts.put), so typed text survives closing the dialog,
// moving to another page and restarting the app, whichever window or port shows it.
function key(customerId: number, correctsId?: number): string {
  return `call:${customerId}${correctsId ? `:corrects:${correctsId}` : ''}`;
}

/** `start` is what a new draft begins as: empty, or a correction's original entry. */
export async function loadDraft(customerId: number, correctsId?: number, start: CallDraft = EMPTY_DRAFT): Promise<CallDraft> {
  const { body } = await call('drafts.get', { key: key(customerId, correctsId) });
  if (!body) return start;
  try {
    return { ...start, ...(JSON.parse(body) as Partial<CallDraft>) };
  } catch {
    return start;
  }
}

export async function saveDraft(customerId: number, draft: CallDraft, correctsId?: number, start: CallDraft = EMPTY_DRAFT): Promise<void> {
  const empty = JSON.stringify(draft) === JSON.stringify(start);
  await call('drafts.put', { key: key(customerId, correctsId), body: empty ? null : JSON.stringify(draft) });
}

export async function clearDraft(customerId: number, correctsId?: number): Promise<void> {
  await call('drafts.put', { key: key(customerId, correctsId), body: null });
}

export async function hasDraft(customerId: number): Promise<boolean> {
  return (await call('drafts.get', { key: key(customerId) })).body !== null;
}

/**
 * A correction starts from the original's words: kind, contact, direction, outcome and summary.
 * Not its promise, dispute or follow-up: saved again, each would be a second one on record (a
 * second promise to judge, a second dispute, a second call-back), so the clerk adds one only if
 * it is new. An outcome that needs one of them starts blank for the same reason.
 */
export function correctionStart(entry: ActivityEntry): CallDraft {
  return {
    ...EMPTY_DRAFT,
    kind: choiceOf(entry),
    contactId: entry.contactId ?? '',
    direction: entry.direction ?? 'outbound',
    outcome: entry.outcome === 'promise_to_pay' || entry.outcome === 'dispute_raised' || entry.outcome === null ? '' : entry.outcome,
    summary: entry.summary,
  };
}
