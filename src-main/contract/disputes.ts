import { z } from 'zod';
import { isoDate } from './date-fields';

export const DISPUTE_RESOLUTIONS = ['credit_note', 'return', 'replacement', 'price_correction', 'no_credit'] as const;
export type DisputeResolution = (typeof DISPUTE_RESOLUTIONS)[number];

export const DisputeUpdateSchema = z.strictObject({
  id: z.number().int().positive(),
  status: z.enum(['open', 'investigating']).optional(),
  /** Left out: the owner stays; null or blank: nobody owns it. */
  owner: z.string().trim().max(80).nullish().transform((v) => (v === undefined ? undefined : v ? v : null)),
});

export const DisputeResolveSchema = z
  .strictObject({
    id: z.number().int().positive(),
    resolution: z.enum(DISPUTE_RESOLUTIONS, { error: 'Choose how it was resolved' }),
    date: isoDate('Resolution date'),
    /** For resolutions that credit the customer: the credit note's number and amount (minor units). */
    creditNumber: z.string().trim().min(1).max(64).optional(),
    amount: z.number().int().positive('The credit must be more than zero').optional(),
    note: z.string().trim().max(500).nullish().transform((v) => (v ? v : null)),
  })
  .superRefine((x, ctx) => {
    const credits = x.resolution === 'credit_note' || x.resolution === 'return' || x.resolution === 'price_correction';
    if (credits && !x.creditNumber) ctx.addIssue({ code: 'custom', path: ['creditNumber'], message: 'Number the credit note' });
    if (credits && !x.amount) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'Enter the credit amount' });
    if (!credits && (x.creditNumber || x.amount)) ctx.addIssue({ code: 'custom', path: ['resolution'], message: 'This resolution posts no credit' });
  });

export interface DisputeResolved {
  id: number;
  resolution: DisputeResolution;
  creditNoteId: number | null;
}
