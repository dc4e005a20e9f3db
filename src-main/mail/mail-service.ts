import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type {
  MailBatchResult,
  MailEmlFile,
  MailEmlSchema,
  MailListSchema,
  MailMessage,
  MailRecipients,
  MailResult,
  MailRetrySchema,
  MailSendSchema,
  MailSettings,
  MailTestResult,
} from '../contract/mail';
import type { JobContext } from '../contract/jobs';
import { ServiceError } from '../contract/service-error';
import { noJob } from '../jobs/job-context';
import { writeTransaction } from '../ledger/write-transaction';
import { inlineValues, isStatement, letterData, letterSettings, missingData, type LetterData } from '../letters/letter-context';
import { mergeLetter } from '../letters/merge-letter';
import { renderLettersPdf } from '../letters/render/letter-pdf';
import { archivedPath, hashFile, storeArchivedFile } from '../letters/sending/archive';
import { refuseEmptyLetterhead, type LetterService } from '../letters/sending/letter-service';
import { currentTemplate, templateVersion, usedFields, type TemplateVersion } from '../letters/templates/template-store';
import { composeMessage, type Envelope } from './compose';
import type { CredentialStore } from './credentials';
import { emailText } from './email-text';
import { readMailSettings } from './mail-settings';
import { isSettled, sentForKey, SETTLED_SQL } from './never-twice';
import { ccRolesOfTasks, recipientsOf } from './recipients';
import { smtpTransport, type MailTransport, type TransportFactory } from './transport';

/** One message made ready: its archived bytes and what it will be recorded as. */
interface Prepared {
  customerId: number;
  template: TemplateVersion;
  letterDate: string;
  subject: string;
  recipients: MailRecipients;
  envelope: Envelope;
  taskIds: number[];
  fileId: number;
  pages: number;
  totalDue: number;
  resolutionDate: string;
  statement: boolean;
}

/**
 * Letters by email through the ledger's own mail server. For each customer the message is built
 * once (text, HTML and the letter PDF from the same merge), archived as the exact .eml with its
 * SHA-256 (a letter_file row) BEFORE it is handed to the server, and those same bytes are sent.
 * Every attempt is recorded in mail_message with the server's answer; only an accepted message
 * becomes a letter (channel email) on the timeline and closes the tasks it carried out.
 */
export class MailService {
  constructor(
    private readonly db: Database,
    private readonly ledgerPath: string,
    private readonly letters: LetterService,
    private readonly credentials: CredentialStore,
    private readonly now: () => Date = () => new Date(),
    private readonly transport: TransportFactory = smtpTransport,
  ) {}

  private settings(): MailSettings {
    const s = readMailSettings(this.db);
    if (!s) throw new ServiceError('validation', 'Set up the mail server first (Settings → Email, or settle mail set).', { mail: 'No mail server set up' });
    return s;
  }

  private open(settings: MailSettings): MailTransport {
    const { password } = this.credentials.read();
    if (settings.user && !password) {
      throw new ServiceError('validation', `The mail server needs the password for ${settings.user}: enter it in Settings → Email (or set SETTLE_SMTP_PASSWORD).`, {
        password: 'Enter the password',
      });
    }
    return this.transport(settings, password);
  }

  /** A short message to one address, to check the settings; its answer, whatever it is. */
  async test(to: string): Promise<MailTestResult> {
    const settings = this.settings();
    const transport = this.open(settings);
    try {
      const text = { subject: 'Settle: test message', text: 'This is a test message from Settle. Your mail settings work.\n', html: '<p>This is a test message from Settle. Your mail settings work.</p>' };
      const { raw, envelope } = await composeMessage({ settings, recipients: { to: [to], cc: [], bcc: [] }, text, pdf: null, date: this.now() });
      const answer = await transport.send(envelope, raw);
      return { ok: answer.accepted.length > 0 && answer.rejected.length === 0, response: answer.response, accepted: answer.accepted, rejected: answer.rejected };
    } finally {
      transport.close();
    }
  }

