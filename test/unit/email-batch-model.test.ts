import fc from 'fast-check';
import type { Input, MailBatchResult, MailResult } from '../../src-main/contract';
import { mergeResults, resultsFromMessages, sendEmailBatch } from '../../src-renderer/features/letters/email-batch';
import type { MailMessage } from '../../src-main/contract';

/*
 * Model-based test of how the review sends an email batch and retries its failures. A stand-in for
 * the mail.send / mail.retry jobs keeps the rule the backend promises (a customer already sent this
 * template today is skipped unless `again`; a refused recipient fails and is not sent) and counts
 * what reached each inbox. Random sequences of reviews (who is ticked, whose repeat was confirmed)
 * and "Retry failed" run against it; the oracle says from the ticks and confirmations alone how
 * many messages each customer must have, and what the dialog must show for them.
 */

const CUSTOMERS = 5;
const ids = Array.from({ length: CUSTOMERS }, (_, i) => i + 1);

class Server {
  readonly inbox = new Map<number, number>();
  readonly attempts = new Map<number, number>(); // messageId → customerId, for failed attempts
  refused = new Set<number>();
  private nextId = 1;

  send(input: Input<'mail.send'>): MailBatchResult {
    const results: MailResult[] = input.customerIds.map((customerId) => {
      if ((this.inbox.get(customerId) ?? 0) > 0 && !input.again) return { customerId, status: 'skipped', response: 'Already sent today', messageId: null, letterId: null };
      return this.attempt(customerId);
    });
    return count(results);
  }

  retry(messageIds: number[]): MailBatchResult {
    const results: MailResult[] = [];
    for (const id of messageIds) {
      const customerId = this.attempts.get(id)!;
      this.attempts.delete(id);
      results.push(this.attempt(customerId));
    }
    return count(results);
  }

  private attempt(customerId: number): MailResult {
    const messageId = this.nextId++;
    if (this.refused.has(customerId)) {
      this.attempts.set(messageId, customerId);
      return { customerId, status: 'failed', response: '550 5.1.1 Recipient address rejected', messageId, letterId: null };
    }
    this.inbox.set(customerId, (this.inbox.get(customerId) ?? 0) + 1);
    return { customerId, status: 'sent', response: '250 2.0.0 Ok: queued', messageId, letterId: messageId };
  }
}

function count(results: MailResult[]): MailBatchResult {
  return { sent: results.filter((r) => r.status === 'sent').length, failed: results.filter((r) => r.status === 'failed').length, skipped: results.filter((r) => r.status === 'skipped').length, results };
}

type Command =
  | { op: 'review'; chosen: boolean[]; confirmed: boolean[]; refused: boolean[] }
  | { op: 'retry'; fixed: boolean[] };

const flags = fc.array(fc.boolean(), { minLength: CUSTOMERS, maxLength: CUSTOMERS });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ op: fc.constant('review' as const), chosen: flags, confirmed: flags, refused: flags }),
  fc.record({ op: fc.constant('retry' as const), fixed: flags }),
);

describe('sending a reviewed email batch (model-based)', () => {
  it('sends each ticked customer once, a repeat only where it was confirmed, and retries only what failed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), async (commands) => {
        const server = new Server();
        // The oracle: messages each customer must have, and the dialog's last batch.
        const expected = new Map<number, number>();
        let shown: MailBatchResult | null = null;

        for (const c of commands) {
          if (c.op === 'review') {
            server.refused = new Set(ids.filter((_, i) => c.refused[i]));
            const rows = ids.filter((_, i) => c.chosen[i]).map((customerId) => ({ customerId, taskIds: [customerId * 10] }));
            if (rows.length === 0) continue;
            // The review only lets the clerk confirm a repeat for a customer already sent today.
            const again = new Set(ids.filter((id, i) => c.confirmed[i] && (expected.get(id) ?? 0) > 0));
            shown = await sendEmailBatch({ templateId: 7, letterDate: '2026-05-10' }, rows, again, async (input) => {
              // `again` goes with exactly the confirmed customers, never with the others.
              for (const id of input.customerIds) expect(again.has(id)).toBe(input.again);
              expect(input.taskIds).toEqual(input.customerIds.map((id) => id * 10));
              return server.send(input);
            });
            for (const r of rows) {
              const before = expected.get(r.customerId) ?? 0;
              const goes = (before === 0 || again.has(r.customerId)) && !server.refused.has(r.customerId);
              if (goes) expected.set(r.customerId, before + 1);
              const result = shown.results.find((x) => x.customerId === r.customerId)!;
              expect(result.status).toBe(goes ? 'sent' : before > 0 && !again.has(r.customerId) ? 'skipped' : 'failed');
            }
            expect(shown.results.map((r) => r.customerId).sort()).toEqual(rows.map((r) => r.customerId).sort());
          } else {
            if (!shown) continue;
            const failed = shown.results.filter((r) => r.status === 'failed');
            if (failed.length === 0) continue;
            server.refused = new Set(ids.filter((_, i) => !c.fixed[i]));
            shown = mergeResults(shown, server.retry(failed.map((r) => r.messageId!)));
            for (const f of failed) {
              if (!server.refused.has(f.customerId)) expected.set(f.customerId, (expected.get(f.customerId) ?? 0) + 1);
              expect(shown.results.filter((r) => r.customerId === f.customerId)).toHaveLength(1);
              expect(shown.results.find((r) => r.customerId === f.customerId)!.status).toBe(server.refused.has(f.customerId) ? 'failed' : 'sent');
            }
          }
          expect(shown === null || shown.sent + shown.failed + shown.skipped === shown.results.length).toBe(true);
          for (const id of ids) expect(server.inbox.get(id) ?? 0).toBe(expected.get(id) ?? 0);
        }
      }),
    );
  });
});

describe('a cancelled batch, read back from the messages recorded', () => {
  it('shows each customer of the batch once: the last attempt, or not sent when none was made', () => {
    const message = (id: number, customerId: number, status: 'sent' | 'failed', templateId = 7): MailMessage => ({
      id,
      customerId,
      customerName: `C${customerId}`,
      templateId,
      templateName: 'T',
      version: 1,
      letterDate: '2026-05-10',
      subject: 'S',
      recipients: { to: [`c${customerId}@x.example`], cc: [], bcc: [] },
      status,
      response: status === 'sent' ? '250 OK' : '421 try later',
      attemptedAt: '2026-05-10T09:00:00Z',
      letterId: status === 'sent' ? id : null,
      fileId: id,
      sha256: 'x',
      settled: false,
    });
    // Customer 1 failed then went through; 2 failed; 3 was never tried; 4 is outside the batch; 9 is another template.
    const r = resultsFromMessages([message(1, 1, 'failed'), message(2, 1, 'sent'), message(3, 2, 'failed'), message(4, 4, 'sent'), message(5, 3, 'sent', 9)], 7, [1, 2, 3]);
    expect(r.results.map((x) => [x.customerId, x.status, x.messageId])).toEqual([
      [1, 'sent', 2],
      [2, 'failed', 3],
      [3, 'skipped', null],
    ]);
    expect(r).toMatchObject({ sent: 1, failed: 1, skipped: 1 });
  });
});
