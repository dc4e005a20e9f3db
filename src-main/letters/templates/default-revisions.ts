import { DEFAULT_TEMPLATES, type DefaultTemplate } from './default-templates';

/**
 * A default template whose text Settle has since changed, with the text ledgers were seeded with
 * before. `revision` counts the changes to the default set; a ledger records the last one it
 * has taken (ledger_setting 'default_templates_revision').
 */
export interface RevisedDefault {
  revision: number;
  name: string;
  /** The default's text before this revision, exactly as it was seeded. */
  before: Pick<DefaultTemplate, 'tone' | 'addressedTo' | 'subject' | 'body' | 'emailSubject' | 'emailBody'>;
}

const letter = (...lines: string[]) => lines.join('\n');

export const DEFAULT_REVISIONS: RevisedDefault[] = [
  {
    // The open-item statement: every item open on the date (disputed ones marked), unapplied
    // money as lines, the aging summary and a remittance slip, instead of the collectable items.
    revision: 1,
    name: 'Account statement',
    before: {
      tone: 1,
      addressedTo: 'accounts_payable',
      subject: 'Statement of account {{customer.code}} as of {{today}}',
      body: letter(
        'Dear {{contact.name}},',
        '',
        'Here is the statement of your account with {{company.name}} as of {{today}}. It lists every open invoice and instalment ({{open_items_count}} in all), with its due date and what remains to be paid.',
        '',
        '{{open_items_table}}',
        '',
        'The balance of your account is {{total_due}}, of which {{overdue_total}} is past due.',
        '',
        'If anything here does not match your records, please let me know and we will go through it together.',
        '',
        'Kind regards,',
        '',
        '{{clerk.name}}',
        '{{company.name}}',
        '{{clerk.phone}}',
      ),
    },
  },
];

// The standard policy emails these two: ledgers seeded before take their email text (the letter is unchanged).
for (const name of ['Pre-due reminder', 'Polite past-due letter']) {
  const t = DEFAULT_TEMPLATES.find((d) => d.name === name)!;
  DEFAULT_REVISIONS.push({ revision: 2, name, before: { tone: t.tone, addressedTo: t.addressedTo, subject: t.subject, body: t.body, emailSubject: null, emailBody: null } });
}

export const DEFAULT_TEMPLATES_REVISION = Math.max(0, ...DEFAULT_REVISIONS.map((r) => r.revision));
