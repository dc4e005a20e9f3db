import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { DisputeResolveSchema, DisputeResolved, DisputeUpdateSchema } from '../contract/disputes';
import { Postings } from '../ledger/postings';
import { ServiceError } from '../contract/service-error';
import { appendNote } from './append-note';
import { writeTransaction } from '../ledger/write-transaction';

const RESOLUTION_WORDS: Record<string, string> = {
  credit_note: 'credit note',
  return: 'goods returned and credited',
  replacement: 'replacement sent',
  price_correction: 'price corrected',
  no_credit: 'no credit due',
};

interface DisputeRow {
  id: number;
  customer_id: number;
  status: string;
  amount: number;
  owner: string | null;
}

/**
 * Moving a dispute along (owner, investigating) and resolving it. A resolution that credits the
 * customer posts the credit note against the disputed invoices through Postings, oldest first,
 * so the ledger and the dispute can never disagree; every step is noted on the timeline.
 */
export class DisputeService {
  private readonly postings: Postings;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    // Deferred: the credit goes to the disputed invoices first, and only what is left meets other items.
    this.postings = new Postings(db, () => now().toISOString(), true);
  }

  update(x: z.output<typeof DisputeUpdateSchema>): void {
    writeTransaction(this.db, () => {
      const d = this.open(x.id);
      const owner = x.owner === undefined ? d.owner : x.owner;
      this.db.prepare('UPDATE dispute SET status = ?, owner = ? WHERE id = ?').run(x.status ?? d.status, owner, x.id);
      this.note(d.customer_id, `Dispute ${x.status === 'investigating' ? 'under investigation' : 'updated'}${owner ? `, owner ${owner}` : ''}.`);
    })();
  }

  resolve(x: z.output<typeof DisputeResolveSchema>): DisputeResolved {
    return writeTransaction(this.db, () => {
      const d = this.open(x.id);
      let creditNoteId: number | null = null;
      if (x.creditNumber && x.amount) {
        if (x.amount > d.amount) throw new ServiceError('validation', 'The credit is more than the disputed amount.', { amount: `At most ${d.amount}` });
        if (this.db.prepare('SELECT 1 FROM credit_note WHERE number = ?').get(x.creditNumber)) {
          throw new ServiceError('conflict', `Credit note ${x.creditNumber} is already in the ledger.`, { creditNumber: 'Already used' });
        }
        const invoices = this.db
          .prepare(`SELECT i.id FROM dispute_invoice di JOIN invoice i ON i.id = di.invoice_id WHERE di.dispute_id = ? ORDER BY i.due_date, i.id`)
          .pluck()
          .all(d.id) as number[];
        // The first invoice takes the credit; any rest goes to the others, then stays unapplied.
        const first = this.postings.addCredit({ number: x.creditNumber, customerId: d.customer_id, date: x.date, amount: x.amount, reason: `Dispute resolved: ${RESOLUTION_WORDS[x.resolution]}`, invoiceId: invoices[0] });
        creditNoteId = first.id;
        let left = first.unapplied;
        for (const inv of invoices.slice(1)) {
          if (left === 0) break;
          left -= this.postings.applyExisting('credit', first.id, inv);
        }
        this.postings.flush();
      }
      this.db
        .prepare(`UPDATE dispute SET status = 'resolved', resolution = ?, resolved_on = ?, credit_note_id = ? WHERE id = ?`)
        .run(x.resolution, x.date, creditNoteId, d.id);
      this.note(d.customer_id, `Dispute resolved: ${RESOLUTION_WORDS[x.resolution]}${x.note ? `. ${x.note}` : ''}`);
      return { id: d.id, resolution: x.resolution, creditNoteId };
    })();
  }

  private open(id: number): DisputeRow {
    const d = this.db.prepare('SELECT id, customer_id, status, amount, owner FROM dispute WHERE id = ?').get(id) as DisputeRow | undefined;
    if (!d) throw new ServiceError('not_found', `Dispute ${id} does not exist.`, { id: 'Not found' });
    if (d.status === 'resolved') throw new ServiceError('validation', 'That dispute is already resolved.', { id: 'Already resolved' });
    return d;
  }

  private note(customerId: number, summary: string): void {
    appendNote(this.db, customerId, summary, null, this.now());
  }

}
