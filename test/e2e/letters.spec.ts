import type { Locator } from '@playwright/test';
import { expect, isoInDays, opensPdf, screenshotPath, shownDate, test } from './fixtures';
import { AgingPage, AppShell, CustomerCardPage } from './pages';

function letterEntry(card: CustomerCardPage, template: string): Locator {
  return card.timeline.getByRole('listitem').filter({ hasText: `Letter sent: ${template}` });
}

test('letters from the aging grid selection and the certified-mail round trip land on each customer’s timeline', async ({ page, settle, api: call }) => {
  // The review step adds a dialog to each print, and the machine running the suite may be busy.
  test.setTimeout(120_000);
  await call('letters.settingsUpdate', { companyName: 'Northwind Supplies', companyAddress: '1 Harbour Road\nSpringfield, IL 62701', clerkName: 'Sam Carter', companyPhone: '217 555 0100' });
  const customer = async (code: string, name: string, daysLate: number, amount: number) => {
    const c = await call('customers.create', {
      code,
      name,
      address1: '12 Mill Road',
      city: 'Springfield',
      region: 'IL',
      postalCode: '62702',
      contacts: [{ name: `${name.split(' ')[0]} Accounts`, role: 'accounts_payable', isPrimary: true }],
    });
    await call('invoices.create', { number: `${code}-1`, customerId: c.id, issueDate: isoInDays(-daysLate - 30), dueDate: isoInDays(-daysLate), amount });
    return c as { id: number; name: string };
  };
  // 18 days late: the policy's polite letter is due. 95 days late: its certified final demand.
  const acme = await customer('ACME', 'Acme Supply Co', 18, 1_200_50);
  const beta = await customer('BETA', 'Beta Foods', 18, 450_00);
  await customer('DELTA', 'Delta Print', 18, 75_00);
  const gamma = await customer('GAMMA', 'Gamma Trading', 95, 2_300_00);

  // Two customers ticked in the aging grid get the polite letter, as one PDF.
  await page.goto(settle.launchUrl);
  const shell = new AppShell(page);
  await shell.goTo('Aging');
  const aging = new AgingPage(page);
  const write = page.getByRole('button', { name: 'Letters for selected…' });
  await expect(write).toBeDisabled();
  await expect(aging.grid.getByRole('row', { name: /Total of 4 customers/ }).getByRole('checkbox')).toHaveCount(0);
  for (const name of [acme.name, beta.name]) await aging.grid.getByRole('row', { name: new RegExp(name) }).getByRole('checkbox').check();
  await write.click();
  const dialog = page.getByRole('dialog', { name: 'Letters to 2 customers' });
  await dialog.getByRole('combobox', { name: 'Template' }).click();
  await page.getByRole('option', { name: 'Polite past-due letter' }).click();
  await expect(dialog.getByRole('combobox', { name: 'Channel' })).toHaveText('Mail');
  await expect(page.getByRole('listbox')).toBeHidden();
  await page.screenshot({ path: screenshotPath('aging-letters') });
  // The same review as Print all: nothing is recorded until the letters are printed from it.
  await dialog.getByRole('button', { name: 'Review 2 letters' }).click();
  const review = page.getByRole('dialog', { name: 'Review: Polite past-due letter' });
  await expect(review.getByRole('table', { name: 'Letters to review' }).getByRole('row')).toHaveCount(3);
  expect(await call('letters.list', { customerId: acme.id })).toEqual([]);
  await opensPdf(page, () => review.getByRole('button', { name: 'Print 2 letters' }).click());
  await expect(review.getByRole('status')).toContainText('2 letters sent, on each customer’s timeline');
  await review.getByRole('button', { name: 'Done' }).click();
  await expect(write).toBeDisabled();

  // The archived file is a PDF, and each letter is on its own customer's timeline.
  const [sent] = await call('letters.list', { customerId: acme.id });
  const file = await call('letters.file', { fileId: sent.fileId });
  expect(file.mimeType).toBe('application/pdf');
  expect(Buffer.from(file.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  const card = new CustomerCardPage(page);
  for (const c of [acme, beta]) {
    await page.goto(`${settle.launchUrl}#/customers/${c.id}`);
    await expect(page.getByRole('heading', { level: 1, name: c.name })).toBeVisible();
    await expect(letterEntry(card, 'Polite past-due letter')).toContainText('Letter sent: Polite past-due letter (version 1) by mail');
  }
  await opensPdf(page, () => letterEntry(card, 'Polite past-due letter').getByRole('button', { name: 'Open PDF' }).click());

  // Print and send: what the policy still asks for today, one PDF per template.
  await shell.goTo('Letters');
  await page.getByRole('tab', { name: 'Print and send' }).click();
  const due = page.getByRole('table', { name: 'Letters due today' });
  await expect(due.getByRole('row', { name: /Certified final demand/ })).toContainText('Certified mail');
  // The two letters just sent from the aging grid carried out their tasks; only Delta's is left.
  await expect(due.getByRole('row', { name: /Polite past-due letter/ })).toContainText('Delta Print');
  await expect(due.getByRole('row', { name: /Polite past-due letter/ })).not.toContainText('Acme');
  await page.screenshot({ path: screenshotPath('letters-print') });
  await due.getByRole('button', { name: 'Print all 1: Certified final demand' }).click();
  const certifiedReview = page.getByRole('dialog', { name: 'Review: Certified final demand' });
  await expect(certifiedReview.getByRole('row', { name: /Gamma Trading/ })).toContainText('$2,300.00');
  await opensPdf(page, () => certifiedReview.getByRole('button', { name: 'Print 1 letter' }).click());
  await expect(page.getByRole('status')).toContainText('1 letter sent, on each customer’s timeline');
  await expect(due.getByRole('row', { name: /Certified final demand/ })).toHaveCount(0);

  // The certified letter: a mistyped tracking number is refused, then the mailing and the return receipt are recorded.
  await page.goto(`${settle.launchUrl}#/customers/${gamma.id}`);
  const certified = letterEntry(card, 'Certified final demand');
  await expect(certified).toContainText('by certified mail');
  await expect(certified).toContainText('Certified mail: mailing not recorded yet');
  await certified.getByRole('button', { name: 'Record mailing…' }).click();
  const mailing = page.getByRole('dialog', { name: 'Record mailing' });
  await mailing.getByRole('textbox', { name: 'Tracking number' }).fill('9400 1118 9922 3818 2184 08');
  await mailing.getByRole('button', { name: 'Record mailing' }).click();
  await expect(mailing).toContainText('This tracking number’s check digit does not match: look for a mistyped digit');
  await mailing.getByRole('textbox', { name: 'Tracking number' }).fill('9400 1118 9922 3818 2184 07');
  await mailing.getByRole('button', { name: 'Record mailing' }).click();
  await expect(mailing).toBeHidden();
  const today = isoInDays(0);
  await expect(certified).toContainText(`Certified mail 9400 1118 9922 3818 2184 07, mailed ${shownDate(today)} · return receipt not back yet`);
  await certified.getByRole('button', { name: 'Record return receipt…' }).click();
  const receipt = page.getByRole('dialog', { name: 'Record return receipt' });
  await receipt.getByRole('textbox', { name: 'Signed by' }).fill('Grace Okafor');
  await receipt.getByRole('button', { name: 'Record receipt' }).click();
  await expect(receipt).toBeHidden();
  await expect(certified).toContainText(`return receipt ${shownDate(today)}, signed by Grace Okafor`);
  await page.reload();
  await expect(certified).toContainText(`Certified mail 9400 1118 9922 3818 2184 07, mailed ${shownDate(today)} · return receipt ${shownDate(today)}, signed by Grace Okafor`);
  await expect(certified.getByRole('button', { name: /^Record/ })).toHaveCount(0);
  await certified.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('card-certified-letter') });

  // The day's certified-mail log shows it, and prints as a mailing list.
  await shell.goTo('Letters');
  await page.getByRole('tab', { name: 'Certified mail' }).click();
  const log = page.getByRole('table', { name: 'Certified mail' });
  const row = log.getByRole('row', { name: /Gamma Trading/ });
  await expect(row).toContainText('9400 1118 9922 3818 2184 07');
  await expect(row).toContainText('Certified final demand');
  await expect(row).toContainText(`${shownDate(today)}, signed by Grace Okafor`);
  await page.screenshot({ path: screenshotPath('letters-certified') });
  await opensPdf(page, () => page.getByRole('button', { name: 'Print mailing list' }).click());
});
