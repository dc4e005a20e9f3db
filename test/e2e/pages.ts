import type { Locator, Page } from '@playwright/test';

// Page objects: verbs only, no assertions (those stay in the specs).

export class AppShell {
  constructor(readonly page: Page) {}

  get nav(): Locator {
    return this.page.getByRole('navigation', { name: 'Main' });
  }

  async goTo(section: 'Worklist' | 'Customers' | 'Receive payments' | 'Aging' | 'Letters' | 'Reports' | 'Settings' | 'Import' | 'Today' | 'Ledgers'): Promise<void> {
    await this.nav.getByRole('button', { name: section }).click();
  }
}

export interface ContactValues {
  name: string;
  role: 'Accounts payable' | 'Owner / principal' | 'Senior leadership' | 'Purchasing' | 'Other';
  phone?: string;
  email?: string;
  primary?: boolean;
}

export class CustomerDialog {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByRole('dialog');
  }

  field(label: string): Locator {
    return this.root.getByRole('textbox', { name: label, exact: true });
  }

  contact(n: number): Locator {
    return this.root.getByRole('group', { name: `Contact ${n}` });
  }

  async fill(values: Partial<Record<'Code' | 'Name' | 'Email' | 'Phone' | 'City' | 'Credit limit' | 'Payment terms', string>>) {
    for (const [label, value] of Object.entries(values)) await this.field(label).fill(value ?? '');
  }

  async addContact(values: ContactValues): Promise<void> {
    await this.root.getByRole('button', { name: 'Add contact' }).click();
    const n = await this.root.getByRole('group', { name: /^Contact \d+$/ }).count();
    const group = this.contact(n);
    await group.getByRole('textbox', { name: 'Contact name' }).fill(values.name);
    await group.getByRole('combobox', { name: 'Role' }).click();
    await this.page.getByRole('option', { name: values.role, exact: true }).click();
    if (values.phone) await group.getByLabel('Contact phone').fill(values.phone);
    if (values.email) await group.getByLabel('Contact email').fill(values.email);
    if (values.primary) await group.getByLabel('Primary contact').check();
  }

  async save(): Promise<void> {
    await this.root.getByRole('button', { name: 'Save customer' }).click();
  }
}

export class CustomersPage {
  constructor(readonly page: Page) {}

  get grid(): Locator {
    return this.page.getByRole('grid', { name: 'Customers' });
  }

  async openNew(): Promise<CustomerDialog> {
    await this.page.getByRole('button', { name: /New customer|Add a customer/ }).first().click();
    return new CustomerDialog(this.page);
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel('Search customers').fill(text);
  }

  row(text: string): Locator {
    return this.grid.getByRole('row').filter({ hasText: text });
  }

  /** Opens the customer's card, then its edit dialog. */
  async open(text: string): Promise<CustomerDialog> {
    await this.row(text).click();
    await this.page.getByRole('button', { name: 'Edit customer' }).click();
    return new CustomerDialog(this.page);
  }
}

export class AgingPage {
  constructor(readonly page: Page) {}

  get grid(): Locator {
    return this.page.getByRole('grid', { name: 'Aging' });
  }

  /** Shows this many rows a page, and waits for the first page of that size. */
  async rowsPerPage(n: 50 | 100 | 200): Promise<void> {
    await this.page.getByRole('combobox', { name: /Rows per page/ }).click();
    await this.page.getByRole('option', { name: String(n), exact: true }).click();
    await this.page.getByText(new RegExp(`^1–${n} of \\d+$`)).waitFor();
  }

  async show(option: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Show' }).click();
    await this.page.getByRole('option', { name: option }).click();
  }

  async exportAs(kind: 'CSV (current view)' | 'Excel workbook (current view)') {
    await this.page.getByRole('button', { name: 'Export' }).click();
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('menuitem', { name: kind }).click();
    return download;
  }
}

export class CustomerCardPage {
  constructor(readonly page: Page) {}

  get timeline(): Locator {
    return this.page.getByRole('list', { name: 'Timeline entries' });
  }

  callDialog(): Locator {
    return this.page.getByRole('dialog', { name: /^Log a call with / });
  }

  async fillCall(values: { contact?: string; outcome?: string; summary?: string; promisedAmount?: string; promisedDate?: string; followUp?: string }) {
    const d = this.callDialog();
    if (values.contact) {
      await d.getByRole('combobox', { name: 'Contact' }).click();
      await this.page.getByRole('option', { name: values.contact }).click();
    }
    if (values.outcome) {
      await d.getByRole('combobox', { name: 'Outcome' }).click();
      await this.page.getByRole('option', { name: values.outcome, exact: true }).click();
    }
    if (values.summary !== undefined) await d.getByRole('textbox', { name: 'Summary' }).fill(values.summary);
    if (values.promisedAmount) await d.getByRole('textbox', { name: 'Promised amount' }).fill(values.promisedAmount);
    if (values.promisedDate) await typeDate(d.getByRole('textbox', { name: 'Promised date' }), values.promisedDate);
    if (values.followUp) await typeDate(d.getByRole('textbox', { name: 'Follow up on' }), values.followUp);
  }
}

