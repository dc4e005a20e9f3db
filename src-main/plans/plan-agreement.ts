import type { Database } from 'better-sqlite3';
import { letterData, inlineValues, type LetterData } from '../letters/letter-context';
import { mergeLetter } from '../letters/merge-letter';
import { renderLettersPdf } from '../letters/render/letter-pdf';
import { DEFAULT_TEMPLATES } from '../letters/templates/default-templates';
import { currentTemplate } from '../letters/templates/template-store';
import type { PlanFrequency } from '../contract/plans';

/** The letter template the agreement is printed from; the clerk edits its wording under Letters. */
export const AGREEMENT_TEMPLATE = 'Payment plan agreement';

export interface AgreementPlan {
  id: number;
  customerId: number;
  total: number;
  frequency: PlanFrequency;
  schedule: { seq: number; dueDate: string; amount: number }[];
}

/**
 * The payment plan agreement for both sides to sign: the agreement letter template merged for
 * this plan and drawn by the letters renderer, so it has the letterhead, the paper size from
 * Settings and the same money and dates as every other letter. A ledger whose agreement template
 * was renamed or removed still gets one, from the template Settle ships.
 */
export async function agreementPdf(db: Database, plan: AgreementPlan, date: string): Promise<Buffer> {
  const template = agreementTemplate(db);
  const base = letterData(db, plan.customerId, date, template.addressedTo);
  // The letter's data reads "the customer's current plan"; the agreement is for this one.
  const data: LetterData = {
    ...base,
    plan: { id: plan.id, total: plan.total, count: plan.schedule.length, frequency: plan.frequency, schedule: plan.schedule },
  };
  const merged = mergeLetter(template.subject, template.body, inlineValues(data));
  return (await renderLettersPdf([{ merged, data }], data.settings)).pdf;
}

function agreementTemplate(db: Database): { subject: string; body: string; addressedTo: 'accounts_payable' | 'principal' } {
  try {
    return currentTemplate(db, AGREEMENT_TEMPLATE);
  } catch {
    return DEFAULT_TEMPLATES.find((t) => t.name === AGREEMENT_TEMPLATE)!;
  }
}
