import type { ImportKind } from '../../../src-main/contract';

export const KIND_LABELS: Record<ImportKind, string> = {
  customers: 'Customers',
  invoices: 'Invoices',
  payments: 'Payments',
  credits: 'Credit notes',
};

export const KIND_ORDER = Object.keys(KIND_LABELS) as ImportKind[];

/** "4 invoices", "1 credit note". */
export function countOf(kind: ImportKind, n: number): string {
  const one = { customers: 'customer', invoices: 'invoice', payments: 'payment', credits: 'credit note' }[kind];
  return `${n.toLocaleString()} ${n === 1 ? one : `${one}s`}`;
}
