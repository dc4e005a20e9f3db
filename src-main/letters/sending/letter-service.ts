import { ledgerMoney } from '../../money/ledger-money';
import fs from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { ArchivedLetterFile, LetterChannel, LettersDueGroup, LettersReview, LettersReviewSchema, LettersSendSchema, LettersSent, LetterSummary } from '../../contract/letters';
import { reviewLetters } from './letter-review';
import { localDateTime } from '../../money/dates';
import { ServiceError } from '../../contract/service-error';
import { WorklistService } from '../../worklist/worklist-service';
import { collectable, type CustomerCollectable } from '../../collectable/collectable';
import { inlineValues, isDemand, isStatement, letterData, letterSettings, longDate, missingData, nothingAskable, nothingAskableMessage } from '../letter-context';
import { mergeLetter } from '../merge-letter';
import { writeLettersPdf, type LetterToRender } from '../render/letter-pdf';
import { currentTemplate, usedFields, type TemplateVersion } from '../templates/template-store';
import { letterheadGaps, letterheadMessage } from '../letterhead-readiness';
import { ArchiveWriter, archivedPath, hashFile, removeStaleBatches } from './archive';
import { writeTransaction } from '../../ledger/write-transaction';
import type { StepChannel } from '../../contract/policy';
import { recipientsOf } from '../../mail/recipients';
import type { JobContext } from '../../contract/jobs';
import { noJob } from '../../jobs/job-context';

/** One letter to print: whom to, from which template version, how it goes out, and the policy tasks it carries out. */
export interface BatchItem {
  customerId: number;
  template: TemplateVersion;
  channel: LetterChannel;
  taskIds: number[];
}

const CHANNEL_WORDS: Record<LetterChannel, string> = {
  mail: 'by mail',
  certified_mail: 'by certified mail',
  email_pdf: 'as an email-ready PDF',
  email: 'by email',
};

/** The policy actions that a letter carries out. */
export const LETTER_ACTIONS = ['letter', 'certified_letter', 'escalate_principal'] as const;

/** A letter task that is due but not offered: its letter is a demand and nothing past due may be asked for. */
export interface HeldLetterTask {
  taskId: number;
  customerId: number;
  customerName: string;
  template: string;
  reason: string;
}

export interface Rendered {
  item: BatchItem;
  subject: string;
  totalDue: number;
  resolutionDate: string;
  /** An open-item statement: on the timeline as "Statement sent", and its total is the amount its slip asks for. */
  statement: boolean;
}

/**
 * Sending letters: every letter of a batch is rendered into ONE PDF written straight into the
 * archive (hashed on the way), then one transaction records the file, a letter row and a
 * timeline entry per customer, and closes the policy tasks the batch carried out. If anything
 * fails, the file is removed and nothing is written: the archive and the ledger always agree.
 */
export class LetterService {
  private readonly worklist: WorklistService;

  constructor(
    private readonly db: Database,
    private readonly ledgerPath: string,
    private readonly now: () => Date = () => new Date(),
    /** The worklist the letters due are read from (the overview passes one that only reads). */
    worklist?: WorklistService,
  ) {
    this.worklist = worklist ?? new WorklistService(db, now);
  }

  async send(x: z.output<typeof LettersSendSchema>, job: JobContext = noJob): Promise<LettersSent> {
    const template = this.template(x.templateId);
    const customerIds = [...new Set(x.customerIds)];
    const tasks = x.taskIds.length > 0 ? this.tasksByCustomer(x.taskIds, customerIds) : this.matchingTasks(template.name, customerIds, x.letterDate);
    return this.sendBatch(
      customerIds.map((customerId) => ({ customerId, template, channel: x.channel, taskIds: tasks.get(customerId) ?? [] })),
      x.letterDate,
      x.by,
      job,
    );
  }

  /** The letters `send` would make with the same input, for the clerk to check: nothing is rendered or recorded. */
  review(x: z.output<typeof LettersReviewSchema>): LettersReview {
    const template = this.template(x.templateId);
    const customerIds = [...new Set(x.customerIds)];
    this.checkCustomers(customerIds);
    const tasks = x.taskIds.length > 0 ? this.tasksByCustomer(x.taskIds, customerIds) : this.matchingTasks(template.name, customerIds, x.letterDate);
    return reviewLetters(this.db, template, customerIds, tasks, x.channel, x.letterDate);
  }