  async send(x: z.output<typeof MailSendSchema>, job: JobContext = noJob): Promise<MailBatchResult> {
    const settings = this.settings();
    const template = currentTemplate(this.db, x.templateId);
    if (!template.emailSubject || !template.emailBody) {
      throw new ServiceError('validation', `“${template.name}” has no email text yet: add its email subject and body in Settings → Templates.`, { templateId: 'No email text' });
    }
    const customerIds = [...new Set(x.customerIds)];
    this.checkCustomers(customerIds);
    refuseEmptyLetterhead(letterSettings(this.db), [{ ...template, body: `${template.body}\n${template.emailBody}`, subject: `${template.subject} ${template.emailSubject}` }]);
    const tasks = x.taskIds.length > 0 ? this.letters.tasksByCustomer(x.taskIds, customerIds) : this.letters.matchingTasks(template.name, customerIds, x.letterDate);
    const transport = this.open(settings);
    const results: MailResult[] = [];
    try {
      for (const [n, customerId] of customerIds.entries()) {
        if (this.cancelled(job)) {
          for (const rest of customerIds.slice(n)) results.push({ customerId: rest, status: 'skipped', response: 'Cancelled before it was sent', messageId: null, letterId: null });
          break;
        }
        job.progress(n, customerIds.length, 'Messages');
        results.push(await this.sendOne(transport, settings, template, customerId, x.letterDate, tasks.get(customerId) ?? [], x.again, x.by));
      }
    } finally {
      transport.close();
    }
    job.progress(customerIds.length, customerIds.length, 'Messages');
    return summarise(results);
  }

  /** Sends the named failed attempts again, byte for byte from the archive; one sent since is skipped. */
  async retry(x: z.output<typeof MailRetrySchema>, job: JobContext = noJob): Promise<MailBatchResult> {
    const settings = this.settings();
    const ids = [...new Set(x.messageIds)];
    const rows = this.db.prepare('SELECT * FROM mail_message WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as MessageRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of ids) {
      const r = byId.get(id);
      if (!r) throw new ServiceError('not_found', `There is no email attempt ${id}.`, { messageIds: `No message ${id}` });
      if (r.status !== 'failed') throw new ServiceError('validation', `Message ${id} was sent; only a failed message can be sent again.`, { messageIds: `Message ${id} was sent` });
    }
    const transport = this.open(settings);
    const results: MailResult[] = [];
    try {
      for (const [n, id] of ids.entries()) {
        const r = byId.get(id)!;
        if (this.cancelled(job)) {
          for (const rest of ids.slice(n)) results.push({ customerId: byId.get(rest)!.customer_id, status: 'skipped', response: 'Cancelled before it was sent', messageId: rest, letterId: null });
          break;
        }
        job.progress(n, ids.length, 'Messages');
        if (isSettled(this.db, id)) {
          results.push({ customerId: r.customer_id, status: 'skipped', response: 'Already sent since this attempt failed', messageId: id, letterId: null });
          continue;
        }
        const file = this.db.prepare('SELECT path, sha256, bytes, pages FROM letter_file WHERE id = ?').get(r.file_id) as { path: string; sha256: string; bytes: number; pages: number };
        const where = archivedPath(this.ledgerPath, file.path);
        if (!fs.existsSync(where) || hashFile(where).sha256 !== file.sha256) {
          results.push({ customerId: r.customer_id, status: 'skipped', response: `The archived message ${file.path} is missing or altered: run "settle letters verify"`, messageId: id, letterId: null });
          continue;
        }
        const recipients = JSON.parse(r.recipients) as MailRecipients;
        const data = letterData(this.db, r.customer_id, r.letter_date, templateVersion(this.db, r.template_version_id).addressedTo);
        const t = templateVersion(this.db, r.template_version_id);
        const fields = usedFields(t.subject, t.body);
        const statement = isStatement(fields);
        const prepared: Prepared = {
          customerId: r.customer_id,
          template: t,
          letterDate: r.letter_date,
          subject: r.subject,
          recipients,
          envelope: { from: settings.fromAddress, to: [...recipients.to, ...recipients.cc, ...recipients.bcc] },
          taskIds: JSON.parse(r.task_ids) as number[],
          fileId: r.file_id,
          pages: file.pages,
          totalDue: statement ? data.statement.toPay : data.totals.due,
          resolutionDate: data.resolutionDate,
          statement,
        };
        results.push(await this.deliver(transport, prepared, fs.readFileSync(where), x.by, id));
      }
    } finally {
      transport.close();
    }
    return summarise(results);
  }

