import type { Locator, Page } from '@playwright/test';
import { typeDate } from './pages';

// Page objects for the entry screens: verbs only, no assertions (those stay in the specs).

export interface ChequeValues {
  customer: string;
  reference: string;
  amount: string;
  /** Invoice number → amount, for a cheque whose remittance names them; else oldest first. */
  chosen?: Record<string, string>;
}

export class ReceivePayments {
  constructor(readonly page: Page) {}

  payment(n: number): Locator {
    return this.page.getByRole('group', { name: `Payment ${n}`, exact: true });
  }

  /** How the ledger says payment n will be applied. */
  application(n: number): Locator {
    return this.payment(n).getByRole('status', { name: 'How it applies' });
  }

  async fill(n: number, values: ChequeValues): Promise<void> {
    if (n > 1) await this.page.getByRole('button', { name: 'Add a payment' }).click();
    const row = this.payment(n);
    await row.getByRole('combobox', { name: 'Customer' }).fill(values.customer);
    await this.page.getByRole('option', { name: new RegExp(`^${values.customer} ·`) }).click();
    await row.getByRole('textbox', { name: 'Reference' }).fill(values.reference);
    await row.getByRole('textbox', { name: 'Amount' }).fill(values.amount);
    if (values.chosen) {
      await row.getByRole('button', { name: 'Chosen invoices' }).click();
      for (const [invoice, amount] of Object.entries(values.chosen)) await row.getByRole('textbox', { name: `Pay on ${invoice}` }).fill(amount);
    }
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save deposit' }).click();
  }
}

export interface InvoiceValues {
  number: string;
  amount: string;
  poNumber?: string;
  deliveryDate?: string;
}

export class CardEntries {
  constructor(readonly page: Page) {}

  invoiceDialog(): Locator {
    return this.page.getByRole('dialog', { name: /^New invoice for / });
  }

  async newInvoice(values: InvoiceValues): Promise<void> {
    await this.page.getByRole('button', { name: 'New invoice' }).click();
    const d = this.invoiceDialog();
    await d.getByRole('textbox', { name: 'Invoice number' }).fill(values.number);
    await d.getByRole('textbox', { name: 'Amount' }).fill(values.amount);
    if (values.poNumber) await d.getByRole('textbox', { name: 'PO number' }).fill(values.poNumber);
    if (values.deliveryDate) await typeDate(d.getByRole('textbox', { name: 'Delivery date' }), values.deliveryDate);
    await d.getByRole('button', { name: 'Add invoice' }).click();
  }
}
