import { expect, isoInDays, opensPdf, screenshotPath, test } from './fixtures';
import { AppShell, CustomerCardPage, PolicyEditor } from './pages';

test('Print all is refused with an empty letterhead, then reviewed with one customer deselected', async ({ page, settle, api: call }) => {
  test.setTimeout(120_000);
  const customer = async (code: string, name: string, amount: number, address = true) => {
    const c = await call('customers.create', { code, name, ...(address ? { address1: '12 Mill Road', city: 'Springfield', region: 'IL', postalCode: '62702' } : {}) });
    // 18 days late: the standard policy's polite letter is due.
    await call('invoices.create', { number: `${code}-1`, customerId: c.id, issueDate: isoInDays(-48), dueDate: isoInDays(-18), amount });
    return c as { id: number; name: string };
  };
  const acme = await customer('ACME', 'Acme Supply Co', 1_200_50);
  const beta = await customer('BETA', 'Beta Foods', 450_00);
  const delta = await customer('DELTA', 'Delta Print', 75_00, false);

  // A new ledger: the letterhead still says "Our company" and has no address or signer.
  await page.goto(settle.launchUrl);
  const shell = new AppShell(page);
  await shell.goTo('Letters');
  await page.getByRole('tab', { name: 'Print and send' }).click();
  const due = page.getByRole('table', { name: 'Letters due today' });
  await due.getByRole('button', { name: 'Print all 3: Polite past-due letter' }).click();
  let review = page.getByRole('dialog', { name: 'Review: Polite past-due letter' });
  await expect(review.getByRole('alert')).toContainText(
    'Fill in the letterhead before sending: Company name (still “Our company”), Company address, Your name and Your direct phone are not set in Settings → Letterhead and letters.',
  );
  await expect(review.getByRole('button', { name: 'Print 3 letters' })).toBeDisabled();
  await page.screenshot({ path: screenshotPath('letters-review-letterhead') });
  for (const c of [acme, beta, delta]) expect(await call('letters.list', { customerId: c.id })).toEqual([]);

  // The link leads to the letterhead, which is filled in there.
  await review.getByRole('link', { name: 'Open letter settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  const letterhead = page.getByRole('region', { name: 'Letterhead and letters' });
  await expect(letterhead.getByRole('textbox', { name: 'Company name' })).toHaveValue('Our company');
  await letterhead.getByRole('textbox', { name: 'Company name' }).fill('Northwind Supplies');
  await letterhead.getByRole('textbox', { name: 'Company address' }).fill('1 Harbour Road\nSpringfield, IL 62701');
  await letterhead.getByRole('textbox', { name: 'Company phone' }).fill('217 555 0100');
  await letterhead.getByRole('textbox', { name: 'Your name' }).fill('Sam Carter');
  await letterhead.getByRole('button', { name: 'Save letter settings' }).click();
  await expect(letterhead.getByRole('status')).toHaveText('Saved.');

  // Print all again: the review lists each letter with what it asks for and what to check.
  await shell.goTo('Letters');
  await page.getByRole('tab', { name: 'Print and send' }).click();
  await due.getByRole('button', { name: 'Print all 3: Polite past-due letter' }).click();
  review = page.getByRole('dialog', { name: 'Review: Polite past-due letter' });
  const table = review.getByRole('table', { name: 'Letters to review' });
  await expect(review.getByRole('alert')).toHaveCount(0);
  const row = (name: string) => table.getByRole('row').filter({ hasText: name });
  await expect(row('Acme Supply Co')).toContainText('$1,200.50');
  await expect(row('Beta Foods')).toContainText('$450.00');
  await expect(row('Delta Print')).toContainText('No postal address: this letter cannot be mailed');
  for (const name of ['Acme Supply Co', 'Beta Foods', 'Delta Print']) await expect(review.getByRole('checkbox', { name: `Send to ${name}` })).toBeChecked();
  await expect(review.getByRole('button', { name: 'Print 3 letters' })).toBeEnabled();

  // A preview opens one letter's PDF and records nothing.
  await opensPdf(page, () => review.getByRole('button', { name: 'Preview the letter to Beta Foods' }).click());
  expect(await call('letters.list', { customerId: beta.id })).toEqual([]);

  // Beta is left out; the other two print.
  await review.getByRole('checkbox', { name: 'Send to Beta Foods' }).uncheck();
  await expect(review.getByRole('button', { name: 'Print 2 letters' })).toBeEnabled();
  await page.screenshot({ path: screenshotPath('letters-review') });
  await opensPdf(page, () => review.getByRole('button', { name: 'Print 2 letters' }).click());
  await expect(review).toBeHidden();
  await expect(page.getByRole('status')).toContainText('2 letters sent, on each customer’s timeline');

  // Only the two ticked customers have a letter; Beta's task is still due.
  expect((await call('letters.list', { customerId: acme.id })).map((l: { templateName: string }) => l.templateName)).toEqual(['Polite past-due letter']);
  expect((await call('letters.list', { customerId: delta.id })).length).toBe(1);
  expect(await call('letters.list', { customerId: beta.id })).toEqual([]);
  await expect(due.getByRole('row', { name: /Polite past-due letter/ })).toContainText('Beta Foods');
  await expect(due.getByRole('button', { name: 'Print all 1: Polite past-due letter' })).toBeVisible();

  const card = new CustomerCardPage(page);
  await page.goto(`${settle.launchUrl}#/customers/${acme.id}`);
  await expect(card.timeline.getByRole('listitem').filter({ hasText: 'Letter sent: Polite past-due letter' })).toHaveCount(1);
  await page.goto(`${settle.launchUrl}#/customers/${beta.id}`);
  await expect(page.getByRole('heading', { level: 1, name: beta.name })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('Nothing here yet.');
});

test('the policy editor picks a step’s letter from the templates, and a name that is not one is refused', async ({ page, settle, api: call }) => {
  await page.goto(`${settle.launchUrl}#/settings`);
  const policy = new PolicyEditor(page);
  await policy.section.getByRole('button', { name: 'Edit step 9', exact: true }).click();
  const dialog = policy.dialog;
  await dialog.getByRole('combobox', { name: 'Letter template' }).click();
  const options = page.getByRole('listbox').getByRole('option');
  await expect(options).toContainText(['Pre-due reminder', 'Certified final demand']);
  await page.getByRole('option', { name: 'Firmer follow-up', exact: true }).click();
  await expect(dialog.getByRole('textbox', { name: 'Minimum overdue amount' })).toHaveValue('250.00');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await policy.save();
  await expect(policy.section.getByRole('status')).toHaveText('Policy saved.');
  expect((await call('policy.get', {})).steps[8].template).toBe('Firmer follow-up');

  // The API cannot save a typo either.
  const stored = await call('policy.get', {});
  const steps = stored.steps.map(({ seq: _seq, ...s }: { seq: number }) => s);
  steps[8] = { ...steps[8], template: 'Certified final demnd' };
  const r = await (
    await page.request.post(`${settle.origin}/api/call`, {
      data: { method: 'policy.save', input: { name: stored.name, steps } },
      headers: { Origin: settle.origin, Authorization: `Bearer ${settle.token}` },
    })
  ).json();
  expect(r).toMatchObject({ ok: false, error: { code: 'validation', fields: { 'steps.8.template': 'No template is called “Certified final demnd”' } } });
});
