import type { CallOutcome } from '../../../src-main/contract';

export interface CallDraft {
  contactId: number | '';
  direction: 'outbound' | 'inbound';
  outcome: CallOutcome | '';
  summary: string;
  promiseAmount: string;
  promiseDate: string;
  followUpDate: string;
}

export const EMPTY_DRAFT: CallDraft = {
  contactId: '',
  direction: 'outbound',
  outcome: '',
  summary: '',
  promiseAmount: '',
  promiseDate: '',
  followUpDate: '',
};

// Drafts live in localStorage, per customer, so typed text survives closing the dialog,
// moving to another page and restarting the app.
const key = (customerId: number) => `settle.callDraft.${customerId}`;

export function loadDraft(customerId: number): CallDraft {
  try {
    const raw = localStorage.getItem(key(customerId));
    return raw ? { ...EMPTY_DRAFT, ...(JSON.parse(raw) as Partial<CallDraft>) } : EMPTY_DRAFT;
  } catch {
    return EMPTY_DRAFT;
  }
}

export function saveDraft(customerId: number, draft: CallDraft): void {
  const empty = JSON.stringify(draft) === JSON.stringify(EMPTY_DRAFT);
  if (empty) localStorage.removeItem(key(customerId));
  else localStorage.setItem(key(customerId), JSON.stringify(draft));
}

export function clearDraft(customerId: number): void {
  localStorage.removeItem(key(customerId));
}

export function hasDraft(customerId: number): boolean {
  return localStorage.getItem(key(customerId)) !== null;
}
