import fs from 'node:fs';
import path from 'node:path';
import {
  demoCredits,
  demoCustomers,
  demoInvoices,
  demoPayments,
  type DemoCredit,
  type DemoCustomer,
  type DemoInvoice,
  type DemoOptions,
  type DemoPayment,
} from './generator';

export const CUSTOMERS_CSV_HEADER = 'code,name,kind,email,phone,address1,address2,city,region,postal_code,country,terms_days,credit_limit,tax_id,customer_since';
export const INVOICES_CSV_HEADER = 'number,customer_code,issue_date,due_date,amount,currency,po_number,description';
export const PAYMENTS_CSV_HEADER = 'reference,customer_code,date,amount,invoice_number,method';
export const CREDITS_CSV_HEADER = 'number,customer_code,date,amount,invoice_number,reason';

/** Integer cents as a plain decimal with two fraction digits, built without floating point. */
export function centsToDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new Error(`Not a non-negative whole number of cents: ${cents}`);
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** RFC 4180 quoting, only where a field needs it; null is an empty field. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function line(fields: (string | number | null)[]): string {
  return fields.map(csvField).join(',');
}

export function customerCsvLine(c: DemoCustomer): string {
  return line([
    c.code, c.name, c.kind, c.email, c.phone, c.address1, c.address2, c.city, c.region, c.postalCode, c.country,
    c.termsDays, c.creditLimit === null ? null : centsToDecimal(c.creditLimit), c.taxId, c.customerSince,
  ]);
}

export function invoiceCsvLine(i: DemoInvoice): string {
  return line([i.number, i.customerCode, i.issueDate, i.dueDate, centsToDecimal(i.amount), i.currency, i.poNumber, i.description]);
}

export function paymentCsvLine(p: DemoPayment): string {
  return line([p.reference, p.customerCode, p.date, centsToDecimal(p.amount), p.invoiceNumber, p.method]);
}

export function creditCsvLine(c: DemoCredit): string {
  return line([c.number, c.customerCode, c.date, centsToDecimal(c.amount), c.invoiceNumber, c.reason]);
}

/** Lines per write: big enough to keep syscalls few, small enough to keep memory flat. */
const CHUNK_LINES = 4096;

async function writeCsv<T>(file: string, header: string, rows: Iterable<T>, toLine: (row: T) => string): Promise<number> {
  const out = fs.createWriteStream(file, { encoding: 'utf8' });
  let failure: Error | null = null;
  out.on('error', (err) => {
    failure = err;
  });
  const write = async (text: string): Promise<void> => {
    if (failure) throw failure;
    if (!out.write(text)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => {
          out.off('error', onError);
          resolve();
        };
        const onError = (err: Error) => {
          out.off('drain', onDrain);
          reject(err);
        };
        out.once('drain', onDrain);
        out.once('error', onError);
      });
    }
  };
  let count = 0;
  try {
    let chunk: string[] = [header];
    for (const row of rows) {
      chunk.push(toLine(row));
      count++;
      if (chunk.length >= CHUNK_LINES) {
        await write(chunk.join('\n') + '\n');
        chunk = [];
      }
    }
    if (chunk.length > 0) await write(chunk.join('\n') + '\n');
    await new Promise<void>((resolve, reject) => {
      if (failure) return reject(failure);
      out.once('error', reject);
      out.end(() => resolve());
    });
  } catch (err) {
    out.destroy();
    throw err;
  }
  return count;
}

/**
 * Writes customers.csv, invoices.csv, payments.csv and credits.csv into dir (created if
 * missing), streaming each generator so a million invoices never sit in memory at once.
 */
export async function writeDemoCsvs(
  dir: string,
  o: DemoOptions,
): Promise<{ customers: string; invoices: string; payments: string; credits: string; counts: { customers: number; invoices: number; payments: number; credits: number } }> {
  await fs.promises.mkdir(dir, { recursive: true });
  const files = {
    customers: path.join(dir, 'customers.csv'),
    invoices: path.join(dir, 'invoices.csv'),
    payments: path.join(dir, 'payments.csv'),
    credits: path.join(dir, 'credits.csv'),
  };
  const counts = {
    customers: await writeCsv(files.customers, CUSTOMERS_CSV_HEADER, demoCustomers(o), customerCsvLine),
    invoices: await writeCsv(files.invoices, INVOICES_CSV_HEADER, demoInvoices(o), invoiceCsvLine),
    payments: await writeCsv(files.payments, PAYMENTS_CSV_HEADER, demoPayments(o), paymentCsvLine),
    credits: await writeCsv(files.credits, CREDITS_CSV_HEADER, demoCredits(o), creditCsvLine),
  };
  return { ...files, counts };
}
