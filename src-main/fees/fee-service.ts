import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { FeeApplySchema, FeeLine, FeePreview, FeePreviewSchema, FeeRules, FeesApplied } from '../contract/fees';
import { Postings } from '../ledger/postings';
import { ledgerMoney } from '../money/ledger-money';
import { addDays, localToday } from '../money/dates';
import { ServiceError } from '../contract/service-error';
import { appendNote } from '../timeline/append-note';
import { FeeLines, type ChargeLine } from './fee-lines';
import { readFeeRules, writeFeeRules } from './fee-rules';
import { writeTransaction } from '../ledger/write-transaction';

/**
 * Late fees and interest: the rules, a preview of what they charge as of a date, and posting
 * exactly that preview as ledger lines (invoice kinds late_fee / interest) with a fee_charge row
 * each, so the next run knows what was charged and through which day.
 */
export class FeeService {
  private readonly postings: Postings;
  private readonly feeLines: FeeLines;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.postings = new Postings(db, () => now().toISOString());
    this.feeLines = new FeeLines(db);
  }

  /** Amounts in sentences read as on every screen: in the ledger's currency. */
  private money(minor: number): string {
    return ledgerMoney(this.db)(minor);
  }

  rules(): FeeRules {
    return readFeeRules(this.db);
  }

  updateRules(rules: FeeRules): FeeRules {
    return writeFeeRules(this.db, rules);
  }

  preview(x: z.output<typeof FeePreviewSchema>): FeePreview {
    const lines = this.lines(x.asOf, x.customerId ?? null);
    return { asOf: x.asOf, lines: lines.map(publicLine), total: sum(lines) };
  }

  apply(x: z.output<typeof FeeApplySchema>): FeesApplied {
    // Interest for days that have not happened yet is not owed yet.
    if (x.asOf > localToday(this.now())) {
      throw new ServiceError('validation', 'Charges can be applied up to today, not for future days.', { asOf: 'Cannot be after today' });
    }
    return writeTransaction(this.db, () => {
      const lines = this.lines(x.asOf, x.customerId ?? null);
      const total = sum(lines);
      if (total !== x.expectedTotal) {
        throw new ServiceError(
          'conflict',
          `The charges have changed since the preview: they now come to ${this.money(total)}, not ${this.money(x.expectedTotal)}. Please preview again and check them before applying.`,
          { expectedTotal: `The charges now come to ${this.money(total)}` },
        );
      }
      const insertCharge = this.db.prepare(
        'INSERT INTO fee_charge (source_invoice_id, fee_invoice_id, kind, from_date, through_date, amount) VALUES (?, ?, ?, ?, ?, ?)',
      );
      const posted = new Map<number, { number: string; line: ChargeLine }[]>();
      for (const line of lines) {
        const number = this.freeNumber(line.kind === 'late_fee' ? `LF-${line.invoiceNumber}` : `INT-${line.invoiceNumber}-${line.throughDate}`);
        const feeInvoiceId = this.postings.addInvoice({
          number,
          customerId: line.customerId,
          kind: line.kind,
          issueDate: x.asOf,
          // The customer's usual terms: a charge due on receipt would itself be late at once.
          dueDate: addDays(x.asOf, line.termsDays),
          amount: line.amount,
          currency: line.currency,
          description: line.explanation,
        });
        insertCharge.run(line.invoiceId, feeInvoiceId, line.kind, line.fromDate, line.throughDate, line.amount);
        posted.set(line.customerId, [...(posted.get(line.customerId) ?? []), { number, line }]);
      }
      for (const [customerId, items] of posted) this.note(customerId, x.asOf, items);
      this.postings.flush();
      return { posted: lines.length, total };
    })();
  }

  private lines(asOf: string, customerId: number | null): ChargeLine[] {
    if (customerId !== null && !this.db.prepare('SELECT 1 FROM customer WHERE id = ?').get(customerId)) {
      throw new ServiceError('not_found', `Customer ${customerId} does not exist.`, { customerId: 'No such customer' });
    }
    return this.feeLines.lines(this.rules(), asOf, customerId);
  }

  /** LF-INV-1, or LF-INV-1-2 if someone already used that number for something else. */
  private freeNumber(base: string): string {
    const taken = this.db.prepare('SELECT 1 FROM invoice WHERE number = ?');
    let candidate = base;
    for (let n = 2; taken.get(candidate); n++) candidate = `${base}-${n}`;
    return candidate;
  }

  private note(customerId: number, asOf: string, items: { number: string; line: ChargeLine }[]): void {
    const parts = items.map(({ number, line }) =>
      line.kind === 'late_fee'
        ? `late fee ${number}, ${this.money(line.amount)}, on ${line.invoiceNumber}`
        : `interest ${number}, ${this.money(line.amount)}, on ${line.invoiceNumber} for ${line.fromDate} to ${line.throughDate}`,
    );
    const total = items.reduce((s, i) => s + i.line.amount, 0);
    const due = addDays(asOf, items[0].line.termsDays);
    appendNote(this.db, customerId, `Charged as of ${asOf} under the fee rules: ${parts.join('; ')}. Total ${this.money(total)}, due ${due}.`, null, this.now());
  }
}

function sum(lines: ChargeLine[]): number {
  return lines.reduce((s, l) => s + l.amount, 0);
}

function publicLine(l: ChargeLine): FeeLine {
  return {
    customerId: l.customerId,
    customerCode: l.customerCode,
    invoiceId: l.invoiceId,
    invoiceNumber: l.invoiceNumber,
    kind: l.kind,
    fromDate: l.fromDate,
    throughDate: l.throughDate,
    days: l.days,
    amount: l.amount,
    explanation: l.explanation,
  };
}
