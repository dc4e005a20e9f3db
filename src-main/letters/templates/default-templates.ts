import type { TemplateAddressee } from '../../contract/templates';

export interface DefaultTemplate {
  name: string;
  tone: number;
  addressedTo: TemplateAddressee;
  subject: string;
  body: string;
  /** The email's text where the standard policy sends this letter by email. */
  emailSubject?: string | null;
  emailBody?: string | null;
  attachPdf?: boolean;
}

const letter = (...lines: string[]) => lines.join('\n');

const signOff = (closing: string) => [closing, '', '{{clerk.name}}', '{{company.name}}', '{{clerk.phone}}'];

/**
 * The letters a new ledger starts with. Each step is a little firmer than the one before and
 * none says more than is true: the only consequences named are the ones the standard policy
 * actually takes next (writing to management, pausing credit, and at the very end possibly an
 * agency or a write-off review), always as "may". Every letter that asks for money names the
 * date to settle by and offers a conversation, because a problem fixed is a bill paid.
 * The names are the ones the default escalation policy refers to.
 */
export const DEFAULT_TEMPLATES: DefaultTemplate[] = [
  {
    name: 'Pre-due reminder',
    tone: 1,
    addressedTo: 'accounts_payable',
    subject: 'Coming up: payment due on your account {{customer.code}}',
    body: letter(
      'Dear {{contact.name}},',
      '',
      'A short note ahead of the due date, so that nothing takes you by surprise. These are the open items on your account with {{company.name}}:',
      '',
      '{{open_items_table}}',
      '',
      'If payment is already scheduled, thank you, and there is nothing more to do. If an invoice has not reached you, or something on it does not look right, please tell me now and I will sort it out before it falls due.',
      '',
      ...signOff('Kind regards,'),
    ),
    emailSubject: 'Coming up: payment due on your account {{customer.code}}',
    emailBody: letter(
      'Dear {{contact.name}},',
      '',
      'A short note ahead of the due date, so that nothing takes you by surprise. These are the open items on your account with {{company.name}}:',
      '',
      '{{open_items_table}}',
      '',
      'If payment is already scheduled, thank you, and there is nothing more to do. If an invoice has not reached you, or something on it does not look right, just reply to this email and I will sort it out before it falls due. The letter is attached for your records.',
      '',
      ...signOff('Kind regards,'),
    ),
    attachPdf: true,
  },
  {
    name: 'Polite past-due letter',
    tone: 2,
    addressedTo: 'accounts_payable',
    subject: 'Past-due balance on account {{customer.code}}: please settle by {{resolution_date}}',
    body: letter(
      'Dear {{contact.name}},',
      '',
      'Our records show that {{overdue_total}} on your account is now past due, the oldest item by {{days_past_due}} days. The open items are:',
      '',
      '{{open_items_table}}',
      '',
      'Invoices do get missed or held up, so this may simply be an oversight. Please arrange payment of the past-due amount by {{resolution_date}}.',
      '',
      'If something is holding the payment up, such as a missing invoice, a question about a charge or a problem with the goods or service, please call me before then. I would much rather put a problem right than have it hold up your account.',
      '',
      'If you have already sent the payment, thank you; let me know its date and reference and I will match it to your account.',
      '',
      ...signOff('Kind regards,'),
    ),
    emailSubject: 'Past-due balance on account {{customer.code}}: please settle by {{resolution_date}}',
    emailBody: letter(
      'Dear {{contact.name}},',
      '',
      '{{overdue_total}} on your account with {{company.name}} is now past due, the oldest item by {{days_past_due}} days. The open items are:',
      '',
      '{{open_items_table}}',
      '',
      'This may simply be an oversight. Please arrange payment of the past-due amount by {{resolution_date}}. If something is holding the payment up, reply to this email or call me before then: I would much rather put a problem right.',
      '',
      'If you have already paid, thank you; let me know its date and reference. Our letter is attached.',
      '',
      ...signOff('Kind regards,'),
    ),
    attachPdf: true,
  },
  {
    name: 'Firmer follow-up',
    tone: 3,
    addressedTo: 'accounts_payable',
    subject: 'Second request: {{overdue_total}} past due on account {{customer.code}}',
    body: letter(
      'Dear {{contact.name}},',
      '',
      'We wrote to you about the past-due balance on your account and have not yet received payment or heard from you. {{overdue_total}} is now past due, the oldest item by {{days_past_due}} days:',
      '',
      '{{open_items_table}}',
      '',
      'Please pay the past-due amount by {{resolution_date}}.',
      '',
      'If you cannot pay all of it by then, call me on {{clerk.phone}} before that date and we can agree a way forward, for example a payment plan. If you are holding payment because of a problem with an invoice, tell me what it is so that I can have it put right.',
      '',
      'If we have not heard from you by {{resolution_date}}, we may need to write to your company’s management about the account and pause further credit until it is brought up to date.',
      '',
      ...signOff('Yours sincerely,'),
    ),
  },
  {
    name: 'Letter to the principal',
    tone: 4,
    addressedTo: 'principal',
    subject: 'The account of {{customer.name}} with {{company.name}}',
    body: letter(
      'Dear {{contact.name}},',
      '',
      'I am writing to you directly because the account of {{customer.name}} with {{company.name}} has {{overdue_total}} past due, the oldest item by {{days_past_due}} days, and our reminders to your accounts team have not settled it.',
      '',
      '{{open_items_table}}',
      '',
      'We value your business and would like to resolve this with you. If there is a reason the invoices have not been paid, whether a dispute, a missing document or a tight month, I would like to hear it: we can often agree a payment plan that works for both of us.',
      '',
      'Please arrange payment of the past-due amount by {{resolution_date}}, or call me on {{clerk.phone}} before then to talk it through. Until the account is brought up to date, new orders may need to be paid for in advance or on delivery.',
      '',
      ...signOff('Yours sincerely,'),
    ),
  },
  {
    name: 'Certified final demand',
    tone: 5,
    addressedTo: 'principal',
    subject: 'Final demand: {{overdue_total}} past due on account {{customer.code}}',
    body: letter(
      'Dear {{contact.name}},',
      '',
      'We are sending this letter by certified mail because, despite our earlier letters, {{overdue_total}} on the account of {{customer.name}} is still past due, the oldest item by {{days_past_due}} days. The full balance of the account is {{total_due}}.',
      '',
      '{{open_items_table}}',
      '',
      'We ask you to pay the past-due amount in full by {{resolution_date}}.',
      '',
      'If you cannot pay in full, please call me on {{clerk.phone}} before that date: we are still willing to agree a payment plan. If you believe any of these invoices is wrong, tell me which and why, and I will look into it straight away.',
      '',
      'If by {{resolution_date}} we have neither received payment nor heard from you, we may refer the account to a collection agency or review it for write-off. We would much rather settle it with you directly.',
      '',
      ...signOff('Yours sincerely,'),
    ),
  },
  {
    name: 'Payment plan agreement',
    tone: 2,
    addressedTo: 'accounts_payable',
    subject: 'Payment plan agreement for account {{customer.code}}',
    body: letter(
      'Dear {{contact.name}},',
      '',
      'Thank you for working out a way to settle your account with us. This letter sets out the plan we agreed: {{plan.total}} in {{plan.count}} instalments, paid {{plan.frequency}}, the first on {{plan.first_due}}.',
      '',
      '{{plan_schedule_table}}',
      '',
      'While each instalment is paid by its date, we will not send you reminders about the balance the plan covers. If a payment is going to be late, please call me on {{clerk.phone}} before its date so that we can talk about it.',
      '',
      'Please sign below and return a copy to us by {{resolution_date}}, keeping one for your records.',
      '',
      '{{signature_lines}}',
      '',
      ...signOff('Kind regards,'),
    ),
  },
  {
    name: 'Dispute acknowledgement',
    tone: 1,
    addressedTo: 'accounts_payable',
    subject: 'We are looking into your query on account {{customer.code}}',
    body: letter(
      'Dear {{contact.name}},',
      '',
      'Thank you for letting us know on {{dispute.opened}} about a problem with {{dispute.invoices}}: {{dispute.reason}}. We have recorded it and are looking into it now.',
      '',
      'While we do, payment of the {{dispute.amount}} in dispute is on hold: we will not ask you for it until the matter is settled, and we will let you know the outcome. The rest of your account is not affected by the query and remains due as usual.',
      '',
      'If you have anything that would help us, such as photos, delivery notes or the price you were quoted, please send it to me or call me on {{clerk.phone}}.',
      '',
      ...signOff('Kind regards,'),
    ),
  },
  {
    name: 'Account statement',
    tone: 1,
    addressedTo: 'accounts_payable',
    subject: 'Statement of account {{customer.code}} as of {{today}}',
    body: letter(
      'Dear {{contact.name}},',
      '',
      'Here is your statement of account with {{company.name}} as of {{today}}: every item open that day, and any payments or credits not yet matched to an invoice.',
      '',
      '{{statement_items}}',
      '',
      '{{aging_summary}}',
      '',
      'The balance of your account is {{balance}}. Please pay {{amount_to_pay}}; an item marked “in dispute” is left out until we have settled the question with you. If anything here does not match your records, please let me know and we will go through it together.',
      '',
      ...signOff('Kind regards,'),
      '',
      '{{remittance_slip}}',
    ),
  },
];
