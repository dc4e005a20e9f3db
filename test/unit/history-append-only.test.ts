import type { FeePreview, Handlers, LettersSent, TemplateSummary } from '../../src-main/contract';
import { createHandlers } from '../../src-main/services/create-services';
import { serviceCaller } from '../support/service-caller';
import { fillLetterhead } from '../support/letterhead';
import { openTempLedger, snapshot } from '../support/temp-ledger';

// Every table that records money or a document sent, and the only columns the app may update in it
// (running balances, the state of a dispute or plan). Stated here, independently of the migration.
const HISTORY: Record<string, string[]> = {
  invoice: ['open_amount', 'applied_through', 'settled_date'],
  instalment: ['open_amount', 'applied_through', 'settled_date'],
  payment: ['unapplied', 'applied_through', 'settled_date'],
  credit_note: ['unapplied', 'applied_through', 'settled_date'],
  write_off: [],
  allocation: [],
  recovery: [],
  fee_charge: [],
  promise: [],
  dispute: ['status', 'owner', 'resolution', 'resolved_on', 'credit_note_id'],
  dispute_invoice: [],
  status_change: [],
  profile_change: [],
  payment_plan: ['status', 'signed_on', 'signed_by', 'closed_on', 'closed_reason'],
  plan_instalment: [],
  plan_item: [],
  letter: [],
  // Each set once: the file's final name while it is pending/…, the return receipt while it is empty.
  letter_file: [],
  certified_mail: [],
  // What was reported to a credit bureau: written once, whole.
  bureau_file: [],
  // Every attempt to send an email, sent or failed, with the server's answer.
  mail_message: [],
};

const APPROVAL = { approvedBy: 'J. Ortiz', approvalNote: 'Approved by email, 1 March' };

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok } = serviceCaller(() => handlers, () => t.ledger);
let ids: { customer: number; contact: number; inv: Record<string, number>; letter: number; plan: number; dispute: number };

const columns = (table: string) => t.ledger.db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
const count = (table: string) => t.ledger.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
const run = (sql: string) => () => t.ledger.db.prepare(sql).run();

