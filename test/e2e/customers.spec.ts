import { expect, screenshotPath, test } from './fixtures';
import { ledgerCounts } from './ledger-file';
import { AppShell, CustomersPage } from './pages';

test('a clerk adds a customer with two contacts and finds it after a reload and a restart', async ({ page, settle, ledgerPath }) => {
  await page.goto(settle.launchUrl);
  const shell = new AppShell(page);
  await shell.goTo('Customers');
  const customers = new CustomersPage(page);
  await expect(page.getByText('No customers yet')).toBeVisible();
  await page.screenshot({ path: screenshotPath('customers-empty') });

  const dialog = await customers.openNew();
  await dialog.fill({ Code: 'NORTH-01', Name: 'Northwind Traders Ltd', Email: 'accounts@northwind.example', Phone: '+1 555 0100', City: 'Portland', 'Credit limit': '12,500.00' });
  await dialog.addContact({ name: 'Dana Reyes', role: 'Accounts payable', phone: '+1 555 0101', email: 'dana@northwind.example' });
  await dialog.addContact({ name: 'Sam Northwind', role: 'Owner / principal', email: 'sam@northwind.example' });
  await page.screenshot({ path: screenshotPath('customer-dialog') });
  await dialog.save();

  await expect(dialog.root).toBeHidden();
  await expect(page.getByText('Saved NORTH-01 — Northwind Traders Ltd')).toBeVisible();
  await expect(customers.row('Northwind Traders Ltd')).toContainText('Dana Reyes');
  await page.screenshot({ path: screenshotPath('customers') });
  expect(ledgerCounts(ledgerPath)).toEqual({ customers: 1, contacts: 2 });

  await page.reload();
  await expect(customers.row('Northwind Traders Ltd')).toBeVisible();

  // A new launch: new port, new token, same ledger file.
  const relaunched = await settle.restart();
  await page.goto(relaunched.launchUrl);
  await shell.goTo('Customers');
  const reopened = await customers.open('Northwind Traders Ltd');
  await expect(reopened.field('Code')).toHaveValue('NORTH-01');
  await expect(reopened.field('Credit limit')).toHaveValue('12500.00');
  await expect(reopened.contact(1).getByRole('textbox', { name: 'Contact name' })).toHaveValue('Dana Reyes');
  await expect(reopened.contact(1).getByLabel('Primary contact')).toBeChecked();
  await expect(reopened.contact(2).getByRole('textbox', { name: 'Contact name' })).toHaveValue('Sam Northwind');
  await expect(reopened.contact(2).getByRole('combobox', { name: 'Role' })).toHaveText('Owner / principal');
});

test('bad input shows an inline error and writes nothing', async ({ page, settle, ledgerPath }) => {
  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Customers');
  const customers = new CustomersPage(page);

  let dialog = await customers.openNew();
  await dialog.fill({ Code: 'ACME', Name: 'Acme Supply Co' });
  await dialog.save();
  await expect(dialog.root).toBeHidden();
  const before = ledgerCounts(ledgerPath);

  // Empty name and a malformed email, on the customer and on a contact.
  dialog = await customers.openNew();
  await dialog.fill({ Code: 'BETA', Name: '   ', Email: 'billing-at-beta' });
  await dialog.addContact({ name: 'Lee', role: 'Purchasing', email: 'lee@' });
  await dialog.save();
  await expect(dialog.field('Name')).toHaveAccessibleDescription('Name is required');
  await expect(dialog.field('Email')).toHaveAccessibleDescription(/Enter a valid email address/);
  await expect(dialog.contact(1).getByLabel('Contact email')).toHaveAccessibleDescription(/Enter a valid email address/);
  await expect(dialog.root.getByRole('alert')).toContainText('Please correct the 3 highlighted fields');
  await page.screenshot({ path: screenshotPath('customer-dialog-errors') });
  expect(ledgerCounts(ledgerPath)).toEqual(before);

  // A code already in use, in other letters' case.
  await dialog.fill({ Code: 'acme', Name: 'Another Acme', Email: '' });
  await dialog.contact(1).getByLabel('Contact email').fill('lee@beta.example');
  await dialog.save();
  await expect(dialog.field('Code')).toHaveAccessibleDescription('Code acme is already used by Acme Supply Co');
  expect(ledgerCounts(ledgerPath)).toEqual(before);

  // A credit limit that is not money is caught before it is sent.
  await dialog.fill({ Code: 'BETA', 'Credit limit': '12.345' });
  await dialog.save();
  await expect(dialog.field('Credit limit')).toHaveAccessibleDescription('Use at most two decimal places');
  expect(ledgerCounts(ledgerPath)).toEqual(before);

  await dialog.root.getByRole('button', { name: 'Cancel' }).click();
  await expect(customers.grid.getByRole('row')).toHaveCount(2); // header + Acme
});

test('search narrows the list by name, code or contact', async ({ page, settle }) => {
  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Customers');
  const customers = new CustomersPage(page);
  for (const [code, name, contact] of [
    ['ALPHA', 'Alpha Foods', 'Priya Shah'],
    ['BRAVO', 'Bravo Hardware', 'Tom Ellis'],
  ]) {
    const d = await customers.openNew();
    await d.fill({ Code: code, Name: name });
    await d.addContact({ name: contact, role: 'Accounts payable' });
    await d.save();
    await expect(d.root).toBeHidden();
  }
  await customers.search('ellis');
  await expect(customers.row('Bravo Hardware')).toBeVisible();
  await expect(customers.row('Alpha Foods')).toHaveCount(0);
  await customers.search('zzz');
  await expect(page.getByText('No customers match “zzz”')).toBeVisible();
});
