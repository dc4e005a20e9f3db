import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type {
  TemplateArchiveSchema,
  TemplateDetail,
  TemplateFields,
  TemplatePreview,
  TemplatePreviewSchema,
  TemplateProblem,
  TemplateSaveSchema,
  TemplateSummary,
} from '../../contract/templates';
import { localDateTime } from '../../money/dates';
import { ServiceError } from '../../contract/service-error';
import { inlineValues, letterData, missingData } from '../letter-context';
import { BLOCK_FIELDS, INLINE_FIELDS, isInlineField } from '../merge-fields';
import { mergeLetter, type LetterBlock } from '../merge-letter';
import { renderLettersPdf } from '../render/letter-pdf';
import { checkEmailText, checkTemplate } from '../template-check';
import { insertVersion } from './insert-version';
import { emailText } from '../../mail/email-text';

const emailTextOf = (subject: string, body: string, data: Parameters<typeof emailText>[2]) => {
  const t = emailText(subject, body, data);
  return { subject: t.subject, text: t.text };
};
import { currentTemplate, templateVersion, usedFields } from './template-store';
import { writeTransaction } from '../../ledger/write-transaction';

const BLOCK_LABELS: Record<Exclude<LetterBlock['kind'], 'paragraph'>, string> = {
  open_items_table: '[open items table]',
  plan_schedule_table: '[payment plan schedule]',
  signature_lines: '[signature lines]',
  statement_items: '[statement items]',
  aging_summary: '[aging summary]',
  remittance_slip: '[remittance slip]',
};

/** A refused save names each problem beside the part it is in, with its line, as the editor shows it. */
export function problemsError(problems: TemplateProblem[]): ServiceError {
  const fields: Record<string, string> = {};
  for (const part of ['subject', 'body', 'emailSubject', 'emailBody'] as const) {
    const mine = problems.filter((p) => p.part === part);
    if (mine.length > 0) fields[part] = mine.map((p) => (part === 'body' || part === 'emailBody' ? `Line ${p.line}: ${p.message}` : p.message)).join('\n');
  }
  const message = problems.length === 1 ? 'The template has a problem: fix it before saving.' : `The template has ${problems.length} problems: fix them before saving.`;
  return new ServiceError('validation', message, fields);
}

export function mergeFieldList(): TemplateFields {
  const list = (fields: Record<string, string>) => Object.entries(fields).map(([name, description]) => ({ name, description }));
  return { inline: list(INLINE_FIELDS), blocks: list(BLOCK_FIELDS) };
}

