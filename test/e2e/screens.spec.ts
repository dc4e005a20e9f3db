import { expect, screenshotPath, test } from './fixtures';
import { AppShell } from './pages';

test('every main screen opens and says what it is for', async ({ page, settle, ledgerPath }) => {
  await page.goto(settle.launchUrl);
  // The token leaves the address bar once the page has it.
  await expect(page).not.toHaveURL(/token=/);
  const shell = new AppShell(page);
  for (const [section, text] of [
    ['Worklist', /This ledger is new/],
    ['Aging', /Nothing is owed as of this date/],
    ['Letters', /Every save keeps the earlier version/],
    ['Reports', /Days sales outstanding/],
    ['Import', /Drop a CSV file here, or choose one/],
    ['Settings', ledgerPath],
  ] as const) {
    await shell.goTo(section);
    await expect(page.getByRole('heading', { level: 1, name: section })).toBeVisible();
    await expect(page.getByRole('main')).toContainText(text);
    await expect(shell.nav.getByRole('button', { name: section })).toHaveAttribute('aria-current', 'page');
    await page.screenshot({ path: screenshotPath(section.toLowerCase()) });
  }
});

test('the theme switches between system, light and dark and is remembered', async ({ page, settle }) => {
  await page.goto(settle.launchUrl);
  const toggle = page.getByRole('banner').getByRole('button', { name: /^Theme: / });
  await expect(toggle).toHaveAccessibleName('Theme: as the system');
  await toggle.click();
  await expect(toggle).toHaveAccessibleName('Theme: light');
  await toggle.click();
  await expect(toggle).toHaveAccessibleName('Theme: dark');
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.screenshot({ path: screenshotPath('dark-theme') });
});

test('the browser bridge refuses calls without the token or from another origin', async ({ page, settle, playwright }) => {
  const api = `${settle.origin}/api/call`;
  const body = { method: 'customers.list', input: {} };
  const request = await playwright.request.newContext();
  const noToken = await request.post(api, { data: body, headers: { Origin: settle.origin } });
  expect(noToken.status()).toBe(401);
  const otherOrigin = await request.post(api, { data: body, headers: { Origin: 'http://evil.example', Authorization: `Bearer ${settle.token}` } });
  expect(otherOrigin.status()).toBe(403);
  const good = await request.post(api, { data: body, headers: { Origin: settle.origin, Authorization: `Bearer ${settle.token}` } });
  expect(await good.json()).toEqual({ ok: true, value: { rows: [], total: 0 } });
  await request.dispose();

  // A tab from an earlier launch says so instead of failing silently.
  await page.goto(settle.launchUrl);
  await settle.restart({ samePort: true });
  await page.reload();
  await expect(page.getByRole('alert').first()).toContainText('earlier launch of Settle');
});

test('npm start falls back to browser mode in one clear line when Electron is missing', async ({ page, ledgerPath }) => {
  const { startSettle } = await import('./settle-server');
  // The electron package honours this and skips its download, as on a machine with no network.
  const server = await startSettle(ledgerPath, { script: 'start', env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
  try {
    expect(server.output()).toMatch(/^Electron is not available on this machine .*browser mode/m);
    await page.goto(server.launchUrl);
    await expect(page.getByRole('heading', { level: 1, name: 'Worklist' })).toBeVisible();
  } finally {
    await server.stop();
  }
});

test('the promise grace days are set in Settings, kept in the ledger, and bad input is refused', async ({ page, settle }) => {
  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Settings');
  const grace = page.getByRole('textbox', { name: 'Grace days for promises' });
  await expect(grace).toHaveValue('2');
  await grace.fill('-3');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(grace).toHaveAccessibleDescription('Enter a whole number of days');
  await grace.fill('5');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  const relaunched = await settle.restart();
  await page.goto(`${relaunched.launchUrl}#/settings`);
  await expect(page.getByRole('textbox', { name: 'Grace days for promises' })).toHaveValue('5');
});