/** A ledger with at least one row in every history table, made through the services as the app makes them. */
beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger);
  fillLetterhead(t.ledger.db);
  const c = await ok<{ id: number; contacts: { id: number }[] }>('customers.create', {
    code: 'ACME',
    name: 'Acme Supply Co',
    email: 'ap@acme.example',
    address1: '4 Market Street',
    city: 'Springfield',
    region: 'IL',
    postalCode: '62701',
    contacts: [{ name: 'Dana Reyes', role: 'accounts_payable' }],
  });
  const invoice = async (number: string, amount: number, schedule?: { dueDate: string; amount: number }[]) =>
    (await ok<{ id: number }>('invoices.create', { number, customerId: c.id, issueDate: '2025-01-01', dueDate: '2025-01-31', amount, schedule })).id;
  const inv = {
    scheduled: await invoice('INV-1', 100_000, [
      { dueDate: '2025-01-31', amount: 50_000 },
      { dueDate: '2025-02-28', amount: 50_000 },
    ]),
    disputed: await invoice('INV-2', 40_000),
    writtenOff: await invoice('INV-3', 30_000),
    late: await invoice('INV-4', 20_000),
  };
  await ok('payments.record', { reference: 'PAY-1', customerId: c.id, date: '2025-02-10', amount: 20_000, invoiceId: inv.scheduled });
  await ok('credits.record', { number: 'CN-1', customerId: c.id, date: '2025-02-11', amount: 5_000, invoiceId: inv.disputed });
  const writeOff = await ok<{ id: number }>('writeOffs.record', { invoiceId: inv.writtenOff, date: '2025-03-01', amount: 30_000, reason: 'Ceased trading', ...APPROVAL });
  await ok('recoveries.record', { writeOffId: writeOff.id, date: '2025-04-01', amount: 1_000, reference: 'REC-1' });
  await ok('activities.record', {
    customerId: c.id,
    occurredAt: '2025-03-05T10:00',
    contactId: c.contacts[0].id,
    summary: 'Will pay part on the 20th.',
    outcome: 'promise_to_pay',
    promise: { amount: 5_000, date: '2025-03-20' },
  });
  const disputed = await ok<{ dispute: { id: number } }>('activities.record', {
    customerId: c.id,
    occurredAt: '2025-03-06T10:00',
    summary: 'Says INV-2 was overpriced.',
    outcome: 'dispute_raised',
    dispute: { reason: 'pricing', invoiceIds: [inv.disputed], amount: 1_000 },
  });
  await ok('customers.setStatus', { id: c.id, status: 'credit_hold', reason: 'Over the limit' });
  await ok('profiles.set', { customerId: c.id, profile: 'cash_flow', reason: 'Says cash is tight' });
  const plan = await ok<{ id: number }>('plans.create', {
    customerId: c.id,
    total: 10_000,
    count: 2,
    frequency: 'monthly',
    startDate: '2025-04-01',
    today: '2025-03-15',
    overrideReason: 'Agreed on the call.',
  });
  await ok('fees.rulesUpdate', { rules: { lateFee: { kind: 'flat', amount: 500 }, interest: null, graceDays: 0, capBasisPoints: null, applyToConsumers: false } });
  const fees = await ok<FeePreview>('fees.preview', { asOf: '2025-06-01' });
  await ok('fees.apply', { asOf: '2025-06-01', expectedTotal: fees.total });
  const templates = await ok<TemplateSummary[]>('templates.list', {});
  const sent = await ok<LettersSent>('letters.send', {
    templateId: templates.find((x) => x.name === 'Certified final demand')!.id,
    customerIds: [c.id],
    letterDate: '2025-06-02',
    channel: 'certified_mail',
  });
  const letter = sent.letters[0].id;
  await ok('certified.record', { letterId: letter, trackingNumber: '9400 1118 9922 3818 2184 07', mailedOn: '2025-06-03' });
  await ok('certified.receipt', { letterId: letter, returnReceiptOn: '2025-06-10', signedBy: 'D. Reyes' });
  await ok('bureau.export', { asOf: '2025-06-30', layout: 'trade' });
  // An email attempt while the mail server is down (nothing listens on port 1): recorded as failed.
  await ok('mail.settingsSave', { host: '127.0.0.1', port: 1, tls: 'none', fromAddress: 'accounts@northwind.example' });
  const mailed = await ok<{ failed: number }>('mail.send', { templateId: templates.find((x) => x.name === 'Polite past-due letter')!.id, customerIds: [c.id], letterDate: '2025-06-02' });
  expect(mailed.failed).toBe(1);
  ids = { customer: c.id, contact: c.contacts[0].id, inv, letter, plan: plan.id, dispute: disputed.dispute.id };
});
afterEach(() => t.cleanup());

