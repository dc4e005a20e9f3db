import type { Database } from 'better-sqlite3';
import type { LetterTemplateVersion } from '../../contract/templates';
import { localDateTime } from '../../money/dates';
import { ServiceError } from '../../contract/service-error';
import { FIELD_PATTERN } from '../merge-fields';
import { DEFAULT_TEMPLATES } from './default-templates';
import { DEFAULT_REVISIONS, DEFAULT_TEMPLATES_REVISION } from './default-revisions';
import { insertVersion } from './insert-version';
import { writeTransaction } from '../../ledger/write-transaction';

/** One saved version of a template. Versions are never edited (a trigger refuses it): a sent letter keeps the one it used. */
export type TemplateVersion = LetterTemplateVersion;

interface VersionRow {
  templateId: number;
  versionId: number;
  version: number;
  name: string;
  tone: number;
  addressedTo: TemplateVersion['addressedTo'];
  subject: string;
  body: string;
  emailSubject: string | null;
  emailBody: string | null;
  attachPdf: number;
  createdAt: string;
}

const SELECT_VERSION = `SELECT t.id AS templateId, v.id AS versionId, v.version, t.name, v.tone, v.addressed_to AS addressedTo,
                              v.subject, v.body, v.email_subject AS emailSubject, v.email_body AS emailBody, v.attach_pdf AS attachPdf, v.created_at AS createdAt
                         FROM letter_template_version v JOIN letter_template t ON t.id = v.template_id`;

/** The newest version of a template, found by id or by name (names are unique, ignoring case). */
export function currentTemplate(db: Database, idOrName: number | string): TemplateVersion {
  const where = typeof idOrName === 'number' ? 't.id = ?' : 't.name = ?';
  const row = db.prepare(`${SELECT_VERSION} WHERE ${where} ORDER BY v.version DESC LIMIT 1`).get(idOrName) as VersionRow | undefined;
  if (!row) {
    const what = typeof idOrName === 'number' ? `Template ${idOrName}` : `The template “${idOrName}”`;
    throw new ServiceError('not_found', `${what} does not exist.`, { template: 'No such template' });
  }
  return toVersion(row);
}

export function templateVersion(db: Database, versionId: number): TemplateVersion {
  const row = db.prepare(`${SELECT_VERSION} WHERE v.id = ?`).get(versionId) as VersionRow | undefined;
  if (!row) throw new ServiceError('not_found', `Template version ${versionId} does not exist.`, { versionId: 'No such template version' });
  return toVersion(row);
}

function toVersion(row: VersionRow): TemplateVersion {
  return { ...row, attachPdf: row.attachPdf === 1 };
}

/** The field names a template uses, each once, in the order they first appear (subject first). */
export function usedFields(subject: string, body: string): string[] {
  const names = new Set<string>();
  for (const m of `${subject}\n${body}`.matchAll(FIELD_PATTERN)) names.add(m[1]);
  return [...names];
}

/**
 * A new ledger gets the default letters once. The flag decides, not an empty table: a business
 * that archives or renames the defaults has chosen to, and they do not come back. A ledger seeded
 * earlier takes each later change to a default (see upgradeDefaultTemplates).
 */
export function seedDefaultTemplates(db: Database, now: () => Date = () => new Date()): void {
  if (db.prepare(`SELECT 1 FROM ledger_setting WHERE key = 'templates_seeded'`).get()) {
    upgradeDefaultTemplates(db, now);
    return;
  }
  const at = localDateTime(now());
  writeTransaction(db, () => {
    const exists = db.prepare('SELECT 1 FROM letter_template WHERE name = ?');
    for (const t of DEFAULT_TEMPLATES) {
      if (!exists.get(t.name)) insertVersion(db, { templateId: null, ...t, by: null }, at);
    }
    db.prepare(`INSERT INTO ledger_setting (key, value) VALUES ('templates_seeded', '1')`).run();
    setRevision(db, DEFAULT_TEMPLATES_REVISION);
  })();
}

const REVISION_KEY = 'default_templates_revision';

function setRevision(db: Database, revision: number): void {
  db.prepare(`INSERT INTO ledger_setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(REVISION_KEY, String(revision));
}

/**
 * A changed default reaches a ledger seeded before the change as the template's next version, the
 * way every change to a template is kept, and only where the current version still says exactly
 * what Settle wrote: a template the business has edited, renamed or removed is theirs, and stays
 * as it is. Each revision is taken once.
 */
export function upgradeDefaultTemplates(db: Database, now: () => Date = () => new Date()): void {
  const taken = Number((db.prepare('SELECT value FROM ledger_setting WHERE key = ?').pluck().get(REVISION_KEY) as string | undefined) ?? 0);
  const pending = DEFAULT_REVISIONS.filter((r) => r.revision > taken);
  if (pending.length === 0) return;
  const at = localDateTime(now());
  writeTransaction(db, () => {
    for (const r of pending) {
      const current = db.prepare(`${SELECT_VERSION} WHERE t.name = ? ORDER BY v.version DESC LIMIT 1`).get(r.name) as VersionRow | undefined;
      const next = DEFAULT_TEMPLATES.find((t) => t.name === r.name);
      if (!current || !next || current.name !== r.name) continue;
      const untouched =
        current.tone === r.before.tone &&
        current.addressedTo === r.before.addressedTo &&
        current.subject === r.before.subject &&
        current.body === r.before.body &&
        current.emailSubject === (r.before.emailSubject ?? null) &&
        current.emailBody === (r.before.emailBody ?? null);
      if (untouched) insertVersion(db, { templateId: current.templateId, ...next, by: null }, at);
    }
    setRevision(db, DEFAULT_TEMPLATES_REVISION);
  })();
}
