import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Handlers, LettersReview, LettersSent, Policy, TemplateSummary, Worklist } from '../../src-main/contract';
import { createHandlers } from '../../src-main/services/create-services';
import { fillLetterhead } from '../support/letterhead';
import { serviceCaller } from '../support/service-caller';
import { openTempLedger, snapshot } from '../support/temp-ledger';

const CLI = path.resolve(__dirname, '../../build/main/cli/settle.js');
let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok, refused } = serviceCaller(() => handlers, () => t.ledger);

const TODAY = '2026-11-23';
const templateId = async (name: string) => (await ok<TemplateSummary[]>('templates.list', {})).find((x) => x.name === name)!.id;

async function customer(code: string, name: string, amount: number, opts: { address?: boolean; kind?: 'business' | 'consumer'; issued?: string; due?: string } = {}) {
  const c = await ok<{ id: number }>('customers.create', {
    code,
    name,
    kind: opts.kind ?? 'business',
    ...(opts.address === false ? {} : { address1: '4 Market Street', city: 'Springfield', region: 'IL', postalCode: '62701' }),
  });
  const invoice = await ok<{ id: number }>('invoices.create', { number: `${code}-1`, customerId: c.id, issueDate: opts.issued ?? '2026-10-06', dueDate: opts.due ?? '2026-11-05', amount });
  return { id: c.id, invoiceId: invoice.id };
}

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger, { dailyBackups: false, clockControl: true });
  // Statuses and disputes are stamped with the clock: on the letters' day, not the machine's.
  await ok('clock.set', { now: `${TODAY}T09:00:00Z` });
});
afterEach(async () => {
  await t.cleanup();
});

describe('the letterhead must be filled in before letters go out', () => {
  it('refuses to send from a new ledger, naming the empty and placeholder fields, and writes nothing', async () => {
    const acme = await customer('ACME', 'Acme Supply Co', 120_050);
    const input = { templateId: await templateId('Polite past-due letter'), customerIds: [acme.id], letterDate: TODAY, channel: 'mail' };
    const err = await refused('letters.send', input);
    expect(err).toMatchObject({
      code: 'validation',
      message:
        'Fill in the letterhead before sending: Company name (still “Our company”), Company address, Your name and Your direct phone are not set in Settings → Letterhead and letters.',
      fields: { letterhead: 'Company name, Company address, Your name, Your direct phone' },
    });
    // {{clerk.phone}} falls back to the company phone: one of them is enough.
    await ok('letters.settingsUpdate', { companyName: 'Northwind Supplies', companyAddress: '1 Harbour Road', clerkName: 'Sam Carter' });
    expect((await refused('letters.send', input)).message).toBe('Fill in the letterhead before sending: Your direct phone is not set in Settings → Letterhead and letters.');
    await ok('letters.settingsUpdate', { companyPhone: '217 555 0100' });
    expect((await ok<LettersSent>('letters.send', input)).letters).toHaveLength(1);
    // Nothing was archived for the refused attempts: one file, the one sent.
    expect(t.ledger.db.prepare('SELECT COUNT(*) FROM letter_file').pluck().get()).toBe(1);
  });

  it('asks only for the sender fields the template uses, besides the name and address every letter prints', async () => {
    const acme = await customer('ACME', 'Acme Supply Co', 120_050);
    await ok('letters.settingsUpdate', { companyName: 'Northwind Supplies', companyAddress: '1 Harbour Road' });
    const saved = await ok<{ templateId: number }>('templates.save', {
      name: 'Plain statement',
      tone: 1,
      addressedTo: 'accounts_payable',
      subject: 'Statement for {{customer.code}}',
      body: 'Dear {{contact.name}},\n\n{{open_items_table}}\n\n{{company.name}}',
    });
    const review = await ok<LettersReview>('letters.review', { templateId: saved.templateId, customerIds: [acme.id], letterDate: TODAY, channel: 'mail' });
    expect(review.letterhead).toEqual([]);
    expect((await ok<LettersSent>('letters.send', { templateId: saved.templateId, customerIds: [acme.id], letterDate: TODAY, channel: 'mail' })).letters).toHaveLength(1);
  });

  it('the CLI batch refuses too, before writing a file, and prints the same message', async () => {
    await customer('ACME', 'Acme Supply Co', 120_050);
    const out = path.join(t.dir, 'today.pdf');
    // The CLI works beside an open ledger, as it does beside the app.
    const r = spawnSync(process.execPath, [CLI, '--ledger', t.ledger.path, 'letters', 'batch', '--as-of', TODAY, '--out', out], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'settle: Fill in the letterhead before sending: Company name (still “Our company”), Company address, Your name and Your direct phone are not set in Settings → Letterhead and letters.\n',
    );
    expect(fs.existsSync(out)).toBe(false);
    const db = t.ledger.db;
    expect(db.prepare('SELECT (SELECT COUNT(*) FROM letter) + (SELECT COUNT(*) FROM letter_file)').pluck().get()).toBe(0);
    // The task the batch would have carried out is still open on the worklist.
    expect(db.prepare(`SELECT COUNT(*) FROM task WHERE status = 'open' AND template = 'Polite past-due letter'`).pluck().get()).toBe(1);
  });
});

