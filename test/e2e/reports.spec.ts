import fs from 'node:fs';
import { expect, isoInDays, screenshotPath, test } from './fixtures';
import { AppShell, ReportsPage } from './pages';
import { runCli } from './settle-server';

test.use({ demoCustomers: 60 });

/** CSV text → rows of cells (the report CSVs quote nothing the tests read). */
const csvRows = (text: string) => text.trim().split('\n').map((l) => l.split(','));
const minor = (decimal: string) => Math.round(Number(decimal) * 100);

test('the Reports page shows DSO, CEI and the aging trend as charts, and its exports match the CLI', async ({ page, settle, ledgerPath }) => {
  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Reports');
  const reports = new ReportsPage(page);
  const today = isoInDays(0);

  const standard = reports.figure('DSO, standard');
  await expect(standard).toContainText(/\d+(\.\d)? days/);
  await expect(reports.figure('DSO, countback')).toContainText(/days|receivables/i);
  await expect(reports.figure('Collection effectiveness (CEI)')).toContainText(/%|—/);
  await expect(page.getByRole('figure', { name: 'Aging trend chart' }).locator('svg').first()).toBeVisible();
  // Twelve month-ends, the last being today: a header and twelve rows.
  const trendRows = page.getByRole('table', { name: 'Aging trend by month' }).getByRole('row');
  await expect(trendRows).toHaveCount(13);
  await page.screenshot({ path: screenshotPath('reports-overview'), fullPage: true });

  // The screen's DSO export carries exactly the CLI's JSON fields and figures.
  const cli = JSON.parse(runCli(['report', 'dso', '--ledger', ledgerPath, '--as-of', today, '--days', '90', '--format', 'json'])) as Record<string, unknown>;
  const download = await reports.exportAs('DSO, standard', 'CSV');
  const [head, row] = csvRows(fs.readFileSync((await download.path())!, 'utf8'));
  const fromScreen = Object.fromEntries(head.map((k, i) => [k, row[i]]));
  expect(fromScreen.asOf).toBe(cli.asOf);
  expect(Number(fromScreen.days)).toBe(cli.days);
  expect(fromScreen.method).toBe(cli.method);
  expect(minor(fromScreen.receivables)).toBe(cli.receivables);
  expect(minor(fromScreen.creditSales)).toBe(cli.creditSales);
  expect(fromScreen.dso === '' ? null : Number(fromScreen.dso)).toBe(cli.dso);
  // What the card says is that same figure.
  await expect(standard.getByTestId('dso-standard-value')).toHaveText(cli.dso === null ? '—' : `${(cli.dso as number).toFixed(1)} days`);

  // The trend's CSV: one row per point, the totals the CLI gives.
  const trendCli = runCli(['report', 'trend', '--ledger', ledgerPath, '--as-of', today, '--months', '12', '--format', 'csv']);
  const trendDownload = await reports.exportAs('Aging trend', 'CSV');
  expect(fs.readFileSync((await trendDownload.path())!, 'utf8')).toBe(trendCli);

  // CEI over another period follows the fields.
  const cei = reports.figure('Collection effectiveness (CEI)');
  const ceiCli = JSON.parse(runCli(['report', 'cei', '--ledger', ledgerPath, '--from', `${today.slice(0, 7)}-01`, '--to', today, '--format', 'json'])) as { cei: number | null };
  await cei.getByRole('textbox', { name: 'From' }).fill(`${today.slice(0, 7)}-01`);
  await cei.getByRole('textbox', { name: 'From' }).press('Tab');
  await expect(cei.getByTestId('cei-value')).toHaveText(ceiCli.cei === null ? '—' : `${ceiCli.cei.toFixed(1)} %`);
});

test('promises, activity and write-offs have their own tabs with a chart or a table', async ({ page, settle }) => {
  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Reports');
  const reports = new ReportsPage(page);

  await reports.openTab('Promises');
  await expect(page.getByRole('table', { name: 'Promises by collector' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Promises by month' }).getByRole('row').last()).toContainText('Total');
  await page.screenshot({ path: screenshotPath('reports-promises'), fullPage: true });

  await reports.openTab('Activity');
  await expect(page.getByRole('region', { name: 'Collector activity' })).toBeVisible();

  await reports.openTab('Write-offs');
  await expect(page.getByRole('region', { name: 'Write-offs and recoveries' })).toContainText('written off');

  await reports.openTab('Disputes');
  await expect(reports.disputes).toBeVisible();
});
