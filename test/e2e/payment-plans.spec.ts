import fs from 'node:fs';
import { expect, isoInDays, screenshotPath, shownDate, test } from './fixtures';
import { PaymentPlans } from './pages';

test('a payment plan is shaped against the fairness checks, printed, signed, and tracked against the payments that follow', async ({ page, settle, api: call }) => {
  const today = isoInDays(0);
  const start = isoInDays(7);
  const customer = await call('customers.create', { code: 'PLAN', name: 'Harbour Bakery Ltd' });
  await call('invoices.create', { number: 'INV-PL1', customerId: customer.id, issueDate: isoInDays(-75), dueDate: isoInDays(-45), amount: 1_200_00 });
  await call('invoices.create', { number: 'INV-PL2', customerId: customer.id, issueDate: isoInDays(-40), dueDate: isoInDays(-10), amount: 600_00 });

  await page.goto(`${settle.launchUrl}#/customers/${customer.id}`);
  await expect(page.getByRole('heading', { level: 1, name: customer.name })).toBeVisible();
  const plans = new PaymentPlans(page);
  await expect(plans.root).toContainText('No payment plan yet.');

  // The plan starts from the whole balance, a week out; the schedule follows the terms as they are typed.
  await plans.offer({ count: '3', frequency: 'Monthly' });
  const dialog = plans.offerDialog;
  await expect(dialog.getByRole('textbox', { name: 'Plan total' })).toHaveValue('1800.00');
  await expect(dialog.getByRole('textbox', { name: 'Start date' })).toHaveValue(shownDate(start));
  const schedule = dialog.getByRole('table', { name: 'Schedule' });
  const rows = schedule.locator('tbody').getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveText(`1${shownDate(start)}$600.00`);
  await expect(rows.nth(1)).toContainText('$600.00');
  await expect(rows.nth(2)).toContainText('$600.00');
  const fairness = dialog.getByRole('list', { name: 'Fairness check' });
  await expect(fairness.getByRole('listitem')).toHaveCount(6);
  await expect(fairness.getByRole('listitem').filter({ hasText: 'The last instalment is due' })).toContainText('within 12 months');
  await expect(fairness.getByRole('listitem').filter({ hasText: /The plan covers all .* that may be asked for/ }).getByRole('img', { name: 'OK' })).toBeVisible();
  await expect(fairness).toContainText('The customer has made no payments in the last 12 months');
  await expect(dialog.getByRole('status')).toHaveText('Fair to both sides');
  await expect(dialog.getByRole('textbox', { name: 'Why this plan is right anyway' })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('plan-dialog') });

  // Forty months is past the limit: the check says so and a reason becomes required.
  await plans.offer({ count: '40' });
  await expect(rows).toHaveCount(40);
  const length = fairness.getByRole('listitem').filter({ hasText: 'The last instalment would be due' });
  await expect(length).toContainText('more than 12 months after the start');
  await expect(length.getByRole('img', { name: 'Limit failed' })).toBeVisible();
  await expect(dialog.getByRole('status')).toHaveText('Outside the policy limits');
  const why = dialog.getByRole('textbox', { name: 'Why this plan is right anyway' });
  await expect(why).toBeVisible();
  await dialog.getByRole('button', { name: 'Save plan' }).click();
  await expect(dialog).toContainText('Say why this plan is right despite the limits');
  expect(await call('plans.list', { customerId: customer.id, today })).toEqual([]);

  // Back to three: fair again, no reason needed, and saved.
  await plans.offer({ count: '3' });
  await expect(dialog.getByRole('status')).toHaveText('Fair to both sides');
  await expect(why).toHaveCount(0);
  await expect(rows).toHaveCount(3);
  await dialog.getByRole('button', { name: 'Save plan' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Payment plan offered to Harbour Bakery Ltd: $1,800.00 in 3 instalments')).toBeVisible();
  const plan = plans.plan(0);
  await expect(plan).toContainText('Proposed');
  await expect(plan).toContainText(`$1,800.00 · 3 × monthly · from ${shownDate(start)}`);
  await expect(plans.root.getByRole('button', { name: 'Offer a payment plan…' })).toBeDisabled();

  // Printing opens the agreement in a new tab, and the same PDF can be saved.
  const popup = page.waitForEvent('popup');
  await plan.getByRole('button', { name: 'Print agreement' }).click();
  const tab = await popup;
  expect(tab.url()).toMatch(/^blob:/);
  await tab.close();
  const download = page.waitForEvent('download');
  await plan.getByRole('link', { name: 'Save PDF' }).click();
  const pdf = await download;
  expect(pdf.suggestedFilename()).toMatch(/^payment-plan-\d+-PLAN\.pdf$/);
  expect(fs.readFileSync(await pdf.path()).subarray(0, 5).toString()).toBe('%PDF-');

  // Signed: the customer is on a plan, and the first instalment is still to come.
  await plan.getByRole('button', { name: 'Mark signed…' }).click();
  const signDialog = page.getByRole('dialog', { name: /^Mark plan \d+ signed$/ });
  await signDialog.getByRole('button', { name: 'Mark signed' }).click();
  await expect(signDialog).toContainText('Say who signed for the customer');
  await signDialog.getByRole('button', { name: 'Cancel' }).click();
  await plans.markSigned(plan, 'Dana Reyes');
  await expect(signDialog).toBeHidden();
  await expect(page.getByRole('button', { name: /^Status: On payment plan/ })).toBeVisible();
  await expect(plan).toContainText('Signed');
  await expect(plan).toContainText(`signed by Dana Reyes on ${shownDate(today)}`);
  const instalments = plans.instalments(plan).locator('tbody').getByRole('row');
  await expect(instalments.nth(0)).toContainText('Upcoming');
  await expect(plan.getByRole('button', { name: 'Cancel plan…' })).toBeVisible();
  await expect(plan.getByRole('button', { name: 'Mark signed…' })).toHaveCount(0);

  // The first instalment's money arrives: the plan counts it, whatever invoice it paid.
  await call('payments.record', { reference: 'PAY-PL1', customerId: customer.id, date: today, amount: 600_00 });
  await page.reload();
  await expect(instalments.nth(0)).toContainText('Paid');
  await expect(instalments.nth(0)).toContainText('$600.00$600.00');
  await expect(instalments.nth(1)).toContainText('Upcoming');
  await expect(plan).toContainText('Paid to date: $600.00 of $1,800.00');
  await plans.root.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('card-payment-plan') });
});
