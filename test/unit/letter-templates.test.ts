import zlib from 'node:zlib';
import type { Handlers, LetterSettingsData, TemplateDetail, TemplatePreview, TemplateSummary } from '../../src-main/contract';
import { isDemand, letterData } from '../../src-main/letters/letter-context';
import { emailText } from '../../src-main/mail/email-text';
import { checkTemplate } from '../../src-main/letters/template-check';
import { currentTemplate, seedDefaultTemplates, templateVersion, usedFields } from '../../src-main/letters/templates/template-store';
import { createHandlers } from '../../src-main/services/create-services';
import { pdfText } from '../support/pdf-text';
import { serviceCaller } from '../support/service-caller';
import { openTempLedger } from '../support/temp-ledger';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok, refused, call } = serviceCaller(() => handlers, () => t.ledger);
let acme: number;
let invoices: Record<string, number>;

const DEFAULT_NAMES = [
  'Pre-due reminder',
  'Polite past-due letter',
  'Firmer follow-up',
  'Letter to the principal',
  'Certified final demand',
  'Payment plan agreement',
  'Dispute acknowledgement',
  'Account statement',
];
const LETTER_DATE = '2026-03-02';
/** A real 2×2 grey PNG, built here so the test carries no binary file. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 0, 0, 0, 0]);
  const rows = Buffer.from([0, 128, 128, 0, 128, 128]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}
const PNG = png();
/** Start of image, then a baseline frame header: 8 bits, 1×1, one channel. */
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00, 0xff, 0xd9]);

const list = () => ok<TemplateSummary[]>('templates.list', {});
const byName = async (name: string) => (await list()).find((x) => x.name === name)!;
const preview = (input: Record<string, unknown>) => ok<TemplatePreview>('templates.preview', { customerId: acme, letterDate: LETTER_DATE, ...input });

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger);
  acme = (
    await ok<{ id: number }>('customers.create', {
      code: 'ACME',
      name: 'Acme Tools Ltd',
      address1: '12 Foundry Lane',
      city: 'Springfield',
      region: 'IL',
      postalCode: '62701',
      contacts: [
        { name: 'Dana Reyes', role: 'accounts_payable' },
        { name: 'Sam Acme', role: 'principal', isPrimary: true },
      ],
    })
  ).id;
  invoices = {};
  for (const [number, due, amount] of [
    ['INV-1', '2026-01-15', 120_000],
    ['INV-2', '2026-02-10', 35_050],
  ] as const) {
    invoices[number] = (await ok<{ id: number }>('invoices.create', { number, customerId: acme, issueDate: '2026-01-01', dueDate: due, amount })).id;
  }
});
afterEach(() => t.cleanup());

async function giveAcmeAPlanAndADispute() {
  await ok('activities.record', {
    customerId: acme,
    occurredAt: '2026-02-20T10:00',
    summary: 'Two of the drills arrived broken.',
    outcome: 'dispute_raised',
    dispute: { reason: 'damaged', invoiceIds: [invoices['INV-2']], amount: 10_000 },
  });
  await ok('plans.create', { customerId: acme, total: 120_000, count: 3, frequency: 'monthly', startDate: '2026-03-15', today: LETTER_DATE });
}

