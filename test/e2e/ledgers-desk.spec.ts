import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshotPath, test } from './fixtures';
import { AppShell } from './pages';
import { startSettle, type SettleServer } from './settle-server';

// The consultant's desk as the issue asks: two client ledgers created, imported into, switched
// between (each shows only its own customers, letterhead and worklist), the morning overview
// over both with the right figures, and the list still there after a restart.

const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const daysAgo = (n: number) => iso(new Date(Date.now() - n * 86_400_000));
const csv = (name: string, lines: string[]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });

async function createLedger(page: Page, company: string, file: string, currency: string) {
  await page.getByRole('button', { name: 'New client ledger…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New client ledger' });
  await dialog.getByRole('textbox', { name: 'Company' }).fill(company);
  await dialog.getByRole('textbox', { name: 'Ledger file' }).fill(file);
  await dialog.getByRole('textbox', { name: 'Currency' }).fill(currency);
  await dialog.getByRole('button', { name: 'Create ledger' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: company })).toContainText(file);
}

async function importFile(page: Page, kind: 'customers' | 'invoices', file: { name: string; mimeType: string; buffer: Buffer }) {
  await new AppShell(page).goTo('Import');
  await page.getByLabel('CSV file').setInputFiles(file);
  await expect(page.getByRole('combobox', { name: 'The file holds' })).toHaveValue(kind);
  await page.getByRole('button', { name: `Import ${kind} from ${file.name}` }).click();
  await expect(page.getByRole('status', { name: 'Import finished' })).toBeVisible();
}

/** A ledger's worklist total for today, asked of that ledger through the bridge as the page asks. */
async function worklistTotal(page: Page, settle: SettleServer, ledger: string): Promise<number> {
  const response = await page.request.post(`${settle.origin}/api/call`, {
    data: { method: 'worklist.list', input: { today: daysAgo(0) }, ledger },
    headers: { Origin: settle.origin, Authorization: `Bearer ${settle.token}` },
  });
  const r = await response.json();
  expect(r.ok, JSON.stringify(r.error)).toBe(true);
  return r.value.total as number;
}

