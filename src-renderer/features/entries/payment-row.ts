import type { Input } from '../../../src-main/contract';
import { parseMoneyInput } from '../../lib/money';

export const PAYMENT_METHODS = ['Cheque', 'Bank transfer', 'Card', 'Cash', 'Other'] as const;

/** One payment as the clerk types it: text until it is sent. */
export interface PaymentRow {
  /** Stable across edits, for React keys. */
  key: number;
  customer: { id: number; code: string; name: string } | null;
  reference: string;
  date: string;
  amount: string;
  method: string;
  /** Oldest open items first, or the invoices the remittance names. */
  apply: 'oldest' | 'chosen';
  /** Invoice id → amount typed for it (only while apply is 'chosen'). */
  chosen: Record<number, string>;
}

let nextKey = 1;

export function emptyPaymentRow(date: string, customer: PaymentRow['customer'] = null): PaymentRow {
  return { key: nextKey++, customer, reference: '', date, amount: '', method: 'Cheque', apply: 'oldest', chosen: {} };
}

type PaymentInput = Input<'payments.record'>;

/**
 * The row as the service takes it, or the problems that stop it being sent (amounts that are not
 * amounts, a missing customer). Everything else is the contract's and the ledger's to judge.
 */
export function paymentInput(row: PaymentRow): { ok: true; value: Omit<PaymentInput, 'reference'> & { reference: string } } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const amount = parseMoneyInput(row.amount);
  if (!amount.ok) errors.amount = amount.message;
  else if (amount.value === null || amount.value === 0) errors.amount = 'Enter the amount of the payment';
  if (!row.customer) errors.customerId = 'Choose the customer';
  if (!row.date) errors.date = 'Enter the date of the payment';
  const allocations: { invoiceId: number; amount: number }[] = [];
  if (row.apply === 'chosen') {
    for (const [invoiceId, text] of Object.entries(row.chosen)) {
      const v = parseMoneyInput(text);
      if (!v.ok) errors[`chosen.${invoiceId}`] = v.message;
      else if (v.value) allocations.push({ invoiceId: Number(invoiceId), amount: v.value });
    }
  }
  if (Object.keys(errors).length > 0 || !amount.ok || !amount.value || !row.customer) return { ok: false, errors };
  return {
    ok: true,
    value: { reference: row.reference.trim(), customerId: row.customer.id, date: row.date, amount: amount.value, method: row.method || null, allocations },
  };
}

/**
 * A refused call's field messages for one row (`payments.2.reference` → `reference`). Messages
 * about a chosen allocation are keyed by its invoice, as the row shows them.
 */
export function rowErrors(fields: Record<string, string>, prefix: string, sent: { allocations?: { invoiceId: number }[] } | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const m = /^allocations\.(\d+)/.exec(rest);
    const invoiceId = m ? sent?.allocations?.[Number(m[1])]?.invoiceId : undefined;
    out[invoiceId !== undefined ? `chosen.${invoiceId}` : rest] = message;
  }
  return out;
}