describe('the default templates', () => {
  it('a new ledger has the eight, ordered by tone, each free of problems', async () => {
    const all = await list();
    expect(all.map((x) => [x.tone, x.name, x.addressedTo, x.version, x.archived])).toEqual([
      [1, 'Account statement', 'accounts_payable', 1, false],
      [1, 'Dispute acknowledgement', 'accounts_payable', 1, false],
      [1, 'Pre-due reminder', 'accounts_payable', 1, false],
      [2, 'Payment plan agreement', 'accounts_payable', 1, false],
      [2, 'Polite past-due letter', 'accounts_payable', 1, false],
      [3, 'Firmer follow-up', 'accounts_payable', 1, false],
      [4, 'Letter to the principal', 'principal', 1, false],
      [5, 'Certified final demand', 'principal', 1, false],
    ]);
    expect(new Set(all.map((x) => x.name))).toEqual(new Set(DEFAULT_NAMES));
    for (const name of DEFAULT_NAMES) {
      const v = currentTemplate(t.ledger.db, name);
      expect(checkTemplate(v.subject, v.body)).toEqual([]);
      const fields = usedFields(v.subject, v.body);
      expect(fields).toEqual(expect.arrayContaining(['contact.name', 'clerk.name', 'clerk.phone']));
      // A letter that asks for money says by when.
      if (v.tone >= 2 && name !== 'Payment plan agreement') expect(fields).toEqual(expect.arrayContaining(['resolution_date', 'open_items_table']));
    }
    expect(usedFields(currentTemplate(t.ledger.db, 'Payment plan agreement').subject, currentTemplate(t.ledger.db, 'Payment plan agreement').body)).toEqual(
      expect.arrayContaining(['plan.total', 'plan.count', 'plan_schedule_table', 'signature_lines']),
    );
    // The policy's letter steps all find their template.
    const policyTemplates = t.ledger.db.prepare('SELECT template FROM policy_step WHERE template IS NOT NULL').pluck().all() as string[];
    for (const name of policyTemplates) expect(() => currentTemplate(t.ledger.db, name)).not.toThrow();
  });

  it('tells the demands, which need something past due that may be asked for, from the other letters', () => {
    const demand = (name: string) => {
      const v = currentTemplate(t.ledger.db, name);
      return isDemand(usedFields(v.subject, v.body));
    };
    expect(DEFAULT_NAMES.filter(demand)).toEqual(['Polite past-due letter', 'Firmer follow-up', 'Letter to the principal', 'Certified final demand']);
    // A letter to be signed that also lists the items is still about the plan, not a demand.
    expect(isDemand(['resolution_date', 'open_items_table', 'plan_schedule_table'])).toBe(false);
    expect(isDemand(['total_due', 'resolution_date'])).toBe(true);
  });

  it('each merges for a real customer with every field filled and nothing left in braces', async () => {
    await giveAcmeAPlanAndADispute();
    await ok('letters.settingsUpdate', { companyName: 'Harbor Supply Co.', clerkName: 'Priya Shah', clerkPhone: '+1 555 0100' });
    for (const s of await list()) {
      const p = await preview({ id: s.id });
      expect({ name: s.name, problems: p.problems, missing: p.missing, empty: p.emptyFields }).toEqual({ name: s.name, problems: [], missing: null, empty: [] });
      expect(`${p.subject}\n${p.text}`).not.toMatch(/\{\{|\}\}/);
      expect(p.text).toMatch(s.addressedTo === 'principal' ? /^Dear Sam Acme,/ : /^Dear Dana Reyes,/);
      expect(p.text).toContain('Priya Shah\nHarbor Supply Co.\n+1 555 0100');
    }
    const polite = await preview({ id: (await byName('Polite past-due letter')).id });
    expect(polite.subject).toBe('Past-due balance on account ACME: please settle by 12 March 2026');
    // The 100.00 in dispute on INV-2 is not asked for; the plan is only proposed, so INV-1 still is.
    expect(polite.text).toContain('Our records show that $1,450.50 on your account is now past due, the oldest item by 46 days');
    expect(polite.text).toContain('\n\n[open items table]\n\n');
    const dispute = await preview({ id: (await byName('Dispute acknowledgement')).id });
    expect(dispute.text).toContain('on 20 February 2026 about a problem with INV-2: goods arrived damaged.');
    expect(dispute.text).toContain('payment of the $100.00 in dispute is on hold');
    expect(dispute.text).toContain('remains due');
    const plan = await preview({ id: (await byName('Payment plan agreement')).id });
    expect(plan.text).toContain('the plan we agreed: $1,200.00 in 3 instalments, paid monthly, the first on 15 March 2026');
    expect(plan.blocks.map((b) => b.kind)).toEqual(expect.arrayContaining(['plan_schedule_table', 'signature_lines']));
    expect(plan.planSchedule.map((i) => i.amount)).toEqual([40_000, 40_000, 40_000]);
  });

  it('is seeded once: archived or renamed defaults do not come back', async () => {
    const statement = await byName('Account statement');
    await ok('templates.archive', { id: statement.id, archived: true });
    seedDefaultTemplates(t.ledger.db);
    handlers = createHandlers(t.ledger);
    expect((await list()).length).toBe(8);
    expect((await byName('Account statement')).archived).toBe(true);
  });
});

