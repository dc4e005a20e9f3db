import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';
import { AppShell } from './pages';
import { startSettle } from './settle-server';

// Several ledgers in one browser-mode Settle: what a page may and may not open. The whole
// consultant's flow (two client ledgers created, imported, switched, overseen) is in
// ledgers-desk.spec.ts.

test('a page naming a ledger outside the list is refused, never makes the file, and leads to the Ledgers page', async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-e2e-ledgers-'));
  const launch = path.join(dir, 'launch.sqlite');
  const stranger = path.join(dir, 'stranger.sqlite');
  // The user's settings (the list of ledgers) in a folder of the test's own.
  const settle = await startSettle(launch, { env: { XDG_CONFIG_HOME: path.join(dir, 'config') } });
  try {
    await page.goto(`${settle.launchUrl}&ledger=${encodeURIComponent(stranger)}#/customers`);
    const refused = page.getByRole('alert').filter({ hasText: stranger });
    await expect(refused).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeHidden();
    await expect(page.getByRole('banner').getByRole('button', { name: /^Ledger: No ledger open/ })).toBeVisible();
    expect(fs.existsSync(stranger)).toBe(false);
    // The address still names that ledger: a reload is refused the same way, not quietly moved.
    await page.reload();
    await expect(refused).toBeVisible();
    expect(fs.existsSync(stranger)).toBe(false);

    await refused.getByRole('button', { name: 'Ledgers…' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ledgers' })).toBeVisible();
    await expect(new AppShell(page).nav.getByRole('button', { name: 'Ledgers' })).toHaveAttribute('aria-current', 'page');
    // From one page about every ledger to the other: only the one now open is shown.
    await new AppShell(page).goTo('Today');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText([/^Today/]);
  } finally {
    await settle.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('without naming a ledger the page works on the launch ledger, as before', async ({ page, settle, ledgerPath }) => {
  await page.goto(settle.launchUrl);
  await expect(page.getByRole('banner').getByRole('button', { name: /^Ledger: .+ Switch ledger$/ })).toBeVisible();
  await expect(page).toHaveTitle(/ — Settle$/);
  await new AppShell(page).goTo('Settings');
  await expect(page.getByRole('main')).toContainText(ledgerPath);
});
