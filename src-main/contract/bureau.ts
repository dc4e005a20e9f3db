import { z } from 'zod';
import { isoDate } from './date-fields';

/** `trade`: one row per business customer, as trade references are reported; `invoices`: one row per open item. */
export const BUREAU_LAYOUTS = ['trade', 'invoices'] as const;
export type BureauLayout = (typeof BUREAU_LAYOUTS)[number];

const layout = z.enum(BUREAU_LAYOUTS, { error: 'Choose the trade or the invoices layout' });

export const BureauPreviewSchema = z.strictObject({
  asOf: isoDate('As-of date'),
  layout,
  /** How many of the file's rows to show; the totals always cover them all. */
  limit: z.number().int().min(0).max(500).default(50),
});

export const BureauExportSchema = z.strictObject({ asOf: isoDate('As-of date'), layout });

export const BureauFileSchema = z.strictObject({ id: z.number().int().positive() });

/** Amounts in minor units, bucketed Current, 1-30, 31-60, 61-90, 91+ days past due. */
export interface BureauAmounts {
  buckets: number[];
  /** Unapplied cash and open credits, negative (netted in the balance, as the aging total nets them). */
  unapplied: number;
  balance: number;
}

/**
 * One line of the reconciliation: the aging report as of the date, each part left out, and the
 * file. `count` is customers (aging, consumers, file rows of the trade layout) or items.
 */
export interface BureauReconciliationLine extends BureauAmounts {
  key: 'aging' | 'consumers' | 'disputed' | 'unapplied' | 'file';
  label: string;
  count: number;
}

export interface BureauPreview {
  asOf: string;
  layout: BureauLayout;
  currency: string;
  /** The file's header, exactly as written. */
  columns: string[];
  /** The first `limit` rows, each cell exactly as the file writes it. */
  rows: string[][];
  rowCount: number;
  totals: BureauAmounts;
  disputed: { count: number; amount: number };
  consumersLeftOut: number;
  /** Aging as of the date, less each part left out, equals the file's totals: `reconciles` says whether it does. */
  reconciliation: BureauReconciliationLine[];
  reconciles: boolean;
}

/** A bureau file made, as the ledger records it. */
export interface BureauFileRecord {
  id: number;
  asOf: string;
  layout: BureauLayout;
  madeAt: string;
  rows: number;
  customers: number;
  totals: { buckets: number[]; balance: number };
  disputed: { count: number; amount: number };
  consumersLeftOut: number;
  /** Relative to `<ledger>-archive/bureau/`. */
  path: string;
  fileName: string;
  sha256: string;
  bytes: number;
}

export interface BureauExported {
  record: BureauFileRecord;
  /** The same bytes as the archived file, for the user to save. */
  file: { fileName: string; mimeType: string; base64: string };
}
