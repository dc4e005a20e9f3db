import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Handlers, LettersSent, LetterSummary, StatementsTarget, TimelinePage, ActivityEntry } from '../../src-main/contract';
import { agingReport } from '../../src-main/aging/aging-report';
import { collectableOf } from '../../src-main/collectable/collectable';
import { letterData, longDate } from '../../src-main/letters/letter-context';
import { archiveFolder } from '../../src-main/letters/sending/archive';
import { checkTemplate } from '../../src-main/letters/template-check';
import { DEFAULT_TEMPLATES } from '../../src-main/letters/templates/default-templates';
import { DEFAULT_REVISIONS } from '../../src-main/letters/templates/default-revisions';
import { insertVersion } from '../../src-main/letters/templates/insert-version';
import { currentTemplate, seedDefaultTemplates } from '../../src-main/letters/templates/template-store';
import { createHandlers } from '../../src-main/services/create-services';
import { STATEMENT_BUCKET_LIMITS, statementOf } from '../../src-main/statements/statement-data';
import { statementCustomers } from '../../src-main/statements/statement-service';
import { fillLetterhead } from '../support/letterhead';
import { pdfPages, pdfText } from '../support/pdf-text';
import { serviceCaller } from '../support/service-caller';
import { openTempLedger } from '../support/temp-ledger';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok, refused } = serviceCaller(() => handlers, () => t.ledger);

const AS_OF = '2026-09-30';
let ids: Record<'acme' | 'beta' | 'gamma' | 'delta', number>;
let inv: Record<string, number>;

async function customer(code: string, name: string): Promise<number> {
  return (await ok<{ id: number }>('customers.create', { code, name, address1: '4 Market Street', city: 'Springfield', region: 'IL', postalCode: '62701' })).id;
}
async function invoice(number: string, customerId: number, issueDate: string, dueDate: string, amount: number): Promise<void> {
  inv[number] = (await ok<{ id: number }>('invoices.create', { number, customerId, issueDate, dueDate, amount })).id;
}
const fileRow = (id: number) => t.ledger.db.prepare('SELECT path, sha256, bytes FROM letter_file WHERE id = ?').get(id) as { path: string; sha256: string; bytes: number };
const archived = (id: number) => path.join(archiveFolder(t.ledger.path), ...fileRow(id).path.split('/'));

/*
 * The hand-made ledger, as it stood on 30 September 2026:
 * ACME  INV-1 1,000.00 due 31 Aug, 300.00 paid 10 Sep (the other 700.00 on 15 Oct): 700.00 open, 30 days late
 *       INV-2   500.00 due 1 Oct: not due
 *       INV-3 2,000.00 due 1 Jul, all of it disputed since 5 Sep: 91 days late, in dispute
 *       INV-4   400.00 issued 5 Oct: not on the statement; P-3 (250.00, 25 Sep) and CN-1 (150.00, 20 Sep)
 *             name it, so on 30 September they were unapplied
 * BETA  INV-B1 600.00 due 14 Sep: 16 days late
 * GAMMA INV-G1 paid in full on 1 Sep: nothing to state
 * DELTA INV-D1 issued 10 Oct: nothing yet on 30 September
 */
beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger, { dailyBackups: false });
  fillLetterhead(t.ledger.db);
  inv = {};
  ids = { acme: await customer('ACME', 'Acme Supply Co'), beta: await customer('BETA', 'Beta Foods'), gamma: await customer('GAMMA', 'Gamma Trading'), delta: await customer('DELTA', 'Delta Works') };
  await invoice('INV-1', ids.acme, '2026-08-01', '2026-08-31', 100_000);
  await invoice('INV-2', ids.acme, '2026-09-01', '2026-10-01', 50_000);
  await invoice('INV-3', ids.acme, '2026-06-01', '2026-07-01', 200_000);
  await invoice('INV-4', ids.acme, '2026-10-05', '2026-11-04', 40_000);
  await ok('payments.record', { reference: 'P-1', customerId: ids.acme, date: '2026-09-10', amount: 30_000, invoiceId: inv['INV-1'] });
  await ok('payments.record', { reference: 'P-2', customerId: ids.acme, date: '2026-10-15', amount: 70_000, invoiceId: inv['INV-1'] });
  await ok('payments.record', { reference: 'P-3', customerId: ids.acme, date: '2026-09-25', amount: 25_000, invoiceId: inv['INV-4'] });
  await ok('credits.record', { number: 'CN-1', customerId: ids.acme, date: '2026-09-20', amount: 15_000, invoiceId: inv['INV-4'] });
  await ok('activities.record', {
    customerId: ids.acme,
    occurredAt: '2026-09-05T10:00',
    summary: 'The pallets arrived damaged.',
    outcome: 'dispute_raised',
    dispute: { reason: 'damaged', invoiceIds: [inv['INV-3']], amount: 200_000 },
  });
  await invoice('INV-B1', ids.beta, '2026-08-15', '2026-09-14', 60_000);
  await invoice('INV-G1', ids.gamma, '2026-08-01', '2026-08-31', 20_000);
  await ok('payments.record', { reference: 'P-G', customerId: ids.gamma, date: '2026-09-01', amount: 20_000, invoiceId: inv['INV-G1'] });
  await invoice('INV-D1', ids.delta, '2026-10-10', '2026-11-09', 10_000);
});
afterEach(async () => {
  await t.cleanup();
});

describe('a statement as of a past date', () => {
  it('lists exactly the items open then, at their then-open amounts, with unapplied cash and the disputed item marked', () => {
    const s = letterData(t.ledger.db, ids.acme, AS_OF, 'accounts_payable').statement;
    expect(s.items.map((i) => [i.label, i.open, i.disputed, i.daysPastDue])).toEqual([
      ['INV-3', 200_000, 200_000, 91],
      ['INV-1', 70_000, 0, 30],
      ['INV-2', 50_000, 0, -1],
    ]);
    expect(s.unapplied.map((u) => [u.kind, u.reference, u.date, u.unapplied])).toEqual([
      ['credit', 'CN-1', '2026-09-20', 15_000],
      ['payment', 'P-3', '2026-09-25', 25_000],
    ]);
    expect({ open: s.open, unapplied: s.unappliedTotal, balance: s.balance, disputed: s.disputed, toPay: s.toPay }).toEqual({
      open: 320_000,
      unapplied: 40_000,
      balance: 280_000,
      disputed: 200_000,
      toPay: 80_000,
    });
  });

  it('has the aging summary of the aging report for that customer and date', () => {
    const report = agingReport(t.ledger.db, { asOf: AS_OF, basis: 'due', limits: STATEMENT_BUCKET_LIMITS });
    for (const id of [ids.acme, ids.beta]) {
      const s = statementOf(t.ledger.db, collectableOf(t.ledger.db, id, AS_OF));
      const row = report.rows.find((r) => r.customerId === id)!;
      expect({ labels: s.aging.labels, buckets: s.aging.buckets, unapplied: -s.unappliedTotal || 0, total: s.balance }).toEqual({
        labels: report.buckets,
        buckets: row.buckets,
        unapplied: row.unapplied,
        total: row.total,
      });
    }
    expect(report.buckets).toEqual(['Current', '1-30', '31-60', '61-90', 'Over 90']);
    expect(statementOf(t.ledger.db, collectableOf(t.ledger.db, ids.acme, AS_OF)).aging.buckets).toEqual([50_000, 70_000, 0, 0, 200_000]);
  });

  it('covers, for everyone, the customers with a balance on the date, by code', async () => {
    expect(statementCustomers(t.ledger.db, AS_OF)).toEqual([ids.acme, ids.beta]);
    expect(await ok<StatementsTarget>('statements.customers', { asOf: AS_OF })).toMatchObject({ template: 'Account statement', customerIds: [ids.acme, ids.beta] });
    expect(statementCustomers(t.ledger.db, '2026-12-01')).toEqual([ids.acme, ids.beta, ids.delta]);
  });
});