  /** The message one customer would get, as .eml bytes for the clerk's own mail program. Nothing is archived or recorded. */
  async eml(x: z.output<typeof MailEmlSchema>): Promise<MailEmlFile> {
    const template = currentTemplate(this.db, x.templateId);
    if (!template.emailSubject || !template.emailBody) {
      throw new ServiceError('validation', `“${template.name}” has no email text yet: add its email subject and body in Settings → Templates.`, { templateId: 'No email text' });
    }
    this.checkCustomers([x.customerId]);
    const settings = readMailSettings(this.db) ?? this.offlineSender();
    const data = letterData(this.db, x.customerId, x.letterDate, template.addressedTo);
    const blocked = missingData(usedFields(template.subject, template.body), data);
    if (blocked) throw new ServiceError('validation', blocked, { customerId: 'No letter for this customer' });
    const tasks = this.letters.matchingTasks(template.name, [x.customerId], x.letterDate).get(x.customerId) ?? [];
    const recipients = recipientsOf(this.db, x.customerId, template.addressedTo, ccRolesOfTasks(this.db, tasks), null);
    const built = await this.build(settings, template, data, recipients);
    const code = this.db.prepare('SELECT code FROM customer WHERE id = ?').pluck().get(x.customerId) as string;
    return { fileName: `${x.letterDate}-${fileSafe(code)}-${fileSafe(template.name)}.eml`, mimeType: 'message/rfc822', base64: built.raw.toString('base64') };
  }

  /** Attempts, newest first. */
  list(x: z.output<typeof MailListSchema>): MailMessage[] {
    const rows = this.db
      .prepare(
        `SELECT m.*, c.name AS customer_name, v.template_id, t.name AS template_name, v.version, f.sha256, ${SETTLED_SQL} AS settled
           FROM mail_message m
           JOIN customer c ON c.id = m.customer_id
           JOIN letter_template_version v ON v.id = m.template_version_id
           JOIN letter_template t ON t.id = v.template_id
           JOIN letter_file f ON f.id = m.file_id
          WHERE (@customerId IS NULL OR m.customer_id = @customerId) AND (@status IS NULL OR m.status = @status) AND (@letterDate IS NULL OR m.letter_date = @letterDate)
          ORDER BY m.id DESC LIMIT @limit`,
      )
      .all({ customerId: x.customerId ?? null, status: x.status ?? null, letterDate: x.letterDate ?? null, limit: x.limit }) as (MessageRow & {
      customer_name: string;
      template_id: number;
      template_name: string;
      version: number;
      sha256: string;
      settled: number;
    })[];
    return rows.map((r) => ({
      id: r.id,
      customerId: r.customer_id,
      customerName: r.customer_name,
      templateId: r.template_id,
      templateName: r.template_name,
      version: r.version,
      letterDate: r.letter_date,
      subject: r.subject,
      recipients: JSON.parse(r.recipients) as MailRecipients,
      status: r.status,
      response: r.response,
      attemptedAt: r.attempted_at,
      letterId: r.letter_id,
      fileId: r.file_id,
      sha256: r.sha256,
      settled: r.status === 'sent' || r.settled === 1,
    }));
  }

  private async sendOne(
    transport: MailTransport,
    settings: MailSettings,
    template: TemplateVersion,
    customerId: number,
    letterDate: string,
    taskIds: number[],
    again: boolean,
    by: string | null,
  ): Promise<MailResult> {
    const skip = (response: string): MailResult => ({ customerId, status: 'skipped', response, messageId: null, letterId: null });
    if (!again && sentForKey(this.db, customerId, template.templateId, letterDate)) {
      return skip(`“${template.name}” already went to this customer by email on ${letterDate}: send it again only if you mean to (again).`);
    }
    const recipients = recipientsOf(this.db, customerId, template.addressedTo, ccRolesOfTasks(this.db, taskIds), settings.bccSelf ? settings.fromAddress : null);
    if (recipients.to.length === 0) return skip('No email address: print this letter instead.');
    const data = letterData(this.db, customerId, letterDate, template.addressedTo);
    const fields = usedFields(template.subject, template.body);
    const blocked = missingData(fields, data);
    if (blocked) return skip(blocked);
    const built = await this.build(settings, template, data, recipients);
    const code = data.customer.code;
    const statement = isStatement(fields);
    // Archived before the server sees it: whatever happens next, the bytes on record are the ones sent.
    const stored = `${letterDate.slice(0, 4)}/${letterDate.slice(5, 7)}/${letterDate}-${fileSafe(code)}-${randomBytes(4).toString('hex')}.eml`;
    const fileId = storeArchivedFile(this.ledgerPath, 'letters', stored, built.raw, (digest) =>
      writeTransaction(this.db, () =>
        Number(
          this.db
            .prepare('INSERT INTO letter_file (path, sha256, bytes, pages, created_at) VALUES (?, ?, ?, ?, ?)')
            .run(stored, digest.sha256, digest.bytes, built.pages, this.now().toISOString()).lastInsertRowid,
        ),
      )(),
    );
    const prepared: Prepared = {
      customerId,
      template,
      letterDate,
      subject: built.subject,
      recipients,
      envelope: built.envelope,
      taskIds,
      fileId,
      pages: built.pages,
      totalDue: statement ? data.statement.toPay : data.totals.due,
      resolutionDate: data.resolutionDate,
      statement,
    };
    return this.deliver(transport, prepared, built.raw, by, null);
  }

