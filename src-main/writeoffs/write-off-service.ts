import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { RecoveryRecordSchema, RecoveryRecorded, WriteOffSummary } from '../contract/fees';
import { ledgerMoney } from '../money/ledger-money';
import { ServiceError } from '../contract/service-error';
import { appendNote } from '../timeline/append-note';
import { writeTransaction } from '../ledger/write-transaction';

interface WriteOffRow {
  id: number;
  customer_id: number;
  invoice_id: number;
  invoice_number: string;
  date: string;
  amount: number;
  reason: string;
  approved_by: string | null;
  approval_note: string | null;
  recovered: number;
}

const SELECT = `
  SELECT w.id, w.customer_id, w.invoice_id, i.number AS invoice_number, w.date, w.amount, w.reason, w.approved_by, w.approval_note,
         COALESCE((SELECT SUM(r.amount) FROM recovery r WHERE r.write_off_id = w.id), 0) AS recovered
    FROM write_off w JOIN invoice i ON i.id = w.invoice_id`;

/**
 * Write-offs with their approvals, and money recovered after them. A recovery is recorded
 * beside the write-off and never posted to receivables: reversing the write-off and receiving
 * the cash would cancel out on the receivables account, so the invoice stays written off and
 * the money is reported as recovered (bad-debt recovery income in the books).
 */
export class WriteOffService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Amounts in sentences read as on every screen: in the ledger's currency. */
  private money(minor: number): string {
    return ledgerMoney(this.db)(minor);
  }

  list(customerId: number): WriteOffSummary[] {
    if (!this.db.prepare('SELECT 1 FROM customer WHERE id = ?').get(customerId)) {
      throw new ServiceError('not_found', `Customer ${customerId} does not exist.`, { customerId: 'No such customer' });
    }
    const rows = this.db.prepare(`${SELECT} WHERE w.customer_id = ? ORDER BY w.date DESC, w.id DESC`).all(customerId) as WriteOffRow[];
    return rows.map(summary);
  }

  recordRecovery(x: z.output<typeof RecoveryRecordSchema>): RecoveryRecorded {
    return writeTransaction(this.db, () => {
      const w = this.db.prepare(`${SELECT} WHERE w.id = ?`).get(x.writeOffId) as WriteOffRow | undefined;
      if (!w) throw new ServiceError('not_found', `Write-off ${x.writeOffId} does not exist.`, { writeOffId: 'No such write-off' });
      const recoverable = w.amount - w.recovered;
      if (x.amount > recoverable) {
        throw new ServiceError('validation', 'That is more than is left to recover on this write-off.', {
          amount: `At most ${this.money(recoverable)} can still be recovered`,
        });
      }
      if (x.date < w.date) {
        throw new ServiceError('validation', 'Please correct the highlighted field.', { date: `Cannot be before the write-off on ${w.date}` });
      }
      if (this.db.prepare('SELECT 1 FROM recovery WHERE reference = ?').get(x.reference)) {
        throw new ServiceError('conflict', `Recovery ${x.reference} is already recorded.`, { reference: `${x.reference} is already used` });
      }
      const at = this.now();
      const id = Number(
        this.db
          .prepare('INSERT INTO recovery (write_off_id, customer_id, date, amount, reference, method, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(w.id, w.customer_id, x.date, x.amount, x.reference, x.method, at.toISOString()).lastInsertRowid,
      );
      const left = recoverable - x.amount;
      appendNote(
        this.db,
        w.customer_id,
        `Recovered ${this.money(x.amount)} on ${x.date} of the ${this.money(w.amount)} written off on ${w.invoice_number} ` +
          `(reference ${x.reference}${x.method ? `, ${x.method}` : ''}). ${left === 0 ? 'All of it is now recovered.' : `${this.money(left)} is still outstanding.`}`,
        null,
        at,
      );
      return { id, writeOffId: w.id, recovered: w.recovered + x.amount, recoverable: left };
    })();
  }
}

function summary(w: WriteOffRow): WriteOffSummary {
  return {
    id: w.id,
    invoiceId: w.invoice_id,
    invoiceNumber: w.invoice_number,
    date: w.date,
    amount: w.amount,
    reason: w.reason,
    approvedBy: w.approved_by,
    approvalNote: w.approval_note,
    recovered: w.recovered,
    recoverable: w.amount - w.recovered,
  };
}
