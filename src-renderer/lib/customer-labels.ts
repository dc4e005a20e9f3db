import type { CustomerStatus } from '../../src-main/contract';

export const STATUS_LABELS: Record<CustomerStatus, string> = {
  active: 'Active',
  credit_hold: 'Credit hold',
  cod_only: 'COD only',
  prepay_only: 'Prepay only',
  in_dispute: 'In dispute',
  payment_plan: 'On payment plan',
  with_agency: 'With agency',
  closed: 'Closed',
};

export const PROFILE_LABELS: Record<string, string> = {
  disorganised: 'Disorganised',
  cash_flow: 'Cash-flow squeeze',
  disputing: 'Disputing',
  failing: 'Failing',
  angry: 'Angry / avoidant',
  good: 'Good customer',
};

export function statusLabel(status: string): string {
  return STATUS_LABELS[status as CustomerStatus] ?? status;
}

export function profileLabel(profile: string): string {
  return PROFILE_LABELS[profile] ?? profile;
}
