import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { LettersDueGroup, LettersReview, Handlers, MailBatchResult, MailMessage, MailSettingsData, MailTestResult, TemplateSummary, TimelinePage, LetterSummary } from '../../src-main/contract';
import { archiveFolder, verifyArchive } from '../../src-main/letters/sending/archive';
import { MailSendSchema } from '../../src-main/contract/mail';
import { ServiceError } from '../../src-main/contract/service-error';
import { createHandlers } from '../../src-main/services/create-services';
import { fillLetterhead } from '../support/letterhead';
import { serviceCaller } from '../support/service-caller';
import { startSmtpSink } from '../support/smtp-sink';
import { openTempLedger } from '../support/temp-ledger';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
const { ok, refused } = serviceCaller(() => handlers, () => t.ledger);

const PASSWORD = 'pw-Zq9!tangerine-77';
// Three days before the invoices fall due: the standard policy's pre-due reminder.
const TODAY = '2026-12-07';
const FROM = 'accounts@northwind.example';
let ids: { acme: number; beta: number; gamma: number };

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const templateId = async (name: string) => (await ok<TemplateSummary[]>('templates.list', {})).find((x) => x.name === name)!.id;
const fileRow = (id: number) => t.ledger.db.prepare('SELECT path, sha256, bytes FROM letter_file WHERE id = ?').get(id) as { path: string; sha256: string; bytes: number };
const archived = (fileId: number) => fs.readFileSync(path.join(archiveFolder(t.ledger.path), ...fileRow(fileId).path.split('/')));
const addresses = (a: ParsedMail['to']) => (a ? (Array.isArray(a) ? a : [a]).flatMap((x) => x.value.map((v) => v.address)) : []);

async function customer(code: string, name: string, email: string | null, contacts: { name: string; role: string; email?: string; isPrimary?: boolean }[]) {
  const c = await ok<{ id: number }>('customers.create', { code, name, email, address1: '4 Market Street', city: 'Springfield', region: 'IL', postalCode: '62701', contacts });
  await ok('invoices.create', { number: `${code}-1`, customerId: c.id, issueDate: '2026-11-10', dueDate: '2026-12-10', amount: 120_050 });
  return c.id;
}

async function saveSettings(port: number, extra: Record<string, unknown> = {}) {
  return ok<MailSettingsData>('mail.settingsSave', {
    host: '127.0.0.1',
    port,
    tls: 'none',
    user: 'clerk',
    password: PASSWORD,
    fromAddress: FROM,
    fromName: 'Northwind Supplies',
    replyTo: 'sam@northwind.example',
    bccSelf: true,
    ...extra,
  });
}

const send = async (customerIds: number[], again = false) =>
  ok<MailBatchResult>('mail.send', { templateId: await templateId('Pre-due reminder'), customerIds, letterDate: TODAY, again });

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger);
  fillLetterhead(t.ledger.db);
  smtp = await startSmtpSink('clerk', PASSWORD);
  ids = {
    acme: await customer('ACME', 'Acme Supply Co', 'info@acme.example', [
      { name: 'Dana Whitfield', role: 'accounts_payable', email: 'dana@acme.example', isPrimary: true },
      { name: 'Pat Owens', role: 'principal', email: 'pat@acme.example' },
    ]),
    beta: await customer('BETA', 'Beta Foods', 'ap@beta.example', []),
    gamma: await customer('GAMMA', 'Gamma Tools', null, [{ name: 'Gil Moss', role: 'accounts_payable' }]),
  };
  await saveSettings(smtp.port);
  await ok('policy.run', { today: TODAY });
});
afterEach(async () => {
  await smtp.close();
  await t.cleanup();
});

