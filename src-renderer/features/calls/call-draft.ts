import type { CallOutcome, DisputeReason } from '../../../src-main/contract';

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

// Drafts live in localStorage, per customer, so typed text survives closing the dialog,
// moving to another page and restarting the app.
// A correction's draft is kept apart from the customer's new-call draft.
const key = (customerId: number, correctsId?: number) => `settle.callDraft.${customerId}${correctsId ? `.corrects.${correctsId}` : ''}`;

export function loadDraft(customerId: number, correctsId?: number): CallDraft {
  try {
    const raw = localStorage.getItem(key(customerId, correctsId));
    return raw ? { ...EMPTY_DRAFT, ...(JSON.parse(raw) as Partial<CallDraft>) } : EMPTY_DRAFT;
  } catch {
    return EMPTY_DRAFT;
  }
}

export function saveDraft(customerId: number, draft: CallDraft, correctsId?: number): void {
  const empty = JSON.stringify(draft) === JSON.stringify(EMPTY_DRAFT);
  if (empty) localStorage.removeItem(key(customerId, correctsId));
  else localStorage.setItem(key(customerId, correctsId), JSON.stringify(draft));
}

export function clearDraft(customerId: number, correctsId?: number): void {
  localStorage.removeItem(key(customerId, correctsId));
}

export function hasDraft(customerId: number): boolean {
  return localStorage.getItem(key(customerId)) !== null;
}
