import type { Handlers, TemplateDetail, TemplatePreview, TemplateSummary } from '../../src-main/contract';
import { createHandlers } from '../../src-main/services/create-services';
import { letterData } from '../../src-main/letters/letter-context';
import { emailText } from '../../src-main/mail/email-text';
import { fillLetterhead } from '../support/letterhead';
import { serviceCaller } from '../support/service-caller';
import { openTempLedger } from '../support/temp-ledger';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok, refused } = serviceCaller(() => handlers, () => t.ledger);

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger);
  fillLetterhead(t.ledger.db);
});
afterEach(() => t.cleanup());

const find = async (name: string) => (await ok<TemplateSummary[]>('templates.list', {})).find((x) => x.name === name)!;

describe('a template’s email text', () => {
  it('ships with the two letters the standard policy emails, and a save that leaves it out keeps it', async () => {
    expect((await ok<TemplateSummary[]>('templates.list', {})).filter((x) => x.hasEmail).map((x) => x.name).sort()).toEqual(['Polite past-due letter', 'Pre-due reminder']);
    const pre = await ok<TemplateDetail>('templates.get', { id: (await find('Pre-due reminder')).id });
    const saved = await ok<TemplateDetail>('templates.save', { id: pre.templateId, name: pre.name, tone: pre.tone, addressedTo: pre.addressedTo, subject: `${pre.subject}!`, body: pre.body });
    expect(saved).toMatchObject({ version: 2, emailSubject: pre.emailSubject, emailBody: pre.emailBody, attachPdf: true });
    const cleared = await ok<TemplateDetail>('templates.save', { id: pre.templateId, name: pre.name, tone: pre.tone, addressedTo: pre.addressedTo, subject: pre.subject, body: pre.body, emailSubject: null, emailBody: null });
    expect(cleared).toMatchObject({ version: 3, emailSubject: null, emailBody: null });
    expect((await find('Pre-due reminder')).hasEmail).toBe(false);
  });

  it('is checked like the letter: an unknown field or a block plain text cannot carry is refused on its line, and nothing is saved', async () => {
    const firmer = await ok<TemplateDetail>('templates.get', { id: (await find('Firmer follow-up')).id });
    const base = { id: firmer.templateId, name: firmer.name, tone: firmer.tone, addressedTo: firmer.addressedTo, subject: firmer.subject, body: firmer.body };
    const err = await refused('templates.save', { ...base, emailSubject: 'Account {{customer.cod}}', emailBody: 'Hello {{contact.name}}\n\n{{signature_lines}}' });
    expect(err.fields).toEqual({
      emailSubject: 'Unknown field {{customer.cod}} — did you mean {{customer.code}}?',
      emailBody: 'Line 3: {{signature_lines}} cannot go in an email: attach the letter as a PDF instead',
    });
    expect((await refused('templates.save', { ...base, emailSubject: 'Account {{customer.code}}' })).fields).toEqual({ emailBody: 'Write the email, or clear its subject' });
    expect((await ok<{ problems: unknown[] }>('templates.check', { subject: 'x', body: 'y', emailBody: '{{open_items_table}}\n{{nope}}' })).problems).toEqual([
      { part: 'emailBody', line: 2, column: 1, message: 'Unknown field {{nope}}' },
    ]);
  });

  it('previews the email as the customer would read it, escaped in HTML and merged like the letter', async () => {
    const c = await ok<{ id: number }>('customers.create', { code: 'ACME', name: 'Acme <Supply> & Co', email: 'ap@acme.example' });
    await ok('invoices.create', { number: 'INV-1', customerId: c.id, issueDate: '2026-11-10', dueDate: '2026-12-10', amount: 120_050 });
    const preview = await ok<TemplatePreview>('templates.preview', { id: (await find('Pre-due reminder')).id, customerId: c.id, letterDate: '2026-12-07' });
    expect(preview.email!.subject).toBe('Coming up: payment due on your account ACME');
    expect(preview.email!.text).toMatch(/^Dear Accounts Payable,\n\nA short note ahead of the due date/);
    expect(preview.email!.text).toContain('INV-1 · due ');
    expect(preview.email!.text).toContain('$1,200.50');
    // The HTML part is the same merge with every value escaped: a name cannot inject markup.
    const html = emailText('{{customer.name}}', 'Dear {{customer.name}},\n\n{{open_items_table}}', letterData(t.ledger.db, c.id, '2026-12-07', 'accounts_payable'));
    expect(html.subject).toBe('Acme <Supply> & Co');
    expect(html.html).toContain('<p>Dear Acme &lt;Supply&gt; &amp; Co,</p>');
    expect(html.html).toMatch(/<li>INV-1 · due .+ · \$1,200\.50<\/li>/);
  });
});