  /** Letters to several customers, possibly from different templates (the CLI's "everything due today"), as one PDF. */
  async sendBatch(items: BatchItem[], letterDate: string, by: string | null, job: JobContext = noJob): Promise<LettersSent> {
    if (items.length === 0) throw new ServiceError('validation', 'Choose at least one customer to write to.', { customerIds: 'Choose at least one customer' });
    if (items.some((i) => i.channel === 'email')) {
      throw new ServiceError('validation', 'Letters by email go through the mail server: send them with mail.send (settle letters batch --channel email).', { channel: 'Send by email instead' });
    }
    this.checkCustomers(items.map((i) => i.customerId));
    // Before anything is rendered or written: a batch signed "Our company" with no address or
    // phone is worse than none, and would be on record as sent.
    refuseEmptyLetterhead(letterSettings(this.db), items.map((i) => i.template));
    const codes = new Map(
      (this.db.prepare('SELECT id, code FROM customer WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(items.map((i) => i.customerId))) as { id: number; code: string }[]).map(
        (c) => [c.id, c.code],
      ),
    );
    const fieldsOf = new Map<number, string[]>();
    const skipped: LettersSent['skipped'] = [];
    const rendered: Rendered[] = [];
    const db = this.db;

    // Each letter's data is read only when the renderer asks for it, so memory stays flat however long the batch.
    function* letters(): Generator<LetterToRender> {
      let done = 0;
      for (const item of items) {
        // A cancel stops the renderer; the half-written file is discarded below and nothing recorded.
        job.checkCancelled();
        job.progress(done++, items.length, 'Letters');
        const t = item.template;
        if (!fieldsOf.has(t.versionId)) fieldsOf.set(t.versionId, usedFields(t.subject, t.body));
        const fields = fieldsOf.get(t.versionId)!;
        const data = letterData(db, item.customerId, letterDate, t.addressedTo);
        // Also refuses a demand to a customer with nothing past due that may be asked for on the
        // letter's date, whoever asked for it (a policy task, the aging grid, the CLI).
        const reason = missingData(fields, data);
        if (reason) {
          skipped.push({ customerId: item.customerId, reason });
          continue;
        }
        const merged = mergeLetter(t.subject, t.body, inlineValues(data));
        const statement = isStatement(fields);
        rendered.push({ item, subject: merged.subject, totalDue: statement ? data.statement.toPay : data.totals.due, resolutionDate: data.resolutionDate, statement });
        yield { merged, data };
      }
    }

    // Nothing is written for a batch in which every customer is skipped: look for the first letter before opening a file.
    const source = letters();
    const first = source.next();
    if (first.done) {
      throw new ServiceError('validation', skipped.length === 1 ? skipped[0].reason : `None of these customers can be sent this letter: ${skipped.map((s) => s.reason).join(' ')}`, {
        customerIds: 'No letter to send',
      });
    }
    const all = (function* () {
      yield first.value;
      yield* source;
    })();

    const writer = new ArchiveWriter(this.ledgerPath, letterDate);
    try {
      const { placements, pages } = await writeLettersPdf(all, writer, letterSettings(this.db));
      if (placements.length !== rendered.length) throw new Error(`The renderer placed ${placements.length} letters of ${rendered.length}`);
      const at = this.now();
      const label = rendered.length === 1 ? fileSafe(codes.get(rendered[0].item.customerId) ?? 'letter') : 'batch';
      job.checkCancelled();
      job.progress(items.length, items.length, 'Recording');
      const result = writeTransaction(this.db, () => {
        const file = writer.commit(this.db, label, pages, at.toISOString());
        const sent = rendered.map((r, n) => ({ ...this.record(r, file.fileId, placements[n], letterDate, by, at), customerId: r.item.customerId }));
        return { fileId: file.fileId, fileName: file.fileName, pages, letters: sent, skipped };
      })();
      // Batches an earlier, killed print left behind were never recorded: tidy them once a send works.
      removeStaleBatches(this.ledgerPath);
      return result;
    } catch (err) {
      writer.discard();
      throw err;
    }
  }

  /**
   * One customer's letter in the ledger: its timeline entry, its row, and the tasks it carried
   * out. Also how an email is recorded once the server has accepted it (mail/mail-service.ts).
   */
  record(r: Rendered, fileId: number, placement: { firstPage: number; pageCount: number }, letterDate: string, by: string | null, at: Date) {
    const t = r.item.template;
    const summary = r.statement
      ? `Statement sent: as of ${longDate(letterDate)}, ${t.name} (version ${t.version}) ${CHANNEL_WORDS[r.item.channel]} — "${r.subject}"`
      : `Letter sent: ${t.name} (version ${t.version}) ${CHANNEL_WORDS[r.item.channel]} — "${r.subject}"`;
    const activityId = Number(
      this.db
        .prepare(`INSERT INTO activity (customer_id, kind, occurred_at, recorded_at, author, direction, summary) VALUES (?, 'letter', ?, ?, ?, 'outbound', ?)`)
        .run(r.item.customerId, `${letterDate}${localDateTime(at).slice(10)}`, at.toISOString(), by, summary).lastInsertRowid,
    );
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO letter (customer_id, template_version_id, activity_id, file_id, first_page, page_count, channel, letter_date, resolution_date, subject, total_due, task_id, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          r.item.customerId,
          t.versionId,
          activityId,
          fileId,
          placement.firstPage,
          placement.pageCount,
          r.item.channel,
          letterDate,
          r.resolutionDate,
          r.subject,
          r.totalDue,
          r.item.taskIds[0] ?? null,
          at.toISOString(),
        ).lastInsertRowid,
    );
    for (const taskId of r.item.taskIds) {
      this.worklist.act({ source: 'task', sourceId: taskId, action: 'done', note: `${t.name} sent ${CHANNEL_WORDS[r.item.channel]}`, today: letterDate });
    }
    return { id, firstPage: placement.firstPage, pageCount: placement.pageCount };
  }

