import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ActivityEntry, CertifiedLogEntry, Handlers, TemplateDetail, LetterPdfFile, LettersDueGroup, LettersSent, LetterSummary, TemplateSummary, TimelinePage } from '../../src-main/contract';
import * as letterContext from '../../src-main/letters/letter-context';
import { ArchiveWriter, archiveFolder, unfinishedBatches, verifyArchive } from '../../src-main/letters/sending/archive';
import { uspsCheckDigit } from '../../src-main/letters/sending/tracking-number';
import { createHandlers } from '../../src-main/services/create-services';
import { pdfPages, pdfText } from '../support/pdf-text';
import { serviceCaller } from '../support/service-caller';
import { fillLetterhead } from '../support/letterhead';
import { openTempLedger, snapshot } from '../support/temp-ledger';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok, refused, call } = serviceCaller(() => handlers, () => t.ledger);

// 18 days after the invoices fell due: the standard policy's "Polite past-due letter" step (day 10) is the furthest reached.
const TODAY = '2026-11-23';
const TRACKING = '9400 1118 9922 3818 2184 07';
/** A valid 20-digit certified-mail number: the body and its USPS mod-10 check digit. */
const TRACKING_20 = (() => {
  const body = '7019070000001234567';
  return body + uspsCheckDigit(body);
})();

let ids: { acme: number; beta: number; gamma: number };

async function customer(code: string, name: string, amount: number, contact?: string) {
  const c = await ok<{ id: number }>('customers.create', {
    code,
    name,
    address1: `${code.length} Market Street`,
    city: 'Springfield',
    region: 'IL',
    postalCode: '62701',
    contacts: contact ? [{ name: contact, role: 'accounts_payable', isPrimary: true }] : [],
  });
  await ok('invoices.create', { number: `${code}-1`, customerId: c.id, issueDate: '2026-10-06', dueDate: '2026-11-05', amount });
  return c.id;
}

const templateId = async (name: string) => (await ok<TemplateSummary[]>('templates.list', {})).find((x) => x.name === name)!.id;
const timeline = async (customerId: number) => (await ok<TimelinePage>('timeline.list', { customerId, kinds: ['letter'] })).items as (ActivityEntry & { type: string })[];
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const fileRow = (id: number) => t.ledger.db.prepare('SELECT path, sha256, bytes, pages FROM letter_file WHERE id = ?').get(id) as { path: string; sha256: string; bytes: number; pages: number };
const archived = (id: number) => path.join(archiveFolder(t.ledger.path), ...fileRow(id).path.split('/'));
/** Every file under the archive folder, temporary ones included. */
function archiveFiles(): string[] {
  const root = archiveFolder(t.ledger.path);
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile());
}

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger);
  fillLetterhead(t.ledger.db);
  ids = {
    acme: await customer('ACME', 'Acme Supply Co', 120_050, 'Dana Whitfield'),
    beta: await customer('BETA', 'Beta Foods', 45_000),
    gamma: await customer('GAMMA', 'Gamma Łódź Trading', 9_999, 'Zoë Brontë'),
  };
});
afterEach(async () => {
  jest.restoreAllMocks();
  await t.cleanup();
});

