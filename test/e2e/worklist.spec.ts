import { expect, isoInDays, screenshotPath, test } from './fixtures';
import { AppShell } from './pages';

test('the worklist puts a broken promise first, explains each policy step; done, snooze, skip and override clear items, reassign moves them', async ({ page, settle, api: call }) => {
  // A week ago a customer promised money by three days ago; another asked to be called back today.
  const promiser = await call('customers.create', { code: 'PROM', name: 'Promise Keepers Ltd' });
  const caller = await call('customers.create', { code: 'CALL', name: 'Callback Traders' });
  await call('invoices.create', { number: 'INV-P', customerId: promiser.id, issueDate: isoInDays(-60), dueDate: isoInDays(-30), amount: 500_000_00 });
  await call('activities.record', { customerId: promiser.id, occurredAt: `${isoInDays(-7)}T10:00`, summary: 'Will pay by Friday.', promise: { amount: 123_456_00, date: isoInDays(-3) } });
  await call('activities.record', { customerId: caller.id, occurredAt: `${isoInDays(-1)}T15:00`, summary: 'Call back when the credit note is issued.', followUpDate: isoInDays(0) });

  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Worklist');
  const table = page.getByRole('table', { name: "Today's work" });
  await expect(table.getByRole('row').nth(1)).toContainText(promiser.name);
  await expect(table.getByRole('row').nth(1)).toContainText(`Step 11 of Standard policy: promise broken, $123,456.00 was promised by ${isoInDays(-3)}`);
  await expect(table.getByRole('row').nth(2)).toContainText('Step 5 of Standard policy: $500,000.00 is 30 days late');
  await expect(table.getByRole('row').nth(2)).toContainText('Firmer follow-up');
  await expect(table.getByRole('row').nth(3)).toContainText('Follow up: Call back when the credit note is issued.');
  await page.screenshot({ path: screenshotPath('worklist') });

  await page.getByRole('button', { name: `Reassign: ${caller.name}` }).click();
  await page.getByRole('dialog').getByRole('textbox', { name: 'Collector' }).fill('Priya');
  await page.getByRole('dialog').getByRole('button', { name: 'Reassign' }).click();
  await expect(page.getByRole('group', { name: 'Collectors' })).toContainText('Priya (1)');

  await page.getByRole('button', { name: `Snooze: ${caller.name}` }).click();
  await page.getByRole('menuitem', { name: 'Until tomorrow' }).click();
  await expect(table.getByRole('row')).toHaveCount(3);
  // One keystroke from a worklist row: C opens the customer's card with the call note ready.
  await table.getByRole('row', { name: `${promiser.name}: Step 11 of Standard policy: promise broken, $123,456.00 was promised by ${isoInDays(-3)}` }).focus();
  await page.keyboard.press('c');
  await expect(page.getByRole('dialog', { name: `Log a call with ${promiser.name}` })).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Keep as draft' }).click();
  await new AppShell(page).goTo('Worklist');

  await page.getByRole('button', { name: `Done: ${promiser.name}` }).first().click();
  await expect(table.getByRole('row')).toHaveCount(2);
  // A mis-click is taken back from the snackbar: the task is on the list again, the log keeps both.
  const undoBar = page.getByRole('alert').filter({ hasText: `Done: ${promiser.name}` });
  await expect(undoBar).toBeVisible();
  await page.screenshot({ path: screenshotPath('worklist-undo') });
  await undoBar.getByRole('button', { name: 'Undo' }).click();
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(undoBar).toBeHidden();
  await page.getByRole('button', { name: `Done: ${promiser.name}` }).first().click();
  await expect(table.getByRole('row')).toHaveCount(2);

  // The clerk overrides the letter with a call, then skips it: each with a reason on record.
  await page.getByRole('button', { name: `More: ${promiser.name}` }).click();
  await page.getByRole('menuitem', { name: 'Do something else…' }).click();
  const decision = page.getByRole('dialog', { name: 'Do something else' });
  await decision.getByRole('button', { name: 'Change the step' }).click();
  await expect(decision.getByText('Choose what to do instead')).toBeVisible();
  await decision.getByRole('combobox', { name: 'Instead' }).click();
  await page.getByRole('option', { name: 'Call', exact: true }).click();
  await decision.getByRole('textbox', { name: 'Why' }).fill('The owner prefers the phone.');
  await decision.getByRole('button', { name: 'Change the step' }).click();
  await expect(table.getByRole('row').nth(1)).toContainText('Instead of letter: The owner prefers the phone.');
  await page.getByRole('button', { name: `More: ${promiser.name}` }).click();
  await page.getByRole('menuitem', { name: 'Skip this step…' }).click();
  await page.getByRole('dialog', { name: 'Skip this step' }).getByRole('textbox', { name: 'Why' }).fill('Agreed a plan on the phone.');
  await page.getByRole('dialog', { name: 'Skip this step' }).getByRole('button', { name: 'Skip step' }).click();
  await expect(page.getByText('Nothing is due today.')).toBeVisible();
});
