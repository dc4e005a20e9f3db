import { useEffect, useMemo, useState } from 'react';
import type { PaymentApplication } from '../../../src-main/contract';
import { call } from '../../api/client';
import { paymentInput, rowErrors, type PaymentRow } from './payment-row';

export interface RowPreview {
  /** How the ledger would apply the row if it were saved now; null while it cannot say. */
  application: PaymentApplication | null;
  /** What the ledger would refuse about the row, by the row's own field names. */
  problems: Record<string, string>;
}

/**
 * Asks the ledger how these payments would be applied, in order, a moment after typing stops:
 * `payments.preview` runs the very postings a save would, so the screen never works it out itself.
 */
export function usePaymentPreview(rows: PaymentRow[], version = 0): { byRow: Record<number, RowPreview>; unavailable: string | null } {
  const ready = useMemo(
    () =>
      rows.flatMap((row) => {
        const input = paymentInput(row);
        return input.ok ? [{ key: row.key, input: input.value }] : [];
      }),
    [rows],
  );
  const request = JSON.stringify(ready.map((r) => r.input));
  const [previews, setPreviews] = useState<Record<number, RowPreview>>({});
  const [unavailable, setUnavailable] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    if (ready.length === 0) {
      setPreviews({});
      return;
    }
    const timer = setTimeout(() => {
      call('payments.preview', { payments: ready.map((r) => r.input) }).then(
        (p) => {
          if (!live) return;
          setUnavailable(p.unavailable ?? null);
          setPreviews(
            Object.fromEntries(
              ready.map((r, i) => [r.key, { application: p.payments[i], problems: rowErrors(p.problems, `payments.${i}.`, r.input) }]),
            ),
          );
        },
        // A preview that cannot be had (the contract refused a row) just shows nothing; saving says why.
        () => live && setPreviews({}),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // The request text stands for the rows that are ready; version asks again after a save.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request, version]);

  return { byRow: previews, unavailable };
}