describe('letters.send', () => {
  it('prints the letters due today as one archived PDF, on each timeline, and closes their tasks', async () => {
    const due = await ok<LettersDueGroup[]>('letters.dueToday', { today: TODAY });
    expect(due).toHaveLength(1);
    const group = due[0];
    expect(group).toMatchObject({ template: 'Polite past-due letter', channel: 'mail' });
    expect(group.templateId).toBe(await templateId('Polite past-due letter'));
    expect(group.tasks.map((x) => x.customerName).sort()).toEqual(['Acme Supply Co', 'Beta Foods', 'Gamma Łódź Trading']);

    const sent = await ok<LettersSent>('letters.send', {
      templateId: group.templateId,
      customerIds: group.tasks.map((x) => x.customerId),
      taskIds: group.tasks.map((x) => x.taskId),
      letterDate: TODAY,
      channel: 'mail',
      by: 'Sam',
    });
    expect(sent.skipped).toEqual([]);
    expect(sent.letters).toHaveLength(3);
    expect(sent.fileName).toMatch(/^2026-11-23-batch-\d+\.pdf$/);

    // One file, in YYYY/MM under the archive beside the ledger, whose bytes match the recorded hash and size.
    expect(t.ledger.db.prepare('SELECT COUNT(*) FROM letter_file').pluck().get()).toBe(1);
    const file = archived(sent.fileId);
    expect(file).toBe(path.join(t.dir, 'ledger-archive', 'letters', '2026', '11', sent.fileName));
    expect(sha256(file)).toBe(fileRow(sent.fileId).sha256);
    expect(fs.statSync(file).size).toBe(fileRow(sent.fileId).bytes);
    expect(archiveFiles()).toEqual([path.join('2026', '11', sent.fileName)]);

    // Placements: each letter starts where the previous one ended, and the pages add up to the file's.
    const pages = pdfPages(fs.readFileSync(file));
    expect(pages).toHaveLength(sent.pages);
    expect(fileRow(sent.fileId).pages).toBe(sent.pages);
    let next = 1;
    for (const l of sent.letters) {
      expect(l.firstPage).toBe(next);
      next += l.pageCount;
      const name = { [ids.acme]: 'Acme Supply Co', [ids.beta]: 'Beta Foods', [ids.gamma]: 'Gamma Łódź Trading' }[l.customerId];
      expect(pages.slice(l.firstPage - 1, l.firstPage - 1 + l.pageCount).join(' ')).toContain(name);
    }
    expect(next - 1).toBe(sent.pages);

    for (const [customerId, code] of [
      [ids.acme, 'ACME'],
      [ids.beta, 'BETA'],
      [ids.gamma, 'GAMMA'],
    ] as const) {
      const [entry] = await timeline(customerId);
      expect(entry.summary).toBe(`Letter sent: Polite past-due letter (version 1) by mail — "Past-due balance on account ${code}: please settle by 3 December 2026"`);
      expect(entry).toMatchObject({ kind: 'letter', author: 'Sam', outcome: null, occurredAt: expect.stringMatching(/^2026-11-23T\d\d:\d\d$/) });
      const letter = sent.letters.find((l) => l.customerId === customerId)!;
      expect(entry.letter).toEqual({
        id: letter.id,
        fileId: sent.fileId,
        channel: 'mail',
        templateName: 'Polite past-due letter',
        version: 1,
        firstPage: letter.firstPage,
        pages: letter.pageCount,
        certified: null,
      });
      const [listed] = await ok<LetterSummary[]>('letters.list', { customerId });
      expect(listed).toMatchObject({ id: letter.id, templateName: 'Polite past-due letter', version: 1, channel: 'mail', letterDate: TODAY, fileId: sent.fileId, certified: null });
    }

    // The tasks are done, with the letter named in the work log, and nothing is due any more.
    const tasks = t.ledger.db.prepare(`SELECT status, closed_on FROM task WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(group.tasks.map((x) => x.taskId)));
    expect(tasks).toEqual(group.tasks.map(() => ({ status: 'done', closed_on: TODAY })));
    expect(t.ledger.db.prepare(`SELECT note FROM work_action WHERE source_kind = 'task' AND action = 'done'`).pluck().all()).toEqual(
      group.tasks.map(() => 'Polite past-due letter sent by mail'),
    );
    expect(await ok('letters.dueToday', { today: TODAY })).toEqual([]);

    // The served file is exactly the archived bytes.
    const served = await ok<LetterPdfFile>('letters.file', { fileId: sent.fileId });
    expect(served).toMatchObject({ fileName: sent.fileName, mimeType: 'application/pdf' });
    expect(Buffer.from(served.base64, 'base64').equals(fs.readFileSync(file))).toBe(true);
  });

  it('without task ids, closes the open tasks that asked these customers for this same letter', async () => {
    const [group] = await ok<LettersDueGroup[]>('letters.dueToday', { today: TODAY });
    const firmer = await ok<LettersSent>('letters.send', { templateId: await templateId('Firmer follow-up'), customerIds: [ids.acme], letterDate: TODAY, channel: 'mail' });
    expect(firmer.letters).toHaveLength(1);
    expect((await ok<LettersDueGroup[]>('letters.dueToday', { today: TODAY }))[0].tasks).toHaveLength(3);
    await ok('letters.send', { templateId: group.templateId, customerIds: [ids.acme, ids.gamma], letterDate: TODAY, channel: 'mail' });
    expect((await ok<LettersDueGroup[]>('letters.dueToday', { today: TODAY }))[0].tasks.map((x) => x.customerName)).toEqual(['Beta Foods']);
  });

  it('one letter is named after its customer; a template change later does not change what the letter records', async () => {
    const sent = await ok<LettersSent>('letters.send', { templateId: await templateId('Account statement'), customerIds: [ids.beta], letterDate: TODAY, channel: 'email_pdf' });
    expect(sent.fileName).toBe(`2026-11-23-BETA-${sent.fileId}.pdf`);
    expect(pdfText(fs.readFileSync(archived(sent.fileId)))).toContain('Beta Foods');
    const [entry] = await timeline(ids.beta);
    // The statement template is a statement: its timeline entry says so.
    expect(entry.summary).toMatch(/^Statement sent: as of 23 November 2026, Account statement \(version 1\) as an email-ready PDF — "/);

    const current = await ok<TemplateDetail>('templates.get', { id: await templateId('Account statement') });
    await ok('templates.save', { id: current.templateId, name: current.name, tone: current.tone, addressedTo: current.addressedTo, subject: 'A new subject', body: current.body });
    const [after] = await timeline(ids.beta);
    expect(after.letter).toMatchObject({ templateName: 'Account statement', version: 1 });
    expect((await ok<LetterSummary[]>('letters.list', { customerId: ids.beta }))[0]).toMatchObject({ version: 1, subject: 'Statement of account BETA as of 23 November 2026' });
  });

  it('skips a customer the letter cannot be for, with the reason, and refuses a batch of nobody', async () => {
    await ok('plans.create', { customerId: ids.acme, total: 120_050, count: 3, frequency: 'monthly', startDate: '2026-12-01', today: TODAY });
    const plan = await templateId('Payment plan agreement');
    const sent = await ok<LettersSent>('letters.send', { templateId: plan, customerIds: [ids.acme, ids.beta], letterDate: TODAY, channel: 'mail' });
    expect(sent.letters.map((l) => l.customerId)).toEqual([ids.acme]);
    expect(sent.skipped).toEqual([{ customerId: ids.beta, reason: 'Beta Foods has no payment plan to put in this letter.' }]);
    expect(await timeline(ids.beta)).toEqual([]);

    const files = archiveFiles();
    const onlyBeta = await refused('letters.send', { templateId: plan, customerIds: [ids.beta], letterDate: TODAY, channel: 'mail' });
    expect(onlyBeta).toMatchObject({ code: 'validation', message: 'Beta Foods has no payment plan to put in this letter.' });
    expect(archiveFiles()).toEqual(files);

    // A past-due letter to someone with nothing past due would be wrong.
    await ok('payments.record', { reference: 'P-1', customerId: ids.gamma, date: TODAY, amount: 9_999 });
    const paid = await refused('letters.send', { templateId: await templateId('Polite past-due letter'), customerIds: [ids.gamma], letterDate: TODAY, channel: 'mail' });
    expect(paid.message).toBe('Gamma Łódź Trading has nothing that may be asked for on 23 November 2026: nothing is past due.');
  });

  it('refuses bad input, changing nothing', async () => {
    const polite = await templateId('Polite past-due letter');
    const good = { templateId: polite, customerIds: [ids.acme], letterDate: TODAY, channel: 'mail' };
    expect((await refused('letters.send', { ...good, customerIds: [] })).fields).toEqual({ customerIds: 'Choose at least one customer' });
    expect((await refused('letters.send', { ...good, customerIds: Array.from({ length: 5001 }, (_, i) => i + 1) })).fields).toEqual({ customerIds: 'At most 5,000 letters in one batch' });
    expect((await refused('letters.send', { ...good, letterDate: '2026-02-30' })).fields).toEqual({ letterDate: 'The letter date must be a real date like 2026-03-31' });
    expect((await refused('letters.send', { ...good, channel: 'fax' })).fields).toEqual({ channel: 'Choose mail, certified mail, an email-ready PDF or email' });
    expect(await refused('letters.send', { ...good, templateId: 999 })).toMatchObject({ code: 'not_found', fields: { templateId: 'No such template' } });
    expect(await refused('letters.send', { ...good, customerIds: [ids.acme, 999] })).toMatchObject({ code: 'not_found', fields: { customerIds: '1 of these customers do not exist' } });
    expect(await refused('letters.send', { ...good, taskIds: [999] })).toMatchObject({ code: 'not_found', fields: { taskIds: 'No task 999' } });
    const [group] = await ok<LettersDueGroup[]>('letters.dueToday', { today: TODAY });
    const betaTask = group.tasks.find((x) => x.customerId === ids.beta)!.taskId;
    expect(await refused('letters.send', { ...good, taskIds: [betaTask] })).toMatchObject({ code: 'validation', fields: { taskIds: `Task ${betaTask} is for another customer` } });
    expect(archiveFiles()).toEqual([]);
  });

  it('leaves no file and no rows when rendering fails part-way through the batch', async () => {
    const real = letterContext.letterData;
    let calls = 0;
    jest.spyOn(letterContext, 'letterData').mockImplementation((...args) => {
      if (++calls === 3) throw new Error('the disk went away');
      return real(...args);
    });
    const before = snapshot(t.ledger);
    const r = await call('letters.send', { templateId: await templateId('Polite past-due letter'), customerIds: [ids.acme, ids.beta, ids.gamma], letterDate: TODAY, channel: 'mail' });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('the disk went away') } });
    expect(calls).toBe(3);
    expect(snapshot(t.ledger)).toEqual(before);
    expect(archiveFiles()).toEqual([]);
  });

  it('leaves no file and no rows when recording fails after the PDF is written', async () => {
    const [group] = await ok<LettersDueGroup[]>('letters.dueToday', { today: TODAY });
    // The second letter row is refused, as a full disk or a constraint would refuse it.
    t.ledger.db.exec(`CREATE TEMP TRIGGER refuse_second_letter BEFORE INSERT ON letter WHEN (SELECT COUNT(*) FROM letter) >= 1
                      BEGIN SELECT RAISE(ABORT, 'no room for another letter'); END`);
    const before = snapshot(t.ledger);
    const r = await call('letters.send', {
      templateId: group.templateId,
      customerIds: group.tasks.map((x) => x.customerId),
      taskIds: group.tasks.map((x) => x.taskId),
      letterDate: TODAY,
      channel: 'mail',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('no room for another letter') } });
    expect(snapshot(t.ledger)).toEqual(before);
    expect(archiveFiles()).toEqual([]);
    t.ledger.db.exec('DROP TRIGGER temp.refuse_second_letter');
    expect((await ok<LettersDueGroup[]>('letters.dueToday', { today: TODAY }))[0].tasks).toHaveLength(3);
  });
});

describe('what a letter may ask for', () => {
  // Issue 10: a letter asks only for what the collectable module says may be asked for, as of the letter's date.
  async function account(code: string, name: string, items: [number: string, issued: string, due: string, amount: number][]) {
    const c = await ok<{ id: number }>('customers.create', { code, name, address1: '1 Quay Road', city: 'Springfield', region: 'IL', postalCode: '62701' });
    const invoice: Record<string, number> = {};
    for (const [number, issueDate, dueDate, amount] of items) invoice[number] = (await ok<{ id: number }>('invoices.create', { number, customerId: c.id, issueDate, dueDate, amount })).id;
    return { id: c.id, invoice };
  }
  const dispute = (customerId: number, day: string, invoiceIds: number[], amount: number) =>
    ok('activities.record', { customerId, occurredAt: `${day}T10:00`, summary: 'The goods arrived damaged.', outcome: 'dispute_raised', dispute: { reason: 'damaged', invoiceIds, amount } });
  const send = async (template: string, customerId: number, letterDate = TODAY) =>
    ok<LettersSent>('letters.send', { templateId: await templateId(template), customerIds: [customerId], letterDate, channel: 'mail' });

  it('asks for the 1,000.00 overdue and leaves out the 5,000.00 in dispute', async () => {
    const d = await account('DELTA', 'Delta Works', [
      ['INV-1', '2026-10-01', '2026-10-31', 100_000],
      ['INV-2', '2026-10-01', '2026-10-31', 500_000],
    ]);
    await dispute(d.id, '2026-11-10', [d.invoice['INV-2']], 500_000);
    const sent = await send('Polite past-due letter', d.id);
    const text = pdfText(fs.readFileSync(archived(sent.fileId)));
    expect(text).toContain('Our records show that $1,000.00 on your account is now past due, the oldest item by 23 days.');
    expect(text).toContain(`INV-1 ${letterContext.longDate('2026-10-01')} ${letterContext.longDate('2026-10-31')} 23 $1,000.00`);
    expect(text).toContain('Total due $1,000.00');
    expect(text).not.toContain('INV-2');
    expect(text).not.toMatch(/6,000\.00|5,000\.00/);
    expect((await ok<LetterSummary[]>('letters.list', { customerId: d.id }))[0].totalDue).toBe(100_000);
  });

  it('shows only the undisputed part of a partly disputed invoice', async () => {
    const d = await account('DELTA', 'Delta Works', [['INV-1', '2026-10-01', '2026-10-31', 800_000]]);
    await dispute(d.id, '2026-11-10', [d.invoice['INV-1']], 300_000);
    const text = pdfText(fs.readFileSync(archived((await send('Firmer follow-up', d.id)).fileId)));
    expect(text).toContain('$5,000.00 is now past due, the oldest item by 23 days');
    expect(text).toContain(`INV-1 ${letterContext.longDate('2026-10-01')} ${letterContext.longDate('2026-10-31')} 23 $5,000.00`);
    expect(text).not.toContain('8,000.00');
  });

  it('a letter dated 15 February lists what was open that day: not an April invoice, not a March payment, not a later dispute or plan', async () => {
    const d = await account('DELTA', 'Delta Works', [
      ['INV-1', '2026-01-05', '2026-02-04', 100_000],
      ['INV-2', '2026-04-01', '2026-05-01', 200_000],
    ]);
    await dispute(d.id, '2026-03-01', [d.invoice['INV-1']], 30_000);
    await ok('payments.record', { reference: 'P-MARCH', customerId: d.id, date: '2026-03-10', amount: 40_000 });
    const plan = await ok<{ id: number }>('plans.create', { customerId: d.id, total: 30_000, count: 2, frequency: 'monthly', startDate: '2026-03-20', today: '2026-03-12' });
    await ok('plans.sign', { id: plan.id, signedOn: '2026-03-12', signedBy: 'Dee' });

    // Today the account looks quite different: INV-1 is part paid, part disputed, part on the plan.
    const now = letterContext.letterData(t.ledger.db, d.id, TODAY, 'accounts_payable');
    expect(now.openItems.map((o) => [o.number, o.openAmount])).toEqual([['INV-2', 200_000]]);
    expect([now.plan?.total, now.dispute?.amount]).toEqual([30_000, 30_000]);

    const data = letterContext.letterData(t.ledger.db, d.id, '2026-02-15', 'accounts_payable');
    expect(data.openItems.map((o) => [o.number, o.openAmount])).toEqual([['INV-1', 100_000]]);
    expect(data.totals).toEqual({ open: 100_000, unapplied: 0, due: 100_000, overdue: 100_000 });
    expect([data.plan, data.dispute]).toEqual([null, null]);

    const sent = await send('Polite past-due letter', d.id, '2026-02-15');
    const text = pdfText(fs.readFileSync(archived(sent.fileId)));
    expect(text).toContain('$1,000.00 on your account is now past due, the oldest item by 11 days');
    expect(text).toContain(`INV-1 ${letterContext.longDate('2026-01-05')} ${letterContext.longDate('2026-02-04')} 11 $1,000.00`);
    expect(text).toContain('Total due $1,000.00');
    expect(text).not.toContain('INV-2');
    expect(text).not.toContain('600.00');
    expect(sent.fileName).toMatch(/^2026-02-15-DELTA-\d+\.pdf$/);
    // Nor can that day's letters acknowledge a dispute or set out a plan that came later.
    expect(await refused('letters.send', { templateId: await templateId('Dispute acknowledgement'), customerIds: [d.id], letterDate: '2026-02-15', channel: 'mail' })).toMatchObject({
      message: 'Delta Works has no open dispute to acknowledge.',
    });
    expect(await refused('letters.send', { templateId: await templateId('Payment plan agreement'), customerIds: [d.id], letterDate: '2026-02-15', channel: 'mail' })).toMatchObject({
      message: 'Delta Works has no payment plan to put in this letter.',
    });
  });

  it('refuses a demand to a customer who paid before the invoice was issued, changing nothing', async () => {
    const c = await ok<{ id: number }>('customers.create', { code: 'EPS', name: 'Epsilon Paid Ltd' });
    await ok('payments.record', { reference: 'P-EARLY', customerId: c.id, date: '2026-09-01', amount: 50_000 });
    await ok('invoices.create', { number: 'EPS-1', customerId: c.id, issueDate: '2026-10-01', dueDate: '2026-10-31', amount: 50_000 });
    const files = archiveFiles();
    for (const template of ['Polite past-due letter', 'Certified final demand']) {
      const r = await refused('letters.send', { templateId: await templateId(template), customerIds: [c.id], letterDate: TODAY, channel: 'mail' });
      expect(r).toMatchObject({ code: 'validation', message: 'Epsilon Paid Ltd has nothing that may be asked for on 23 November 2026: nothing is past due.' });
    }
    expect(archiveFiles()).toEqual(files);
    // A statement is not a demand: it may still go.
    expect((await send('Account statement', c.id)).letters).toHaveLength(1);
  });

  it('refuses a demand whose past-due money is all held, saying why, and skips that customer in a batch', async () => {
    const d = await account('DELTA', 'Delta Works', [['INV-1', '2026-10-01', '2026-10-31', 100_000]]);
    await dispute(d.id, '2026-11-10', [d.invoice['INV-1']], 100_000);
    const polite = await templateId('Polite past-due letter');
    expect(await refused('letters.send', { templateId: polite, customerIds: [d.id], letterDate: TODAY, channel: 'mail' })).toMatchObject({
      code: 'validation',
      message: 'Delta Works has nothing that may be asked for on 23 November 2026: the $1,000.00 past due is in dispute.',
    });
    const sent = await ok<LettersSent>('letters.send', { templateId: polite, customerIds: [ids.beta, d.id], letterDate: TODAY, channel: 'mail' });
    expect(sent.letters.map((l) => l.customerId)).toEqual([ids.beta]);
    expect(sent.skipped).toEqual([{ customerId: d.id, reason: 'Delta Works has nothing that may be asked for on 23 November 2026: the $1,000.00 past due is in dispute.' }]);
    // The acknowledgement is not a demand, and is exactly the letter this customer should get.
    expect((await send('Dispute acknowledgement', d.id)).letters).toHaveLength(1);

    await ok('customers.setStatus', { id: ids.gamma, status: 'with_agency', reason: 'Passed to Acme Recoveries' });
    const later = '2026-12-31'; // after the status change, whatever today's real date
    expect(await refused('letters.send', { templateId: polite, customerIds: [ids.gamma], letterDate: later, channel: 'mail' })).toMatchObject({
      message: 'Gamma Łódź Trading has nothing that may be asked for on 31 December 2026: the account is with an agency.',
    });
  });

  it('does not offer a policy letter whose past-due money was disputed after the task was made, and refuses it if sent', async () => {
    const [before] = await ok<LettersDueGroup[]>('letters.dueToday', { today: TODAY });
    expect(before.tasks.map((x) => x.customerId)).toContain(ids.beta);
    await dispute(ids.beta, '2026-11-20', [t.ledger.db.prepare(`SELECT id FROM invoice WHERE number = 'BETA-1'`).pluck().get() as number], 45_000);
    const [after] = await ok<LettersDueGroup[]>('letters.dueToday', { today: TODAY });
    expect(after.tasks.map((x) => x.customerName).sort()).toEqual(['Acme Supply Co', 'Gamma Łódź Trading']);
    const r = await refused('letters.send', { templateId: before.templateId, customerIds: [ids.beta], letterDate: TODAY, channel: 'mail' });
    expect(r.message).toMatch(/^Beta Foods has nothing that may be asked for on 23 November 2026: /);
  });
});

describe('the archive', () => {
  it('letters.file refuses an altered file and a missing one; verify names both', async () => {
    const polite = await templateId('Polite past-due letter');
    const one = await ok<LettersSent>('letters.send', { templateId: polite, customerIds: [ids.acme, ids.beta], letterDate: TODAY, channel: 'mail' });
    const two = await ok<LettersSent>('letters.send', { templateId: polite, customerIds: [ids.gamma], letterDate: TODAY, channel: 'mail' });
    const three = await ok<LettersSent>('letters.send', { templateId: polite, customerIds: [ids.beta], letterDate: '2026-12-02', channel: 'mail' });
    expect(verifyArchive(t.ledger.db, t.ledger.path)).toEqual({ checked: 3, ok: 3, problems: [] });

    // One byte changed, same size: the hash no longer matches.
    const file = archived(one.fileId);
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    fs.writeFileSync(file, bytes);
    expect(await refused('letters.file', { fileId: one.fileId })).toMatchObject({ code: 'conflict', message: expect.stringContaining('has been altered since it was sent') });
    fs.rmSync(archived(two.fileId));
    expect(await refused('letters.file', { fileId: two.fileId })).toMatchObject({ code: 'not_found', message: expect.stringContaining('is missing') });
    fs.appendFileSync(archived(three.fileId), '\n');
    expect(verifyArchive(t.ledger.db, t.ledger.path)).toEqual({
      checked: 3,
      ok: 0,
      problems: [
        { fileId: one.fileId, path: file, problem: 'altered' },
        { fileId: two.fileId, path: archived(two.fileId), problem: 'missing' },
        { fileId: three.fileId, path: archived(three.fileId), problem: 'size' },
      ],
    });
    expect(await refused('letters.file', { fileId: 999 })).toMatchObject({ code: 'not_found' });
  });
});

describe('unfinished batches', () => {
  it('are found by the temporary name a batch is written under, and a later send removes those untouched for an hour', async () => {
    // Two prints that never finished (the program was killed): one long ago, one that could still be running elsewhere.
    const killed = new ArchiveWriter(t.ledger.path, '2026-11-02');
    const running = new ArchiveWriter(t.ledger.path, TODAY);
    try {
      expect(unfinishedBatches(t.ledger.path).map((f) => f.path)).toEqual([killed.tempPath, running.tempPath]);
      const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
      fs.utimesSync(killed.tempPath, twoHoursAgo, twoHoursAgo);

      await ok<LettersSent>('letters.send', { templateId: await templateId('Polite past-due letter'), customerIds: [ids.acme], letterDate: TODAY, channel: 'mail' });
      expect(fs.existsSync(killed.tempPath)).toBe(false);
      expect(unfinishedBatches(t.ledger.path).map((f) => f.path)).toEqual([running.tempPath]);
      expect(verifyArchive(t.ledger.db, t.ledger.path)).toEqual({ checked: 1, ok: 1, problems: [] });
    } finally {
      killed.discard();
      running.discard();
    }
  });
});

describe('certified mail', () => {
  async function certified(customerId = ids.acme) {
    const sent = await ok<LettersSent>('letters.send', { templateId: await templateId('Certified final demand'), customerIds: [customerId], letterDate: TODAY, channel: 'certified_mail' });
    return sent.letters[0].id;
  }

  it('records the tracking number and mailing, then the return receipt, on the timeline and in the day’s log', async () => {
    const letterId = await certified();
    const before = await ok<CertifiedLogEntry[]>('certified.log', { date: TODAY });
    expect(before).toEqual([
      expect.objectContaining({ letterId, customer: 'Acme Supply Co', template: 'Certified final demand', trackingNumber: null, mailedOn: null, addressLines: expect.arrayContaining(['Acme Supply Co', '4 Market Street']) }),
    ]);

    const mailed = await ok<LetterSummary>('certified.record', { letterId, trackingNumber: TRACKING, mailedOn: TODAY });
    expect(mailed.certified).toEqual({ trackingNumber: '9400111899223818218407', mailedOn: TODAY, returnReceiptOn: null, signedBy: null });
    const back = await ok<LetterSummary>('certified.receipt', { letterId, returnReceiptOn: '2026-11-27', signedBy: ' D. Whitfield ' });
    expect(back.certified).toEqual({ trackingNumber: '9400111899223818218407', mailedOn: TODAY, returnReceiptOn: '2026-11-27', signedBy: 'D. Whitfield' });

    const [entry] = await timeline(ids.acme);
    expect(entry.letter).toMatchObject({ channel: 'certified_mail', certified: { trackingNumber: '9400111899223818218407', mailedOn: TODAY, returnReceiptOn: '2026-11-27', signedBy: 'D. Whitfield' } });
    expect(entry.summary).toMatch(/^Letter sent: Certified final demand \(version 1\) by certified mail — "/);

    const log = await ok<CertifiedLogEntry[]>('certified.log', { date: TODAY });
    expect(log).toEqual([expect.objectContaining({ letterId, trackingNumber: '9400111899223818218407', mailedOn: TODAY, returnReceiptOn: '2026-11-27', signedBy: 'D. Whitfield' })]);
    expect(await ok('certified.log', { date: '2026-11-24' })).toEqual([]);
    const pdf = await ok<LetterPdfFile>('certified.logPdf', { date: TODAY });
    expect(pdf.fileName).toBe('certified-mail-2026-11-23.pdf');
    const text = pdfText(Buffer.from(pdf.base64, 'base64'));
    expect(text).toContain('Certified mail — mailing list for 23 November 2026');
    expect(text).toContain('9400 1118 9922 3818 2184 07');
    expect(text).toContain('Acme Supply Co');
    expect(text).toContain('Signed by D. Whitfield');
  });

  it('refuses a wrong tracking number, a letter not sent certified, a receipt before the mailing, and a number used twice', async () => {
    const letterId = await certified();
    const other = await certified(ids.beta);
    const plain = (await ok<LettersSent>('letters.send', { templateId: await templateId('Polite past-due letter'), customerIds: [ids.gamma], letterDate: TODAY, channel: 'mail' })).letters[0].id;
    const good = { letterId, trackingNumber: TRACKING, mailedOn: TODAY };

    expect((await refused('certified.record', { ...good, trackingNumber: '9400 1118 9922 3818 2184 08' })).fields).toEqual({
      trackingNumber: 'This tracking number’s check digit does not match: look for a mistyped digit',
    });
    expect((await refused('certified.record', { ...good, trackingNumber: '9400 1118 9922 3818 2184 0' })).fields).toEqual({
      trackingNumber: 'A certified-mail tracking number has 20 or 22 digits; this has 21',
    });
    expect((await refused('certified.record', { ...good, trackingNumber: '9400 1118 99' })).fields).toEqual({ trackingNumber: 'A certified-mail tracking number has 20 or 22 digits; this has 10' });
    expect((await refused('certified.record', { ...good, trackingNumber: 'EA123456789US' })).fields).toEqual({ trackingNumber: 'A tracking number has digits only (spaces are fine)' });
    expect((await refused('certified.record', { ...good, trackingNumber: '' })).fields).toEqual({ trackingNumber: 'Enter the tracking number from the certified-mail receipt' });
    expect((await refused('certified.record', { ...good, mailedOn: '2026-11-22' })).fields).toEqual({ mailedOn: 'On or after 2026-11-23' });
    expect(await refused('certified.record', { ...good, letterId: plain })).toMatchObject({ code: 'validation', fields: { letterId: 'Not a certified letter' } });
    expect(await refused('certified.record', { ...good, letterId: 999 })).toMatchObject({ code: 'not_found' });
    expect(await refused('certified.receipt', { letterId, returnReceiptOn: TODAY, signedBy: 'Dana' })).toMatchObject({ fields: { letterId: 'Mailing not recorded yet' } });

    await ok('certified.record', good);
    expect(await refused('certified.record', { ...good, letterId: other })).toMatchObject({
      code: 'conflict',
      message: `Tracking number 9400 1118 9922 3818 2184 07 is already recorded for letter ${letterId} to Acme Supply Co.`,
    });
    expect(await refused('certified.record', { ...good, trackingNumber: TRACKING_20 })).toMatchObject({ code: 'conflict', fields: { trackingNumber: 'Already recorded' } });
    // The older 20-digit labels are accepted too.
    expect((await ok<LetterSummary>('certified.record', { letterId: other, trackingNumber: TRACKING_20.replace(/(\d{4})/g, '$1 '), mailedOn: TODAY })).certified?.trackingNumber).toBe(TRACKING_20);

    expect((await refused('certified.receipt', { letterId, returnReceiptOn: '2026-11-22', signedBy: 'Dana' })).fields).toEqual({ returnReceiptOn: 'On or after 2026-11-23' });
    expect((await refused('certified.receipt', { letterId, returnReceiptOn: '2026-11-25', signedBy: '  ' })).fields).toEqual({ signedBy: 'Enter who signed the return receipt' });
    expect(await refused('certified.receipt', { letterId: plain, returnReceiptOn: '2026-11-25', signedBy: 'Dana' })).toMatchObject({ fields: { letterId: 'Not a certified letter' } });
    await ok('certified.receipt', { letterId, returnReceiptOn: '2026-11-25', signedBy: 'Dana' });
    expect(await refused('certified.receipt', { letterId, returnReceiptOn: '2026-11-26', signedBy: 'Dana' })).toMatchObject({ code: 'conflict' });
  });
});
