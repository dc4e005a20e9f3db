import type { RowError } from '../import-kinds';
import type { DateOrder } from './source-values';

export const PRESET_NAMES = ['xero', 'iif', 'qbo'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** A customer as the source names it; Settle gives it a code (see customer-codes.ts). */
export interface SourceCustomer {
  line: number;
  name: string;
  email?: string;
  address1?: string;
  address2?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

export interface SourceInvoice {
  line: number;
  number: string;
  customer: string;
  issueDate: string;
  dueDate: string;
  /** Minor units, the invoice's total. */
  amount: number;
  /** What the source says is still owed; null for a source of transactions (IIF), whose payments come as rows. */
  amountDue: number | null;
  description?: string | null;
}

/** A payment or credit note, left for the ledger to apply (oldest open item first when automatic application is on). */
export interface SourceCash {
  line: number;
  kind: 'payment' | 'credit';
  key: string;
  customer: string;
  date: string;
  amount: number;
  note?: string | null;
}

/** A source file turned into Settle's kinds of rows: customers, invoices, payments and credits. */
export interface SourceFile {
  customers: SourceCustomer[];
  invoices: SourceInvoice[];
  cash: SourceCash[];
  errors: RowError[];
  /** Rows that are not receivables (bills, voided or draft invoices, report totals are not counted). */
  skipped: number;
  /** The date the file itself says it was made (a report's "As of" line), if it says. */
  exportDate?: string;
}

export interface ParseOptions {
  dateOrder: DateOrder;
  /** The ledger's currency: a file in another one is refused. */
  currency: string;
}

export interface Preset {
  name: PresetName;
  /** As the wizard's Source list shows it. */
  label: string;
  /** As "settled in <source> (export of DATE)" names it. */
  source: string;
  /** The file says what each invoice still owes, so a later export can be synced against it. */
  snapshot: boolean;
  defaultDateOrder: DateOrder;
  /** The source's column for each thing a problem found while posting can be about. */
  columns: { customer: string; number: string; issueDate: string; dueDate: string; amount: string; key: string };
  /** The source's column for each customer field, for the customer form's rules' messages. */
  customerColumns: Partial<Record<keyof Omit<SourceCustomer, 'line'>, string>>;
  /** Which Settle field each of the source's columns fills, as the wizard shows the mapping. */
  mapping: { source: string; settle: string }[];
  parse(text: string, options: ParseOptions): SourceFile;
}