/** Settle's date fields read a date typed whole, the ledger's own 'YYYY-MM-DD' included. */
export async function typeDate(field: Locator, iso: string): Promise<void> {
  await field.fill(iso);
  await field.blur();
}

/** The profile block in the customer card's header: current profile, strategy, Settle's suggestion. */
export class ProfilePanel {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByRole('region', { name: 'Profile', exact: true });
  }

  get suggestion(): Locator {
    return this.root.getByRole('group', { name: 'Profile suggestion' });
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: /^(Set|Change) profile$/ });
  }

  async confirmSuggestion(): Promise<void> {
    await this.suggestion.getByRole('button', { name: /^Confirm / }).click();
  }

  async openChange(): Promise<void> {
    await this.root.getByRole('button', { name: 'Change profile' }).click();
  }

  async choose(profile: string): Promise<void> {
    await this.dialog.getByRole('combobox', { name: 'Profile' }).click();
    await this.page.getByRole('option', { name: profile }).click();
  }

  async fillWhy(text: string): Promise<void> {
    await this.dialog.getByRole('textbox', { name: 'Why' }).fill(text);
  }

  async save(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Save profile' }).click();
  }
}

/** The "Open disputes" box on the customer card. */
export class CardDisputes {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByRole('region', { name: 'Open disputes' });
  }

  get ownerDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Set dispute owner' });
  }

  /** Sets the owner of the n-th open dispute (oldest first). */
  async setOwner(owner: string, n = 0): Promise<void> {
    await this.root.getByRole('button', { name: 'Set owner' }).nth(n).click();
    await this.ownerDialog.getByRole('textbox', { name: 'Owner' }).fill(owner);
    await this.ownerDialog.getByRole('button', { name: 'Save owner' }).click();
  }
}

export class ReportsPage {
  constructor(readonly page: Page) {}

