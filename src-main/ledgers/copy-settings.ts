import { openSqlite } from '../ledger/sqlite-binding';
import type { Database as Db } from 'better-sqlite3';
import type { Policy, TemplateDetail } from '../contract';
import { PolicySaveSchema } from '../contract/policy';
import { ServiceError } from '../contract/service-error';
import { TemplateService } from '../letters/templates/template-service';
import { currentTemplate, type TemplateVersion } from '../letters/templates/template-store';
import { readPolicy, savePolicy } from '../policy/policy-service';
import { peekLedger } from './ledger-peek';

/**
 * Each client's ledger keeps its own letters and policy; a consultant who wrote a good letter
 * for one client copies it into another rather than retyping it. The other ledger is only read
 * (a read-only connection), and what is copied is saved through the same store functions as
 * the editors use, so it is checked and versioned as if typed here.
 */
function readSource<T>(sourcePath: string, read: (db: Db) => T): T {
  const peek = peekLedger(sourcePath);
  if (peek.state === 'missing') throw new ServiceError('not_found', `There is no ledger at ${sourcePath} to copy from.`, { from: 'The file is not there' });
  if (peek.state === 'unreadable') throw new ServiceError('validation', peek.problem, { from: 'Not a Settle ledger' });
  const db = openSqlite(sourcePath, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** The template's current text, as a new version of the same-named template here, or as a new template. */
export function copyTemplate(target: Db, sourcePath: string, templateName: string, now: () => Date = () => new Date()): TemplateDetail {
  const source = readSource(sourcePath, (db) => sourceTemplate(db, templateName));
  let existing: number | undefined;
  try {
    existing = currentTemplate(target, source.name).templateId;
  } catch (err) {
    if (!(err instanceof ServiceError && err.code === 'not_found')) throw err;
  }
  return new TemplateService(target, now).save({
    id: existing,
    name: source.name,
    tone: source.tone,
    addressedTo: source.addressedTo,
    subject: source.subject,
    body: source.body,
    emailSubject: source.emailSubject,
    emailBody: source.emailBody,
    attachPdf: source.attachPdf,
    by: `copied from ${sourcePath}`,
  });
}

/** A template of the other ledger, which may not have been opened since templates gained an email text (then it has none). */
function sourceTemplate(db: Db, name: string): TemplateVersion {
  const hasEmail = (db.prepare(`SELECT COUNT(*) FROM pragma_table_info('letter_template_version') WHERE name = 'email_body'`).pluck().get() as number) > 0;
  if (hasEmail) return currentTemplate(db, name);
  const row = db
    .prepare(
      `SELECT t.id AS templateId, v.id AS versionId, v.version, t.name, v.tone, v.addressed_to AS addressedTo, v.subject, v.body, v.created_at AS createdAt
         FROM letter_template_version v JOIN letter_template t ON t.id = v.template_id WHERE t.name = ? ORDER BY v.version DESC LIMIT 1`,
    )
    .get(name) as Omit<TemplateVersion, 'emailSubject' | 'emailBody' | 'attachPdf'> | undefined;
  if (!row) throw new ServiceError('not_found', `The template “${name}” does not exist.`, { template: 'No such template' });
  return { ...row, emailSubject: null, emailBody: null, attachPdf: true };
}

/** The other ledger's whole escalation policy in place of this one's (its letter steps must name templates this ledger has). */
export function copyPolicy(target: Db, sourcePath: string): Policy {
  const source = readSource(sourcePath, readPolicy);
  const input = PolicySaveSchema.parse({
    name: source.name,
    // This ledger's own steps are replaced, so none of the other ledger's step ids apply here.
    steps: source.steps.map((s) => ({
      name: s.name,
      trigger: s.trigger,
      days: s.days,
      action: s.action,
      template: s.template,
      customerKind: s.customerKind,
      profiles: s.profiles,
      minAmount: s.minAmount,
      // A ledger from before email has neither: its steps print, as they did there.
      channel: s.channel ?? 'print',
      ccRoles: s.ccRoles ?? null,
      active: s.active,
    })),
  });
  return savePolicy(target, input);
}
