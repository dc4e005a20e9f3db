import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoCustomers, type DemoOptions } from '../demo/generator';
import { writeDemoCsvs } from '../demo/csv';
import { importCsvFile } from '../import/importer';
import { Ledger } from '../ledger/ledger';
import { addDays, localToday } from '../money/dates';
import { TimelineService } from '../timeline/timeline-service';
import { CliError } from './cli-error';
import { writeTransaction } from '../ledger/write-transaction';
import { saveLetterSettings } from '../letters/letter-context';

const DEMO_LETTERHEAD = {
  companyName: 'Northwind Supplies',
  companyAddress: '1 Harbour Road\nSpringfield, IL 62701',
  companyPhone: '217 555 0100',
  companyEmail: 'accounts@northwind.example',
  clerkName: 'Sam Carter',
};

function positiveInt(name: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) throw new CliError(`--${name} must be a whole number from 1 to ${max}, not "${text}"`);
  return Number(text);
}

/**
 * A realistic synthetic ledger in a new file, built through the same CSV import a user runs,
 * so demos and benchmarks exercise the real write path.
 */
export async function runDemo(ledgerPath: string, args: { customers?: string; seed?: string; today?: string }): Promise<number> {
  const options: DemoOptions = {
    customers: positiveInt('customers', args.customers, 200, 1_000_000),
    seed: positiveInt('seed', args.seed, 1, 2 ** 31 - 1),
    today: args.today ?? localToday(),
  };
  const ledger = await Ledger.open(ledgerPath);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-demo-'));
  try {
    const used = ledger.db.prepare('SELECT (SELECT COUNT(*) FROM customer) + (SELECT COUNT(*) FROM invoice)').pluck().get() as number;
    if (used > 0) throw new CliError(`${ledger.path} already holds data; settle demo only fills a new, empty ledger`);
    const files = await writeDemoCsvs(dir, options);
    for (const kind of ['customers', 'invoices', 'payments', 'credits'] as const) {
      await importCsvFile(ledger.db, kind, files[kind]);
    }
    addContacts(ledger, options);
    addRecentCalls(ledger, options.today);
    // A demo company signs its letters, so "Print all" on a demo ledger shows what a real one prints.
    saveLetterSettings(ledger.db, DEMO_LETTERHEAD);
    const c = files.counts;
    console.log(`Demo ledger ${ledger.path}: ${c.customers} customers, ${c.invoices} invoices, ${c.payments} payments, ${c.credits} credit notes (seed ${options.seed}).`);
    return 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await ledger.close();
  }
}

/**
 * A morning's worth of work for the demo: among customers with overdue money, some were called
 * yesterday and asked to be called back today, and some broke a promise made last week.
 */
function addRecentCalls(ledger: Ledger, today: string): void {
  const timeline = new TimelineService(ledger.db);
  const overdue = ledger.db
    .prepare(
      `SELECT i.customer_id AS id, SUM(i.open_amount) AS amount,
              (SELECT k.id FROM contact k WHERE k.customer_id = i.customer_id AND k.is_primary = 1) AS contactId
         FROM invoice i WHERE i.open_amount > 0 AND i.due_date < ? GROUP BY i.customer_id ORDER BY i.customer_id`,
    )
    .all(today) as { id: number; amount: number; contactId: number | null }[];
  overdue.forEach((c, n) => {
    if (n % 7 === 0) {
      timeline.record({
        customerId: c.id,
        kind: 'call',
        occurredAt: `${addDays(today, -1)}T10:30`,
        author: 'Demo',
        contactId: c.contactId,
        direction: 'outbound',
        outcome: 'reached',
        summary: 'They are checking the overdue invoices against their purchase orders and asked us to call back today.',
        followUpDate: today,
        promise: null,
        dispute: null,
        correctsId: null,
      });
    } else if (n % 11 === 0) {
      timeline.record({
        customerId: c.id,
        kind: 'call',
        occurredAt: `${addDays(today, -10)}T14:00`,
        author: 'Demo',
        contactId: c.contactId,
        direction: 'outbound',
        outcome: 'promise_to_pay',
        summary: 'Promised to pay the overdue balance once their own customer pays them.',
        followUpDate: null,
        promise: { amount: c.amount, date: addDays(today, -3) },
        dispute: null,
        correctsId: null,
      });
    }
  });
}

/** The CSV format has no contacts, so the demo adds them directly. */
function addContacts(ledger: Ledger, options: DemoOptions): void {
  const db = ledger.db;
  const idOf = db.prepare('SELECT id FROM customer WHERE code = ?').pluck();
  const insert = db.prepare(`INSERT INTO contact (customer_id, name, role, phone, email, is_primary, position) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  writeTransaction(db, () => {
    for (const c of demoCustomers(options)) {
      const id = idOf.get(c.code) as number;
      c.contacts.forEach((k, i) => insert.run(id, k.name, k.role, k.phone, k.email, k.isPrimary ? 1 : 0, i));
    }
  })();
}
