import fs from 'node:fs';
import { pdfText } from '../support/pdf-text';
import { expect, isoInDays, test } from './fixtures';
import { AgingPage, AppShell, PaymentPlans } from './pages';

test('a date typed as 2026-12-08 in a date field is 8 December 2026, the locale’s form works too, and a day that does not exist is refused', async ({ page, settle, api: call }) => {
  const c = await call('customers.create', { code: 'DATE', name: 'Datum Works' });
  await call('invoices.create', { number: 'INV-D1', customerId: c.id, issueDate: '2026-10-01', dueDate: '2026-10-31', amount: 500_00 });
  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Aging');
  const aging = new AgingPage(page);
  const asOf = page.getByRole('textbox', { name: 'As of' });

  await asOf.fill('2026-12-08');
  await asOf.blur();
  await expect(asOf).toHaveValue('Dec 8, 2026');
  // The calendar agrees, and the service was asked for that day: the export is named for it.
  await page.getByRole('button', { name: 'Choose as of from a calendar' }).click();
  const calendar = page.getByRole('dialog', { name: 'As of' });
  await expect(calendar).toContainText('December 2026');
  await expect(calendar.getByRole('gridcell', { name: '8', exact: true })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');
  await expect(calendar).toBeHidden();
  expect((await aging.exportAs('CSV (current view)')).suggestedFilename()).toBe('aging-2026-12-08.csv');

  // The browser's own form (en-US here) is read too.
  await asOf.fill('12/9/2026');
  await asOf.blur();
  await expect(asOf).toHaveValue('Dec 9, 2026');

  // 30 February is not a date: said so, and the view keeps the last real one.
  await asOf.fill('2026-02-30');
  await asOf.blur();
  await expect(asOf).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Enter a date such as 2026-12-08')).toBeVisible();
  expect((await aging.exportAs('CSV (current view)')).suggestedFilename()).toBe('aging-2026-12-09.csv');
});

test('the same amount reads the same on the card, in a letter and in the payment plan agreement', async ({ page, settle, api: call }) => {
  await call('letters.settingsUpdate', { companyName: 'Northwind Supplies', companyAddress: '1 Harbour Road\nSpringfield, IL 62701', clerkName: 'Sam Carter', companyPhone: '217 555 0100' });
  const c = await call('customers.create', {
    code: 'SAME',
    name: 'Harbour Bakery Ltd',
    address1: '12 Mill Road',
    city: 'Springfield',
    region: 'IL',
    postalCode: '62702',
    contacts: [{ name: 'Dana Reyes', role: 'accounts_payable', isPrimary: true }],
  });
  await call('invoices.create', { number: 'INV-S1', customerId: c.id, issueDate: isoInDays(-50), dueDate: isoInDays(-20), amount: 16_648_28 });

  // On the card.
  await page.goto(`${settle.launchUrl}#/customers/${c.id}`);
  await expect(page.getByRole('heading', { level: 1, name: c.name })).toBeVisible();
  const onCard = (await page.getByLabel('Balance').textContent())!;
  expect(onCard).toBe('$16,648.28');

  // In a letter printed from the aging grid.
  await new AppShell(page).goTo('Aging');
  const aging = new AgingPage(page);
  await aging.grid.getByRole('row', { name: new RegExp(c.name) }).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Letters for selected…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Letters to 1 customer' });
  await dialog.getByRole('combobox', { name: 'Template' }).click();
  await page.getByRole('option', { name: 'Polite past-due letter' }).click();
  await dialog.getByRole('button', { name: 'Review 1 letter' }).click();
  const review = page.getByRole('dialog', { name: 'Review: Polite past-due letter' });
  await expect(review.getByRole('row', { name: new RegExp(c.name) })).toContainText(onCard);
  const popup = page.waitForEvent('popup');
  await review.getByRole('button', { name: 'Print 1 letter' }).click();
  await (await popup).close();
  await expect(review.getByRole('status')).toContainText('1 letter sent');
  const [sent] = await call('letters.list', { customerId: c.id });
  const letter = pdfText(Buffer.from((await call('letters.file', { fileId: sent.fileId })).base64, 'base64'));
  expect(letter).toContain(`Our records show that ${onCard} on your account is now past due`);
  expect(letter).toContain(`Total due ${onCard}`);

  // In the agreement for a plan of the whole balance.
  await page.goto(`${settle.launchUrl}#/customers/${c.id}`);
  const plans = new PaymentPlans(page);
  await plans.offer({ count: '3', frequency: 'Monthly' });
  await plans.offerDialog.getByRole('button', { name: 'Save plan' }).click();
  await expect(plans.offerDialog).toBeHidden();
  const plan = plans.plan(0);
  await expect(plan).toContainText(`${onCard} · 3 × monthly`);
  // Printing makes the PDF (opened in a tab); the same file can then be saved.
  const printed = page.waitForEvent('popup');
  await plan.getByRole('button', { name: 'Print agreement' }).click();
  await (await printed).close();
  const download = page.waitForEvent('download');
  await plan.getByRole('link', { name: 'Save PDF' }).click();
  const agreement = pdfText(fs.readFileSync((await (await download).path())!));
  expect(agreement).toContain(`the plan we agreed: ${onCard} in 3 instalments`);
  expect(agreement).toContain(`Total ${onCard}`);
});
