import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { agingReport } from '../aging/aging-report';
import type { LettersSent } from '../contract/letters';
import type { JobContext } from '../contract/jobs';
import { ServiceError } from '../contract/service-error';
import type { StatementsPrintSchema, StatementsTarget } from '../contract/statements';
import { noJob } from '../jobs/job-context';
import type { LetterService } from '../letters/sending/letter-service';
import { currentTemplate, type TemplateVersion } from '../letters/templates/template-store';
import { STATEMENT_BUCKET_LIMITS } from './statement-data';

/** The letter template a statement is printed from (one of the defaults). */
export const STATEMENT_TEMPLATE = 'Account statement';

/**
 * Every customer a statement run "for everyone" covers on a date, by code: exactly the rows of
 * the aging report as of that date (a balance, or anything open or unapplied), so the run and
 * the report never disagree about who owes something.
 */
export function statementCustomers(db: Database, asOf: string): number[] {
  return agingReport(db, { asOf, basis: 'due', limits: STATEMENT_BUCKET_LIMITS }).rows.map((r) => r.customerId);
}

/**
 * Statements are letters: the "Account statement" template merged as of the statement date, so
 * they share the letters' letterhead check, one PDF per batch, the archive with its SHA-256, the
 * timeline ("Statement sent") and the review in the window.
 */
export class StatementService {
  constructor(
    private readonly db: Database,
    private readonly letters: LetterService,
  ) {}

  target(asOf: string): StatementsTarget {
    const t = this.templateOrNull();
    return { templateId: t?.templateId ?? null, template: STATEMENT_TEMPLATE, customerIds: statementCustomers(this.db, asOf) };
  }

  async print(x: z.output<typeof StatementsPrintSchema>, job: JobContext = noJob): Promise<LettersSent> {
    const template = this.templateOrNull();
    if (!template) {
      throw new ServiceError('not_found', `There is no letter template named “${STATEMENT_TEMPLATE}”: statements are printed from it. Restore or recreate it under Letters → Templates.`, {
        template: 'No statement template',
      });
    }
    const customerIds = x.customerIds ? [...new Set(x.customerIds)] : statementCustomers(this.db, x.asOf);
    if (customerIds.length === 0) {
      throw new ServiceError('validation', `No customer has a balance as of ${x.asOf}: no statements to print.`, { customerIds: 'No customer has a balance' });
    }
    // As letters.send does from the aging grid: open policy tasks asking for this statement are carried out by it.
    const tasks = this.letters.matchingTasks(template.name, customerIds, x.asOf);
    return this.letters.sendBatch(
      customerIds.map((customerId) => ({ customerId, template, channel: x.channel, taskIds: tasks.get(customerId) ?? [] })),
      x.asOf,
      x.by,
      job,
    );
  }

  private templateOrNull(): TemplateVersion | null {
    try {
      return currentTemplate(this.db, STATEMENT_TEMPLATE);
    } catch (err) {
      if (err instanceof ServiceError && err.code === 'not_found') return null;
      throw err;
    }
  }
}