describe('statements.print', () => {
  it('prints the statement: items, unapplied lines, "in dispute", aging summary and a remittance slip for the amount to pay; archived and on the timeline', async () => {
    const sent = await ok<LettersSent>('statements.print', { asOf: AS_OF, customerIds: [ids.acme] });
    expect(sent.letters.map((l) => l.customerId)).toEqual([ids.acme]);
    const file = archived(sent.fileId);
    const bytes = fs.readFileSync(file);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(fileRow(sent.fileId).sha256);
    expect(bytes.length).toBe(fileRow(sent.fileId).bytes);

    const text = pdfText(bytes);
    const d = longDate;
    expect(text).toContain(`Statement of account ACME as of ${d(AS_OF)}`);
    expect(text).toContain(`INV-3 ${d('2026-06-01')} ${d('2026-07-01')} 91 in dispute $2,000.00`);
    expect(text).toContain(`INV-1 ${d('2026-08-01')} ${d('2026-08-31')} 30 $700.00`);
    expect(text).toContain(`INV-2 ${d('2026-09-01')} ${d('2026-10-01')} not due $500.00`);
    expect(text).toContain(`Credit note CN-1 ${d('2026-09-20')} unapplied -$150.00`);
    expect(text).toContain(`Payment P-3 ${d('2026-09-25')} unapplied -$250.00`);
    expect(text).not.toContain('INV-4');
    expect(text).toContain('Open items $3,200.00 Unapplied payments and credits -$400.00 Balance $2,800.00 Less in dispute -$2,000.00 Please pay $800.00');
    expect(text).toContain(`Aging on ${d(AS_OF)} (days past due) Current 1-30 31-60 61-90 Over 90 Unapplied Balance $500.00 $700.00 $0.00 $0.00 $2,000.00 -$400.00 $2,800.00`);
    expect(text).toContain('The balance of your account is $2,800.00. Please pay $800.00;');

    // The slip: on the last page, under everything else, and asking for what the statement asks for.
    const pages = pdfPages(bytes).map((p) => p.replace(/\s+/g, ' '));
    const last = pages[pages.length - 1];
    expect(last).toContain('Please return this part with your payment');
    expect(last).toMatch(/Customer Acme Supply Co .*Account ACME .*Statement date 30 September 2026 .*Amount due \$800\.00 .*Amount enclosed/);
    expect(last).toContain('Pay to Northwind Supplies 1 Harbour Road Springfield, IL 62701');
    expect(last.indexOf('Kind regards')).toBeLessThan(last.indexOf('Please return this part'));

    const [letter] = await ok<LetterSummary[]>('letters.list', { customerId: ids.acme });
    expect(letter).toMatchObject({ templateName: 'Account statement', letterDate: AS_OF, totalDue: 80_000 });
    const timeline = (await ok<TimelinePage>('timeline.list', { customerId: ids.acme, kinds: ['letter'] })).items as ActivityEntry[];
    expect(timeline.map((e) => e.summary)).toEqual([expect.stringMatching(/^Statement sent: as of 30 September 2026, Account statement \(version \d+\) by mail/)]);
  });

  it('prints the payment details from the letterhead on the slip when there are some', async () => {
    await ok('letters.settingsUpdate', { paymentDetails: 'First Harbour Bank\nIBAN GB33 BUKB 2020 1555 5555 55' });
    const sent = await ok<LettersSent>('statements.print', { asOf: AS_OF, customerIds: [ids.beta] });
    const text = pdfText(fs.readFileSync(archived(sent.fileId)));
    expect(text).toContain('Payment details First Harbour Bank IBAN GB33 BUKB 2020 1555 5555 55');
    // No dispute: the slip asks for the whole balance.
    expect(text).toContain('Amount due $600.00');
    expect(text).toContain('Balance $600.00');
    expect((await refused('letters.settingsUpdate', { paymentDetails: 'a\nb\nc\nd\ne' })).fields).toEqual({ paymentDetails: 'Keep the payment details to 4 lines' });
  });

  it('for everyone: one statement per customer with a balance, each starting on a new page', async () => {
    const sent = await ok<LettersSent>('statements.print', { asOf: AS_OF });
    expect(sent.letters.map((l) => l.customerId)).toEqual([ids.acme, ids.beta]);
    const pages = pdfPages(fs.readFileSync(archived(sent.fileId)));
    for (const l of sent.letters) {
      const code = l.customerId === ids.acme ? 'ACME' : 'BETA';
      expect(pages[l.firstPage - 1]).toContain(`Statement of account ${code}`);
      expect(pages[l.firstPage + l.pageCount - 2]).toContain('Please return this part with your payment');
    }
    expect(sent.letters[1].firstPage).toBe(sent.letters[0].firstPage + sent.letters[0].pageCount);
    expect(pages.join(' ')).not.toMatch(/GAMMA|DELTA/);
  });

  it('keeps the slip whole at the foot of the last page when the items run over several pages', async () => {
    for (let n = 1; n <= 45; n++) await invoice(`LONG-${n}`, ids.beta, '2026-07-01', '2026-07-31', 1_000 + n);
    const sent = await ok<LettersSent>('statements.print', { asOf: AS_OF, customerIds: [ids.beta] });
    const pages = pdfPages(fs.readFileSync(archived(sent.fileId))).map((p) => p.replace(/\s+/g, ' '));
    expect(pages.length).toBeGreaterThan(1);
    pages.slice(0, -1).forEach((p) => expect(p).not.toMatch(/Please return this part|Amount enclosed|Pay to/));
    expect(pages[pages.length - 1]).toMatch(/Please return this part with your payment .*Amount due .*Amount enclosed .*Pay to/);
  });

  it('refuses an unknown customer, and a date with nobody to state, changing nothing', async () => {
    expect(await refused('statements.print', { asOf: AS_OF, customerIds: [9999] })).toMatchObject({ code: 'not_found' });
    expect(await refused('statements.print', { asOf: '2026-01-01' })).toMatchObject({ code: 'validation', message: expect.stringContaining('No customer has a balance') });
    expect(await refused('statements.print', { asOf: '2026-02-30' })).toMatchObject({ code: 'validation' });
  });
});

