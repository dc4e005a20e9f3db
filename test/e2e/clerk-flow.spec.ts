import { expect, isoInDays, screenshotPath, test } from './fixtures';
import { AppShell, CustomerCardPage } from './pages';

/** Three customers a month late, largest first on the worklist: one policy task each. */
async function threeLatePayers(call: (m: string, i: unknown) => Promise<{ id: number }>) {
  const names = ['Anchor Supplies', 'Birch Traders', 'Cedar Foods'];
  for (const [n, name] of names.entries()) {
    const c = await call('customers.create', { code: `LATE${n}`, name });
    await call('invoices.create', { number: `INV-L${n}`, customerId: c.id, issueDate: isoInDays(-60), dueDate: isoInDays(-30), amount: (3 - n) * 100_000_00 });
  }
  return names;
}

test('a call answers the task it was opened from, closes it, and Next task goes on down the worklist', async ({ page, settle, api }) => {
  const [first, second, third] = await threeLatePayers(api);
  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Worklist');
  const table = page.getByRole('table', { name: "Today's work" });
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByRole('row').nth(1)).toContainText(first);

  // C on the first row: the card opens with the call note, offering to close the row's task.
  await table.getByRole('row').nth(1).focus();
  await page.keyboard.press('c');
  const card = new CustomerCardPage(page);
  const dialog = card.callDialog();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: 'This answers' })).toContainText('30 days late');
  await card.fillCall({ outcome: 'Reached', summary: 'Accounts payable will pay on Friday; the invoice is approved.' });
  await page.screenshot({ path: screenshotPath('log-activity') });
  await dialog.getByRole('button', { name: 'Save call (Ctrl+Enter)' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('alert').filter({ hasText: 'Call saved to the timeline; its task is closed' })).toBeVisible();
  await expect(card.timeline).toContainText('Accounts payable will pay on Friday');

  await page.getByRole('button', { name: 'Next task (N)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: second })).toBeVisible();

  // On the second card: an email received answers its task too, and N moves on by keyboard.
  await page.keyboard.press('c');
  await expect(page.getByRole('dialog', { name: `Log a call with ${second}` })).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Email received' }).click();
  const email = page.getByRole('dialog', { name: `Log an email received from ${second}` });
  await expect(email.getByRole('combobox', { name: 'Outcome' })).toHaveCount(0);
  await expect(email.getByRole('combobox', { name: 'This answers' })).toContainText('30 days late');
  await email.getByRole('textbox', { name: 'Summary' }).fill('They sent the remittance advice.');
  await email.getByRole('button', { name: 'Save email (Ctrl+Enter)' }).click();
  await expect(email).toBeHidden();
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { level: 1, name: third })).toBeVisible();

  // Both tasks are closed: only the third customer is left on the list.
  await new AppShell(page).goTo('Worklist');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText(third);
});

test('Done then Undo puts the task back; arrow keys move a visible selection and Enter opens the card', async ({ page, settle, api }) => {
  const [first, second, third] = await threeLatePayers(api);
  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Worklist');
  const table = page.getByRole('table', { name: "Today's work" });
  const row = (n: number) => table.getByRole('row').nth(n);
  await expect(table.getByRole('row')).toHaveCount(4);

  await page.getByRole('button', { name: `Done: ${first}` }).click();
  await expect(table.getByRole('row')).toHaveCount(3);
  const undoBar = page.getByRole('alert').filter({ hasText: `Done: ${first}` });
  await undoBar.getByRole('button', { name: 'Undo' }).click();
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(row(1)).toContainText(first);

  // Snooze is taken back the same way.
  await page.getByRole('button', { name: `Snooze: ${second}` }).click();
  await page.getByRole('menuitem', { name: 'Until tomorrow' }).click();
  await expect(table.getByRole('row')).toHaveCount(3);
  await page.getByRole('alert').filter({ hasText: `Snoozed: ${second}` }).getByRole('button', { name: 'Undo' }).click();
  await expect(table.getByRole('row')).toHaveCount(4);

  await row(1).focus();
  await expect(row(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(row(2)).toHaveAttribute('aria-selected', 'true');
  await expect(row(1)).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('ArrowDown');
  await expect(row(3)).toHaveAttribute('aria-selected', 'true');
  await expect(row(3)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(row(2)).toHaveAttribute('aria-selected', 'true');
  await page.screenshot({ path: screenshotPath('worklist-selected') });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: second })).toBeVisible();
  expect(third).toBeTruthy();
});

