import type { CallOutcome, DisputeReason } from '../../../src-main/contract';

export const OUTCOME_LABELS: Record<CallOutcome, string> = {
  reached: 'Reached',
  voicemail: 'Left voicemail',
  no_answer: 'No answer',
  wrong_number: 'Wrong number',
  promise_to_pay: 'Promise to pay',
  dispute_raised: 'Dispute raised',
  refused: 'Refused to pay',
  paid: 'Says it is paid',
  other: 'Other',
};

export const DISPUTE_REASON_LABELS: Record<DisputeReason, string> = {
  not_received: 'Goods or service not received',
  damaged: 'Arrived damaged',
  pricing: 'Pricing disagreement',
  quality: 'Quality problem',
  duplicate_billing: 'Billed twice',
  other: 'Something else',
};
