import type { Database } from 'better-sqlite3';
import { CustomerInputSchema } from '../../contract/customers';
import type { SourceImportResult } from '../../contract/imports';
import { Postings } from '../../ledger/postings';
import { isIsoDate, localDateTime, maxDate } from '../../money/dates';
import { ledgerCurrency, ledgerMoney } from '../../money/ledger-money';
import type { RowError } from '../import-kinds';
import { codeFromName } from '../presets/customer-codes';
import type { PresetName, SourceFile } from '../presets/preset-types';
import { PRESETS } from '../presets/preset-registry';
import type { DateOrder } from '../presets/source-values';
import { invoicesFromSource, lastExportDate, receivablesTotal, recordSnapshot } from './snapshot-store';

export interface SourceImportInput {
  preset: PresetName;
  text: string;
  fileName?: string | null;
  dateOrder?: DateOrder;
  /** The day the export was made; without it, the date the file itself gives (a report's "As of"), else `fallbackExportDate`. */
  exportDate?: string;
  fallbackExportDate: string;
  /** Bring the ledger up to date with a later export of a source already applied. */
  sync?: boolean;
  dryRun?: boolean;
  now?: () => Date;
}

/** A file with bad rows: nothing was imported; every problem is listed. */
export class SourceRejected extends Error {
  constructor(
    readonly source: string,
    readonly errors: RowError[],
  ) {
    super(`${errors.length} problem${errors.length === 1 ? '' : 's'} in the ${source} file; nothing was imported`);
    this.name = 'SourceRejected';
  }
}

/** The file is fine but cannot be applied now (an older export, or a second one without sync). */
export class SourceRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceRefused';
  }
}

/** Thrown inside a dry run's transaction so that it always rolls back. */
class DryRunEnd extends Error {
  constructor(readonly result: SourceImportResult) {
    super('dry run');
  }
}

/** What a settlement payment is called: one per invoice per export. */
export function settledIn(source: string, exportDate: string): string {
  return `settled in ${source} (export of ${exportDate})`;
}

/**
 * Imports an accounting system's export (see presets/) all or nothing, in one transaction:
 * customers it names, invoices, payments and credit notes; where the source gives what an
 * invoice still owes, the rest is recorded as a payment "settled in <source> (export of DATE)".
 * A later export of the same source (sync) also settles what shrank or disappeared from it and
 * notes changed due dates on the customer's timeline. A dry run does all of it and rolls back.
 */
export function importSource(db: Database, input: SourceImportInput): SourceImportResult {
  const preset = PRESETS[input.preset];
  const nowDate = (input.now ?? (() => new Date()))();
  const stamp = nowDate.toISOString();
  const parsed = preset.parse(input.text, { dateOrder: input.dateOrder ?? preset.defaultDateOrder, currency: ledgerCurrency(db) });
  if (parsed.errors.length) throw new SourceRejected(preset.source, sortErrors(parsed.errors));
  const exportDate = input.exportDate ?? parsed.exportDate ?? input.fallbackExportDate;
  if (!isIsoDate(exportDate)) throw new SourceRefused(`The export date must be a date in YYYY-MM-DD form, not ${exportDate}`);

  const run = () => {
    const last = preset.snapshot ? lastExportDate(db, preset.name) : null;
    if (last !== null && exportDate < last) {
      throw new SourceRefused(`This ${preset.source} export is of ${exportDate}, older than the one last applied (of ${last}): nothing was imported. Import a newer export.`);
    }
    if (last !== null && !input.sync) {
      throw new SourceRefused(
        `This ledger already has the ${preset.source} export of ${last}. To bring it up to date from this one, import it with --sync: invoices missing from it, or owing less, are recorded as ${settledIn(preset.source, exportDate)}.`,
      );
    }
    const result = apply(db, preset.name, parsed, { exportDate, stamp, nowDate, fileName: input.fileName ?? null, sync: last !== null });
    if (input.dryRun) throw new DryRunEnd({ ...result, status: 'dry-run' });
    return result;
  };
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = run();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    if (err instanceof DryRunEnd) return err.result;
    throw err;
  }
}

function sortErrors(errors: RowError[]): RowError[] {
  return [...errors].sort((a, b) => a.line - b.line);
}

interface LedgerInvoice {
  id: number;
  customer_id: number;
  amount: number;
  open_amount: number;
  due_date: string;
  issue_date: string;
  has_schedule: number;
}

