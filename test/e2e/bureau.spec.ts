import fs from 'node:fs';
import Papa from 'papaparse';
import { expect, isoInDays, screenshotPath, test } from './fixtures';
import { AppShell, ReportsPage } from './pages';

test('Reports → Credit bureau previews the file beside the aging less what is left out, and exports the rows it previewed', async ({ page, settle, api: call }) => {
  // Two businesses and a consumer; one of ACME's invoices is disputed.
  const acme = await call('customers.create', { code: 'ACME', name: 'Acme Supply Co', taxId: '12-3456789', customerSince: '2019-04-01', city: 'Springfield', region: 'IL' });
  const bolt = await call('customers.create', { code: 'BOLT', name: 'Bolt Fasteners Ltd', termsDays: 45 });
  const doe = await call('customers.create', { code: 'DOE', name: 'Jane Doe', kind: 'consumer' });
  await call('invoices.create', { number: 'INV-1', customerId: acme.id, issueDate: isoInDays(-60), dueDate: isoInDays(-30), amount: 1_200_00 });
  const disputed = await call('invoices.create', { number: 'INV-2', customerId: acme.id, issueDate: isoInDays(-50), dueDate: isoInDays(-20), amount: 800_00 });
  await call('invoices.create', { number: 'INV-3', customerId: bolt.id, issueDate: isoInDays(-10), dueDate: isoInDays(35), amount: 500_00 });
  await call('invoices.create', { number: 'INV-4', customerId: doe.id, issueDate: isoInDays(-40), dueDate: isoInDays(-10), amount: 300_00 });
  await call('activities.record', {
    customerId: acme.id,
    occurredAt: `${isoInDays(-5)}T10:00`,
    summary: 'Half the order arrived damaged.',
    outcome: 'dispute_raised',
    dispute: { reason: 'damaged', invoiceIds: [disputed.id], amount: 800_00 },
  });

  // Tall enough for both reports, so the screenshot shows the whole panel.
  await page.setViewportSize({ width: 1366, height: 1500 });
  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Reports');
  await new ReportsPage(page).openTab('Credit bureau');
  const panel = page.getByRole('region', { name: 'Credit bureau' });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('2 rows as of');
  await expect(panel).toContainText('Left out: 1 consumer, 1 disputed item ($800.00)');

  // The aging, each part left out, and the file, side by side: 2,800 − 300 − 800 = 1,700.
  const reconciliation = panel.getByRole('table', { name: 'Reconciliation with the aging report' });
  const line = (name: string | RegExp) => reconciliation.getByRole('row', { name });
  await expect(line(/^Aging report, all customers/)).toContainText('$2,800.00');
  await expect(line(/^Less consumers/)).toContainText('-$300.00');
  await expect(line(/^Less disputed items/)).toContainText('-$800.00');
  await expect(line(/^Bureau file/)).toContainText('$1,700.00');
  await expect(panel.getByText('Reconciled: the aging less what is left out equals the file, bucket by bucket.')).toBeVisible();

  const grid = panel.getByRole('grid', { name: 'Bureau file preview' });
  await expect(grid.getByRole('row')).toHaveCount(3); // the header and two customers
  await expect(grid.getByRole('gridcell', { name: 'ACME', exact: true })).toBeVisible();
  await expect(grid.getByRole('gridcell', { name: 'Bolt Fasteners Ltd', exact: true })).toBeVisible();
  await expect(grid.getByRole('gridcell', { name: 'Jane Doe' })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('credit-bureau') });

  const preview = await call('bureau.preview', { asOf: isoInDays(0), layout: 'trade', limit: 500 });
  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export file' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^bureau-trade-${isoInDays(0)}-USD-\\d{8}T\\d{6}-[0-9a-f]{4}\\.csv$`));
  const rows = Papa.parse<string[]>(fs.readFileSync((await file.path())!, 'utf8'), { skipEmptyLines: true }).data;
  expect(rows).toEqual([preview.columns, ...preview.rows]);
  expect(rows.slice(1).map((r) => [r[0], r[8], r[13], r[14]])).toEqual([
    ['ACME', '12-3456789', 'Net 30', '1200.00'],
    ['BOLT', '', 'Net 45', '500.00'],
  ]);

  // Recorded and archived: the list shows it, and the archive verifies.
  const made = panel.getByRole('table', { name: 'Bureau files made' });
  await expect(made.getByRole('row')).toHaveCount(2);
  await expect(made).toContainText('$1,700.00');
  await expect(made).toContainText('1 ($800.00)');
  expect(await call('bureau.verify', {})).toEqual({ checked: 1, ok: 1, problems: [] });
});

test('the customer form keeps a tax ID and a customer-since date', async ({ page, settle, api: call }) => {
  const c = await call('customers.create', { code: 'ACME', name: 'Acme Supply Co' });
  await page.goto(`${settle.launchUrl}#/customers/${c.id}`);
  await page.getByRole('button', { name: 'Edit customer' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit customer ACME' });
  await dialog.getByRole('textbox', { name: 'Tax ID' }).fill('12-3456789');
  await dialog.getByRole('textbox', { name: 'Customer since' }).fill('2019-04-01');
  await dialog.getByRole('button', { name: 'Save customer' }).click();
  await expect(dialog).toBeHidden();
  expect(await call('customers.get', { id: c.id })).toMatchObject({ taxId: '12-3456789', customerSince: '2019-04-01' });
});
