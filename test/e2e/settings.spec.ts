import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { expect, screenshotPath, test } from './fixtures';
import { AppShell, PolicyEditor } from './pages';

const STANDARD = [
  'Delivery confirmation call',
  'Friendly reminder before the due date',
  'Courtesy call on the due date',
  'Polite letter with a resolution date',
  'Firmer follow-up letter',
  'Call to agree a way to pay',
  'Letter to the principal',
  'Credit hold while 60+ days overdue',
  'Certified final demand',
  'Referral or write-off review',
  'Call about the broken promise',
  'Call about the missed instalment',
  'Confirm the fix and ask for what is left',
];

/** Reads the ledger file itself, to prove what the service did (and did not) write. */
function stored<T>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}
const storedSteps = (file: string) => stored<{ name: string; days: number; active: number }>(file, 'SELECT name, days, active FROM policy_step ORDER BY seq');

/** The whole card: the page scrolls inside the app shell, so the window is made tall enough first. */
async function shoot(page: Page, policy: PolicyEditor, name: string): Promise<void> {
  const size = page.viewportSize();
  const box = await policy.section.boundingBox();
  await page.setViewportSize({ width: 1366, height: Math.ceil((box?.height ?? 1200) + 200) });
  await policy.section.scrollIntoViewIfNeeded();
  await policy.section.screenshot({ path: screenshotPath(name) });
  if (size) await page.setViewportSize(size);
}

test('the escalation policy is edited as a whole, saved in order, refused whole when a step is wrong, and restored', async ({ page, settle, ledgerPath }) => {
  // A long walk through the editor; each step dialog now also loads the template list.
  test.setTimeout(120_000);
  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Settings');
  const policy = new PolicyEditor(page);

  // The standard policy, in the words a clerk would use.
  await expect(policy.column(2)).toHaveText(STANDARD);
  await expect(policy.section.getByRole('textbox', { name: 'Policy name' })).toHaveValue('Standard policy');
  await expect(policy.step(1)).toContainText('1 day after delivery');
  await expect(policy.step(1)).toContainText('Delivery check call');
  await expect(policy.step(2)).toContainText('3 days before due');
  await expect(policy.step(2)).toContainText('Letter: Pre-due reminder');
  await expect(policy.step(3)).toContainText('On the due date');
  await expect(policy.step(4)).toContainText('10 days past due');
  await expect(policy.step(7)).toContainText('Escalate to the principal: Letter to the principal');
  await expect(policy.step(7)).toContainText('Business only');
  await expect(policy.step(11)).toContainText('When a promise is broken');
  await expect(policy.step(12)).toContainText('When an instalment is missed');
  await expect(policy.step(13)).toContainText('1 day after a dispute is resolved');
  await expect(policy.section.getByText('Unsaved changes')).toHaveCount(0);

  // A new step goes on the end; the dialog explains negative days and checks only what it must parse.
  await policy.section.getByRole('button', { name: 'Add step' }).click();
  await expect(policy.dialog.getByRole('textbox', { name: 'Days' })).toHaveAccessibleDescription(/Negative is before the due date/);
  await policy.dialog.getByRole('button', { name: 'Done' }).click();
  await expect(policy.dialog.getByRole('textbox', { name: 'Name', exact: true })).toHaveAccessibleDescription('Name the step');
  await policy.dialog.getByRole('button', { name: 'Cancel' }).click();

  await policy.addStep({ name: 'Call the owner', days: '75', action: 'Escalate to the principal', customerKind: 'Business', minAmount: '1,000.00' });
  await expect(policy.step(14)).toContainText('Call the owner');
  await expect(policy.step(14)).toContainText('75 days past due');
  await expect(policy.step(14)).toContainText('$1,000.00 or more overdue');
  await expect(policy.section.getByRole('status')).toHaveText('Unsaved changes');
  expect(storedSteps(ledgerPath)).toHaveLength(13);

  // 75 days past due belongs between the 60-day and the 90-day steps.
  expect(await policy.move(14, 'up', 5)).toBe(9);
  await expect(policy.section.getByRole('button', { name: 'Move step 1 up' })).toBeDisabled();
  await policy.activeSwitch(8).uncheck();
  await policy.section.getByRole('textbox', { name: 'Policy name' }).fill('Trade policy');
  await policy.save();
  await expect(policy.section.getByRole('status')).toHaveText('Policy saved.');

  const saved = [...STANDARD.slice(0, 8), 'Call the owner', ...STANDARD.slice(8)];
  await page.reload();
  await expect(policy.column(2)).toHaveText(saved);
  await expect(policy.section.getByRole('textbox', { name: 'Policy name' })).toHaveValue('Trade policy');
  await expect(policy.activeSwitch(8)).not.toBeChecked();
  await expect(policy.activeSwitch(9)).toBeChecked();
  await expect(policy.step(9)).toContainText('Business only');
  await expect(policy.step(9)).toContainText('$1,000.00 or more overdue');
  expect(storedSteps(ledgerPath).map((s) => [s.name, s.active])).toEqual(saved.map((name) => [name, name === 'Credit hold while 60+ days overdue' ? 0 : 1]));
  await shoot(page, policy, 'settings-policy');

  // One bad step refuses the whole save: the step is marked and says why, the ledger keeps the old policy.
  await policy.editStep(4, { days: '9999' });
  await policy.save();
  await expect(policy.section.getByRole('alert')).toHaveText('Please correct the highlighted field.');
  await expect(policy.step(4)).toHaveAttribute('aria-invalid', 'true');
  await expect(policy.step(4)).toContainText('Days: At most 730 days');
  // The mark follows the step, not the row number, while the person rearranges things.
  await policy.move(4, 'up');
  await expect(policy.step(3)).toHaveAttribute('aria-invalid', 'true');
  await expect(policy.step(4)).not.toHaveAttribute('aria-invalid', 'true');
  await expect(policy.step(3)).toContainText('Days: At most 730 days');
  await policy.section.getByRole('button', { name: 'Edit step 3', exact: true }).click();
  await expect(policy.dialog.getByRole('textbox', { name: 'Days' })).toHaveAccessibleDescription('At most 730 days');
  await policy.dialog.screenshot({ path: screenshotPath('settings-policy-step') });
  await policy.dialog.getByRole('button', { name: 'Cancel' }).click();
  await shoot(page, policy, 'settings-policy-error');
  expect(storedSteps(ledgerPath).map((s) => s.days)).toEqual([1, -3, 0, 10, 30, 45, 60, 60, 75, 90, 120, 0, 0, 1]);
  await page.reload();
  await expect(policy.column(2)).toHaveText(saved);
  await expect(policy.step(4)).toContainText('10 days past due');

  // Discard drops local edits without asking the ledger.
  await policy.remove(1);
  await expect(policy.column(2)).toHaveText(saved.slice(1));
  await policy.section.getByRole('button', { name: 'Discard changes' }).click();
  await expect(policy.column(2)).toHaveText(saved);

  await policy.restoreStandard();
  await expect(policy.section.getByRole('status')).toHaveText('The standard policy is back.');
  await expect(policy.column(2)).toHaveText(STANDARD);
  await expect(policy.activeSwitch(8)).toBeChecked();
  await page.reload();
  await expect(policy.column(2)).toHaveText(STANDARD);
  await expect(policy.section.getByRole('textbox', { name: 'Policy name' })).toHaveValue('Standard policy');
});

