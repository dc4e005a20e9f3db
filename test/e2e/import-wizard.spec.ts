import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, screenshotPath, test } from './fixtures';
import { AppShell } from './pages';
import { runCli } from './settle-server';

function count(file: string, sql: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

/** Another program's invoice export: its own column names and order. */
const header = 'Invoice No.,Customer,Total,Invoice Date,Due Date';
const badFile = [header, 'W-1,ACME,100.00,2026-01-05,2026-02-04', 'W-2,ACME,12.3.4,2026-01-10,2026-01-25', 'W-3,BETA,70.00,2026-03-01,2026-03-31', 'W-4,BETA,10.00,2026-01-01,2026-01-31'];
const fixedFile = badFile.map((l) => l.replace('12.3.4', '12.34'));
const csv = (lines: string[]) => ({ name: 'invoices.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });

// Each unit of the import job takes at least this long, so its progress bar can be seen.
test.use({ slowJobsMs: 800 });

test('an import of a file with one bad row shows the error and writes nothing; the fixed file goes in with progress', async ({ page, settle, ledgerPath }) => {
  test.setTimeout(120_000);
  const customers = path.join(path.dirname(ledgerPath), 'customers.csv');
  fs.writeFileSync(customers, 'code,name\nACME,Acme Supply\nBETA,Beta Foods\n');
  runCli(['--ledger', ledgerPath, 'import', 'customers', customers]);

  // The empty worklist's "Import" leads here by this address.
  await page.goto(`${settle.launchUrl}#/import`);
  await expect(new AppShell(page).nav.getByRole('button', { name: 'Import' })).toHaveAttribute('aria-current', 'page');
  await page.getByLabel('CSV file').setInputFiles(csv(badFile));

  // Recognised as invoices, the columns mapped by their names.
  await expect(page.getByRole('combobox', { name: 'The file holds' })).toHaveValue('invoices');
  const mapping = page.getByRole('table', { name: 'Column mapping' });
  await expect(mapping.getByRole('combobox', { name: 'Column for amount' })).toHaveValue('total');
  await expect(mapping.getByRole('combobox', { name: 'Column for number' })).toHaveValue('invoice no.');
  await expect(mapping.getByRole('combobox', { name: 'Column for po_number' })).toHaveValue('');

  // The preview shows the bad row with its problem, as `settle import` words it.
  const preview = page.getByRole('table', { name: 'Preview of the first rows' });
  const badRow = preview.getByRole('row').filter({ hasText: 'W-2' });
  await expect(badRow).toContainText('line 3: amount: is not a plain decimal amount: 12.3.4');
  await expect(preview.getByRole('row').filter({ hasText: 'W-1' })).toContainText('OK');
  await expect(page.getByText('1 of the first 4 rows has a problem')).toBeVisible();
  await page.getByRole('heading', { name: 'Check the first rows' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: screenshotPath('import-wizard') });

  await page.getByRole('button', { name: 'Import invoices from invoices.csv' }).click();
  const refused = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
  await expect(refused).toContainText('Nothing was imported: 1 problem in invoices.csv');
  await expect(refused.getByRole('list', { name: 'Problems in the file' })).toHaveText('line 3: amount: is not a plain decimal amount: 12.3.4');
  expect(count(ledgerPath, 'SELECT COUNT(*) FROM invoice')).toBe(0);
  expect(count(ledgerPath, 'SELECT COUNT(*) FROM import_mapping')).toBe(0);

  // The fixed file: every row OK, then the import with its progress bar.
  await page.getByLabel('CSV file').setInputFiles(csv(fixedFile));
  await expect(preview.getByRole('row').filter({ hasText: 'W-2' })).toContainText('OK');
  await expect(refused).toBeHidden();
  await page.getByRole('button', { name: 'Import invoices from invoices.csv' }).click();
  const progress = page.getByRole('status', { name: 'Importing in progress' });
  await expect(progress.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await expect(progress).toContainText('Importing —');
  const done = page.getByRole('status', { name: 'Import finished' });
  await expect(done).toContainText('Imported 4 invoices from invoices.csv');
  await expect(progress).toBeHidden();
  expect(count(ledgerPath, 'SELECT COUNT(*) FROM invoice')).toBe(4);
  expect(count(ledgerPath, `SELECT amount FROM invoice WHERE number = 'W-2'`)).toBe(1234);

  // The mapping is remembered for the next file with these columns.
  await page.getByRole('button', { name: 'Import another file' }).click();
  await page.getByLabel('CSV file').setInputFiles(csv([header, 'W-5,ACME,5.00,2026-04-01,2026-04-30']));
  await expect(page.getByText('Mapped as the last import of a file with these columns.')).toBeVisible();
});

const fixture = (name: string) => ({ name, mimeType: 'text/csv', buffer: fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'import', name)) });

test('a Xero export is recognised, mapped by its preset and applied after its dry run; a later export syncs', async ({ page, settle, ledgerPath }) => {
  test.setTimeout(120_000);
  await page.goto(`${settle.launchUrl}#/import`);
  await page.getByLabel('CSV file').setInputFiles(fixture('xero-invoices.csv'));

  await expect(page.getByRole('combobox', { name: 'Source' })).toHaveValue('xero');
  await expect(page.getByRole('table', { name: 'Column mapping' })).toBeHidden();
  const mapping = page.getByRole('table', { name: 'Source mapping' });
  await expect(mapping.getByRole('row').filter({ hasText: 'InvoiceAmountDue' })).toContainText('open amount (the rest is settled in Xero)');
  await page.getByRole('textbox', { name: 'Export date' }).fill('2026-12-01');

  const changes = page.getByRole('region', { name: 'What the import will change' });
  await expect(changes).toContainText('Xero export of Dec 1, 2026: 3 customers, 5 invoices, 0 payments and 1 credit note to add');
  await expect(changes.getByRole('list', { name: 'Changes' })).toContainText('INV-0101 (HARBOUR-LIGHTS-CAFE): $200.00 settled in Xero, paid before this export');
  await expect(changes).toContainText('Receivables before: $0.00; after: $1,395.50');
  expect(count(ledgerPath, 'SELECT COUNT(*) FROM invoice')).toBe(0);

  await page.getByRole('button', { name: 'Apply the Xero export' }).click();
  await expect(page.getByRole('status', { name: 'Import finished' })).toContainText('Applied the Xero export of Dec 1, 2026 from xero-invoices.csv');
  expect(count(ledgerPath, 'SELECT COUNT(*) FROM invoice')).toBe(5);
  expect(count(ledgerPath, `SELECT open_amount FROM invoice WHERE number = 'INV-0101'`)).toBe(25000);

  // The next export: its dry run lists what disappeared, shrank and moved before anything is written.
  await page.getByLabel('CSV file').setInputFiles(fixture('xero-invoices-later.csv'));
  await page.getByRole('textbox', { name: 'Export date' }).fill('2026-12-15');
  const sync = page.getByRole('region', { name: 'What the import will change' });
  await expect(sync).toContainText('Xero export of Dec 15, 2026, compared with the last one applied');
  const list = sync.getByRole('list', { name: 'Changes' });
  await expect(list).toContainText('INV-0101 (HARBOUR-LIGHTS-CAFE): $250.00 settled in Xero, gone from this export');
  await expect(list).toContainText('INV-0102 (HARBOUR-LIGHTS-CAFE): $20.00 settled in Xero, paid down since the last export');
  await expect(list).toContainText('INV-0105 (PONSONBY-PRINT-LTD): due date Jul 31, 2026 → Aug 31, 2026 in Xero');
  await expect(sync).toContainText('Receivables before: $1,395.50; after: $1,325.50');
  await page.screenshot({ path: screenshotPath('import-wizard-xero-sync') });
  await page.getByRole('button', { name: 'Apply the Xero export' }).click();
  await expect(page.getByRole('status', { name: 'Import finished' })).toContainText('Applied the Xero export of Dec 15, 2026');
  expect(count(ledgerPath, `SELECT open_amount FROM invoice WHERE number = 'INV-0101'`)).toBe(0);
  expect(count(ledgerPath, 'SELECT COUNT(*) FROM import_snapshot')).toBe(2);
});
