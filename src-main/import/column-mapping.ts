import { COLUMNS, IMPORT_KINDS, type ImportKind } from './import-kinds';

/**
 * The import wizard's mapping: which of a file's columns (as the engine names them: trimmed,
 * lower case) holds each of Settle's columns. It is applied as a rename of the header before the
 * engine reads a row, so a mapped file is read exactly like a file with Settle's own header.
 */
export type ColumnMapping = Partial<Record<string, string>>;

export function settleColumns(kind: ImportKind): string[] {
  return [...COLUMNS[kind].required, ...COLUMNS[kind].optional];
}

/** Letters and digits only: "Invoice No." and "invoice_no" are the same name. */
function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const CUSTOMER_CODE = ['customer', 'customerid', 'customercode', 'custcode', 'custid', 'customerno', 'account', 'accountcode', 'accountno', 'accountnumber', 'client', 'clientcode'];

/** What other programs call Settle's columns (squashed), most likely first. */
const OTHER_NAMES: Record<ImportKind, Record<string, string[]>> = {
  customers: {
    code: ['customercode', 'customerid', 'custcode', 'custid', 'customerno', 'accountcode', 'accountno', 'accountnumber', 'account', 'id'],
    name: ['customername', 'customer', 'company', 'companyname', 'accountname', 'clientname'],
    kind: ['type', 'customertype'],
    email: ['emailaddress', 'mail'],
    phone: ['telephone', 'tel', 'phonenumber'],
    address1: ['address', 'addressline1', 'street'],
    address2: ['addressline2'],
    city: ['town'],
    region: ['state', 'province', 'county'],
    postal_code: ['postcode', 'zip', 'zipcode', 'postalcode'],
    terms_days: ['terms', 'paymentterms', 'termsdays'],
    credit_limit: ['creditlimit', 'limit'],
    tax_id: ['taxid', 'taxnumber', 'ein', 'vatnumber', 'vat', 'businessnumber', 'taxregistration'],
    customer_since: ['customersince', 'accountopened', 'opened', 'opendate', 'accountopendate', 'since'],
  },
  invoices: {
    number: ['invoice', 'invoiceno', 'invoicenumber', 'invoiceid', 'invno', 'inv', 'documentnumber', 'docno'],
    customer_code: CUSTOMER_CODE,
    issue_date: ['date', 'invoicedate', 'issued', 'issuedate', 'documentdate'],
    due_date: ['due', 'duedate', 'dueon', 'paymentdue'],
    amount: ['total', 'amountdue', 'invoicetotal', 'invoiceamount', 'gross', 'value'],
    currency: ['ccy'],
    po_number: ['po', 'ponumber', 'purchaseorder'],
    description: ['memo', 'details', 'notes'],
    delivery_date: ['delivered', 'deliverydate', 'shipdate', 'shipped'],
  },
  payments: {
    reference: ['ref', 'paymentref', 'paymentreference', 'chequenumber', 'checknumber', 'cheque', 'check', 'receipt', 'receiptno', 'transactionid'],
    customer_code: CUSTOMER_CODE,
    date: ['paymentdate', 'paidon', 'received', 'receiveddate', 'datepaid'],
    amount: ['amountpaid', 'paid', 'payment', 'total', 'value'],
    invoice_number: ['invoice', 'invoiceno', 'invoicenumber', 'appliesto'],
    method: ['paymentmethod', 'type', 'via'],
  },
  credits: {
    number: ['creditnote', 'creditnumber', 'creditnoteno', 'creditno', 'cn'],
    customer_code: CUSTOMER_CODE,
    date: ['creditdate', 'issuedate', 'issued'],
    amount: ['creditamount', 'total', 'value'],
    invoice_number: ['invoice', 'invoiceno', 'invoicenumber', 'appliesto'],
    reason: ['memo', 'description', 'note', 'notes'],
  },
};

/**
 * A first guess at the mapping: Settle's own name, then the same letters and digits, then what
 * other programs call it. Each file column is used once, so "invoice" cannot be both the
 * number and the invoice a payment names.
 */
export function suggestMapping(kind: ImportKind, fileColumns: readonly string[]): ColumnMapping {
  const taken = new Set<string>();
  const mapping: ColumnMapping = {};
  const pick = (column: string, test: (file: string) => boolean) => {
    if (mapping[column] !== undefined) return;
    const found = fileColumns.find((f) => f !== '' && !taken.has(f) && test(f));
    if (found === undefined) return;
    mapping[column] = found;
    taken.add(found);
  };
  const columns = settleColumns(kind);
  for (const c of columns) pick(c, (f) => f === c);
  for (const c of columns) pick(c, (f) => squash(f) === squash(c));
  for (const c of columns) for (const other of OTHER_NAMES[kind][c] ?? []) pick(c, (f) => squash(f) === other);
  return mapping;
}

/**
 * Which kind of file this looks like: the kind whose required columns the suggestion finds the
 * largest share of, then the one with most columns found, then the first in Settle's order.
 */
export function detectKind(fileColumns: readonly string[]): ImportKind {
  let best: ImportKind = IMPORT_KINDS[0];
  let bestScore = -1;
  for (const kind of IMPORT_KINDS) {
    const mapping = suggestMapping(kind, fileColumns);
    const required = COLUMNS[kind].required;
    const share = required.filter((c) => mapping[c] !== undefined).length / required.length;
    const score = share * 1000 + Object.keys(mapping).length;
    if (score > bestScore) {
      best = kind;
      bestScore = score;
    }
  }
  return best;
}

/** Problems with a mapping the clerk sent, by Settle column; empty when the engine can use it. */
export function mappingProblems(kind: ImportKind, fileColumns: readonly string[], mapping: ColumnMapping): Record<string, string> {
  const problems: Record<string, string> = {};
  const known = new Set(settleColumns(kind));
  const usedBy = new Map<string, string>();
  for (const [column, file] of Object.entries(mapping)) {
    if (file === undefined) continue;
    if (!known.has(column)) problems[column] = `is not a column of ${kind}`;
    else if (!fileColumns.includes(file)) problems[column] = `the file has no column “${file}”`;
    else if (usedBy.has(file)) problems[column] = `“${file}” is already used for ${usedBy.get(file)}`;
    else usedBy.set(file, column);
  }
  return problems;
}

/** The mapping as the header rename the engine applies: file column → Settle column. */
export function headerRename(mapping: ColumnMapping): Map<string, string> {
  const rename = new Map<string, string>();
  for (const [column, file] of Object.entries(mapping)) if (file !== undefined) rename.set(file, column);
  return rename;
}

/** Files from the same source have the same header: the key a mapping is remembered by. */
export function headerSignature(fileColumns: readonly string[]): string {
  return fileColumns.join('\u001f');
}
