import { CustomerInputSchema, type CustomerData } from '../contract/customers';
import { formatDecimal } from '../money/amounts';
import { diff, type ImportContext, type RowOutcome } from './import-context';
import type { RowReader } from './row-reader';

// The same rules as the customer form, so a customer imported is a customer the app accepts.
const FIELD_TO_COLUMN: Record<string, string> = {
  code: 'code',
  name: 'name',
  kind: 'kind',
  email: 'email',
  phone: 'phone',
  address1: 'address1',
  address2: 'address2',
  city: 'city',
  region: 'region',
  postalCode: 'postal_code',
  country: 'country',
  termsDays: 'terms_days',
  creditLimit: 'credit_limit',
  taxId: 'tax_id',
  customerSince: 'customer_since',
};

function parseLimit(r: RowReader): number | null {
  const text = r.raw('credit_limit');
  if (text === '') return null;
  if (/^0+(\.0{1,2})?$/.test(text)) return 0;
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) {
    r.fail('credit_limit', /^\d+\.\d{3,}$/.test(text) ? `has more than two decimal places: ${text}` : `is not a plain decimal amount: ${text}`);
    return null;
  }
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/**
 * One row checked as the customer form checks it: the customer, or null with every problem
 * recorded on the row. Both the row-by-row and the bulk path (bulk-customers.ts) read rows here.
 */
export function readCustomer(r: RowReader): CustomerData | null {
  const termsText = r.raw('terms_days');
  if (termsText !== '' && !/^\d+$/.test(termsText)) r.fail('terms_days', `must be a whole number of days: ${termsText}`);
  const kindText = r.raw('kind').toLowerCase();
  const creditLimit = parseLimit(r);
  const parsed = CustomerInputSchema.safeParse({
    code: r.raw('code'),
    name: r.raw('name'),
    kind: kindText === '' ? undefined : kindText,
    email: r.raw('email'),
    phone: r.raw('phone'),
    address1: r.raw('address1'),
    address2: r.raw('address2'),
    city: r.raw('city'),
    region: r.raw('region'),
    postalCode: r.raw('postal_code'),
    country: r.raw('country'),
    termsDays: termsText === '' || !/^\d+$/.test(termsText) ? undefined : Number(termsText),
    creditLimit,
    taxId: r.raw('tax_id'),
    customerSince: r.raw('customer_since'),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) r.fail(FIELD_TO_COLUMN[String(issue.path[0])] ?? String(issue.path[0]), issue.message);
  }
  return r.ok && parsed.success ? parsed.data : null;
}

/** The customer columns an import writes, in the order customerValues gives them. */
export const CUSTOMER_COLUMNS = 'code, name, kind, email, phone, address1, address2, city, region, postal_code, country, terms_days, credit_limit, tax_id, customer_since, created_at, updated_at';

/** A checked customer's values in CUSTOMER_COLUMNS order. */
export function customerValues(c: CustomerData, now: string): unknown[] {
  return [c.code, c.name, c.kind, c.email, c.phone, c.address1, c.address2, c.city, c.region, c.postalCode, c.country, c.termsDays, c.creditLimit, c.taxId, c.customerSince, now, now];
}

export function customerRows(ctx: ImportContext) {
  const db = ctx.db;
  const find = db.prepare(`SELECT * FROM customer WHERE code = ?`);
  const insert = db.prepare(`INSERT INTO customer (${CUSTOMER_COLUMNS}) VALUES (${CUSTOMER_COLUMNS.split(',').map(() => '?').join(', ')})`);
  const maxBefore = ctx.maxId('customer');

  return (r: RowReader, now: string): RowOutcome => {
    const c = readCustomer(r);
    if (!c) return 'failed';

    const existing = find.get(c.code) as Record<string, string | number | null> | undefined;
    if (existing) {
      return ctx.existing(
        r,
        'code',
        c.code,
        (existing.id as number) > maxBefore,
        diff(r, [
          ['name', existing.name, c.name],
          ['kind', existing.kind, c.kind],
          ['email', existing.email, c.email],
          ['phone', existing.phone, c.phone],
          ['address1', existing.address1, c.address1],
          ['address2', existing.address2, c.address2],
          ['city', existing.city, c.city],
          ['region', existing.region, c.region],
          ['postal_code', existing.postal_code, c.postalCode],
          ['country', existing.country, c.country],
          ['terms_days', existing.terms_days, c.termsDays],
          ['credit_limit', existing.credit_limit === null ? null : formatDecimal(existing.credit_limit as number), c.creditLimit === null ? null : formatDecimal(c.creditLimit)],
          ['tax_id', existing.tax_id, c.taxId],
          ['customer_since', existing.customer_since, c.customerSince],
        ]),
      );
    }
    insert.run(customerValues(c, now));
    return 'inserted';
  };
}