test('the card’s status menu changes the status with a reason; Correct starts from the original entry', async ({ page, settle, api }) => {
  const c = await api('customers.create', { code: 'STAT', name: 'Status Works' });
  await api('activities.record', { customerId: c.id, kind: 'visit', direction: 'outbound', occurredAt: `${isoInDays(-1)}T10:00`, outcome: 'reached', summary: 'Met the owner at the shop.' });
  await page.goto(`${settle.launchUrl.split('#')[0]}#/customers/${c.id}`);
  await page.getByRole('button', { name: 'Status: Active' }).click();
  await page.getByRole('menuitem', { name: 'COD only…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change status' });
  await dialog.getByRole('textbox', { name: 'Why' }).fill('Paid late three times this year.');
  await dialog.getByRole('button', { name: 'Change status' }).click();
  await expect(page.getByRole('button', { name: 'Status: COD only' })).toBeVisible();

  await page.getByRole('button', { name: 'Correct: Met the owner at the shop.' }).click();
  const fix = page.getByRole('dialog', { name: /^Correct an entry for / });
  await expect(fix.getByRole('textbox', { name: 'Summary' })).toHaveValue('Met the owner at the shop.');
  await expect(fix.getByRole('combobox', { name: 'Outcome' })).toContainText('Reached');
});

test('a new ledger’s worklist offers the letterhead, an import and demo data; demo data fills the worklist', async ({ page, settle }) => {
  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Worklist');
  const firstRun = page.getByRole('region', { name: 'This ledger is new' });
  await expect(firstRun.getByRole('button', { name: 'Import' })).toBeVisible();
  await firstRun.getByRole('button', { name: 'Set up your letterhead' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Letterhead and letters' })).toBeFocused();

  await new AppShell(page).goTo('Worklist');
  await firstRun.getByRole('button', { name: 'Load demo data' }).click();
  await expect(firstRun).toBeHidden();
  await expect(page.getByRole('table', { name: "Today's work" }).getByRole('row').nth(1)).toBeVisible();
});

test('several invoices are written off in one action', async ({ page, settle, api }) => {
  const c = await api('customers.create', { code: 'GONE', name: 'Gone Away Ltd' });
  for (const [n, amount] of [[1, 300_00], [2, 200_00]] as const) {
    await api('invoices.create', { number: `INV-G${n}`, customerId: c.id, issueDate: isoInDays(-200), dueDate: isoInDays(-170), amount });
  }
  await page.goto(`${settle.launchUrl.split('#')[0]}#/customers/${c.id}`);
  await expect(page.getByLabel('Balance')).toHaveText('$500.00');
  await page.getByRole('region', { name: 'Write-offs' }).getByRole('button', { name: 'Write off…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Write off' });
  await dialog.getByRole('checkbox', { name: 'INV-G1: $300.00 open' }).check();
  await dialog.getByRole('checkbox', { name: 'INV-G2: $200.00 open' }).check();
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('The company was struck off the register.');
  await dialog.getByRole('textbox', { name: 'Approved by' }).fill('J. Ortiz');
  await dialog.getByRole('textbox', { name: 'Approval note' }).fill('By email, after the registry search');
  await dialog.getByRole('button', { name: 'Write off' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Balance')).toHaveText('$0.00');
  const list = page.getByRole('region', { name: 'Write-offs' }).getByRole('list', { name: 'Write-offs' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
});
