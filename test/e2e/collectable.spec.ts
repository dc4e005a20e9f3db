import { expect, isoInDays, screenshotPath, test } from './fixtures';
import { AppShell, PaymentPlans } from './pages';

// Issue 10: the card shows what may be asked for, cash is applied by hand, and a plan for part of
// the balance leaves the rest in normal collections.

test('the card asks only for collectable money; cash is applied by hand and a plan for part of it leaves the rest in collections', async ({ page, settle, api: call }) => {
  const today = isoInDays(0);

  // With automatic matching off, credits wait on the account for the clerk to apply.
  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Settings');
  const collections = page.getByRole('region', { name: 'Collections' });
  const autoApply = collections.getByRole('switch', { name: 'Apply unapplied cash and credits to new invoices automatically, oldest due first' });
  await expect(autoApply).toBeChecked();
  await autoApply.uncheck();
  await expect(autoApply).toHaveAccessibleDescription(/wait until someone applies them/);
  await collections.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(collections.getByRole('status')).toHaveText('Saved.');
  await page.reload();
  await expect(autoApply).not.toBeChecked();
  expect((await call('settings.get', {})).autoApplyCash).toBe(false);

  const customer = await call('customers.create', { code: 'COLL', name: 'Juniper Tiles Ltd' });
  const inv1 = await call('invoices.create', { number: 'INV-C1', customerId: customer.id, issueDate: isoInDays(-70), dueDate: isoInDays(-40), amount: 1_000_00 });
  const inv2 = await call('invoices.create', { number: 'INV-C2', customerId: customer.id, issueDate: isoInDays(-50), dueDate: isoInDays(-20), amount: 800_00 });
  await call('invoices.create', { number: 'INV-C3', customerId: customer.id, issueDate: isoInDays(-10), dueDate: isoInDays(20), amount: 500_00 });
  await call('activities.record', {
    customerId: customer.id,
    occurredAt: `${today}T09:00`,
    outcome: 'dispute_raised',
    summary: 'Three boxes of tiles arrived cracked; they will pay INV-C2 less those.',
    dispute: { reason: 'damaged', invoiceIds: [inv2.id], amount: 300_00 },
  });
  const cn1 = await call('credits.record', { number: 'CN-C1', customerId: customer.id, date: isoInDays(-5), amount: 200_00, reason: 'Returned grout' });
  const cn2 = await call('credits.record', { number: 'CN-C2', customerId: customer.id, date: isoInDays(-3), amount: 50_00, reason: 'Delivery charge refunded' });
  expect([cn1.unapplied, cn2.unapplied]).toEqual([200_00, 50_00]);

  // 2,300.00 open: 300.00 of it disputed, 250.00 met by the credits (oldest item first).
  await page.goto(`${settle.launchUrl}#/customers/${customer.id}`);
  await expect(page.getByRole('heading', { level: 1, name: customer.name })).toBeVisible();
  await expect(page.getByLabel('Balance')).toHaveText('$2,050.00');
  await expect(page.getByText('May be asked for: $1,750.00 (overdue $1,250.00)')).toBeVisible();
  await expect(page.getByText('Held back: disputed $300.00')).toBeVisible();
  const items = page.getByRole('table', { name: 'Open invoices' });
  const row = (n: string) => items.getByRole('row', { name: new RegExp(`^${n} `) });
  await expect(row('INV-C1')).toContainText('Unapplied $250.00');
  await expect(row('INV-C1').getByRole('cell').last()).toHaveText('$750.00');
  await expect(row('INV-C2')).toContainText('$800.00Disputed $300.00');
  await expect(row('INV-C2').getByRole('cell').last()).toHaveText('$500.00');
  await expect(row('INV-C3')).not.toContainText('Disputed');
  await expect(row('INV-C3').getByRole('cell').last()).toHaveText('$500.00');
  await page.screenshot({ path: screenshotPath('card-collectable') });
  await items.screenshot({ path: screenshotPath('card-open-items-collectable') });

  // The customer says the grout credit was for INV-C2: the clerk applies it there, not to the oldest.
  await page.getByRole('button', { name: 'Apply cash…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Apply cash' });
  await dialog.getByRole('combobox', { name: 'Payment or credit' }).click();
  await page.getByRole('option', { name: /^Credit note CN-C1 of .*: \$200\.00 unapplied$/ }).click();
  await dialog.getByRole('combobox', { name: 'Invoice' }).click();
  await page.getByRole('option', { name: 'INV-C2: $800.00 open ($300.00 disputed)' }).click();
  const amount = dialog.getByRole('textbox', { name: 'Amount' });
  await expect(amount).toHaveValue('200.00');
  await amount.fill('250');
  await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(amount).toHaveAccessibleDescription('At most $200.00 fits');
  await amount.fill('200.00');
  await page.screenshot({ path: screenshotPath('apply-cash-dialog') });
  await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Applied $200.00 of credit note CN-C1 to INV-C2')).toBeVisible();
  await expect(row('INV-C2')).toContainText('$600.00Disputed $300.00');
  await expect(row('INV-C2').getByRole('cell').last()).toHaveText('$300.00');
  await expect(row('INV-C1')).toContainText('Unapplied $50.00');
  // The credit moved from meeting INV-C1 to paying INV-C2: what may be asked for is the same in all.
  await expect(page.getByText('May be asked for: $1,750.00 (overdue $1,250.00)')).toBeVisible();

  // Someone else applies the last credit while the dialog is open: the service's refusal shows in it.
  await page.getByRole('button', { name: 'Apply cash…' }).click();
  await expect(dialog.getByRole('combobox', { name: 'Payment or credit' })).toHaveText(/^Credit note CN-C2 /);
  await dialog.getByRole('combobox', { name: 'Invoice' }).click();
  await page.getByRole('option', { name: /^INV-C1: / }).click();
  await call('allocations.apply', { source: 'credit', sourceId: cn2.id, invoiceId: inv1.id });
  await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Nothing of this credit is left to apply.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Apply cash…' })).toHaveCount(0);
  await expect(row('INV-C1').getByRole('cell').last()).toHaveText('$950.00');
  await expect(page.getByText('May be asked for: $1,750.00 (overdue $1,250.00)')).toBeVisible();

  // A plan for part of INV-C1 only: the rest of what may be asked for stays in normal collections.
  const plans = new PaymentPlans(page);
  await plans.root.getByRole('button', { name: 'Offer a payment plan…' }).click();
  const offer = plans.offerDialog;
  await expect(offer.getByRole('textbox', { name: 'Plan total' })).toHaveValue('1750.00');
  const choices = offer.getByRole('table', { name: 'What the plan covers' });
  // INV-C2's disputed part cannot be planned; its 300.00 can.
  await expect(choices.getByRole('row', { name: /INV-C2/ })).toContainText('$300.00');
  await offer.getByRole('checkbox', { name: 'Cover INV-C1' }).check();
  await expect(offer.getByRole('textbox', { name: 'Plan total' })).toHaveValue('950.00');
  await expect(offer.getByText('The remaining $800.00 stays in normal collections.', { exact: true })).toBeVisible();
  await plans.offer({ total: '600.00' });
  await expect(offer.getByText('The remaining $1,150.00 stays in normal collections.', { exact: true })).toBeVisible();
  await expect(choices.getByRole('row', { name: /INV-C1/ }).getByRole('cell').last()).toHaveText('$600.00');
  await expect(choices.getByRole('row', { name: /INV-C3/ }).getByRole('cell').last()).toHaveText('');
  await expect(offer.getByRole('status')).toHaveText('Fair to both sides');
  await page.screenshot({ path: screenshotPath('plan-dialog-items') });
  await offer.getByRole('button', { name: 'Save plan' }).click();
  await expect(offer).toBeHidden();
  const plan = plans.plan(0);
  await expect(plan).toContainText('Covers INV-C1 ($600.00)');

  // Once signed, the plan holds its part of INV-C1; the rest is asked for as before.
  await plans.markSigned(plan, 'Mara Quint');
  await expect(plan).toContainText('Signed');
  await expect(row('INV-C1')).toContainText('On plan $600.00');
  await expect(row('INV-C1').getByRole('cell').last()).toHaveText('$350.00');
  await expect(page.getByText('May be asked for: $1,150.00 (overdue $650.00)')).toBeVisible();
  await expect(page.getByText('Held back: disputed $300.00 · on a plan $600.00')).toBeVisible();
  await items.screenshot({ path: screenshotPath('card-open-items-on-plan') });
});
