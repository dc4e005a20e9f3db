import type { CallOutcome, DisputeReason } from '../../../src-main/contract';
import { call } from '../../api/client';

export interface CallDraft {
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

export async function loadDraft(customerId: number, correctsId?: number): Promise<CallDraft> {
  const { body } = await call('drafts.get', { key: key(customerId, correctsId) });
  if (!body) return EMPTY_DRAFT;
  try {
    return { ...EMPTY_DRAFT, ...(JSON.parse(body) as Partial<CallDraft>) };
  } catch {
    return EMPTY_DRAFT;
  }
}

export async function saveDraft(customerId: number, draft: CallDraft, correctsId?: number): Promise<void> {
  const empty = JSON.stringify(draft) === JSON.stringify(EMPTY_DRAFT);
  await call('drafts.put', { key: key(customerId, correctsId), body: empty ? null : JSON.stringify(draft) });
}

export async function clearDraft(customerId: number, correctsId?: number): Promise<void> {
  await call('drafts.put', { key: key(customerId, correctsId), body: null });
}

export async function hasDraft(customerId: number): Promise<boolean> {
  return (await call('drafts.get', { key: key(customerId) })).body !== null;
}