  private checkCustomers(ids: number[]): void {
    const found = new Set(this.db.prepare('SELECT id FROM customer WHERE id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(ids)) as number[]);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw new ServiceError('not_found', `No customer ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? '…' : ''}.`, { customerIds: `${missing.length} of these customers do not exist` });
    }
  }

  /** The tasks must be open and belong to customers in the batch; each is closed when its customer's letter is recorded. */
  tasksByCustomer(taskIds: number[], customerIds: number[]): Map<number, number[]> {
    const out = new Map<number, number[]>();
    if (taskIds.length === 0) return out;
    const ids = [...new Set(taskIds)];
    const rows = this.db.prepare('SELECT id, customer_id, status FROM task WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as {
      id: number;
      customer_id: number;
      status: string;
    }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const inBatch = new Set(customerIds);
    for (const id of ids) {
      const row = byId.get(id);
      if (!row) throw new ServiceError('not_found', `Task ${id} does not exist.`, { taskIds: `No task ${id}` });
      if (row.status !== 'open') throw new ServiceError('conflict', `Task ${id} is already closed (${row.status}).`, { taskIds: `Task ${id} is already ${row.status}` });
      if (!inBatch.has(row.customer_id)) throw new ServiceError('validation', `Task ${id} is for a customer who is not in this batch.`, { taskIds: `Task ${id} is for another customer` });
      out.set(row.customer_id, [...(out.get(row.customer_id) ?? []), id]);
    }
    return out;
  }

  /**
   * Without named tasks (a letter from the aging grid), the open letter tasks this same letter
   * carries out: the policy asked these customers for this template, and it has now been sent.
   */
  matchingTasks(templateName: string, customerIds: number[], letterDate: string): Map<number, number[]> {
    const rows = this.db
      .prepare(
        `SELECT id, customer_id FROM task
          WHERE status = 'open' AND due_date <= @letterDate AND template = @templateName COLLATE NOCASE
            AND action IN (SELECT value FROM json_each(@actions)) AND customer_id IN (SELECT value FROM json_each(@customers))
          ORDER BY id`,
      )
      .all({ letterDate, templateName, actions: JSON.stringify(LETTER_ACTIONS), customers: JSON.stringify(customerIds) }) as { id: number; customer_id: number }[];
    const out = new Map<number, number[]>();
    for (const r of rows) out.set(r.customer_id, [...(out.get(r.customer_id) ?? []), r.id]);
    return out;
  }

  /** An archived PDF, checked against its SHA-256 first: an altered file is refused, never served as if it were what was sent. */
  file(fileId: number): ArchivedLetterFile {
    const row = this.db.prepare('SELECT id, path, sha256, bytes FROM letter_file WHERE id = ?').get(fileId) as { id: number; path: string; sha256: string; bytes: number } | undefined;
    if (!row) throw new ServiceError('not_found', `There is no letter file ${fileId}.`, { fileId: 'No such file' });
    const file = archivedPath(this.ledgerPath, row.path);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      throw new ServiceError('not_found', `The archived letter ${row.path} is missing from ${archivedPath(this.ledgerPath, '')}. Run "settle letters verify" to check the whole archive.`, {
        fileId: 'Missing from the archive',
      });
    }
    if (bytes.length !== row.bytes || hashFile(file).sha256 !== row.sha256) {
      throw new ServiceError('conflict', `The archived letter ${row.path} has been altered since it was sent (its SHA-256 no longer matches), so it is not shown as the letter sent.`, {
        fileId: 'Altered since it was sent',
      });
    }
    const fileName = row.path.split('/').pop()!;
    return { fileName, mimeType: fileName.toLowerCase().endsWith('.eml') ? 'message/rfc822' : 'application/pdf', base64: bytes.toString('base64') };
  }