describe('money and documents are history', () => {
  it('refuses DELETE and UPDATE of every history column of every history table, with a readable message, changing nothing', () => {
    const before = snapshot(t.ledger);
    for (const [table, mutable] of Object.entries(HISTORY)) {
      expect({ table, rows: count(table) > 0 }).toEqual({ table, rows: true });
      expect(run(`DELETE FROM ${table}`)).toThrow(/ are history: .+ instead of deleting one$/);
      for (const column of columns(table).filter((col) => !mutable.includes(col))) {
        // Even a "change" to the same value is refused: nothing but the app's own updates touch history.
        expect({ table, column, refused: throws(run(`UPDATE ${table} SET "${column}" = "${column}"`)) }).toEqual({ table, column, refused: true });
      }
    }
    expect(run('UPDATE payment SET amount = amount + 1')).toThrow('Payments are history: record a correction instead of changing one');
    expect(run('DELETE FROM invoice WHERE id = 1')).toThrow('Invoices are history: record a credit note or a write-off instead of deleting one');
    expect(run(`UPDATE letter_file SET path = 'elsewhere.pdf'`)).toThrow("Archived letter files are history: the file's name in the archive is never changed");
    expect(run(`UPDATE certified_mail SET signed_by = 'Someone else'`)).toThrow('Certified-mail records are history: the return receipt is already recorded');
    expect(snapshot(t.ledger)).toEqual(before);
  });

  it('guards every table that holds an amount, except the worklist’s tasks', () => {
    const withMoney = t.ledger.db
      .prepare(
        `SELECT DISTINCT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c
          WHERE m.type = 'table' AND c.name IN ('amount', 'total', 'total_due') ORDER BY m.name`,
      )
      .pluck()
      .all() as string[];
    const guarded = t.ledger.db.prepare(`SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_history\\_no\\_delete' ESCAPE '\\'`).pluck().all();
    expect(withMoney.filter((table) => !guarded.includes(table))).toEqual(['task']);
    expect([...guarded].sort()).toEqual(Object.keys(HISTORY).sort());
  });

  it('still lets the app keep running balances and the state of disputes, plans and certified mail', async () => {
    const open = (id: number) => t.ledger.db.prepare('SELECT open_amount, settled_date FROM invoice WHERE id = ?').get(id);
    await ok('payments.record', { reference: 'PAY-2', customerId: ids.customer, date: '2025-06-05', amount: 20_500, invoiceId: ids.inv.late });
    expect(open(ids.inv.late)).toEqual({ open_amount: 0, settled_date: '2025-06-05' });
    await ok('payments.record', { reference: 'PAY-3', customerId: ids.customer, date: '2025-06-06', amount: 1_000 });
    expect(t.ledger.db.prepare(`SELECT unapplied FROM payment WHERE reference = 'PAY-3'`).pluck().get()).toBe(0);

    await ok('disputes.update', { id: ids.dispute, status: 'investigating', owner: 'Sam' });
    await ok('disputes.resolve', { id: ids.dispute, resolution: 'no_credit', date: '2025-06-07' });
    expect(t.ledger.db.prepare('SELECT status, owner, resolution FROM dispute WHERE id = ?').get(ids.dispute)).toEqual({ status: 'resolved', owner: 'Sam', resolution: 'no_credit' });

    await ok('plans.sign', { id: ids.plan, signedOn: '2025-03-16', signedBy: 'Pat Acme' });
    await ok('plans.cancel', { id: ids.plan, reason: 'Paid in full instead', today: '2025-06-08' });
    expect(t.ledger.db.prepare('SELECT status, signed_by FROM payment_plan WHERE id = ?').get(ids.plan)).toEqual({ status: 'cancelled', signed_by: 'Pat Acme' });
  });

  it('names an archived file once (pending/… → its final name) and records a return receipt once', () => {
    const db = t.ledger.db;
    // Rolled back at the end: history rows cannot be deleted afterwards.
    expect(() =>
      db.transaction(() => {
        const id = db.prepare(`INSERT INTO letter_file (path, sha256, bytes, pages, created_at) VALUES ('pending/.x.pdf.partial', ?, 1, 1, 'now')`).run('0'.repeat(64)).lastInsertRowid;
        db.prepare(`UPDATE letter_file SET path = '2025/06/final.pdf' WHERE id = ?`).run(id);
        expect(() => db.prepare(`UPDATE letter_file SET path = '2025/06/renamed.pdf' WHERE id = ?`).run(id)).toThrow(/never changed/);
        const letterId = db
          .prepare(
            `INSERT INTO letter (customer_id, template_version_id, activity_id, file_id, first_page, page_count, channel, letter_date, subject, total_due, created_at)
             SELECT customer_id, template_version_id, activity_id, ?, 1, 1, channel, letter_date, subject, total_due, created_at FROM letter LIMIT 1`,
          )
          .run(id).lastInsertRowid;
        db.prepare(`INSERT INTO certified_mail (letter_id, tracking_number, mailed_on) VALUES (?, '1', '2025-06-03')`).run(letterId);
        db.prepare(`UPDATE certified_mail SET return_receipt_on = '2025-06-09', signed_by = 'A' WHERE letter_id = ?`).run(letterId);
        expect(() => db.prepare(`UPDATE certified_mail SET return_receipt_on = '2025-06-10' WHERE letter_id = ?`).run(letterId)).toThrow(/already recorded/);
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
  });
});

function throws(fn: () => unknown): boolean {
  try {
    fn();
    return false;
  } catch (err) {
    return / are history: /.test((err as Error).message);
  }
}