function apply(
  db: Database,
  presetName: PresetName,
  file: SourceFile,
  x: { exportDate: string; stamp: string; nowDate: Date; fileName: string | null; sync: boolean },
): SourceImportResult {
  const preset = PRESETS[presetName];
  const cols = preset.columns;
  const errors: RowError[] = [];
  const currency = ledgerCurrency(db);
  const fmt = ledgerMoney(db);
  const postings = new Postings(db, () => x.stamp, true);
  const openBefore = receivablesTotal(db);
  const result: SourceImportResult = {
    status: 'imported',
    preset: preset.name,
    source: preset.source,
    exportDate: x.exportDate,
    sync: x.sync,
    customersAdded: 0,
    invoicesAdded: 0,
    paymentsAdded: 0,
    creditsAdded: 0,
    unchanged: 0,
    skipped: file.skipped,
    settlements: [],
    dueDateChanges: [],
    notes: [],
    openBefore,
    openAfter: openBefore,
  };

  // Customers, by name as the source knows them.
  const byName = new Map<string, { id: number; code: string }>();
  for (const c of db.prepare(`SELECT id, code, name FROM customer`).all() as { id: number; code: string; name: string }[]) {
    const key = c.name.trim().toLowerCase();
    if (!byName.has(key)) byName.set(key, { id: c.id, code: c.code });
  }
  const codeTaken = db.prepare(`SELECT 1 FROM customer WHERE code = ?`).pluck();
  const insertCustomer = db.prepare(`
    INSERT INTO customer (code, name, kind, email, address1, address2, city, region, postal_code, country, terms_days, created_at, updated_at)
    VALUES (@code, @name, @kind, @email, @address1, @address2, @city, @region, @postalCode, @country, @termsDays, @now, @now)`);
  for (const c of file.customers) {
    if (byName.has(c.name.toLowerCase())) continue;
    const code = codeFromName(c.name, (code) => codeTaken.get(code) !== undefined);
    // The customer form's rules, so a customer imported is one the app accepts.
    const parsed = CustomerInputSchema.safeParse({
      code,
      name: c.name,
      email: c.email ?? '',
      address1: c.address1 ?? '',
      address2: c.address2 ?? '',
      city: c.city ?? '',
      region: c.region ?? '',
      postalCode: c.postalCode ?? '',
      country: c.country ?? '',
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]) as keyof typeof preset.customerColumns;
        errors.push({ line: c.line, column: preset.customerColumns[field] ?? String(field), message: issue.message });
      }
      continue;
    }
    const id = Number(insertCustomer.run({ ...parsed.data, now: x.stamp }).lastInsertRowid);
    byName.set(c.name.toLowerCase(), { id, code });
    result.customersAdded++;
  }
  const customer = (name: string) => byName.get(name.toLowerCase());

  const findInvoice = db.prepare(`SELECT id, customer_id, amount, open_amount, due_date, issue_date, has_schedule FROM invoice WHERE number = ?`);
  const openOf = db.prepare(`SELECT open_amount FROM invoice WHERE id = ?`).pluck();
  const referenceTaken = db.prepare(`SELECT 1 FROM payment WHERE reference = ?`).pluck();
  const codeOf = (id: number) => db.prepare(`SELECT code FROM customer WHERE id = ?`).pluck().get(id) as string;
  const earlier = preset.snapshot ? invoicesFromSource(db, preset.name) : new Map<number, { dueDate: string; amountDue: number }>();
  const memo = settledIn(preset.source, x.exportDate);

  const settle = (inv: { id: number; number: string; customerId: number; issueDate: string }, amount: number, reason: 'paid' | 'shrank' | 'disappeared') => {
    if (amount <= 0) return;
    let reference = `${inv.number} ${memo}`;
    for (let n = 2; referenceTaken.get(reference) !== undefined; n++) reference = `${inv.number} ${memo} #${n}`;
    postings.addPayment({ reference, customerId: inv.customerId, date: maxDate(x.exportDate, inv.issueDate), amount, method: `settled in ${preset.source}`, invoiceId: inv.id });
    result.settlements.push({ number: inv.number, customerCode: codeOf(inv.customerId), amount, reason });
  };

  const inFile = new Map<string, number>();
  const snapshotLines: { id: number; amountDue: number; dueDate: string }[] = [];
  for (const s of file.invoices) {
    const first = inFile.get(s.number.toUpperCase());
    if (first !== undefined) {
      errors.push({ line: s.line, column: cols.number, message: `invoice ${s.number} is already on line ${first}` });
      continue;
    }
    inFile.set(s.number.toUpperCase(), s.line);
    const who = customer(s.customer);
    if (!who) continue; // Its customer's own problem is already listed.
    const existing = findInvoice.get(s.number) as LedgerInvoice | undefined;
    if (!existing) {
      const id = postings.addInvoice({ number: s.number, customerId: who.id, issueDate: s.issueDate, dueDate: s.dueDate, amount: s.amount, currency, description: s.description ?? null });
      result.invoicesAdded++;
      if (s.amountDue !== null) {
        settle({ id, number: s.number, customerId: who.id, issueDate: s.issueDate }, s.amount - s.amountDue, 'paid');
        snapshotLines.push({ id, amountDue: s.amountDue, dueDate: s.dueDate });
      }
      continue;
    }
    const problems: RowError[] = [];
    if (existing.customer_id !== who.id) problems.push({ line: s.line, column: cols.customer, message: `invoice ${s.number} is ${codeOf(existing.customer_id)}'s in Settle, not ${s.customer}'s` });
    if (existing.amount !== s.amount) problems.push({ line: s.line, column: cols.amount, message: `invoice ${s.number} is for ${fmt(existing.amount)} in Settle, not ${fmt(s.amount)}` });
    if (s.amountDue === null && existing.due_date !== s.dueDate) {
      problems.push({ line: s.line, column: cols.dueDate, message: `invoice ${s.number} is due ${existing.due_date} in Settle, not ${s.dueDate}` });
    }
    if (problems.length) {
      errors.push(...problems);
      continue;
    }
    if (s.amountDue === null) {
      result.unchanged++;
      continue;
    }
    const inv = { id: existing.id, number: s.number, customerId: who.id, issueDate: existing.issue_date };
    const open = openOf.get(existing.id) as number;
    if (open > s.amountDue) settle(inv, open - s.amountDue, earlier.has(existing.id) ? 'shrank' : 'paid');
    else if (open < s.amountDue) result.notes.push(`${preset.source} shows invoice ${s.number} owing ${fmt(s.amountDue)}; Settle has ${fmt(open)} open and keeps it (only a credit note or a correction would raise it).`);
    const knownDue = earlier.get(existing.id)?.dueDate ?? existing.due_date;
    if (knownDue !== s.dueDate) {
      result.dueDateChanges.push({ number: s.number, customerCode: who.code, from: knownDue, to: s.dueDate });
      // Invoices are history, so Settle's due date stays; the clerk sees the source's on the timeline.
      db.prepare(`INSERT INTO activity (customer_id, kind, occurred_at, recorded_at, author, summary) VALUES (?, 'note', ?, ?, NULL, ?)`).run(
        who.id,
        localDateTime(x.nowDate),
        x.stamp,
        `${preset.source} export of ${x.exportDate}: invoice ${s.number} is now due ${s.dueDate} (was ${knownDue}). Settle's aging keeps the due date the invoice was issued with (${existing.due_date}).`,
      );
    }
    if (open === s.amountDue && knownDue === s.dueDate) result.unchanged++;
    snapshotLines.push({ id: existing.id, amountDue: s.amountDue, dueDate: s.dueDate });
  }

  // Sync: what an earlier export of this source listed and this one does not is paid.
  if (x.sync) {
    const listed = new Set(snapshotLines.map((l) => l.id));
    const gone = db.prepare(`SELECT id, number, customer_id, issue_date, open_amount FROM invoice WHERE id = ?`);
    for (const id of earlier.keys()) {
      if (listed.has(id)) continue;
      const inv = gone.get(id) as { id: number; number: string; customer_id: number; issue_date: string; open_amount: number };
      settle({ id, number: inv.number, customerId: inv.customer_id, issueDate: inv.issue_date }, inv.open_amount, 'disappeared');
    }
  }

  const findPayment = db.prepare(`SELECT customer_id, amount FROM payment WHERE reference = ?`);
  const findCredit = db.prepare(`SELECT customer_id, amount FROM credit_note WHERE number = ?`);
  const cashSeen = new Map<string, number>();
  for (const c of file.cash) {
    const seenKey = `${c.kind}:${c.key.toUpperCase()}`;
    if (cashSeen.has(seenKey)) {
      errors.push({ line: c.line, column: cols.key, message: `${c.key} is already on line ${cashSeen.get(seenKey)}` });
      continue;
    }
    cashSeen.set(seenKey, c.line);
    const who = customer(c.customer);
    if (!who) continue;
    const existing = (c.kind === 'payment' ? findPayment : findCredit).get(c.key) as { customer_id: number; amount: number } | undefined;
    if (existing) {
      if (existing.customer_id !== who.id) errors.push({ line: c.line, column: cols.key, message: `${c.key} is ${codeOf(existing.customer_id)}'s in Settle, not ${c.customer}'s` });
      else if (!preset.snapshot && existing.amount !== c.amount) errors.push({ line: c.line, column: cols.amount, message: `${c.key} is for ${fmt(existing.amount)} in Settle, not ${fmt(c.amount)}` });
      else result.unchanged++;
      continue;
    }
    if (c.kind === 'payment') {
      postings.addPayment({ reference: c.key, customerId: who.id, date: c.date, amount: c.amount, method: c.note?.slice(0, 40) ?? null });
      result.paymentsAdded++;
    } else {
      postings.addCredit({ number: c.key, customerId: who.id, date: c.date, amount: c.amount, reason: c.note ?? null });
      result.creditsAdded++;
    }
  }

  if (errors.length) throw new SourceRejected(preset.source, sortErrors(errors));
  // Payments and credits meet open items once everything is in, whatever order the file had.
  postings.flush();
  result.openAfter = receivablesTotal(db);
  if (preset.snapshot) {
    recordSnapshot(db, { source: preset.name, exportDate: x.exportDate, fileName: x.fileName, appliedAt: x.stamp, openBefore, openAfter: result.openAfter, invoices: snapshotLines });
  }
  return result;
}