/** Templates as the editor sees them: the list, one template with its history, saving a new version, and previews. */
export class TemplateService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): TemplateSummary[] {
    const rows = this.db
      .prepare(
        `SELECT t.id, t.name, v.version, v.id AS versionId, v.tone, v.addressed_to AS addressedTo, v.subject,
                v.email_body IS NOT NULL AS hasEmail, v.created_at AS updatedAt, t.archived
           FROM letter_template t
           JOIN letter_template_version v
             ON v.template_id = t.id AND v.version = (SELECT MAX(version) FROM letter_template_version WHERE template_id = t.id)
          ORDER BY v.tone, t.name`,
      )
      .all() as (Omit<TemplateSummary, 'archived' | 'hasEmail'> & { archived: number; hasEmail: number })[];
    return rows.map((r) => ({ ...r, hasEmail: r.hasEmail === 1, archived: r.archived === 1 }));
  }

  get(id: number, versionId?: number): TemplateDetail {
    const current = currentTemplate(this.db, id);
    const shown = versionId === undefined ? current : templateVersion(this.db, versionId);
    if (shown.templateId !== id) throw new ServiceError('not_found', `Version ${versionId} is not a version of “${current.name}”.`, { versionId: 'Not a version of this template' });
    const archived = this.db.prepare('SELECT archived FROM letter_template WHERE id = ?').pluck().get(id) === 1;
    const history = this.db
      .prepare('SELECT id AS versionId, version, created_at AS createdAt, created_by AS createdBy FROM letter_template_version WHERE template_id = ? ORDER BY version DESC')
      .all(id) as TemplateDetail['history'];
    // A past version shows under the template's name today: the name belongs to the template, not the version.
    return { ...shown, name: current.name, archived, current: shown.versionId === current.versionId, history };
  }

  /**
   * Saves a new template, or the next version of one. Nothing is written when the text has a
   * problem, the name is taken, or nothing changed. Renaming a template carries the policy's
   * steps and open tasks that name it along, so they keep finding their letter.
   */
  save(input: z.output<typeof TemplateSaveSchema>): TemplateDetail {
    const kept = input.id === undefined ? null : currentTemplate(this.db, input.id);
    // Email text left out is kept as it is: an editor that does not show it never wipes it.
    const x = {
      ...input,
      emailSubject: input.emailSubject === undefined ? (kept?.emailSubject ?? null) : input.emailSubject,
      emailBody: input.emailBody === undefined ? (kept?.emailBody ?? null) : input.emailBody,
      attachPdf: input.attachPdf ?? kept?.attachPdf ?? true,
    };
    const problems = [...checkTemplate(x.subject, x.body), ...checkEmailText(x.emailSubject, x.emailBody)];
    if (problems.length > 0) throw problemsError(problems);
    const templateId = writeTransaction(this.db, () => {
      const current = x.id === undefined ? null : currentTemplate(this.db, x.id);
      const clash = this.db.prepare('SELECT name FROM letter_template WHERE name = ? AND id <> ?').pluck().get(x.name, x.id ?? 0) as string | undefined;
      if (clash !== undefined) throw new ServiceError('conflict', `Another template is already called “${clash}”.`, { name: 'Another template has this name' });
      if (
        current &&
        current.name === x.name &&
        current.tone === x.tone &&
        current.addressedTo === x.addressedTo &&
        current.subject === x.subject &&
        current.body === x.body &&
        current.emailSubject === x.emailSubject &&
        current.emailBody === x.emailBody &&
        current.attachPdf === x.attachPdf
      ) {
        throw new ServiceError('validation', `Nothing changed: version ${current.version} already says this.`, { _: 'Nothing changed' });
      }
      if (current && current.name !== x.name) this.rename(current.templateId, current.name, x.name);
      const versionId = insertVersion(this.db, { templateId: current?.templateId ?? null, ...x }, localDateTime(this.now()));
      return templateVersion(this.db, versionId).templateId;
    })();
    return this.get(templateId);
  }

  archive(x: z.output<typeof TemplateArchiveSchema>): TemplateSummary {
    currentTemplate(this.db, x.id);
    this.db.prepare('UPDATE letter_template SET archived = ? WHERE id = ?').run(x.archived ? 1 : 0, x.id);
    return this.list().find((t) => t.id === x.id)!;
  }

  /** The letter as one customer would get it, merged from a saved template or from the text being edited. */
  async preview(x: z.output<typeof TemplatePreviewSchema>): Promise<TemplatePreview> {
    const source = x.draft ? { ...x.draft, body: x.draft.body.replace(/\r\n?/g, '\n') } : currentTemplate(this.db, x.id!);
    const problems = [...checkTemplate(source.subject, source.body), ...checkEmailText(source.emailSubject, source.emailBody)];
    const data = letterData(this.db, x.customerId, x.letterDate, source.addressedTo);
    const values = inlineValues(data);
    const merged = mergeLetter(source.subject, source.body, values);
    const fields = usedFields(source.subject, source.body);
    const missing = missingData(fields, data);
    // Only asked for on demand: the text preview follows typing, the PDF takes a moment.
    const pdf = x.withPdf && problems.length === 0 && !missing ? (await renderLettersPdf([{ merged, data }], data.settings)).pdf.toString('base64') : null;
    return {
      subject: merged.subject,
      text: merged.blocks.map((b) => (b.kind === 'paragraph' ? b.text : BLOCK_LABELS[b.kind])).join('\n\n'),
      addressLines: data.addressLines,
      letterDate: data.letterDate,
      resolutionDate: data.resolutionDate,
      blocks: merged.blocks,
      openItems: data.openItems.map((o) => ({ number: o.number, seq: o.seq, dueDate: o.dueDate, daysPastDue: o.daysPastDue, openAmount: o.openAmount })),
      totals: data.totals,
      currency: data.currency,
      planSchedule: data.plan?.schedule ?? [],
      problems,
      missing,
      emptyFields: fields.filter((f) => isInlineField(f) && values[f].trim() === ''),
      pdf,
      email: source.emailSubject && source.emailBody ? emailTextOf(source.emailSubject, source.emailBody.replace(/\r\n?/g, '\n'), data) : null,
    };
  }

  private rename(templateId: number, from: string, to: string): void {
    this.db.prepare('UPDATE letter_template SET name = ? WHERE id = ?').run(to, templateId);
    this.db.prepare('UPDATE policy_step SET template = ? WHERE template = ? COLLATE NOCASE').run(to, from);
    this.db.prepare(`UPDATE task SET template = ? WHERE template = ? COLLATE NOCASE AND status = 'open'`).run(to, from);
  }
}