describe('letters by email through a real SMTP server', () => {
  it('sends each message to the accounts-payable contact (else the customer), Bcc to self, with the PDF; archives the exact bytes; records the letter and closes the task', async () => {
    const result = await send([ids.acme, ids.beta, ids.gamma]);
    expect(result).toMatchObject({ sent: 2, failed: 0, skipped: 1 });
    expect(result.results.find((r) => r.customerId === ids.gamma)).toMatchObject({ status: 'skipped', response: 'No email address: print this letter instead.' });

    expect(smtp.received.map((m) => m.rcptTo)).toEqual([
      ['dana@acme.example', FROM],
      ['ap@beta.example', FROM],
    ]);
    const messages = await ok<MailMessage[]>('mail.list', { letterDate: TODAY });
    for (const [n, customerId] of [ids.acme, ids.beta].entries()) {
      const got = smtp.received[n];
      expect(got.from).toBe(FROM);
      const mail = await simpleParser(got.raw);
      expect(addresses(mail.to)).toEqual([customerId === ids.acme ? 'dana@acme.example' : 'ap@beta.example']);
      expect(addresses(mail.cc)).toEqual([]);
      // Bcc is in the envelope only: the customer never sees it.
      expect(mail.bcc).toBeUndefined();
      expect(got.raw.toString('latin1')).not.toMatch(/^Bcc:/im);
      expect(addresses(mail.replyTo)).toEqual(['sam@northwind.example']);
      expect(mail.subject).toBe(`Coming up: payment due on your account ${customerId === ids.acme ? 'ACME' : 'BETA'}`);
      expect(mail.text).toContain(customerId === ids.acme ? 'Dear Dana Whitfield,' : 'Dear Accounts Payable,');
      expect(mail.text).toContain('ACME-1'.replace('ACME', customerId === ids.acme ? 'ACME' : 'BETA'));
      expect(mail.html).toContain('<p>Dear ');
      expect(mail.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);

      // The archive holds the very bytes the server got, hashed in the ledger; its PDF is the one that arrived.
      const record = messages.find((m) => m.customerId === customerId)!;
      expect(record).toMatchObject({ status: 'sent', recipients: { to: [addresses(mail.to)[0]], cc: [], bcc: [FROM] } });
      const eml = archived(record.fileId);
      expect(sha256(eml)).toBe(fileRow(record.fileId).sha256);
      expect(eml.toString('latin1').replace(/\r\n/g, '\n').trimEnd()).toBe(got.raw.toString('latin1').replace(/\r\n/g, '\n').trimEnd());
      const archivedMail = await simpleParser(eml);
      expect(sha256(mail.attachments[0].content)).toBe(sha256(archivedMail.attachments[0].content));
      expect(mail.attachments[0].content.subarray(0, 5).toString()).toBe('%PDF-');

      // The timeline's download serves those bytes as the message they are, not as a PDF.
      const served = await ok<{ fileName: string; mimeType: string; base64: string }>('letters.file', { fileId: record.fileId });
      expect(served).toMatchObject({ fileName: expect.stringMatching(/\.eml$/), mimeType: 'message/rfc822' });
      expect(Buffer.from(served.base64, 'base64').equals(eml)).toBe(true);

      const letters = await ok<LetterSummary[]>('letters.list', { customerId });
      expect(letters).toMatchObject([{ channel: 'email', templateName: 'Pre-due reminder', fileId: record.fileId, letterDate: TODAY }]);
      const timeline = await ok<TimelinePage>('timeline.list', { customerId, kinds: ['letter'] });
      expect(timeline.items.map((i) => (i as { summary: string }).summary)).toEqual([expect.stringMatching(/^Letter sent: Pre-due reminder \(version \d+\) by email — "Coming up/)]);
      const open = t.ledger.db.prepare(`SELECT COUNT(*) FROM task WHERE customer_id = ? AND status = 'open' AND template = 'Pre-due reminder'`).pluck().get(customerId);
      expect(open).toBe(0);
    }
    // The customer with no address keeps the task: it is printed instead.
    expect(t.ledger.db.prepare(`SELECT COUNT(*) FROM task WHERE customer_id = ? AND status = 'open' AND template = 'Pre-due reminder'`).pluck().get(ids.gamma)).toBe(1);
    expect(verifyArchive(t.ledger.db, t.ledger.path)).toMatchObject({ problems: [] });
  });

  it('copies the principal in when the step asks for it, and sends a repeated batch to nobody twice unless told again', async () => {
    const policy = await ok<{ name: string; steps: Record<string, unknown>[] }>('policy.get', {});
    await ok('policy.save', { name: policy.name, steps: policy.steps.map(({ seq: _seq, ...s }) => (s.template === 'Pre-due reminder' ? { ...s, ccRoles: ['principal'] } : s)) });
    await send([ids.acme, ids.beta]);
    expect(smtp.received[0].rcptTo).toEqual(['dana@acme.example', 'pat@acme.example', FROM]);
    expect(addresses((await simpleParser(smtp.received[0].raw)).cc)).toEqual(['pat@acme.example']);

    const again = await send([ids.acme, ids.beta]);
    expect(again).toMatchObject({ sent: 0, skipped: 2 });
    expect(again.results[0].response).toMatch(/already went to this customer by email on 2026-12-07/);
    expect(smtp.received).toHaveLength(2);

    const confirmed = await send([ids.beta], true);
    expect(confirmed).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(3);
  });

  it('records a refused recipient as failed with the server’s answer, and a retry sends exactly the missing one, once', async () => {
    smtp.refuse.add('ap@beta.example');
    const first = await send([ids.acme, ids.beta]);
    expect(first).toMatchObject({ sent: 1, failed: 1 });
    const failed = first.results.find((r) => r.customerId === ids.beta)!;
    expect(failed).toMatchObject({ status: 'failed', letterId: null });
    expect(failed.response).toMatch(/550.*ap@beta\.example.*Recipient address rejected/);
    expect(await ok<LetterSummary[]>('letters.list', { customerId: ids.beta })).toEqual([]);
    // Nothing is on record as sent that the server did not take: the task is still open.
    expect(t.ledger.db.prepare(`SELECT COUNT(*) FROM task WHERE customer_id = ? AND status = 'open' AND template = 'Pre-due reminder'`).pluck().get(ids.beta)).toBe(1);
    // The Bcc to self went through: only that copy arrived.
    expect(smtp.received.map((m) => m.rcptTo)).toEqual([['dana@acme.example', FROM], [FROM]]);

    smtp.refuse.clear();
    const retried = await ok<MailBatchResult>('mail.retry', { messageIds: [failed.messageId] });
    expect(retried).toMatchObject({ sent: 1, failed: 0, skipped: 0 });
    expect(smtp.received.at(-1)!.rcptTo).toEqual(['ap@beta.example', FROM]);
    // The retry sent the archived bytes of the failed attempt.
    const list = await ok<MailMessage[]>('mail.list', { customerId: ids.beta });
    expect(list.map((m) => [m.status, m.settled])).toEqual([
      ['sent', true],
      ['failed', true],
    ]);
    expect(list[0].fileId).toBe(list[1].fileId);
    expect(await ok<LetterSummary[]>('letters.list', { customerId: ids.beta })).toMatchObject([{ channel: 'email' }]);

    const twice = await ok<MailBatchResult>('mail.retry', { messageIds: [failed.messageId] });
    expect(twice).toMatchObject({ sent: 0, skipped: 1 });
    const rerun = await send([ids.acme, ids.beta]);
    expect(rerun).toMatchObject({ sent: 0, skipped: 2 });
    expect(smtp.received).toHaveLength(3);
  });

  it('records every message as failed while the server is down, and a retry once it is back sends each once', async () => {
    await smtp.close();
    const down = await send([ids.acme, ids.beta]);
    expect(down).toMatchObject({ sent: 0, failed: 2 });
    expect(down.results[0].response).toMatch(/ECONNREFUSED/);
    expect(t.ledger.db.prepare(`SELECT COUNT(*) FROM letter`).pluck().get()).toBe(0);

    smtp = await startSmtpSink('clerk', PASSWORD);
    await saveSettings(smtp.port, { password: undefined });
    const back = await ok<MailBatchResult>('mail.retry', { messageIds: down.results.map((r) => r.messageId) });
    expect(back).toMatchObject({ sent: 2, failed: 0 });
    expect(smtp.received.map((m) => m.rcptTo[0]).sort()).toEqual(['ap@beta.example', 'dana@acme.example']);
    expect(await send([ids.acme, ids.beta])).toMatchObject({ sent: 0, skipped: 2 });
    expect(smtp.received).toHaveLength(2);
  });

  it('tests the settings with the server’s answer, and never lets the password reach the ledger file, the answers or the logs', async () => {
    const logged: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((k) => jest.spyOn(console, k).mockImplementation((...a: unknown[]) => void logged.push(a.map(String).join(' '))));
    const writes = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (logged.push(String(chunk)), true));
    try {
      const settings = await ok<MailSettingsData>('mail.settingsGet', {});
      expect(settings).toEqual({
        settings: { host: '127.0.0.1', port: smtp.port, tls: 'none', user: 'clerk', fromAddress: FROM, fromName: 'Northwind Supplies', replyTo: 'sam@northwind.example', bccSelf: true },
        password: 'session',
      });
      expect(await ok<MailTestResult>('mail.test', { to: 'sam@northwind.example' })).toMatchObject({ ok: true, accepted: ['sam@northwind.example'] });
      await send([ids.acme]);

      await saveSettings(smtp.port, { password: 'not-the-password' });
      const wrong = await ok<MailTestResult>('mail.test', { to: 'sam@northwind.example' });
      expect(wrong.ok).toBe(false);
      expect(wrong.response).toMatch(/535/);
      expect(JSON.stringify(wrong)).not.toContain('not-the-password');
      const failed = await send([ids.beta]);
      expect(failed.results[0].response).toMatch(/535/);
      await saveSettings(smtp.port);
    } finally {
      spies.forEach((s) => s.mockRestore());
      writes.mockRestore();
    }
    t.ledger.db.pragma('wal_checkpoint(TRUNCATE)');
    const files = fs.readdirSync(t.dir).filter((f) => fs.statSync(path.join(t.dir, f)).isFile());
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect({ f, leaked: fs.readFileSync(path.join(t.dir, f)).includes(PASSWORD) }).toEqual({ f, leaked: false });
    for (const f of fs.readdirSync(archiveFolder(t.ledger.path), { recursive: true }) as string[]) {
      const p = path.join(archiveFolder(t.ledger.path), f);
      if (fs.statSync(p).isFile()) expect(fs.readFileSync(p).includes(PASSWORD)).toBe(false);
    }
    expect(logged.join('\n')).not.toContain(PASSWORD);
    expect(JSON.stringify(await ok('mail.list', {}))).not.toContain(PASSWORD);
  });

  it('offers the email steps’ letters as email groups for customers with an address, only when asked, and reviews them with their recipients', async () => {
    const shape = (groups: LettersDueGroup[]) => groups.map((g) => ({ template: g.template, channel: g.channel, customers: g.tasks.map((x) => x.customerId).sort() }));
    expect(shape(await ok<LettersDueGroup[]>('letters.dueToday', { today: TODAY }))).toEqual([{ template: 'Pre-due reminder', channel: 'mail', customers: [ids.acme, ids.beta, ids.gamma] }]);
    expect(shape(await ok<LettersDueGroup[]>('letters.dueToday', { today: TODAY, email: true }))).toEqual([
      { template: 'Pre-due reminder', channel: 'email', customers: [ids.acme, ids.beta] },
      { template: 'Pre-due reminder', channel: 'mail', customers: [ids.gamma] },
    ]);
    await send([ids.beta]);
    const review = await ok<LettersReview>('letters.review', { templateId: await templateId('Pre-due reminder'), customerIds: [ids.acme, ids.beta, ids.gamma], letterDate: TODAY, channel: 'email' });
    expect(review.rows.map((r) => ({ code: r.customerCode, email: r.email, warnings: r.warnings.map((w) => w.kind) }))).toEqual([
      { code: 'ACME', email: { to: ['dana@acme.example'], cc: [], bcc: [FROM] }, warnings: [] },
      { code: 'BETA', email: { to: ['ap@beta.example'], cc: [], bcc: [FROM] }, warnings: ['sent_today'] },
      { code: 'GAMMA', email: { to: [], cc: [], bcc: [] }, warnings: ['no_email'] },
    ]);
    // Printing is letters.send; an email goes through the mail server only.
    const printed = await refused('letters.send', { templateId: await templateId('Pre-due reminder'), customerIds: [ids.acme], letterDate: TODAY, channel: 'email' });
    expect(printed.fields).toEqual({ channel: 'Send by email instead' });
  });

  it('stops at Cancel after the message in flight: those sent are recorded, the rest skipped and their tasks left open', async () => {
    let checks = 0;
    const job = { progress: () => undefined, checkCancelled: () => {
      if (++checks > 1) throw new ServiceError('cancelled', 'Cancelled');
    } };
    const input = MailSendSchema.parse({ templateId: await templateId('Pre-due reminder'), customerIds: [ids.acme, ids.beta], letterDate: TODAY });
    const result = await handlers['mail.send'](input, job);
    expect(result).toMatchObject({ sent: 1, skipped: 1, results: [{ customerId: ids.acme, status: 'sent' }, { customerId: ids.beta, status: 'skipped', response: 'Cancelled before it was sent' }] });
    expect(smtp.received).toHaveLength(1);
    expect(t.ledger.db.prepare(`SELECT COUNT(*) FROM task WHERE customer_id = ? AND status = 'open' AND template = 'Pre-due reminder'`).pluck().get(ids.beta)).toBe(1);
  });

  it('refuses to send a template without an email text, changing nothing', async () => {
    const printed = await ok<TemplateSummary[]>('templates.list', {});
    const firmer = printed.find((x) => x.name === 'Firmer follow-up')!;
    expect(firmer.hasEmail).toBe(false);
    const err = await refused('mail.send', { templateId: firmer.id, customerIds: [ids.acme], letterDate: TODAY });
    expect(err.message).toMatch(/has no email text yet/);
    expect(smtp.received).toHaveLength(0);
  });

  it('saves a message as .eml for an office without a server: the same text and PDF, nothing recorded', async () => {
    const file = await ok<{ fileName: string; mimeType: string; base64: string }>('mail.eml', { templateId: await templateId('Pre-due reminder'), customerId: ids.acme, letterDate: TODAY });
    expect(file).toMatchObject({ fileName: '2026-12-07-ACME-Pre-due_reminder.eml', mimeType: 'message/rfc822' });
    const mail = await simpleParser(Buffer.from(file.base64, 'base64'));
    expect(addresses(mail.to)).toEqual(['dana@acme.example']);
    expect(mail.attachments).toHaveLength(1);
    expect(t.ledger.db.prepare('SELECT COUNT(*) FROM mail_message').pluck().get()).toBe(0);
  });
});