  /** The customer's letters, newest first. */
  list(customerId: number): LetterSummary[] {
    if (!this.db.prepare('SELECT 1 FROM customer WHERE id = ?').get(customerId)) {
      throw new ServiceError('not_found', `Customer ${customerId} does not exist.`, { customerId: 'No such customer' });
    }
    return (this.db.prepare(`${LETTER_SELECT} WHERE l.customer_id = ? ORDER BY l.id DESC`).all(customerId) as LetterRow[]).map(toSummary);
  }

  /**
   * The open letter tasks due today (as the worklist shows them: snoozed and skipped ones left
   * out, overrides applied), grouped by template in the worklist's priority order. A demand for
   * a customer with nothing past due that may be asked for today is not offered: sending it
   * would be refused.
   */
  dueToday(today: string, options: { email?: boolean } = {}): LettersDueGroup[] {
    return this.lettersDue(today, options).groups;
  }

  /** dueToday, with the tasks it leaves out and why, for callers that can report them (the CLI). */
  lettersDue(today: string, options: { email?: boolean } = {}): { groups: LettersDueGroup[]; held: HeldLetterTask[] } {
    const list = this.worklist.list(today, null, undefined, { offset: 0, limit: Number.MAX_SAFE_INTEGER });
    const groups = new Map<string, LettersDueGroup>();
    const held: HeldLetterTask[] = [];
    const demands = new Map<string, boolean>();
    let owed: Map<number, CustomerCollectable> | null = null;
    const money = ledgerMoney(this.db);
    const stepChannel = this.db.prepare('SELECT s.channel FROM task t JOIN policy_step s ON s.id = t.step_id WHERE t.id = ?').pluck();
    const addressedTo = new Map<string, TemplateVersion['addressedTo'] | null>();
    for (const item of list.items) {
      if (item.source !== 'task' || !item.template || !(LETTER_ACTIONS as readonly string[]).includes(item.action)) continue;
      const name = item.template.toLowerCase();
      if (!demands.has(name)) demands.set(name, this.isDemandTemplate(item.template));
      if (demands.get(name)) {
        // One read of every customer's collectable money, and only when a demand is due at all.
        owed ??= collectable(this.db, today);
        const c = owed.get(item.customerId);
        const why = c ? nothingAskable(c, money) : 'nothing is past due';
        if (why !== null) {
          held.push({ taskId: item.sourceId, customerId: item.customerId, customerName: item.customerName, template: item.template, reason: nothingAskableMessage(item.customerName, today, why) });
          continue;
        }
      }
      let channel: LettersDueGroup['channel'] = item.action === 'certified_letter' ? 'certified_mail' : 'mail';
      const wants = item.action === 'certified_letter' || !options.email ? 'print' : ((stepChannel.get(item.sourceId) as StepChannel | undefined) ?? 'print');
      if (wants !== 'print') {
        if (!addressedTo.has(name)) addressedTo.set(name, this.addresseeOf(item.template));
        const to = addressedTo.get(name);
        const emailable = to != null && recipientsOf(this.db, item.customerId, to, null, null).to.length > 0;
        if (emailable) channel = 'email';
        else if (wants === 'email') {
          held.push({ taskId: item.sourceId, customerId: item.customerId, customerName: item.customerName, template: item.template, reason: to == null ? `“${item.template}” has no email text` : `${item.customerName} has no email address` });
          continue;
        }
      }
      const key = `${name}|${channel}`;
      let group = groups.get(key);
      if (!group) {
        group = { template: item.template, templateId: this.templateIdByName(item.template), channel, tasks: [] };
        groups.set(key, group);
      }
      group.tasks.push({ taskId: item.sourceId, customerId: item.customerId, customerName: item.customerName });
    }
    return { groups: [...groups.values()], held };
  }