describe('saving a template', () => {
  it('makes a new version and leaves the old one exactly as it was; the ledger refuses to edit a version', async () => {
    const polite = await byName('Polite past-due letter');
    const v1 = templateVersion(t.ledger.db, polite.versionId);
    const body = v1.body.replace('Invoices do get missed', 'Invoices do sometimes get missed');
    const saved = await ok<TemplateDetail>('templates.save', { id: polite.id, name: polite.name, tone: 2, addressedTo: 'accounts_payable', subject: v1.subject, body, by: 'Priya' });
    expect(saved).toMatchObject({ templateId: polite.id, version: 2, body, current: true, archived: false });
    expect(saved.history.map((h) => [h.version, h.createdBy])).toEqual([
      [2, 'Priya'],
      [1, null],
    ]);
    expect(templateVersion(t.ledger.db, polite.versionId)).toEqual(v1);
    expect(currentTemplate(t.ledger.db, 'polite PAST-DUE letter').versionId).toBe(saved.versionId);
    const old = await ok<TemplateDetail>('templates.get', { id: polite.id, versionId: polite.versionId });
    expect(old).toMatchObject({ version: 1, body: v1.body, current: false });

    expect(() => t.ledger.db.prepare('UPDATE letter_template_version SET body = ? WHERE id = ?').run('changed', polite.versionId)).toThrow(/never edited/);
    expect(() => t.ledger.db.prepare('DELETE FROM letter_template_version WHERE id = ?').run(polite.versionId)).toThrow(/never removed/);
  });

  it('adds a new template, and a rename carries the policy steps that use it along', async () => {
    const created = await ok<TemplateDetail>('templates.save', {
      name: '  Thank-you note ',
      tone: 1,
      addressedTo: 'accounts_payable',
      subject: 'Thank you, {{customer.name}}',
      body: 'Dear {{contact.name}},\r\n\r\nThank you for settling your account.\r\n\r\n{{clerk.name}}',
    });
    expect(created).toMatchObject({ name: 'Thank-you note', version: 1, body: 'Dear {{contact.name}},\n\nThank you for settling your account.\n\n{{clerk.name}}' });
    expect((await list()).length).toBe(9);

    const firmer = await byName('Firmer follow-up');
    const v = templateVersion(t.ledger.db, firmer.versionId);
    const renamed = await ok<TemplateDetail>('templates.save', { id: firmer.id, name: 'Second request', tone: v.tone, addressedTo: v.addressedTo, subject: v.subject, body: v.body });
    expect(renamed).toMatchObject({ name: 'Second request', version: 2 });
    const steps = t.ledger.db.prepare(`SELECT template FROM policy_step WHERE name = 'Firmer follow-up letter'`).pluck().all();
    expect(steps).toEqual(['Second request']);
  });

  it('refuses bad templates with a message on the line, and writes nothing', async () => {
    const polite = await byName('Polite past-due letter');
    const v = templateVersion(t.ledger.db, polite.versionId);
    const save = (over: Record<string, unknown>) => refused('templates.save', { id: polite.id, name: polite.name, tone: 2, addressedTo: 'accounts_payable', subject: v.subject, body: v.body, ...over });

    expect(await save({ body: 'Dear {{contact.name}},\n\nHello\nFrom {{custmer.name}} to you' })).toEqual({
      code: 'validation',
      message: 'The template has a problem: fix it before saving.',
      fields: { body: 'Line 4: Unknown field {{custmer.name}} — did you mean {{customer.name}}?' },
    });
    expect((await save({ body: 'Dear {{contact.name}},\nPay by {{resolution_date' })).fields).toEqual({ body: 'Line 2: A field is opened with {{ but not closed with }}' });
    expect((await save({ subject: 'Your items {{open_items_table}}' })).fields).toEqual({ subject: '{{open_items_table}} is a table or signature block and cannot go in the subject' });
    expect((await save({ body: 'Dear {{contact.name}},\nHere: {{open_items_table}}' })).fields).toEqual({ body: 'Line 2: {{open_items_table}} must stand on a line of its own' });
    const two = await save({ body: '{{nope}}\n\n{{alsonope}} and {{open_items_table}}' });
    expect(two.message).toBe('The template has 3 problems: fix them before saving.');
    expect(two.fields!.body.split('\n')).toHaveLength(3);

    expect((await save({ name: '   ' })).fields).toEqual({ name: 'Name the template' });
    expect((await save({ tone: 6 })).fields).toEqual({ tone: 'Choose a tone from 1 (friendly reminder) to 5 (final demand)' });
    expect((await save({ addressedTo: 'the_board' })).fields).toEqual({ addressedTo: 'Choose whom the letter is to: accounts payable or the principal' });
    expect((await save({ body: ' \n ' })).fields).toEqual({ body: 'Write the letter' });
    expect((await save({ subject: '' })).fields).toEqual({ subject: 'Write a subject' });
    expect(await save({ name: 'firmer FOLLOW-UP' })).toEqual({
      code: 'conflict',
      message: 'Another template is already called “Firmer follow-up”.',
      fields: { name: 'Another template has this name' },
    });
    expect(await refused('templates.save', { name: 'Account Statement', tone: 1, addressedTo: 'accounts_payable', subject: 'x', body: 'y' })).toMatchObject({ code: 'conflict' });
    expect(await save({})).toMatchObject({ code: 'validation', message: 'Nothing changed: version 1 already says this.' });
    expect(await save({ id: 999 })).toMatchObject({ code: 'not_found' });
  });

  it('lists the merge fields for the editor', async () => {
    const f = await ok<{ inline: { name: string }[]; blocks: { name: string }[] }>('templates.fields', {});
    expect(f.inline.map((x) => x.name)).toEqual(expect.arrayContaining(['customer.name', 'contact.name', 'resolution_date', 'currency', 'clerk.phone']));
    expect(f.blocks.map((x) => x.name)).toEqual(['open_items_table', 'plan_schedule_table', 'signature_lines', 'statement_items', 'aging_summary', 'remittance_slip']);
  });

  it('checks text while it is typed, without saving anything', async () => {
    const r = await ok<{ problems: unknown[] }>('templates.check', { subject: 'Hi {{customer.nam}}', body: 'Line one\r\nLine {{two' });
    expect(r.problems).toEqual([
      { part: 'subject', line: 1, column: 4, message: 'Unknown field {{customer.nam}} — did you mean {{customer.name}}?' },
      { part: 'body', line: 2, column: 6, message: 'A field is opened with {{ but not closed with }}' },
    ]);
  });

  it('archives and restores a template, keeping its versions', async () => {
    const s = await byName('Pre-due reminder');
    expect(await ok('templates.archive', { id: s.id, archived: true })).toMatchObject({ id: s.id, archived: true });
    expect((await ok<TemplateDetail>('templates.get', { id: s.id })).archived).toBe(true);
    expect(await ok('templates.archive', { id: s.id, archived: false })).toMatchObject({ archived: false, version: 1 });
    expect(await refused('templates.archive', { id: 4242, archived: true })).toMatchObject({ code: 'not_found' });
  });
});

