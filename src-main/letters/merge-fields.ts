/**
 * The merge fields a template may use. A template is data: `{{field}}` is replaced by text from
 * the ledger and nothing else is interpreted, so no template can run code. Block fields stand
 * on a line of their own and become tables or signature lines in the PDF.
 */
export const INLINE_FIELDS = {
  'company.name': 'Your company name (Settings)',
  'company.address': 'Your company address, one line per line',
  'company.phone': 'Your company phone',
  'company.email': 'Your company email',
  'customer.name': 'The customer’s name',
  'customer.code': 'The customer’s code',
  'customer.address': 'The customer’s address, one line per line',
  'contact.name': 'The person the letter is addressed to (accounts payable, or the principal on escalation letters)',
  today: 'The letter’s date, written out (23 November 2026)',
  resolution_date: 'A specific date to settle by: the letter’s date plus the resolution days in Settings',
  currency: 'The ledger’s currency code (USD); amounts already carry their currency ($1,234.56)',
  total_due: 'Everything that may be asked for: open items less disputed amounts, amounts a payment plan covers, and unapplied cash and credits',
  overdue_total: 'What may be asked for that is past due',
  days_past_due: 'How many days the oldest item that may be asked for is past due',
  open_items_count: 'How many invoices or instalments may be asked for',
  'clerk.name': 'Your name (Settings)',
  'clerk.phone': 'Your direct phone (Settings)',
  'plan.total': 'The payment plan’s total',
  'plan.count': 'The number of instalments',
  'plan.frequency': 'weekly, every two weeks or monthly',
  'plan.first_due': 'The first instalment’s date',
  'dispute.reason': 'What the open dispute is about',
  'dispute.amount': 'The disputed amount',
  'dispute.invoices': 'The disputed invoice numbers',
  'dispute.opened': 'The day the dispute was raised',
  balance: 'The account balance on the letter’s date: every open item, disputed or not, less unapplied payments and credits (the aging total)',
  amount_to_pay: 'What a statement asks to be paid: the balance less anything in dispute (never below zero)',
} as const;

export const BLOCK_FIELDS = {
  open_items_table: 'The invoices and instalments that may be asked for (nothing disputed or on a plan) with due dates, days past due and amounts, and the total',
  plan_schedule_table: 'The payment plan’s instalments: number, date and amount, and the total',
  signature_lines: 'Signature, name and date lines for the customer and for you',
  statement_items: 'Every invoice and instalment open on the letter’s date, disputed ones marked “in dispute”, the unapplied payments and credits, the balance and the amount to pay',
  aging_summary: 'The balance by age: Current, 1-30, 31-60, 61-90 and Over 90 days past due, unapplied money, and the balance',
  remittance_slip: 'A tear-off slip at the foot of the last page to return with the payment: customer, statement date, amount due, amount enclosed, and where to pay',
} as const;

export type InlineField = keyof typeof INLINE_FIELDS;
export type BlockField = keyof typeof BLOCK_FIELDS;

export const FIELD_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The fields that print an amount, written with its currency like every amount on screen. */
export const MONEY_FIELDS: readonly InlineField[] = ['total_due', 'overdue_total', 'plan.total', 'dispute.amount', 'balance', 'amount_to_pay'];

/**
 * Templates written before amounts carried their currency put `{{currency}}` in front of one
 * ("{{currency}} {{total_due}}"); saved versions are never edited, so rather than print
 * "USD $1,234.56" the merge drops a currency code that stands right before an amount.
 */
export const CURRENCY_BEFORE_AMOUNT = new RegExp(`\\{\\{\\s*currency\\s*\\}\\}[ \\u00a0]*(?=\\{\\{\\s*(?:${MONEY_FIELDS.map((f) => f.replace('.', '\\.')).join('|')})\\s*\\}\\})`, 'g');

export function isInlineField(name: string): name is InlineField {
  return Object.prototype.hasOwnProperty.call(INLINE_FIELDS, name);
}

export function isBlockField(name: string): name is BlockField {
  return Object.prototype.hasOwnProperty.call(BLOCK_FIELDS, name);
}