describe('letters.review', () => {
  it('lists each letter with what it asks for and what to check, recording nothing', async () => {
    fillLetterhead(t.ledger.db);
    const acme = await customer('ACME', 'Acme Supply Co', 120_050);
    const bare = await customer('BARE', 'No Address Ltd', 30_000, { address: false });
    const small = await customer('SMALL', 'Small Change', 7_300);
    const part = await customer('PART', 'Partly Disputed', 80_000);
    await ok('activities.record', {
      customerId: part.id,
      occurredAt: '2026-11-10T10:00',
      summary: 'Half the goods arrived damaged.',
      outcome: 'dispute_raised',
      dispute: { reason: 'damaged', invoiceIds: [part.invoiceId], amount: 30_000 },
    });
    const gone = await customer('GONE', 'With Agency', 50_000);
    await ok('customers.setStatus', { id: gone.id, status: 'with_agency', reason: 'Referred' });
    const ids = [acme.id, bare.id, small.id, part.id, gone.id];

    const before = snapshot(t.ledger);
    const review = await ok<LettersReview>('letters.review', { templateId: await templateId('Certified final demand'), customerIds: ids, letterDate: TODAY, channel: 'certified_mail' });
    expect(snapshot(t.ledger)).toEqual(before);

    expect(review).toMatchObject({ template: 'Certified final demand', channel: 'certified_mail', currency: 'USD', letterhead: [], letterheadMessage: null });
    const row = (id: number) => review.rows.find((r) => r.customerId === id)!;
    const kinds = (id: number) => row(id).warnings.map((w) => w.kind);
    expect(review.rows.map((r) => r.customerCode)).toEqual(['ACME', 'BARE', 'SMALL', 'PART', 'GONE']);
    // The standard policy's certified demand starts at 250.00 of what is due.
    expect(row(acme.id)).toMatchObject({ amount: 120_050, warnings: [], blocked: null });
    expect(kinds(bare.id)).toEqual(['no_address']);
    expect(row(bare.id).warnings[0].message).toBe('No postal address: this letter cannot be mailed');
    expect(row(small.id)).toMatchObject({ amount: 7_300, warnings: [{ kind: 'under_minimum', message: '$73.00 due is under the policy step’s minimum of $250.00' }] });
    expect(row(part.id)).toMatchObject({ amount: 50_000, warnings: [{ kind: 'disputed', message: '$300.00 in dispute is left out of this letter' }] });
    expect(kinds(gone.id)).toEqual(['under_minimum', 'account_hold']);
    expect(row(gone.id).blocked).toBe('With Agency has nothing that may be asked for on 23 November 2026: the account is with an agency.');

    // The amount is the figure the letter prints and records.
    const sent = await ok<LettersSent>('letters.send', { templateId: review.templateId, customerIds: [acme.id, part.id], letterDate: TODAY, channel: 'certified_mail' });
    const totals = t.ledger.db.prepare('SELECT customer_id AS id, total_due AS total FROM letter WHERE file_id = ?').all(sent.fileId) as { id: number; total: number }[];
    expect(totals.find((x) => x.id === acme.id)!.total).toBe(row(acme.id).amount);
  });

  it('names the tasks each letter carries out and the letterhead gaps that would stop the send', async () => {
    const acme = await customer('ACME', 'Acme Supply Co', 120_050);
    const beta = await customer('BETA', 'Beta Foods', 45_000);
    const tasks = (await ok<Worklist>('worklist.list', { today: TODAY, collector: null })).items.filter((i) => i.source === 'task');
    const review = await ok<LettersReview>('letters.review', { templateId: await templateId('Polite past-due letter'), customerIds: [beta.id, acme.id], letterDate: TODAY, channel: 'mail' });
    expect(review.rows.map((r) => [r.customerId, r.taskIds])).toEqual([
      [beta.id, [tasks.find((x) => x.customerId === beta.id)!.sourceId]],
      [acme.id, [tasks.find((x) => x.customerId === acme.id)!.sourceId]],
    ]);
    expect(review.letterhead.map((g) => [g.label, g.problem])).toEqual([
      ['Company name', 'placeholder'],
      ['Company address', 'empty'],
      ['Your name', 'empty'],
      ['Your direct phone', 'empty'],
    ]);
    expect(review.letterheadMessage).toMatch(/^Fill in the letterhead before sending: /);
  });
});

