import type { Locator, Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { expect, screenshotPath, test } from './fixtures';
import { ledgerCounts } from './ledger-file';
import { AppShell, CustomersPage } from './pages';

/** The Backups panel in Settings. */
class BackupsPanel {
  constructor(readonly page: Page) {}

  get section(): Locator {
    return this.page.getByRole('region', { name: 'Backups' });
  }

  get table(): Locator {
    return this.section.getByRole('table', { name: 'Backups' });
  }

  row(reason: string): Locator {
    return this.table.getByRole('row').filter({ hasText: reason });
  }
}

function setting(file: string, key: string): string | undefined {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT value FROM ledger_setting WHERE key = ?').pluck().get(key) as string | undefined;
  } finally {
    db.close();
  }
}

test('back up now, change something, restore the backup: the change is gone and the ledger as it was is kept', async ({ page, settle, ledgerPath, api }) => {
  await api('customers.create', { code: 'ACME', name: 'Acme Supply Co' });
  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Settings');
  const backups = new BackupsPanel(page);
  await expect(backups.section.getByText(`${ledgerPath}-backups`)).toBeVisible();

  // How many to keep is saved in the ledger.
  await backups.section.getByRole('textbox', { name: 'Backups to keep' }).fill('5');
  await backups.section.getByRole('button', { name: 'Save backup settings' }).click();
  await expect(backups.section.getByRole('status')).toHaveText('Saved.');
  expect(setting(ledgerPath, 'backup_keep')).toBe('5');
  await backups.section.getByRole('textbox', { name: 'Backups to keep' }).fill('0');
  await backups.section.getByRole('button', { name: 'Save backup settings' }).click();
  await expect(backups.section.getByRole('textbox', { name: 'Backups to keep' })).toHaveAccessibleDescription('Keep at least 1 backup');
  expect(setting(ledgerPath, 'backup_keep')).toBe('5');
  await backups.section.getByRole('textbox', { name: 'Backups to keep' }).fill('5');

  await backups.section.getByRole('button', { name: 'Back up now' }).click();
  await expect(backups.section.getByRole('status')).toHaveText(/^Backed up at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.$/);
  await expect(backups.row('Backed up by hand')).toHaveCount(1);
  await expect(backups.row('Backed up by hand').getByRole('cell').first()).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

  // A change after the backup.
  await api('customers.create', { code: 'LATE', name: 'Late Arrivals Ltd' });
  expect(ledgerCounts(ledgerPath).customers).toBe(2);

  await backups.section.scrollIntoViewIfNeeded();
  await backups.section.screenshot({ path: screenshotPath('settings-backups') });

  await backups.row('Backed up by hand').getByRole('button', { name: 'Restore…' }).click();
  const dialog = page.getByRole('dialog', { name: /^Restore the backup of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\?$/ });
  await expect(dialog).toHaveAccessibleDescription(new RegExp(`The ledger ${ledgerPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} will be replaced by this backup`));
  await expect(dialog).toContainText('A copy of the ledger as it is now is made first, in the backups folder');
  await page.screenshot({ path: screenshotPath('settings-backups-restore') });

  // Cancel changes nothing.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(ledgerCounts(ledgerPath).customers).toBe(2);

  const file = (await backups.row('Backed up by hand').getByRole('cell').first().getAttribute('title'))!;
  await backups.row('Backed up by hand').getByRole('button', { name: 'Restore…' }).click();
  await expect(dialog).toContainText(file);
  // The running app closes the ledger, puts the checked copy in its place, reopens it and reloads.
  const reloaded = page.waitForEvent('load');
  await dialog.getByRole('button', { name: 'Restore this backup' }).click();
  await reloaded;

  // The change is gone, from the app and from the file.
  await new AppShell(page).goTo('Customers');
  const customers = new CustomersPage(page);
  await expect(customers.row('Acme Supply Co')).toBeVisible();
  await expect(customers.row('Late Arrivals Ltd')).toHaveCount(0);
  expect(ledgerCounts(ledgerPath).customers).toBe(1);

  // The ledger as it was, with the change, is the newest backup.
  await new AppShell(page).goTo('Settings');
  await expect(backups.table.getByRole('row').nth(1)).toContainText('Before a restore');
  await expect(backups.row('Backed up by hand')).toHaveCount(1);
});