  /** Hands the bytes to the server and records the attempt; an accepted message becomes a letter. */
  private async deliver(transport: MailTransport, p: Prepared, raw: Buffer, by: string | null, retryOf: number | null): Promise<MailResult> {
    const answer = await transport.send(p.envelope, raw);
    // Sent once the server took it for someone it is addressed To; a refused Cc is noted in the answer.
    const sent = p.recipients.to.some((a) => answer.accepted.some((x) => x.toLowerCase() === a.toLowerCase()));
    const response = answer.response;
    const at = this.now();
    return writeTransaction(this.db, () => {
      let letterId: number | null = null;
      if (sent) {
        const open = p.taskIds.filter((id) => this.db.prepare(`SELECT 1 FROM task WHERE id = ? AND status = 'open'`).get(id));
        letterId = this.letters.record(
          {
            item: { customerId: p.customerId, template: p.template, channel: 'email', taskIds: open },
            subject: p.subject,
            totalDue: p.totalDue,
            resolutionDate: p.resolutionDate,
            statement: p.statement,
          },
          p.fileId,
          { firstPage: 1, pageCount: p.pages },
          p.letterDate,
          by,
          at,
        ).id;
      }
      const messageId = Number(
        this.db
          .prepare(
            `INSERT INTO mail_message (customer_id, template_version_id, letter_date, subject, recipients, task_ids, file_id, status, response, attempted_at, attempted_by, retry_of, letter_id)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            p.customerId,
            p.template.versionId,
            p.letterDate,
            p.subject,
            JSON.stringify(p.recipients),
            JSON.stringify(p.taskIds),
            p.fileId,
            sent ? 'sent' : 'failed',
            response || (sent ? 'Accepted' : 'Refused'),
            at.toISOString(),
            by,
            retryOf,
            letterId,
          ).lastInsertRowid,
      );
      return { customerId: p.customerId, status: sent ? 'sent' : 'failed', response, messageId, letterId } satisfies MailResult;
    })();
  }

  private async build(settings: MailSettings, template: TemplateVersion, data: LetterData, recipients: MailRecipients) {
    const text = emailText(template.emailSubject!, template.emailBody!, data);
    let pdf: { fileName: string; bytes: Buffer } | null = null;
    let pages = 1;
    if (template.attachPdf) {
      const merged = mergeLetter(template.subject, template.body, inlineValues(data));
      const rendered = await renderLettersPdf([{ merged, data }], data.settings);
      pdf = { fileName: `${fileSafe(template.name)}-${fileSafe(data.customer.code)}.pdf`, bytes: rendered.pdf };
      pages = rendered.pages;
    }
    const composed = await composeMessage({ settings, recipients, text, pdf, date: this.now() });
    return { ...composed, subject: text.subject, pages };
  }

  /** Without a mail server set up, a saved .eml still needs a From: the letterhead's email. */
  private offlineSender(): MailSettings {
    const s = letterSettings(this.db);
    if (!s.companyEmail) {
      throw new ServiceError('validation', 'Enter the company email in Settings → Letterhead (or set up the mail server) so the message has a sender.', { companyEmail: 'Needed as the sender' });
    }
    return { host: 'localhost', port: 25, tls: 'none', user: null, fromAddress: s.companyEmail, fromName: s.companyName, replyTo: null, bccSelf: false };
  }

  private cancelled(job: JobContext): boolean {
    try {
      job.checkCancelled();
      return false;
    } catch (err) {
      if (err instanceof ServiceError && err.code === 'cancelled') return true;
      throw err;
    }
  }

  private checkCustomers(ids: number[]): void {
    const found = new Set(this.db.prepare('SELECT id FROM customer WHERE id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(ids)) as number[]);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) throw new ServiceError('not_found', `No customer ${missing.slice(0, 5).join(', ')}.`, { customerIds: `${missing.length} of these customers do not exist` });
  }
}

interface MessageRow {
  id: number;
  customer_id: number;
  template_version_id: number;
  letter_date: string;
  subject: string;
  recipients: string;
  task_ids: string;
  file_id: number;
  status: 'sent' | 'failed';
  response: string;
  attempted_at: string;
  attempted_by: string | null;
  retry_of: number | null;
  letter_id: number | null;
}

function summarise(results: MailResult[]): MailBatchResult {
  const count = (s: MailResult['status']) => results.filter((r) => r.status === s).length;
  return { sent: count('sent'), failed: count('failed'), skipped: count('skipped'), results };
}

function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40) || 'message';
}