describe('the statement template', () => {
  it('checks the new blocks like the others and the default uses them', () => {
    const def = DEFAULT_TEMPLATES.find((d) => d.name === 'Account statement')!;
    expect(checkTemplate(def.subject, def.body)).toEqual([]);
    for (const block of ['statement_items', 'aging_summary', 'remittance_slip']) expect(def.body).toContain(`{{${block}}}`);
    expect(checkTemplate('x', 'Total {{aging_summary}} here')).toEqual([{ part: 'body', line: 1, column: 7, message: '{{aging_summary}} must stand on a line of its own' }]);
    expect(checkTemplate('x', '{{remitance_slip}}')[0].message).toBe('Unknown field {{remitance_slip}} — did you mean {{remittance_slip}}?');
  });

  it('reaches a ledger seeded with the former default as a new version, and leaves an edited one alone', async () => {
    const db = t.ledger.db;
    const before = DEFAULT_REVISIONS[0].before;
    const at = '2026-01-01T09:00';
    // A ledger seeded before this change: its statement template says the old text; another ledger's was edited.
    const stmt = currentTemplate(db, 'Account statement');
    insertVersion(db, { templateId: stmt.templateId, name: stmt.name, ...before, by: null }, at);
    db.prepare(`UPDATE ledger_setting SET value = '0' WHERE key = 'default_templates_revision'`).run();
    seedDefaultTemplates(db);
    const upgraded = currentTemplate(db, 'Account statement');
    expect(upgraded.version).toBe(stmt.version + 2);
    expect(upgraded.body).toBe(DEFAULT_TEMPLATES.find((d) => d.name === 'Account statement')!.body);
    seedDefaultTemplates(db);
    expect(currentTemplate(db, 'Account statement').version).toBe(upgraded.version);

    const edited = `${before.body}\n\nThank you for your business.`;
    insertVersion(db, { templateId: stmt.templateId, name: stmt.name, ...before, body: edited, by: 'Sam' }, at);
    db.prepare(`UPDATE ledger_setting SET value = '0' WHERE key = 'default_templates_revision'`).run();
    seedDefaultTemplates(db);
    expect(currentTemplate(db, 'Account statement').body).toBe(edited);
  });
});
