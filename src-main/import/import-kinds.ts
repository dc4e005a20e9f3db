export const IMPORT_KINDS = ['customers', 'invoices', 'payments', 'credits'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Required and optional columns per kind (lower case, as matched against the header). */
export const COLUMNS: Record<ImportKind, { required: string[]; optional: string[] }> = {
  customers: {
    required: ['code', 'name'],
    optional: ['kind', 'email', 'phone', 'address1', 'address2', 'city', 'region', 'postal_code', 'country', 'terms_days', 'credit_limit', 'tax_id', 'customer_since'],
  },
  invoices: { required: ['number', 'customer_code', 'issue_date', 'due_date', 'amount'], optional: ['currency', 'po_number', 'description', 'delivery_date'] },
  payments: { required: ['reference', 'customer_code', 'date', 'amount'], optional: ['invoice_number', 'method'] },
  credits: { required: ['number', 'customer_code', 'date', 'amount'], optional: ['invoice_number', 'reason'] },
};

export interface RowError {
  line: number;
  column: string;
  message: string;
}

export function formatRowError(e: RowError): string {
  return `line ${e.line}: ${e.column}: ${e.message}`;
}

export interface ImportSummary {
  kind: ImportKind;
  inserted: number;
  unchanged: number;
}

/** A file with bad rows: nothing was imported; every problem is listed. */
export class ImportRejected extends Error {
  constructor(
    readonly kind: ImportKind,
    readonly errors: RowError[],
  ) {
    super(`${errors.length} problem${errors.length === 1 ? '' : 's'} in the ${kind} file; nothing was imported`);
    this.name = 'ImportRejected';
  }
}