describe('previews', () => {
  it('merges a saved template or a draft for a customer, and says what is missing', async () => {
    const polite = await byName('Polite past-due letter');
    const p = await preview({ id: polite.id });
    expect(p.addressLines).toEqual(['Attn: Dana Reyes', 'Acme Tools Ltd', '12 Foundry Lane', 'Springfield, IL 62701']);
    expect(p.resolutionDate).toBe('2026-03-12');
    expect(p.totals).toEqual({ open: 155_050, unapplied: 0, due: 155_050, overdue: 155_050 });
    expect(p.openItems.map((o) => [o.number, o.daysPastDue])).toEqual([
      ['INV-1', 46],
      ['INV-2', 20],
    ]);
    expect(p.pdf).toBeNull();
    // Nobody set the clerk yet: the editor can say so before anything is printed.
    expect(p.emptyFields).toEqual(['clerk.name', 'clerk.phone']);

    const draft = await preview({ draft: { subject: 'For {{customer.name}}', body: 'Owed: {{total_due}}\nBy {{resolution_date}}\n{{custmer.code}}', addressedTo: 'principal' } });
    expect(draft.subject).toBe('For Acme Tools Ltd');
    expect(draft.text).toBe('Owed: $1,550.50\nBy 12 March 2026\n');
    // A template saved before amounts carried their currency ("{{currency}} {{total_due}}") does not print "USD $".
    const older = await preview({ draft: { subject: 'Owed {{ currency }} {{overdue_total}}', body: 'Owed: {{currency}} {{total_due}} in {{currency}}', addressedTo: 'principal' } });
    expect(older.subject).toBe('Owed $1,550.50');
    expect(older.text).toBe('Owed: $1,550.50 in USD');
    expect(draft.problems).toMatchObject([{ part: 'body', line: 3, message: 'Unknown field {{custmer.code}} — did you mean {{customer.code}}?' }]);

    const plan = await preview({ id: (await byName('Payment plan agreement')).id });
    expect(plan.missing).toBe('Acme Tools Ltd has no payment plan to put in this letter.');
    expect(await preview({ id: (await byName('Dispute acknowledgement')).id })).toMatchObject({ missing: 'Acme Tools Ltd has no open dispute to acknowledge.' });

    expect((await call('templates.preview', { customerId: acme, letterDate: LETTER_DATE })).ok).toBe(false);
    expect((await call('templates.preview', { id: polite.id, customerId: 999, letterDate: LETTER_DATE })).ok).toBe(false);
    expect((await call('templates.preview', { id: polite.id, customerId: acme, letterDate: '2026-02-30' })).ok).toBe(false);
  });
  it('merges the email text too, the same way the message is written, and none for a template without one', async () => {
    const pre = await byName('Pre-due reminder');
    const saved = await preview({ id: pre.id });
    const written = emailText(currentTemplate(t.ledger.db, pre.id).emailSubject!, currentTemplate(t.ledger.db, pre.id).emailBody!, letterData(t.ledger.db, acme, LETTER_DATE, 'accounts_payable'));
    expect(saved.email).toEqual({ subject: written.subject, text: written.text });
    expect(saved.email!.subject).toContain('ACME');
    expect(saved.email!.text).toContain('Dear Dana Reyes');
    expect(saved.email!.text).toContain('INV-1');

    const draft = await preview({ draft: { subject: 'S', body: 'B', addressedTo: 'accounts_payable', emailSubject: 'About {{customer.code}}', emailBody: 'Hello {{contact.name}}' } });
    expect(draft.email).toEqual({ subject: 'About ACME', text: 'Hello Dana Reyes\n' });
    expect((await preview({ draft: { subject: 'S', body: 'B', addressedTo: 'accounts_payable' } })).email).toBeNull();
  });

  it('renders the PDF only when asked, and only for a letter that can be sent', async () => {
    await ok('letters.settingsUpdate', { companyName: 'Harbor Supply Co.', clerkName: 'Priya Shah', companyLogo: PNG.toString('base64'), paperSize: 'a4' });
    const polite = await byName('Polite past-due letter');
    const p = await preview({ id: polite.id, withPdf: true });
    const pdf = Buffer.from(p.pdf!, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const words of ['Harbor Supply Co.', 'Dear Dana Reyes,', 'please settle by 12 March 2026', 'INV-1', '1,550.50', 'Priya Shah']) expect(text).toContain(words);
    expect((await preview({ id: (await byName('Payment plan agreement')).id, withPdf: true })).pdf).toBeNull();
    expect((await preview({ draft: { subject: 'x', body: '{{nope}}', addressedTo: 'principal' }, withPdf: true })).pdf).toBeNull();
  });
});