  /** Whom a template writes to, or null when there is no such template (or it has no email text: it is printed). */
  private addresseeOf(name: string): TemplateVersion['addressedTo'] | null {
    try {
      const t = currentTemplate(this.db, name);
      return t.emailBody ? t.addressedTo : null;
    } catch (err) {
      if (err instanceof ServiceError && err.code === 'not_found') return null;
      throw err;
    }
  }

  /** Whether the template's current version is a demand; a template that does not exist is left for the caller to report. */
  private isDemandTemplate(name: string): boolean {
    try {
      const t = currentTemplate(this.db, name);
      return isDemand(usedFields(t.subject, t.body));
    } catch (err) {
      if (err instanceof ServiceError && err.code === 'not_found') return false;
      throw err;
    }
  }

  private template(templateId: number): TemplateVersion {
    try {
      return currentTemplate(this.db, templateId);
    } catch (err) {
      if (err instanceof ServiceError && err.code === 'not_found') throw new ServiceError('not_found', err.message, { templateId: 'No such template' });
      throw err;
    }
  }

  private templateIdByName(name: string): number | null {
    try {
      return currentTemplate(this.db, name).templateId;
    } catch (err) {
      if (err instanceof ServiceError && err.code === 'not_found') return null;
      throw err;
    }
  }
}

/** Refuses a batch whose templates would print sender details that are blank or a new ledger's placeholders. */
export function refuseEmptyLetterhead(settings: ReturnType<typeof letterSettings>, templates: TemplateVersion[]): void {
  const fields = new Set<string>();
  for (const t of new Map(templates.map((t) => [t.versionId, t])).values()) for (const f of usedFields(t.subject, t.body)) fields.add(f);
  const gaps = letterheadGaps(settings, [...fields]);
  if (gaps.length > 0) throw new ServiceError('validation', letterheadMessage(gaps), { letterhead: gaps.map((g) => g.label).join(', ') });
}

function fileSafe(code: string): string {
  return code.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40) || 'letter';
}

export const LETTER_SELECT = `
  SELECT l.id, l.customer_id, l.activity_id, v.template_id, t.name AS template_name, v.version, l.channel, l.letter_date, l.resolution_date, l.subject,
         l.total_due, l.file_id, l.first_page, l.page_count, l.created_at,
         c.tracking_number, c.mailed_on, c.return_receipt_on, c.signed_by
    FROM letter l
    JOIN letter_template_version v ON v.id = l.template_version_id
    JOIN letter_template t ON t.id = v.template_id
    LEFT JOIN certified_mail c ON c.letter_id = l.id`;

export interface LetterRow {
  id: number;
  customer_id: number;
  activity_id: number;
  template_id: number;
  template_name: string;
  version: number;
  channel: LetterChannel;
  letter_date: string;
  resolution_date: string | null;
  subject: string;
  total_due: number;
  file_id: number;
  first_page: number;
  page_count: number;
  created_at: string;
  tracking_number: string | null;
  mailed_on: string | null;
  return_receipt_on: string | null;
  signed_by: string | null;
}

export function toSummary(r: LetterRow): LetterSummary {
  return {
    id: r.id,
    customerId: r.customer_id,
    activityId: r.activity_id,
    templateId: r.template_id,
    templateName: r.template_name,
    version: r.version,
    channel: r.channel,
    letterDate: r.letter_date,
    resolutionDate: r.resolution_date,
    subject: r.subject,
    totalDue: r.total_due,
    fileId: r.file_id,
    firstPage: r.first_page,
    pageCount: r.page_count,
    certified:
      r.channel === 'certified_mail'
        ? { trackingNumber: r.tracking_number, mailedOn: r.mailed_on, returnReceiptOn: r.return_receipt_on, signedBy: r.signed_by }
        : null,
    createdAt: r.created_at,
  };
}
