import type { Locator, Page } from '@playwright/test';

// Page objects: verbs only, no assertions (those stay in the specs).

export class AppShell {
  constructor(readonly page: Page) {}

  get nav(): Locator {
    return this.page.getByRole('navigation', { name: 'Main' });
  }

  async goTo(section: 'Worklist' | 'Customers' | 'Aging' | 'Letters' | 'Reports' | 'Settings'): Promise<void> {
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

/** MUI's date field takes the digits of MM/DD/YYYY typed in order. */
async function typeDate(field: Locator, iso: string): Promise<void> {
  const [y, m, d] = iso.split('-');
  await field.click();
  await field.press('Home');
  await field.pressSequentially(`${m}${d}${y}`);
}
