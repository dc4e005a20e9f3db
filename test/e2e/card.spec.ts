import { expect, isoInDays, screenshotPath, shownDate, test } from './fixtures';
import { AgingPage, AppShell, CustomerCardPage } from './pages';

test.use({ demoCustomers: 120 });

test("a clerk's morning: from the worklist to a customer, a call with a promise, and back after a restart", async ({ page, settle }) => {
  await page.goto(settle.launchUrl);
  const shell = new AppShell(page);
  // The worklist is the home page; the demo left some customers to call back today.
  const work = page.getByRole('table', { name: "Today's work" });
  const firstItem = work.getByRole('row').nth(1);
  await expect(firstItem).toBeVisible();
  await page.screenshot({ path: screenshotPath('worklist-demo') });
  const name = (await firstItem.getByRole('button').first().textContent())!;
  await firstItem.getByRole('button', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const card = new CustomerCardPage(page);
  await expect(page.getByRole('table', { name: 'Open invoices' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('customer-card') });

  // One keystroke opens the call note; typed text survives leaving the page.
  await page.keyboard.press('c');
  await expect(card.callDialog()).toBeVisible();
  await card.fillCall({ summary: 'Spoke to accounts payable: the March invoice was waiting for a PO number.' });
  await card.callDialog().getByRole('button', { name: 'Keep as draft' }).click();
  await shell.goTo('Worklist');
  await page.goBack();
  await expect(page.getByRole('button', { name: 'Resume call note (C)' })).toBeVisible();
  // …and a restart, though browser mode comes back on another port (another origin).
  const cardHash = new URL(page.url()).hash;
  const restarted = await settle.restart();
  await page.goto(`${restarted.launchUrl}${cardHash}`);
  await expect(page.getByRole('button', { name: 'Resume call note (C)' })).toBeVisible();
  await page.getByRole('button', { name: 'Resume call note (C)' }).click();
  await expect(card.callDialog().getByRole('textbox', { name: 'Summary' })).toHaveValue(/waiting for a PO number/);

  // A promise needs its date: the service says so, nothing is saved.
  await card.fillCall({ outcome: 'Promise to pay', promisedAmount: '250.00' });
  await page.keyboard.press('Control+Enter');
  await expect(card.callDialog().getByRole('alert')).toContainText('Please correct');
  const promised = isoInDays(7);
  await card.fillCall({ promisedDate: promised, followUp: isoInDays(0) });
  await page.screenshot({ path: screenshotPath('call-note') });
  await page.keyboard.press('Control+Enter');
  await expect(card.callDialog()).toBeHidden();
  await expect(card.timeline).toContainText('waiting for a PO number');
  await expect(card.timeline).toContainText(`promised $250.00 by ${shownDate(promised)}`);
  await page.screenshot({ path: screenshotPath('customer-card-after-call') });

  // Nothing is edited: a correction is added beside the original.
  await card.timeline.getByRole('button', { name: /^Correct: Spoke to accounts payable/ }).click();
  const fix = page.getByRole('dialog', { name: /^Correct an entry for / });
  await fix.getByRole('textbox', { name: 'Summary' }).fill('It was the April invoice, not March.');
  await fix.getByRole('button', { name: 'Save correction (Ctrl+Enter)' }).click();
  await expect(card.timeline).toContainText('waiting for a PO number');
  await expect(card.timeline).toContainText(/Corrected .*: It was the April invoice, not March\./);

  // The follow-up is due today, so the worklist now has it.
  await shell.goTo('Worklist');
  await expect(work.getByRole('row').filter({ hasText: 'Follow up: Spoke to accounts payable' })).toContainText(name);

  const relaunched = await settle.restart();
  await page.goto(relaunched.launchUrl);
  await shell.goTo('Worklist');
  await work.getByRole('row').filter({ hasText: 'Follow up: Spoke to accounts payable' }).getByRole('button', { name, exact: true }).click();
  await expect(card.timeline).toContainText('waiting for a PO number');
  await expect(page.getByRole('button', { name: 'Log a call (C)' })).toBeVisible();
});

test('a dispute raised on a call names its invoices and shows on the card', async ({ page, settle }) => {
  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Aging');
  await new AgingPage(page).grid.getByRole('row').nth(2).getByRole('gridcell').nth(1).click();
  const card = new CustomerCardPage(page);
  const firstInvoice = (await page.getByRole('table', { name: 'Open invoices' }).getByRole('row').nth(1).getByRole('cell').first().textContent())!.replace(/ \(instalment \d+\)$/, '');
  await page.getByRole('button', { name: /Log a call \(C\)/ }).click();
  await card.fillCall({ outcome: 'Dispute raised', summary: 'Two cases arrived crushed; they will not pay that invoice until we replace them.' });
  const dispute = card.callDialog().getByRole('group', { name: 'Dispute' });
  await dispute.getByRole('combobox', { name: 'What is disputed' }).click();
  await page.getByRole('option', { name: 'Arrived damaged' }).click();
  await dispute.getByRole('combobox', { name: 'Invoices in dispute' }).click();
  await page.getByRole('option', { name: new RegExp(`^${firstInvoice} `) }).click();
  await page.keyboard.press('Escape');
  await dispute.getByRole('textbox', { name: 'Disputed amount' }).fill('10.00');
  await card.callDialog().getByRole('button', { name: 'Save call (Ctrl+Enter)' }).click();
  await expect(card.callDialog()).toBeHidden();
  await expect(card.timeline).toContainText(`disputed $10.00 on ${firstInvoice} (arrived damaged)`);
  await expect(page.getByRole('region', { name: 'Open disputes' })).toContainText('Arrived damaged: $10.00');

  await page.getByRole('region', { name: 'Open disputes' }).getByRole('button', { name: 'Investigate' }).click();
  await expect(page.getByRole('region', { name: 'Open disputes' })).toContainText('investigating for');
  await expect(card.timeline).toContainText('Dispute under investigation.');

  // Resolved with a credit note: the ledger gets the credit, the dispute closes, the timeline says so.
  await page.getByRole('region', { name: 'Open disputes' }).getByRole('button', { name: 'Resolve' }).click();
  const resolve = page.getByRole('dialog', { name: 'Resolve dispute' });
  await resolve.getByRole('combobox', { name: 'Resolution' }).click();
  await page.getByRole('option', { name: 'Credit note', exact: true }).click();
  await resolve.getByRole('textbox', { name: 'Credit note number' }).fill('CN-E2E-1');
  await resolve.getByRole('textbox', { name: 'Credit amount' }).fill('10.00');
  await resolve.getByRole('button', { name: 'Resolve' }).click();
  await expect(resolve).toBeHidden();
  await expect(page.getByRole('region', { name: 'Open disputes' })).toHaveCount(0);
  await expect(card.timeline).toContainText('Dispute resolved: credit note');
  await expect(card.timeline).toContainText('Credit note CN-E2E-1: $10.00');
});

test('credit hold needs a reason, and the reason goes on the record', async ({ page, settle }) => {
  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Aging');
  await new AgingPage(page).grid.getByRole('row').nth(2).getByRole('gridcell').nth(1).click();
  await page.getByRole('button', { name: 'Status: Active' }).click();
  await page.getByRole('menuitem', { name: 'Credit hold…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change status' });
  await expect(dialog.getByRole('combobox', { name: 'New status' })).toContainText('Credit hold');
  await dialog.getByRole('button', { name: 'Change status' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Why' })).toHaveAccessibleDescription('Say why');
  await dialog.getByRole('textbox', { name: 'Why' }).fill('Three invoices past 90 days and no reply to two letters.');
  await dialog.getByRole('button', { name: 'Change status' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Status: Credit hold' })).toBeVisible();
  await expect(page.getByText(/^Credit hold since [A-Z][a-z]{2} \d{1,2}, \d{4}: Three invoices past 90 days/)).toBeVisible();
  await expect(new CustomerCardPage(page).timeline).toContainText('Status changed from active to credit hold');
});

test("a consumer's own phone, email and address are on the card, with no contacts of their own", async ({ page, settle, api }) => {
  const who = (await api('customers.create', {
    code: 'CONS-1',
    name: 'Dana Whitfield',
    kind: 'consumer',
    phone: '+1 217 555 0142',
    email: 'dana@example.com',
    address1: '9 Elm Row',
    city: 'Springfield',
    postalCode: '62704',
  })) as { id: number };
  await page.goto(`${settle.launchUrl}#/customers/${who.id}`);
  const own = page.getByLabel('Dana Whitfield: own details');
  await expect(own).toContainText('The customer');
  await expect(own).toContainText('+1 217 555 0142');
  await expect(own).toContainText('dana@example.com');
  await expect(own).toContainText('9 Elm Row, 62704 Springfield');
  await expect(own.getByRole('button', { name: 'Copy phone of Dana Whitfield' })).toBeVisible();
  await expect(page.getByText('No contacts yet')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('card-consumer') });
});