test('two client ledgers: created, imported into, switched between, overseen from Today, and still listed after a restart', async ({ page }) => {
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-e2e-desk-'));
  const env = { XDG_CONFIG_HOME: path.join(dir, 'config') };
  const launch = path.join(dir, 'launch.sqlite');
  const acme = path.join(dir, 'acme.sqlite');
  const globex = path.join(dir, 'globex.sqlite');
  let settle = await startSettle(launch, { env });
  try {
    await page.goto(settle.launchUrl);
    const shell = new AppShell(page);
    await shell.goTo('Ledgers');
    await createLedger(page, 'Acme Holdings', acme, 'USD');
    await createLedger(page, 'Globex Ltd', globex, 'EUR');

    // Acme: two customers' worth of work, one invoice 90 days overdue and one 5 days overdue.
    await page.getByRole('button', { name: 'Open Acme Holdings' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Worklist' })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`ledger=${encodeURIComponent(acme).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await expect(page.getByRole('banner').getByRole('button', { name: /^Ledger: Acme Holdings/ })).toBeVisible();
    await expect(page).toHaveTitle('Acme Holdings — Settle');
    await importFile(page, 'customers', csv('acme-customers.csv', ['code,name', 'AC1,Acme Buyer One']));
    await importFile(
      page,
      'invoices',
      csv('acme-invoices.csv', ['number,customer_code,issue_date,due_date,amount', `A-1,AC1,${daysAgo(120)},${daysAgo(90)},100.00`, `A-2,AC1,${daysAgo(35)},${daysAgo(5)},50.00`]),
    );

    // Globex, switched to from the top bar.
    await page.getByRole('banner').getByRole('button', { name: /^Ledger: / }).click();
    await page.getByRole('menu', { name: 'Recent ledgers' }).getByRole('menuitem', { name: /Globex Ltd/ }).click();
    await expect(page.getByRole('banner').getByRole('button', { name: /^Ledger: Globex Ltd/ })).toBeVisible();
    await importFile(page, 'customers', csv('globex-customers.csv', ['code,name', 'GX1,Globex Client']));
    await importFile(page, 'invoices', csv('globex-invoices.csv', ['number,customer_code,issue_date,due_date,amount', `G-1,GX1,${daysAgo(100)},${daysAgo(70)},70.00`]));

    // Each ledger shows only its own customers and letterhead.
    await shell.goTo('Customers');
    await expect(page.getByRole('main')).toContainText('Globex Client');
    await expect(page.getByRole('main')).not.toContainText('Acme Buyer One');
    await shell.goTo('Settings');
    await expect(page.getByRole('textbox', { name: 'Company name' })).toHaveValue('Globex Ltd');
    await page.getByRole('banner').getByRole('button', { name: /^Ledger: / }).click();
    await page.getByRole('menu', { name: 'Recent ledgers' }).getByRole('menuitem', { name: /Acme Holdings/ }).click();
    await expect(page.getByRole('textbox', { name: 'Company name' })).toHaveValue('Acme Holdings');
    await shell.goTo('Customers');
    await expect(page.getByRole('main')).toContainText('Acme Buyer One');
    await expect(page.getByRole('main')).not.toContainText('Globex Client');
    // …and its own worklist.
    await shell.goTo('Worklist');
    await expect(page.getByRole('main')).not.toContainText('Globex Client');

    // A template can be copied from the other client's ledger; both still have Settle's own text,
    // so the copy would change nothing and says so (the jest tests copy a changed one).
    await shell.goTo('Letters');
    await page.getByRole('button', { name: 'Copy from…' }).click();
    const copy = page.getByRole('dialog', { name: 'Copy a template from another ledger' });
    await copy.getByRole('combobox', { name: 'From the ledger' }).click();
    await page.getByRole('option', { name: /Globex Ltd/ }).click();
    await copy.getByRole('combobox', { name: 'Template' }).fill('Account statement');
    await copy.getByRole('button', { name: 'Copy' }).click();
    await expect(copy.getByRole('alert')).toHaveText('Nothing changed: version 1 already says this.');
    await copy.getByRole('button', { name: 'Cancel' }).click();
    await expect(copy).toBeHidden();

    // Today: both ledgers with their own figures, in their own currencies.
    const acmeTasks = await worklistTotal(page, settle, acme);
    const globexTasks = await worklistTotal(page, settle, globex);
    await shell.goTo('Today');
    // Only the Today page: the page left (Ledgers, Worklist) is gone.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText([/^Today/]);
    const acmeCard = page.getByRole('region', { name: 'Acme Holdings' });
    const globexCard = page.getByRole('region', { name: 'Globex Ltd' });
    const figure = (card: typeof acmeCard, label: string) => card.getByRole('group', { name: label, exact: true });
    await expect(figure(acmeCard, 'Tasks due')).toHaveText(`Tasks due${acmeTasks}`);
    await expect(figure(acmeCard, 'Overdue')).toHaveText('Overdue$150.00');
    await expect(figure(acmeCard, '61+ days')).toHaveText('61+ days$100.00');
    await expect(figure(acmeCard, 'Broken promises')).toHaveText('Broken promises0');
    await expect(figure(acmeCard, 'Letters to print')).toBeVisible();
    await expect(figure(acmeCard, 'Last backup')).toBeVisible();
    await expect(figure(globexCard, 'Tasks due')).toHaveText(`Tasks due${globexTasks}`);
    await expect(figure(globexCard, 'Overdue')).toContainText('70.00');
    await expect(figure(globexCard, 'Overdue')).toContainText('€');
    await expect(figure(globexCard, '61+ days')).toContainText('70.00');
    await page.screenshot({ path: screenshotPath('today-overview') });

    // A click on a card opens that ledger's worklist.
    await globexCard.getByRole('button', { name: 'Open the worklist of Globex Ltd' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Worklist' })).toBeVisible();
    await expect(page.getByRole('banner').getByRole('button', { name: /^Ledger: Globex Ltd/ })).toBeVisible();

    // A reload stays on the tab's ledger.
    await page.reload();
    await expect(page.getByRole('banner').getByRole('button', { name: /^Ledger: Globex Ltd/ })).toBeVisible();

    // A restart brings the list back (it lives in the user's settings, not in a ledger).
    await settle.stop();
    settle = await startSettle(launch, { env });
    await page.goto(`${settle.launchUrl}#/ledgers`);
    await expect(page.getByRole('row', { name: 'Acme Holdings' })).toContainText(acme);
    await expect(page.getByRole('row', { name: 'Globex Ltd' })).toContainText(globex);
    await page.screenshot({ path: screenshotPath('ledgers') });

    // A ledger whose file is gone shows as missing, with Forget, not an error page.
    await settle.stop();
    fs.rmSync(globex);
    settle = await startSettle(launch, { env });
    await page.goto(`${settle.launchUrl}#/ledgers`);
    const gone = page.getByRole('row', { name: 'Globex Ltd' });
    await expect(gone).toContainText('Missing');
    await page.screenshot({ path: screenshotPath('ledgers-missing') });
    await expect(gone.getByRole('button', { name: 'Open Globex Ltd' })).toBeHidden();
    await gone.getByRole('button', { name: 'Forget Globex Ltd' }).click();
    await expect(gone).toBeHidden();
    await expect(page.getByRole('row', { name: 'Acme Holdings' })).toBeVisible();
    expect(fs.existsSync(globex)).toBe(false);
  } finally {
    await settle.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
