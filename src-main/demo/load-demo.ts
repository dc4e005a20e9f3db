import type { Database } from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ServiceError } from '../contract/service-error';
import { importCsvFile } from '../import/importer';
import { writeTransaction } from '../ledger/write-transaction';
import { addDays } from '../money/dates';
import { ledgerCurrency } from '../money/ledger-money';
import { TimelineService } from '../timeline/timeline-service';
import { letterSettings, saveLetterSettings } from '../letters/letter-context';
import { letterheadGaps } from '../letters/letterhead-readiness';
import { writeDemoCsvs } from './csv';
import { demoCustomers, type DemoOptions } from './generator';

const DEMO_LETTERHEAD = {
  companyName: 'Northwind Supplies',
  companyAddress: '1 Harbour Road\nSpringfield, IL 62701',
  companyPhone: '217 555 0100',
  companyEmail: 'accounts@northwind.example',
  clerkName: 'Sam Carter',
};

/** How many of each the demo made. */
export interface DemoCounts {
  customers: number;
  invoices: number;
  payments: number;
  credits: number;
}

/**
 * Fills an empty ledger with the demo: the generated CSVs through the same import a user runs
 * (so demos exercise the real write path), contacts, and a morning's calls. A ledger that holds
 * anything is refused, so the demo never mixes with real accounts.
 */
export async function loadDemo(db: Database, demo: DemoOptions, now: () => Date = () => new Date()): Promise<DemoCounts> {
  // The demo's invoices are in the ledger's own currency: an import refuses any other.
  const options = { ...demo, currency: ledgerCurrency(db) };
  const used = db.prepare('SELECT (SELECT COUNT(*) FROM customer) + (SELECT COUNT(*) FROM invoice)').pluck().get() as number;
  if (used > 0) throw new ServiceError('conflict', 'This ledger already holds customers or invoices; demo data only fills a new, empty ledger.');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-demo-'));
  try {
    const files = await writeDemoCsvs(dir, options);
    for (const kind of ['customers', 'invoices', 'payments', 'credits'] as const) {
      await importCsvFile(db, kind, files[kind], { now });
    }
    addContacts(db, options);
    addRecentCalls(db, options.today, now);
    // A demo company signs its letters, so "Print all" on a demo ledger shows what a real one
    // prints; a letterhead the clerk already entered is theirs and is kept.
    if (letterheadGaps(letterSettings(db), []).length > 0) saveLetterSettings(db, DEMO_LETTERHEAD);
    return files.counts;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A morning's worth of work for the demo: among customers with overdue money, some were called
 * yesterday and asked to be called back today, and some broke a promise made last week.
 */
function addRecentCalls(db: Database, today: string, now: () => Date): void {
  const timeline = new TimelineService(db, now);
  const overdue = db
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
function addContacts(db: Database, options: DemoOptions): void {
  const idOf = db.prepare('SELECT id FROM customer WHERE code = ?').pluck();
  const insert = db.prepare(`INSERT INTO contact (customer_id, name, role, phone, email, is_primary, position) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  writeTransaction(db, () => {
    for (const c of demoCustomers(options)) {
      const id = idOf.get(c.code) as number;
      c.contacts.forEach((k, i) => insert.run(id, k.name, k.role, k.phone, k.email, k.isPrimary ? 1 : 0, i));
    }
  })();
}
