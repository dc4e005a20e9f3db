import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { CertifiedLogEntry, CertifiedReceiptSchema, CertifiedRecordSchema, LetterPdfFile, LetterSummary } from '../../contract/letters';
import { ServiceError } from '../../contract/service-error';
import { letterData, letterSettings } from '../letter-context';
import type { AddressedTo } from '../letter-context';
import { certifiedLogPdf } from './certified-log-pdf';
import { formatTrackingNumber } from './tracking-number';
import { LETTER_SELECT, toSummary, type LetterRow } from './letter-service';
import { writeTransaction } from '../../ledger/write-transaction';

/**
 * Certified mail after the letter is printed: the tracking number and mailing date from the
 * post office receipt, then the return receipt's date and signer when the green card comes back.
 * Each is recorded once; the letter's timeline entry shows them.
 */
export class CertifiedMailService {
  constructor(private readonly db: Database) {}

  record(x: z.output<typeof CertifiedRecordSchema>): LetterSummary {
    return writeTransaction(this.db, () => {
      const letter = this.letter(x.letterId);
      if (letter.channel !== 'certified_mail') {
        throw new ServiceError('validation', 'That letter was not sent by certified mail, so it has no tracking number.', { letterId: 'Not a certified letter' });
      }
      if (letter.mailed_on !== null) {
        throw new ServiceError('conflict', `The mailing of this letter is already recorded (tracking ${formatTrackingNumber(letter.tracking_number!)}, mailed ${letter.mailed_on}).`, {
          trackingNumber: 'Already recorded',
        });
      }
      if (x.mailedOn < letter.letter_date) {
        throw new ServiceError('validation', `The letter is dated ${letter.letter_date}; it cannot have been mailed before that.`, { mailedOn: `On or after ${letter.letter_date}` });
      }
      const other = this.db.prepare('SELECT m.letter_id, c.name FROM certified_mail m JOIN letter l ON l.id = m.letter_id JOIN customer c ON c.id = l.customer_id WHERE m.tracking_number = ?').get(
        x.trackingNumber,
      ) as { letter_id: number; name: string } | undefined;
      if (other) {
        throw new ServiceError('conflict', `Tracking number ${formatTrackingNumber(x.trackingNumber)} is already recorded for letter ${other.letter_id} to ${other.name}.`, {
          trackingNumber: 'Already used for another letter',
        });
      }
      this.db.prepare('INSERT INTO certified_mail (letter_id, tracking_number, mailed_on) VALUES (?, ?, ?)').run(x.letterId, x.trackingNumber, x.mailedOn);
      return toSummary(this.letter(x.letterId));
    })();
  }

  receipt(x: z.output<typeof CertifiedReceiptSchema>): LetterSummary {
    return writeTransaction(this.db, () => {
      const letter = this.letter(x.letterId);
      if (letter.channel !== 'certified_mail') {
        throw new ServiceError('validation', 'That letter was not sent by certified mail, so it has no return receipt.', { letterId: 'Not a certified letter' });
      }
      if (letter.mailed_on === null) {
        throw new ServiceError('validation', 'Record the mailing (tracking number and date) before the return receipt.', { letterId: 'Mailing not recorded yet' });
      }
      if (letter.return_receipt_on !== null) {
        throw new ServiceError('conflict', `The return receipt is already recorded: signed by ${letter.signed_by} on ${letter.return_receipt_on}.`, { returnReceiptOn: 'Already recorded' });
      }
      if (x.returnReceiptOn < letter.mailed_on) {
        throw new ServiceError('validation', `The letter was mailed on ${letter.mailed_on}; the receipt cannot be signed before that.`, {
          returnReceiptOn: `On or after ${letter.mailed_on}`,
        });
      }
      this.db.prepare('UPDATE certified_mail SET return_receipt_on = ?, signed_by = ? WHERE letter_id = ?').run(x.returnReceiptOn, x.signedBy, x.letterId);
      return toSummary(this.letter(x.letterId));
    })();
  }

  /**
   * The day's certified mail: letters mailed that day, and letters dated that day that are not
   * mailed yet (so the list can be printed before going to the post office and filled in there).
   */
  log(date: string): CertifiedLogEntry[] {
    const rows = this.db
      .prepare(
        `SELECT l.id, l.customer_id, cu.name AS customer, t.name AS template, v.addressed_to, l.letter_date,
                m.tracking_number, m.mailed_on, m.return_receipt_on, m.signed_by
           FROM letter l
           JOIN customer cu ON cu.id = l.customer_id
           JOIN letter_template_version v ON v.id = l.template_version_id
           JOIN letter_template t ON t.id = v.template_id
           LEFT JOIN certified_mail m ON m.letter_id = l.id
          WHERE l.channel = 'certified_mail' AND (m.mailed_on = @date OR (m.letter_id IS NULL AND l.letter_date = @date))
          ORDER BY m.mailed_on IS NULL, cu.name COLLATE NOCASE, l.id`,
      )
      .all({ date }) as {
      id: number;
      customer_id: number;
      customer: string;
      template: string;
      addressed_to: AddressedTo;
      letter_date: string;
      tracking_number: string | null;
      mailed_on: string | null;
      return_receipt_on: string | null;
      signed_by: string | null;
    }[];
    return rows.map((r) => ({
      letterId: r.id,
      customerId: r.customer_id,
      customer: r.customer,
      // The address as the letter's window shows it (the ledger keeps the customer's current address).
      addressLines: letterData(this.db, r.customer_id, r.letter_date, r.addressed_to).addressLines,
      template: r.template,
      letterDate: r.letter_date,
      trackingNumber: r.tracking_number,
      mailedOn: r.mailed_on,
      returnReceiptOn: r.return_receipt_on,
      signedBy: r.signed_by,
    }));
  }

  async logPdf(date: string): Promise<LetterPdfFile> {
    const pdf = await certifiedLogPdf(date, this.log(date), letterSettings(this.db));
    return { fileName: `certified-mail-${date}.pdf`, mimeType: 'application/pdf', base64: pdf.toString('base64') };
  }

  private letter(id: number): LetterRow {
    const row = this.db.prepare(`${LETTER_SELECT} WHERE l.id = ?`).get(id) as LetterRow | undefined;
    if (!row) throw new ServiceError('not_found', `There is no letter ${id}.`, { letterId: 'No such letter' });
    return row;
  }
}