  async openTab(name: 'DSO, CEI and trend' | 'Promises' | 'Activity' | 'Disputes' | 'Write-offs' | 'Credit bureau'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  /** One headline figure's card (DSO, standard; DSO, countback; Collection effectiveness (CEI)). */
  figure(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  /** Opens a report's Export menu and picks a format; resolves with the download. */
  async exportAs(report: string, format: 'CSV' | 'Excel (XLSX)' | 'PDF (print)') {
    await this.page.getByRole('button', { name: `Export ${report}` }).click();
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('menuitem', { name: format }).click();
    return download;
  }

  get disputes(): Locator {
    return this.page.getByRole('region', { name: 'Disputes', exact: true });
  }

  table(name: 'Dispute ageing' | 'Disputes by reason' | 'Open disputes'): Locator {
    return this.disputes.getByRole('table', { name });
  }

  async disputesAsOf(iso: string): Promise<void> {
    await typeDate(this.disputes.getByRole('textbox', { name: 'As of' }), iso);
  }
}

/** The card's write-off and recovery dialogs (issue 5). */
export class WriteOffDialogs {
  constructor(readonly page: Page) {}

  get writeOff(): Locator {
    return this.page.getByRole('dialog', { name: 'Write off' });
  }

  recovery(invoiceNumber: string): Locator {
    return this.page.getByRole('dialog', { name: `Record recovery on ${invoiceNumber}` });
  }

  async fillWriteOff(values: { invoice?: string; amount?: string; reason?: string; approvedBy?: string; approvalNote?: string }): Promise<void> {
    const d = this.writeOff;
    // Ticks the invoice ("INV-F1: 900.00 open"); the amount goes on the one invoice ticked.
    if (values.invoice) await d.getByRole('checkbox', { name: values.invoice }).check();
    if (values.amount !== undefined) await d.getByRole('textbox', { name: /^Amount on / }).fill(values.amount);
    if (values.reason !== undefined) await d.getByRole('textbox', { name: 'Reason' }).fill(values.reason);
    if (values.approvedBy !== undefined) await d.getByRole('textbox', { name: 'Approved by' }).fill(values.approvedBy);
    if (values.approvalNote !== undefined) await d.getByRole('textbox', { name: 'Approval note' }).fill(values.approvalNote);
  }

  async fillRecovery(invoiceNumber: string, values: { amount?: string; reference?: string; method?: string }): Promise<void> {
    const d = this.recovery(invoiceNumber);
    if (values.amount !== undefined) await d.getByRole('textbox', { name: 'Amount' }).fill(values.amount);
    if (values.reference !== undefined) await d.getByRole('textbox', { name: 'Reference' }).fill(values.reference);
    if (values.method !== undefined) await d.getByRole('textbox', { name: 'Method' }).fill(values.method);
  }
}

export interface PolicyStepValues {
  name?: string;
  starts?: 'Days from the due date' | 'After delivery' | 'When a promise is broken' | 'When an instalment is missed' | 'After a dispute is resolved';
  days?: string;
  action?: string;
  template?: string;
  customerKind?: 'Any' | 'Business' | 'Consumer';
  /** Profile chips to toggle. */
  profiles?: string[];
  minAmount?: string;
}

/** The escalation policy card on the Settings page. */
export class PolicyEditor {
  constructor(readonly page: Page) {}

  get section(): Locator {
    return this.page.getByRole('region', { name: 'Escalation policy' });
  }

  get table(): Locator {
    return this.section.getByRole('table', { name: 'Escalation steps' });
  }

  /** Step n (1-based), as numbered on screen. */
  step(n: number): Locator {
    return this.table.locator('tbody').getByRole('row').nth(n - 1);
  }

  /** One column of every step: 2 = name, 3 = when, 4 = action, 5 = applies to. */
  column(n: number): Locator {
    return this.table.locator(`tbody > tr > td:nth-child(${n})`);
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  async fillStep(values: PolicyStepValues): Promise<void> {
    const d = this.dialog;
    const choose = async (label: string, option: string) => {
      await d.getByRole('combobox', { name: label }).click();
      await this.page.getByRole('option', { name: option, exact: true }).click();
    };
    if (values.name !== undefined) await d.getByRole('textbox', { name: 'Name', exact: true }).fill(values.name);
    if (values.starts) await choose('Starts', values.starts);
    if (values.days !== undefined) await d.getByRole('textbox', { name: 'Days' }).fill(values.days);
    if (values.action) await choose('Action', values.action);
    if (values.template !== undefined) await choose('Letter template', values.template);
    if (values.customerKind) await choose('Customer kind', values.customerKind);
    for (const p of values.profiles ?? []) await d.getByRole('group', { name: 'Profiles' }).getByRole('button', { name: p }).click();
    if (values.minAmount !== undefined) await d.getByRole('textbox', { name: 'Minimum overdue amount' }).fill(values.minAmount);
  }

  async addStep(values: PolicyStepValues): Promise<void> {
    await this.section.getByRole('button', { name: 'Add step' }).click();
    await this.fillStep(values);
    await this.dialog.getByRole('button', { name: 'Done' }).click();
  }

  async editStep(n: number, values: PolicyStepValues): Promise<void> {
    await this.section.getByRole('button', { name: `Edit step ${n}`, exact: true }).click();
    await this.fillStep(values);
    await this.dialog.getByRole('button', { name: 'Done' }).click();
  }

  /** Moves step n up (or down) one place at a time, `times` times; returns where it ends up. */
  async move(n: number, direction: 'up' | 'down', times = 1): Promise<number> {
    for (let i = 0; i < times; i++) {
      await this.section.getByRole('button', { name: `Move step ${n} ${direction}`, exact: true }).click();
      n += direction === 'up' ? -1 : 1;
    }
    return n;
  }

  activeSwitch(n: number): Locator {
    return this.section.getByRole('switch', { name: `Step ${n} active`, exact: true });
  }

  async remove(n: number): Promise<void> {
    await this.section.getByRole('button', { name: `Remove step ${n}`, exact: true }).click();
  }

  async save(): Promise<void> {
    await this.section.getByRole('button', { name: 'Save policy' }).click();
  }

  async restoreStandard(): Promise<void> {
    await this.section.getByRole('button', { name: 'Restore the standard policy' }).click();
    await this.page.getByRole('dialog', { name: 'Restore the standard policy?' }).getByRole('button', { name: 'Restore' }).click();
  }
}

/** The "Payment plans" box on the customer card and its dialogs (issue 5). */
export class PaymentPlans {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByRole('region', { name: 'Payment plans' });
  }

  get offerDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Offer a payment plan' });
  }

  /** A plan in the list, newest first. */
  plan(n = 0): Locator {
    return this.root.getByRole('list', { name: 'Payment plans' }).getByRole('listitem').nth(n);
  }

  instalments(plan: Locator): Locator {
    return plan.getByRole('table', { name: /^Instalments of plan / });
  }

  async offer(values: { total?: string; count?: string; frequency?: 'Weekly' | 'Every two weeks' | 'Monthly'; startDate?: string; reason?: string }): Promise<void> {
    const d = this.offerDialog;
    if (!(await d.isVisible())) await this.root.getByRole('button', { name: 'Offer a payment plan…' }).click();
    if (values.total !== undefined) await d.getByRole('textbox', { name: 'Plan total' }).fill(values.total);
    if (values.count !== undefined) await d.getByRole('textbox', { name: 'Number of instalments' }).fill(values.count);
    if (values.frequency) {
      await d.getByRole('combobox', { name: 'Frequency' }).click();
      await this.page.getByRole('option', { name: values.frequency, exact: true }).click();
    }
    if (values.startDate) await typeDate(d.getByRole('textbox', { name: 'Start date' }), values.startDate);
    if (values.reason !== undefined) await d.getByRole('textbox', { name: 'Why this plan is right anyway' }).fill(values.reason);
  }

  async markSigned(plan: Locator, signedBy: string): Promise<void> {
    await plan.getByRole('button', { name: 'Mark signed…' }).click();
    const d = this.page.getByRole('dialog', { name: /^Mark plan \d+ signed$/ });
    await d.getByRole('textbox', { name: 'Signed by' }).fill(signedBy);
    await d.getByRole('button', { name: 'Mark signed' }).click();
  }
}
