import type { Database } from 'better-sqlite3';
import { ledgerCurrency } from '../../money/ledger-money';
import type { LetterChannel, LetterReviewRow, LettersReview, ReviewWarning } from '../../contract/letters';
import { collectable, type CustomerCollectable } from '../../collectable/collectable';
import { dunningAmount, meetsMinimum } from '../../policy/step-minimum';
import { amountAsked, isStatement, letterData, letterMoney, letterSettings, missingData, type LetterData } from '../letter-context';
import { letterheadGaps, letterheadMessage } from '../letterhead-readiness';
import { usedFields, type TemplateVersion } from '../templates/template-store';
import { readMailSettings } from '../../mail/mail-settings';
import { sentForKey } from '../../mail/never-twice';
import { ccRolesOfTasks, recipientsOf } from '../../mail/recipients';

/** What the review warns about for one letter, as plain facts so the rule can be checked on its own. */
export interface WarningFacts {
  channel: LetterChannel;
  /** The customer has a postal address beyond their name. */
  hasPostalAddress: boolean;
  /** What the policy compares a step's minimum with (step-minimum's dunningAmount). */
  dueNow: number;
  /** The minimum of the step that asked for this letter, or null. */
  minimum: number | null;
  /** Collectable's reason nothing at all may be asked for (agency, closed), or null. */
  hold: string | null;
  disputed: number;
  onPlan: number;
  /** Money as the letter and every screen write it (letterMoney). */
  money: (minor: number) => string;
  /** An open-item statement: it lists disputed items (marked) and asks for no step's minimum. */
  statement?: boolean;
  /** Channel email: the customer has an address to send to. */
  hasEmail?: boolean;
  /** Channel email: this template already went to them by email on the letter date (mail/never-twice.ts). */
  sentToday?: boolean;
}

/**
 * What the clerk should look at before a letter goes out. A warning never stops a letter (the
 * clerk decides, and may deselect it); a letter that cannot be made at all is `blocked` instead.
 */
export function reviewWarnings(f: WarningFacts): ReviewWarning[] {
  const money = f.money;
  const out: ReviewWarning[] = [];
  if (f.channel !== 'email_pdf' && f.channel !== 'email' && !f.hasPostalAddress) out.push({ kind: 'no_address', message: 'No postal address: this letter cannot be mailed' });
  if (f.channel === 'email' && !f.hasEmail) out.push({ kind: 'no_email', message: 'No email address: this customer is skipped (print the letter instead)' });
  if (f.channel === 'email' && f.sentToday) out.push({ kind: 'sent_today', message: 'Already sent by email today: it goes again only if you confirm' });
  if (!f.statement && !meetsMinimum(f.minimum, f.dueNow)) {
    out.push({ kind: 'under_minimum', message: `${money(f.dueNow)} due is under the policy step’s minimum of ${money(f.minimum!)}` });
  }
  if (f.hold) out.push({ kind: 'account_hold', message: `Nothing may be asked for: ${f.hold}` });
  else {
    // Collectable has already left these out of the letter's figures; the clerk should still know why the letter asks for less.
    if (f.disputed > 0) {
      const message = f.statement ? `${money(f.disputed)} in dispute is listed, marked, and not asked for` : `${money(f.disputed)} in dispute is left out of this letter`;
      out.push({ kind: 'disputed', message });
    }
    if (f.onPlan > 0) {
      const message = f.statement ? `${money(f.onPlan)} on a payment plan is in the amount to pay` : `${money(f.onPlan)} on a payment plan is left out of this letter`;
      out.push({ kind: 'on_plan', message });
    }
  }
  return out;
}

const EMPTY: Pick<CustomerCollectable, 'dueNow' | 'hold' | 'disputed' | 'onPlan'> = { dueNow: 0, hold: null, disputed: 0, onPlan: 0 };

/** The address block without the attention line and the customer's name: empty means nowhere to post it. */
function hasPostalAddress(d: LetterData): boolean {
  return d.addressLines.some((l) => !l.startsWith('Attn: ') && l !== d.customer.name);
}

/**
 * The minimum amount that applies to a letter: that of the policy step behind its task, or, for a
 * letter chosen by hand, the smallest minimum among the active letter steps naming this template
 * (none when any of them has none, or no step names it).
 */
function minimumOf(db: Database, template: string, taskIds: number[]): number | null {
  if (taskIds.length > 0) {
    const mins = db
      .prepare('SELECT s.min_amount FROM task t JOIN policy_step s ON s.id = t.step_id WHERE t.id IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(JSON.stringify(taskIds)) as (number | null)[];
    const set = mins.filter((m): m is number => m !== null);
    return set.length > 0 ? Math.max(...set) : null;
  }
  const mins = db
    .prepare(`SELECT min_amount FROM policy_step WHERE active = 1 AND template = ? COLLATE NOCASE AND action IN ('letter', 'certified_letter', 'escalate_principal')`)
    .pluck()
    .all(template) as (number | null)[];
  if (mins.length === 0 || mins.some((m) => m === null)) return null;
  return Math.min(...(mins as number[]));
}

/**
 * The letters a send would make, one row per customer, without rendering or recording anything:
 * what each asks for (the figure the letter prints), what the clerk should check, and the
 * letterhead fields that would stop the send.
 */
export function reviewLetters(
  db: Database,
  template: TemplateVersion,
  customerIds: number[],
  tasks: Map<number, number[]>,
  channel: LetterChannel,
  letterDate: string,
): LettersReview {
  const fields = usedFields(template.subject, template.body);
  const gaps = letterheadGaps(letterSettings(db), fields);
  const currency = ledgerCurrency(db);
  const owed = collectable(db, letterDate);
  const names = new Map(
    (db.prepare('SELECT id, code, name FROM customer WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(customerIds)) as { id: number; code: string; name: string }[]).map(
      (c) => [c.id, c],
    ),
  );
  const mail = channel === 'email' ? readMailSettings(db) : null;
  const rows: LetterReviewRow[] = customerIds.map((customerId) => {
    const data = letterData(db, customerId, letterDate, template.addressedTo);
    const c = owed.get(customerId) ?? EMPTY;
    const taskIds = tasks.get(customerId) ?? [];
    const who = names.get(customerId)!;
    const email = channel === 'email' ? recipientsOf(db, customerId, template.addressedTo, ccRolesOfTasks(db, taskIds), mail?.bccSelf ? mail.fromAddress : null) : undefined;
    return {
      customerId,
      customerCode: who.code,
      customerName: who.name,
      taskIds,
      amount: amountAsked(fields, data),
      warnings: reviewWarnings({
        channel,
        hasPostalAddress: hasPostalAddress(data),
        dueNow: dunningAmount(c),
        minimum: minimumOf(db, template.name, taskIds),
        hold: c.hold,
        disputed: c.disputed,
        onPlan: c.onPlan,
        money: (m) => letterMoney(data, m),
        statement: isStatement(fields),
        hasEmail: email ? email.to.length > 0 : undefined,
        sentToday: channel === 'email' ? sentForKey(db, customerId, template.templateId, letterDate) : undefined,
      }),
      blocked: channel === 'email' && !template.emailBody ? `“${template.name}” has no email text yet` : missingData(fields, data),
      ...(email ? { email } : {}),
    };
  });
  return {
    templateId: template.templateId,
    template: template.name,
    version: template.version,
    channel,
    letterDate,
    currency,
    letterhead: gaps,
    letterheadMessage: gaps.length > 0 ? letterheadMessage(gaps) : null,
    rows,
  };
}