test('payment-plan limits are saved with the other collections settings and kept after a reload', async ({ page, settle, ledgerPath }) => {
  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Settings');
  const card = page.getByRole('region', { name: 'Collections' });
  const months = card.getByRole('textbox', { name: 'Longest plan (months)' });
  const instalment = card.getByRole('textbox', { name: 'Smallest instalment' });
  await expect(months).toHaveValue('12');
  await expect(instalment).toHaveValue('50.00');

  // The policy and fee cards show their save buttons only once something changed, so "Save" stays this card's.
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toHaveCount(1);
  await months.fill('0');
  await card.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(months).toHaveAccessibleDescription('At least one month');
  expect(stored(ledgerPath, `SELECT key FROM ledger_setting WHERE key LIKE 'plan_%'`)).toEqual([]);

  await months.fill('18');
  await instalment.fill('75.5');
  await card.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(card.getByRole('status')).toHaveText('Saved.');
  await expect(instalment).toHaveValue('75.50');
  await card.screenshot({ path: screenshotPath('settings-collections') });
  await page.reload();
  await expect(months).toHaveValue('18');
  await expect(instalment).toHaveValue('75.50');
  expect(stored(ledgerPath, `SELECT key, value FROM ledger_setting WHERE key LIKE 'plan_%' ORDER BY key`)).toEqual([
    { key: 'plan_max_months', value: '18' },
    { key: 'plan_min_instalment', value: '7550' },
  ]);
});

test('late fee and interest rules are set in percent and money, and kept after a reload', async ({ page, settle }) => {
  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Settings');
  const card = page.getByRole('region', { name: 'Late fees and interest' });
  await expect(card.getByRole('button', { name: 'Save fee rules' })).toHaveCount(0);
  await card.getByRole('combobox', { name: 'Late fee' }).click();
  await page.getByRole('option', { name: 'A flat amount' }).click();
  await card.getByRole('textbox', { name: 'Late fee amount' }).fill('25');
  await card.getByRole('textbox', { name: 'Annual interest rate' }).fill('40');
  await card.getByRole('button', { name: 'Save fee rules' }).click();
  await expect(card.getByRole('textbox', { name: 'Annual interest rate' })).toHaveAccessibleDescription('The interest rate can be at most 36 %');
  await card.getByRole('textbox', { name: 'Annual interest rate' }).fill('1.5');
  await card.getByRole('button', { name: 'Save fee rules' }).click();
  await expect(card.getByRole('status')).toHaveText('Fee rules saved.');
  await page.reload();
  await expect(card.getByRole('textbox', { name: 'Late fee amount' })).toHaveValue('25.00');
  await expect(card.getByRole('textbox', { name: 'Annual interest rate' })).toHaveValue('1.5');
  await expect(card.getByRole('switch', { name: 'Charge consumers too' })).not.toBeChecked();
});
