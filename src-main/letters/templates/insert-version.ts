import type { Database } from 'better-sqlite3';
import type { LetterTemplateVersion } from '../../contract/templates';

export interface VersionToWrite {
  /** null: a new template by this name. */
  templateId: number | null;
  name: string;
  tone: number;
  addressedTo: LetterTemplateVersion['addressedTo'];
  subject: string;
  body: string;
  emailSubject?: string | null;
  emailBody?: string | null;
  attachPdf?: boolean;
  by: string | null;
}

/**
 * Writes a template's first version, or its next one, and returns the new version's id. The
 * caller has checked the text; the default set and the editor both store through here.
 */
export function insertVersion(db: Database, x: VersionToWrite, at: string): number {
  const templateId = x.templateId ?? Number(db.prepare('INSERT INTO letter_template (name, created_at) VALUES (?, ?)').run(x.name, at).lastInsertRowid);
  const next = db.prepare('SELECT COALESCE(MAX(version), 0) + 1 FROM letter_template_version WHERE template_id = ?').pluck().get(templateId) as number;
  const inserted = db
    .prepare(
      `INSERT INTO letter_template_version (template_id, version, tone, addressed_to, subject, body, email_subject, email_body, attach_pdf, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(templateId, next, x.tone, x.addressedTo, x.subject, x.body, x.emailSubject ?? null, x.emailBody ?? null, x.attachPdf === false ? 0 : 1, at, x.by);
  return Number(inserted.lastInsertRowid);
}
