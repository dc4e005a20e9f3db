import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import {
  centsToDecimal,
  csvField,
  customerCsvLine,
  CUSTOMERS_CSV_HEADER,
  INVOICES_CSV_HEADER,
  PAYMENTS_CSV_HEADER,
  writeDemoCsvs,
} from '../../src-main/demo/csv';
import {
  demoCredits,
  demoCustomers,
  demoInvoices,
  demoOverpayerCodes,
  demoPayments,
  type DemoCustomer,
  type DemoOptions,
} from '../../src-main/demo/generator';

const TODAY = '2025-06-15';
const opts: DemoOptions = { customers: 200, seed: 7, today: TODAY };

const ledger = (o: DemoOptions) => ({
  customers: [...demoCustomers(o)],
  invoices: [...demoInvoices(o)],
  payments: [...demoPayments(o)],
  credits: [...demoCredits(o)],
});

const data = ledger(opts);
const invoiceByNumber = new Map(data.invoices.map((i) => [i.number, i]));
const overpayers = new Set(demoOverpayerCodes(opts));

function isValidDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
}

describe('demo generator', () => {
  it('gives identical output for the same options, whichever generator runs first', () => {
    const again = ledger({ ...opts });
    expect(again).toEqual(data);
    // Running one generator alone must not depend on another having run.
    expect([...demoPayments(opts)]).toEqual(data.payments);
  });

  it('gives a different ledger for a different seed', () => {
    const other = ledger({ ...opts, seed: 8 });
    expect(other.customers.map((c) => c.name)).not.toEqual(data.customers.map((c) => c.name));
    expect(other.invoices.map((i) => i.amount)).not.toEqual(data.invoices.map((i) => i.amount));
    expect(other.payments).not.toEqual(data.payments);
  });

  it('produces exactly customers × invoicesPerCustomer invoices, unevenly spread', () => {
    expect(data.customers).toHaveLength(200);
    expect(data.invoices).toHaveLength(2000);
    expect([...demoInvoices({ customers: 37, invoicesPerCustomer: 3.5, today: TODAY })]).toHaveLength(Math.round(37 * 3.5));
    expect([...demoInvoices({ customers: 10, invoicesPerCustomer: 0.5, today: TODAY })]).toHaveLength(5);
    expect([...demoInvoices({ customers: 0, today: TODAY })]).toHaveLength(0);
    const perCustomer = new Map<string, number>();
    for (const i of data.invoices) perCustomer.set(i.customerCode, (perCustomer.get(i.customerCode) ?? 0) + 1);
    expect(perCustomer.size).toBe(200);
    expect(Math.max(...perCustomer.values())).toBeGreaterThanOrEqual(40);
    expect(Math.min(...perCustomer.values())).toBe(1);
  });

  it('uses unique, zero-padded keys in generation order', () => {
    const unique = (xs: string[]) => new Set(xs).size === xs.length;
    expect(unique(data.customers.map((c) => c.code.toLowerCase()))).toBe(true);
    expect(unique(data.invoices.map((i) => i.number))).toBe(true);
    expect(unique(data.payments.map((p) => p.reference))).toBe(true);
    expect(unique(data.credits.map((c) => c.number))).toBe(true);
    expect(data.customers[0].code).toBe('C000001');
    expect(data.invoices.map((i) => i.number)).toEqual(data.invoices.map((_, k) => `INV-${String(k + 1).padStart(7, '0')}`));
    expect(data.payments[0].reference).toBe('PAY-0000001');
    expect(data.credits.length).toBeGreaterThan(0);
    expect(data.credits[0].number).toBe('CN-000001');
  });

  it('makes realistic customers', () => {
    const consumers = data.customers.filter((c) => c.kind === 'consumer').length;
    expect(consumers / data.customers.length).toBeGreaterThan(0.05);
    expect(consumers / data.customers.length).toBeLessThan(0.3);
    for (const c of data.customers) {
      expect(c.name.trim()).toBe(c.name);
      expect([15, 30, 45, 60]).toContain(c.termsDays);
      if (c.creditLimit !== null) expect(Number.isSafeInteger(c.creditLimit) && c.creditLimit > 0).toBe(true);
      if (c.email !== null) expect(c.email).toMatch(/^[^\s@]+@[^\s@]+\.[^\s@]+$/);
      if (c.kind === 'business') {
        expect(c.contacts.length).toBeGreaterThanOrEqual(1);
        expect(c.contacts.length).toBeLessThanOrEqual(3);
        expect(c.contacts.filter((k) => k.isPrimary).map((k) => k.role)).toEqual(['accounts_payable']);
      }
    }
  });

  it('links every invoice, payment and credit to an existing customer and invoice', () => {
    const codes = new Set(data.customers.map((c) => c.code));
    for (const i of data.invoices) expect(codes.has(i.customerCode)).toBe(true);
    for (const r of [...data.payments, ...data.credits]) {
      expect(codes.has(r.customerCode)).toBe(true);
      if (r.invoiceNumber !== null) expect(invoiceByNumber.get(r.invoiceNumber)?.customerCode).toBe(r.customerCode);
    }
  });

  it('dates everything validly, never after today, with due = issue + terms', () => {
    const terms = new Map(data.customers.map((c) => [c.code, c.termsDays]));
    const twoYearsAgo = new Date(Date.parse(`${TODAY}T00:00:00Z`) - 731 * 86_400_000).toISOString().slice(0, 10);
    for (const i of data.invoices) {
      expect(isValidDate(i.issueDate) && isValidDate(i.dueDate)).toBe(true);
      expect(i.issueDate <= TODAY).toBe(true);
      expect(i.issueDate >= twoYearsAgo).toBe(true);
      expect(i.dueDate >= i.issueDate).toBe(true);
      const days = (Date.parse(i.dueDate) - Date.parse(i.issueDate)) / 86_400_000;
      expect(days).toBe(terms.get(i.customerCode));
    }
    for (const r of [...data.payments, ...data.credits]) {
      expect(isValidDate(r.date)).toBe(true);
      expect(r.date <= TODAY).toBe(true);
      if (r.invoiceNumber !== null) expect(r.date > invoiceByNumber.get(r.invoiceNumber)!.issueDate).toBe(true);
    }
  });

  it('keeps amounts positive whole cents, invoices between $50 and $50,000', () => {
    for (const i of data.invoices) {
      expect(Number.isSafeInteger(i.amount)).toBe(true);
      expect(i.amount).toBeGreaterThanOrEqual(5_000);
      expect(i.amount).toBeLessThanOrEqual(5_000_000);
    }
    for (const r of [...data.payments, ...data.credits]) expect(Number.isSafeInteger(r.amount) && r.amount > 0).toBe(true);
  });

  it('never applies more than an invoice to it by name, except for the designated overpayers', () => {
    expect(overpayers.size).toBeGreaterThan(0);
    const applied = new Map<string, number>();
    for (const r of [...data.payments, ...data.credits]) {
      if (r.invoiceNumber !== null) applied.set(r.invoiceNumber, (applied.get(r.invoiceNumber) ?? 0) + r.amount);
    }
    const over = new Set<string>();
    for (const [number, sum] of applied) {
      const inv = invoiceByNumber.get(number)!;
      if (sum > inv.amount) over.add(inv.customerCode);
    }
    for (const code of over) expect(overpayers.has(code)).toBe(true);
    // Credits alone must fit within what the payments left open.
    for (const c of data.credits) {
      if (c.invoiceNumber === null) continue;
      expect(applied.get(c.invoiceNumber)!).toBeLessThanOrEqual(invoiceByNumber.get(c.invoiceNumber)!.amount);
    }
  });

  it('leaves roughly a tenth of invoices open after oldest-first allocation, and unapplied cash only with overpayers', () => {
    const left = new Map(data.invoices.map((i) => [i.number, i.amount]));
    const byCustomer = new Map<string, string[]>();
    for (const i of data.invoices) byCustomer.set(i.customerCode, [...(byCustomer.get(i.customerCode) ?? []), i.number]);
    const unapplied = new Set<string>();
    const apply = (number: string, amount: number) => {
      const room = left.get(number)!;
      const used = Math.min(room, amount);
      left.set(number, room - used);
      return amount - used;
    };
    for (const p of data.payments) {
      let rest = p.amount;
      if (p.invoiceNumber !== null) rest = apply(p.invoiceNumber, rest);
      // As the importer does: oldest first among invoices already issued on the payment's date.
      else for (const n of byCustomer.get(p.customerCode) ?? []) if (invoiceByNumber.get(n)!.issueDate <= p.date) rest = apply(n, rest);
      if (rest > 0) unapplied.add(p.customerCode);
    }
    for (const c of data.credits) if (c.invoiceNumber !== null) expect(apply(c.invoiceNumber, c.amount)).toBe(0);

    const open = [...left.values()].filter((v) => v > 0).length / data.invoices.length;
    expect(open).toBeGreaterThan(0.05);
    expect(open).toBeLessThan(0.2);
    expect(unapplied.size).toBeGreaterThan(0);
    for (const code of unapplied) expect(overpayers.has(code)).toBe(true);
    // Some payments leave their invoice for the importer to find; most name it.
    const unnamed = data.payments.filter((p) => p.invoiceNumber === null).length;
    expect(unnamed).toBeGreaterThan(0);
    expect(unnamed / data.payments.length).toBeLessThan(0.3);
  });

  it('refuses an impossible date', () => {
    expect(() => [...demoCustomers({ customers: 1, today: '2025-02-30' })]).toThrow(/YYYY-MM-DD/);
  });

  it('starts producing a million-invoice ledger without building it first', () => {
    const started = Date.now();
    const first = demoInvoices({ customers: 100_000, today: TODAY }).next();
    expect(first.done).toBe(false);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('demo CSV', () => {
  it('formats cents without floating point', () => {
    expect(centsToDecimal(123_450)).toBe('1234.50');
    expect(centsToDecimal(5)).toBe('0.05');
    expect(centsToDecimal(0)).toBe('0.00');
    expect(centsToDecimal(900_719_925_474_099)).toBe('9007199254740.99');
    expect(() => centsToDecimal(1.5)).toThrow();
  });

  it('quotes fields holding a comma, a quote or a newline by doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(null)).toBe('');
    expect(csvField('Line\nbreak')).toBe('"Line\nbreak"');
    const c: DemoCustomer = {
      code: 'C1',
      name: 'Baker, "Moss" & Co.',
      kind: 'business',
      email: null,
      phone: null,
      address1: null,
      address2: null,
      city: null,
      region: null,
      postalCode: null,
      country: null,
      termsDays: 30,
      creditLimit: 250_000,
      taxId: '12-3456789',
      customerSince: '2019-04-01',
      contacts: [],
    };
    expect(customerCsvLine(c)).toBe('C1,"Baker, ""Moss"" & Co.",business,,,,,,,,,30,2500.00,12-3456789,2019-04-01');
    const parsed = Papa.parse<string[]>(`${CUSTOMERS_CSV_HEADER}\n${customerCsvLine(c)}\n`, { skipEmptyLines: true });
    expect(parsed.data[1][1]).toBe('Baker, "Moss" & Co.');
  });

  it('writes the four files whose rows parse back to the generated records', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-demo-test-'));
    try {
      const small: DemoOptions = { customers: 60, seed: 3, today: TODAY };
      const out = await writeDemoCsvs(path.join(dir, 'nested'), small);
      const expected = ledger(small);
      expect(out.counts).toEqual({
        customers: expected.customers.length,
        invoices: expected.invoices.length,
        payments: expected.payments.length,
        credits: expected.credits.length,
      });
      const read = (file: string) => Papa.parse<Record<string, string>>(fs.readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true });

      const customers = read(out.customers);
      expect(customers.meta.fields?.join(',')).toBe(CUSTOMERS_CSV_HEADER);
      expect(customers.data.map((r) => [r.code, r.name, r.credit_limit])).toEqual(
        expected.customers.map((c) => [c.code, c.name, c.creditLimit === null ? '' : centsToDecimal(c.creditLimit)]),
      );

      const invoices = read(out.invoices);
      expect(invoices.meta.fields?.join(',')).toBe(INVOICES_CSV_HEADER);
      expect(invoices.data.map((r) => [r.number, r.amount, r.description])).toEqual(
        expected.invoices.map((i) => [i.number, centsToDecimal(i.amount), i.description ?? '']),
      );

      const payments = read(out.payments);
      expect(payments.meta.fields?.join(',')).toBe(PAYMENTS_CSV_HEADER);
      expect(payments.data.map((r) => r.amount)).toEqual(expected.payments.map((p) => centsToDecimal(p.amount)));

      expect(read(out.credits).data.map((r) => r.number)).toEqual(expected.credits.map((c) => c.number));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