describe('policy steps that cannot misfire', () => {
  it('policy.save refuses a letter step naming a template that does not exist, and keeps the real spelling', async () => {
    const policy = await ok<Policy>('policy.get', {});
    const steps = policy.steps.map(({ seq: _seq, ...s }) => s);
    const n = steps.findIndex((s) => s.template === 'Certified final demand');
    const typo = steps.map((s, i) => (i === n ? { ...s, template: 'Certified final demnd' } : s));
    expect(await refused('policy.save', { name: policy.name, steps: typo })).toEqual({
      code: 'validation',
      message: `Step ${n + 1} (“Certified final demand”) names the letter template “Certified final demnd”, which does not exist: choose one of the templates.`,
      fields: { [`steps.${n}.template`]: 'No template is called “Certified final demnd”' },
    });
    const lower = steps.map((s, i) => (i === n ? { ...s, template: 'certified FINAL demand' } : s));
    expect((await ok<Policy>('policy.save', { name: policy.name, steps: lower })).steps[n].template).toBe('Certified final demand');
  });

  it('the standard policy sends no certified demand to a consumer owing 73.00, and does for 300.00', async () => {
    const small = await customer('SMALL', 'Small Change', 7_300, { kind: 'consumer', issued: '2026-07-01', due: '2026-08-01' });
    const big = await customer('BIG', 'Big Balance', 30_000, { kind: 'consumer', issued: '2026-07-01', due: '2026-08-01' });
    const actions = async (id: number) =>
      (await ok<Worklist>('worklist.list', { today: TODAY, customerId: id, collector: null })).items.filter((i) => i.source === 'task').map((i) => i.action);
    // 114 days past due: the certified demand's step (day 90) is reached by both.
    expect(await actions(big.id)).toEqual(['certified_letter']);
    expect(await actions(small.id)).toEqual(['credit_hold']);
    const steps = (await ok<Policy>('policy.get', {})).steps;
    expect(steps.filter((s) => s.minAmount !== null).map((s) => [s.name, s.minAmount])).toEqual([
      ['Letter to the principal', 25_000],
      ['Certified final demand', 25_000],
    ]);
  });

  it('a ledger keeps the policy it has; reset gives the new defaults', async () => {
    const policy = await ok<Policy>('policy.get', {});
    const none = policy.steps.map(({ seq: _seq, ...s }) => ({ ...s, minAmount: null }));
    await ok('policy.save', { name: policy.name, steps: none });
    // Opening the handlers again (as a restart does) does not re-seed or change the steps.
    handlers = createHandlers(t.ledger, { dailyBackups: false });
    expect((await ok<Policy>('policy.get', {})).steps.every((s) => s.minAmount === null)).toBe(true);
    const reset = await ok<Policy>('policy.reset', {});
    expect(reset.steps.find((s) => s.name === 'Certified final demand')!.minAmount).toBe(25_000);
  });
});
