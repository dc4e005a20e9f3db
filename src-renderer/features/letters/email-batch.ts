import type { Input, MailBatchResult, MailMessage, MailResult } from '../../../src-main/contract';

type Send = (input: Input<'mail.send'>) => Promise<MailBatchResult>;

/**
 * Sends a reviewed email batch. The customers the clerk confirmed "Send again" for go in a batch
 * of their own with `again`, so confirming one repeat cannot let another customer's message of the
 * day go twice (the rest are sent without it, and anything already sent today is skipped).
 */
export async function sendEmailBatch(
  base: Omit<Input<'mail.send'>, 'customerIds' | 'taskIds' | 'again'>,
  rows: { customerId: number; taskIds: number[] }[],
  again: ReadonlySet<number>,
  send: Send,
): Promise<MailBatchResult> {
  const plain = rows.filter((r) => !again.has(r.customerId));
  const repeat = rows.filter((r) => again.has(r.customerId));
  const batches = [
    { rows: plain, again: false },
    { rows: repeat, again: true },
  ].filter((b) => b.rows.length > 0);
  let total: MailBatchResult = { sent: 0, failed: 0, skipped: 0, results: [] };
  for (const b of batches) {
    const r = await send({ ...base, customerIds: b.rows.map((x) => x.customerId), taskIds: b.rows.flatMap((x) => x.taskIds), again: b.again });
    total = mergeResults(total, r);
  }
  return total;
}

/** A later answer for a customer (a retry) replaces the earlier one; the counts follow the list. */
export function mergeResults(before: MailBatchResult, after: MailBatchResult): MailBatchResult {
  const byCustomer = new Map<number, MailResult>(before.results.map((r) => [r.customerId, r]));
  for (const r of after.results) byCustomer.set(r.customerId, r);
  return countResults([...byCustomer.values()]);
}

export function countResults(results: MailResult[]): MailBatchResult {
  return {
    sent: results.filter((r) => r.status === 'sent').length,
    failed: results.filter((r) => r.status === 'failed').length,
    skipped: results.filter((r) => r.status === 'skipped').length,
    results,
  };
}

/**
 * What a cancelled batch got done, from the messages recorded: the last attempt for each
 * customer of the batch (a message the server accepted before the cancel stays sent), and a
 * customer with no attempt as not sent.
 */
export function resultsFromMessages(messages: MailMessage[], templateId: number, customerIds: number[]): MailBatchResult {
  const wanted = new Set(customerIds);
  const last = new Map<number, MailMessage>();
  for (const m of messages) {
    if (m.templateId !== templateId || !wanted.has(m.customerId)) continue;
    const seen = last.get(m.customerId);
    if (!seen || m.id > seen.id) last.set(m.customerId, m);
  }
  return countResults(
    customerIds.map((customerId): MailResult => {
      const m = last.get(customerId);
      return m
        ? { customerId, status: m.status, response: m.response, messageId: m.id, letterId: m.letterId }
        : { customerId, status: 'skipped', response: 'Cancelled before it was sent', messageId: null, letterId: null };
    }),
  );
}
