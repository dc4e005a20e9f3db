import type { Database } from 'better-sqlite3';
import type { LetterTemplateVersion } from '../../contract/templates';
import { localDateTime } from '../../money/dates';
import { ServiceError } from '../../contract/service-error';
import { FIELD_PATTERN } from '../merge-fields';
import { DEFAULT_TEMPLATES } from './default-templates';
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
  createdAt: string;
}

const SELECT_VERSION = `SELECT t.id AS templateId, v.id AS versionId, v.version, t.name, v.tone, v.addressed_to AS addressedTo,
                              v.subject, v.body, v.created_at AS createdAt
                         FROM letter_template_version v JOIN letter_template t ON t.id = v.template_id`;

/** The newest version of a template, found by id or by name (names are unique, ignoring case). */
export function currentTemplate(db: Database, idOrName: number | string): TemplateVersion {
  const where = typeof idOrName === 'number' ? 't.id = ?' : 't.name = ?';
  const row = db.prepare(`${SELECT_VERSION} WHERE ${where} ORDER BY v.version DESC LIMIT 1`).get(idOrName) as VersionRow | undefined;
  if (!row) {
    const what = typeof idOrName === 'number' ? `Template ${idOrName}` : `The template “${idOrName}”`;
    throw new ServiceError('not_found', `${what} does not exist.`, { template: 'No such template' });
  }
  return row;
}

export function templateVersion(db: Database, versionId: number): TemplateVersion {
  const row = db.prepare(`${SELECT_VERSION} WHERE v.id = ?`).get(versionId) as VersionRow | undefined;
  if (!row) throw new ServiceError('not_found', `Template version ${versionId} does not exist.`, { versionId: 'No such template version' });
  return row;
}

/** The field names a template uses, each once, in the order they first appear (subject first). */
export function usedFields(subject: string, body: string): string[] {
  const names = new Set<string>();
  for (const m of `${subject}\n${body}`.matchAll(FIELD_PATTERN)) names.add(m[1]);
  return [...names];
}

/**
 * A new ledger gets the default letters once. The flag decides, not an empty table: a business
 * that archives or renames the defaults has chosen to, and they do not come back.
 */
export function seedDefaultTemplates(db: Database, now: () => Date = () => new Date()): void {
  if (db.prepare(`SELECT 1 FROM ledger_setting WHERE key = 'templates_seeded'`).get()) return;
  const at = localDateTime(now());
  writeTransaction(db, () => {
    const exists = db.prepare('SELECT 1 FROM letter_template WHERE name = ?');
    for (const t of DEFAULT_TEMPLATES) {
      if (!exists.get(t.name)) insertVersion(db, { templateId: null, ...t, by: null }, at);
    }
    db.prepare(`INSERT INTO ledger_setting (key, value) VALUES ('templates_seeded', '1')`).run();
  })();
}
