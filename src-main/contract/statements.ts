import { z } from 'zod';
import { isoDate } from './date-fields';
import { LETTER_CHANNELS, MAX_BATCH } from './letters';

/**
 * Open-item statements as of a date, one per customer in one PDF, recorded and archived as
 * letters are. Without customerIds: every customer with a balance (or anything open or
 * unapplied) on that date, by code.
 */
export const StatementsPrintSchema = z.strictObject({
  asOf: isoDate('The statement date'),
  customerIds: z
    .array(z.number().int().positive(), { error: 'Choose the customers to send statements to' })
    .min(1, 'Choose at least one customer')
    .max(MAX_BATCH, `At most ${MAX_BATCH.toLocaleString('en-US')} statements in one batch`)
    .optional(),
  channel: z.enum(LETTER_CHANNELS, { error: 'Choose mail, certified mail or an email-ready PDF' }).default('mail'),
  by: z.string().trim().max(80).nullish().transform((v) => (v ? v : null)),
});

/** The customers a statement run "for everyone" covers on a date, and the template it uses. */
export const StatementsCustomersSchema = z.strictObject({ asOf: isoDate('The statement date') });

export interface StatementsTarget {
  /** The "Account statement" template's id, or null when the ledger has none by that name. */
  templateId: number | null;
  template: string;
  /** Customers with a balance, or anything open or unapplied, on the date, by code. */
  customerIds: number[];
}
