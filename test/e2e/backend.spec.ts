import Database from 'better-sqlite3';
import { expect, screenshotPath, test } from './fixtures';
import { noteWriter } from '../../src-main/ledger/writer-note';
import { startSettle } from './settle-server';
import { AppShell } from './pages';

function count(file: string, sql: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

test.describe('a big letters batch', () => {
  // Each letter takes at least 500 ms, so the batch (the biggest printed group, some 20 letters: the
  // standard policy's first letters go by email to customers with an address) is still under way when Cancel is clicked.
  test.use({ demoCustomers: 1500, slowJobsMs: 500 });

  test('shows its progress, and Cancel rolls it back: nothing printed, recorded or ticked off', async ({ page, settle, ledgerPath }) => {
    test.setTimeout(120_000);
    await page.goto(settle.launchUrl);
    const shell = new AppShell(page);
    await shell.goTo('Letters');
    await page.getByRole('tab', { name: 'Print and send' }).click();
    const buttons = page.getByRole('button', { name: /^Print all \d+: / });
    await expect(buttons.first()).toBeVisible({ timeout: 60_000 });
    const labels = await buttons.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    const biggest = labels.sort((a, b) => Number(/\d+/.exec(b)![0]) - Number(/\d+/.exec(a)![0]))[0];
    const openTasks = count(ledgerPath, `SELECT COUNT(*) FROM task WHERE status = 'open'`);
    await page.getByRole('button', { name: biggest, exact: true }).click();
    // Print all opens the review; the batch starts from its Print button.
    const review = page.getByRole('dialog', { name: /^Review: / });
    const print = review.getByRole('button', { name: /^Print \d+ letters$/ });
    await expect(print).toBeEnabled({ timeout: 30_000 });
    await print.click();

    const progress = page.getByRole('status', { name: 'Printing letters in progress' });
    await expect(progress).toBeVisible();
    await expect(progress).toContainText(/Letters: [\d,]+ of [\d,]+|Starting/);
    await page.screenshot({ path: screenshotPath('letters-batch-progress') });
    await progress.getByRole('button', { name: 'Cancel' }).click();

    await expect(page.getByRole('alert')).toContainText('Cancelled. Nothing was changed.');
    await expect(progress).toBeHidden();
    expect(count(ledgerPath, 'SELECT COUNT(*) FROM letter')).toBe(0);
    expect(count(ledgerPath, 'SELECT COUNT(*) FROM letter_file')).toBe(0);
    expect(count(ledgerPath, `SELECT COUNT(*) FROM task WHERE status = 'open'`)).toBe(openTasks);
    // The review is still open for a real run, and so is Print all behind it.
    await expect(print).toBeEnabled();
    await review.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('button', { name: biggest, exact: true })).toBeEnabled();
  });
});

test('a second Settle on the same ledger is refused and told which window has it', async ({ settle, ledgerPath }) => {
  await expect(startSettle(ledgerPath)).rejects.toThrow(new RegExp(`already open in another Settle window: browser mode at ${settle.origin.replace(/[.:/]/g, '\\$&')}/ \\(process \\d+`));
  // The first one still answers.
  const info = await fetch(`${settle.origin}/api/call`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: settle.origin, Authorization: `Bearer ${settle.token}` },
    body: JSON.stringify({ method: 'app.info', input: {} }),
  });
  expect((await info.json()).ok).toBe(true);
});

test('a write kept waiting by another program asks Retry, says who is writing, and lands on Retry', async ({ page, settle, ledgerPath, api }) => {
  test.setTimeout(60_000);
  await api('customers.create', { code: 'ACME', name: 'Acme Supply Co' });
  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Settings');

  // Another program takes the write lock and leaves its note, as `settle import` does.
  const other = new Database(ledgerPath);
  other.exec('BEGIN IMMEDIATE');
  const done = noteWriter(ledgerPath, 'an import (settle import invoices.csv)');
  try {
    const collections = page.getByRole('region', { name: 'Collections' });
    await collections.getByRole('textbox', { name: 'Grace days for promises' }).fill('5');
    await collections.getByRole('button', { name: 'Save' }).click();
    const dialog = page.getByRole('dialog', { name: 'The ledger is busy' });
    await expect(dialog).toBeVisible({ timeout: 15_000 });
    await expect(dialog).toContainText(/Another program is writing to this ledger: an import \(settle import invoices\.csv\) started at/);
    await page.screenshot({ path: screenshotPath('busy-retry') });
  } finally {
    done();
    other.exec('ROLLBACK');
    other.close();
  }
  await page.getByRole('dialog', { name: 'The ledger is busy' }).getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('dialog', { name: 'The ledger is busy' })).toBeHidden();
  await expect(page.getByRole('region', { name: 'Collections' }).getByRole('status')).toHaveText('Saved.');
  expect(count(ledgerPath, `SELECT COUNT(*) FROM ledger_setting WHERE key = 'promise_grace_days' AND value = '5'`)).toBe(1);
});