describe('letter settings', () => {
  it('starts from sensible defaults and saves what is given', async () => {
    expect(await ok<LetterSettingsData>('letters.settingsGet', {})).toEqual({
      companyName: 'Our company',
      companyAddress: '',
      companyPhone: '',
      companyEmail: '',
      paymentDetails: '',
      companyLogo: null,
      clerkName: '',
      clerkPhone: '',
      paperSize: 'letter',
      resolutionDays: 10,
    });
    const s = await ok<LetterSettingsData>('letters.settingsUpdate', {
      companyName: ' Harbor Supply Co. ',
      companyAddress: '1 Dock Road  \r\n\r\n Portland, OR 97201',
      companyEmail: 'ar@harbor.example',
      companyLogo: PNG.toString('base64'),
      paperSize: 'a4',
      resolutionDays: 14,
    });
    expect(s).toMatchObject({ companyName: 'Harbor Supply Co.', companyAddress: '1 Dock Road\nPortland, OR 97201', paperSize: 'a4', resolutionDays: 14, companyLogo: PNG.toString('base64') });
    expect((await ok<LetterSettingsData>('letters.settingsUpdate', { companyLogo: JPEG.toString('base64') })).companyLogo).toBe(JPEG.toString('base64'));
    expect((await ok<LetterSettingsData>('letters.settingsUpdate', { companyLogo: null })).companyLogo).toBeNull();

    const p = await preview({ draft: { subject: 'x', body: '{{company.name}} by {{resolution_date}}', addressedTo: 'accounts_payable' } });
    expect(p.text).toBe('Harbor Supply Co. by 16 March 2026');
  });

  it('refuses a logo that is not a PNG or JPEG, or too large, and other bad values, changing nothing', async () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1').toString('base64');
    expect(await refused('letters.settingsUpdate', { companyLogo: gif })).toEqual({
      code: 'validation',
      message: 'The logo is not a PNG or JPEG image.',
      fields: { companyLogo: 'Upload the logo as a PNG or JPEG image' },
    });
    const damaged = Buffer.from(PNG);
    damaged[damaged.length - 20] ^= 0xff;
    expect((await refused('letters.settingsUpdate', { companyLogo: damaged.toString('base64') })).fields!.companyLogo).toMatch(/^The logo cannot be printed: the PNG logo is damaged/);
    expect((await refused('letters.settingsUpdate', { companyLogo: 'not base64!' })).fields).toEqual({ companyLogo: 'The logo could not be read: upload a PNG or JPEG file' });
    const big = Buffer.concat([PNG, Buffer.alloc(500 * 1024)]).toString('base64');
    expect((await refused('letters.settingsUpdate', { companyLogo: big })).fields).toEqual({ companyLogo: 'The logo must be 500 KB or smaller' });
    expect((await refused('letters.settingsUpdate', { paperSize: 'legal' })).fields).toEqual({ paperSize: 'Choose US Letter or A4' });
    expect((await refused('letters.settingsUpdate', { resolutionDays: 0 })).fields).toEqual({ resolutionDays: 'At least 1 day' });
    expect((await refused('letters.settingsUpdate', { resolutionDays: 61 })).fields).toEqual({ resolutionDays: 'At most 60 days' });
    expect((await refused('letters.settingsUpdate', { companyName: '' })).fields).toEqual({ companyName: 'Enter the company name letters are signed with' });
    expect((await refused('letters.settingsUpdate', { companyEmail: 'nope' })).fields).toEqual({ companyEmail: 'Enter an email like accounts@example.com' });
    expect((await refused('letters.settingsUpdate', { paperSize: 'a4', fontSize: 12 })).code).toBe('validation');
  });
});
