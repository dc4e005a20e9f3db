import { pdfText } from '../support/pdf-text';
import { expect, isoInDays, opensPdf, screenshotPath, test } from './fixtures';
import { AgingPage, AppShell, CustomerCardPage } from './pages';

test('a statement from the customer card, and statements for two customers selected in the aging grid', async ({ page, settle, api: call }) => {
  // Each print goes through the review dialog, and the machine running the suite may be busy.
  test.setTimeout(120_000);
  await call('letters.settingsUpdate', {
    companyName: 'Northwind Supplies',
    companyAddress: '1 Harbour Road\nSpringfield, IL 62701',
    clerkName: 'Sam Carter',
    companyPhone: '217 555 0100',
    paymentDetails: 'First Harbour Bank, account 0012 3456',
  });
  const customer = async (code: string, name: string, daysLate: number, amount: number) => {
    const c = await call('customers.create', { code, name, address1: '12 Mill Road', city: 'Springfield', region: 'IL', postalCode: '62702' });
    await call('invoices.create', { number: `${code}-1`, customerId: c.id, issueDate: isoInDays(-daysLate - 30), dueDate: isoInDays(-daysLate), amount });
    return c as { id: number; name: string };
  };
  const acme = await customer('ACME', 'Acme Supply Co', 40, 1_200_50);
  const beta = await customer('BETA', 'Beta Foods', 10, 450_00);
  const gamma = await customer('GAMMA', 'Gamma Trading', 95, 2_300_00);
  // Part of Acme's balance is disputed: the statement lists it, marked, and asks for the rest.
  await call('invoices.create', { number: 'ACME-2', customerId: acme.id, issueDate: isoInDays(-20), dueDate: isoInDays(10), amount: 300_00 });
  const [acme2] = (await call('customers.card', { id: acme.id, asOf: isoInDays(0) })).openItems.filter((i: { number: string }) => i.number === 'ACME-2');
  await call('activities.record', {
    customerId: acme.id,
    occurredAt: `${isoInDays(-1)}T10:00`,
    summary: 'They say the second delivery was short.',
    outcome: 'dispute_raised',
    dispute: { reason: 'not_received', invoiceIds: [acme2.invoiceId], amount: 300_00 },
  });

  // From the card.
  await page.goto(`${settle.launchUrl}#/customers/${acme.id}`);
  await expect(page.getByRole('heading', { level: 1, name: acme.name })).toBeVisible();
  await page.getByRole('button', { name: 'Statement…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Statement for Acme Supply Co' });
  await expect(dialog.getByRole('textbox', { name: 'Statement date' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Review statement' }).click();
  let review = page.getByRole('dialog', { name: 'Review: Account statement' });
  const acmeRow = review.getByRole('table', { name: 'Letters to review' }).getByRole('row', { name: /Acme Supply Co/ });
  // What the slip asks for: the balance less the disputed 300.00.
  await expect(acmeRow).toContainText('$1,200.50');
  await expect(acmeRow).toContainText('$300.00 in dispute is listed, marked, and not asked for');
  expect(await call('letters.list', { customerId: acme.id })).toEqual([]);
  await opensPdf(page, () => review.getByRole('button', { name: 'Print 1 statement' }).click());
  await expect(review.getByRole('status')).toContainText('1 statement sent, on each customer’s timeline');
  await review.getByRole('button', { name: 'Done' }).click();
  const card = new CustomerCardPage(page);
  await expect(card.timeline.getByRole('listitem').filter({ hasText: 'Statement sent: as of' })).toHaveCount(1);

  const [statement] = await call('letters.list', { customerId: acme.id });
  expect(statement).toMatchObject({ templateName: 'Account statement', totalDue: 1_200_50, letterDate: isoInDays(0) });
  const text = pdfText(Buffer.from((await call('letters.file', { fileId: statement.fileId })).base64, 'base64'));
  expect(text).toContain('in dispute $300.00');
  expect(text).toContain('Balance $1,500.50 Less in dispute -$300.00 Please pay $1,200.50');
  expect(text).toContain('Please return this part with your payment');
  expect(text).toContain('Amount due $1,200.50');
  expect(text).toContain('Payment details First Harbour Bank, account 0012 3456');

  // From the aging grid: two customers ticked, their statements as one PDF.
  await new AppShell(page).goTo('Aging');
  const aging = new AgingPage(page);
  const statements = page.getByRole('button', { name: 'Statements for selected…' });
  await expect(statements).toBeDisabled();
  for (const name of [beta.name, gamma.name]) await aging.grid.getByRole('row', { name: new RegExp(name) }).getByRole('checkbox').check();
  await statements.click();
  const many = page.getByRole('dialog', { name: 'Statements for 2 customers' });
  await page.screenshot({ path: screenshotPath('aging-statements') });
  await many.getByRole('button', { name: 'Review 2 statements' }).click();
  review = page.getByRole('dialog', { name: 'Review: Account statement' });
  await expect(review.getByRole('table', { name: 'Letters to review' }).getByRole('row')).toHaveCount(3);
  await page.screenshot({ path: screenshotPath('statements-review') });
  await opensPdf(page, () => review.getByRole('button', { name: 'Print 2 statements' }).click());
  await expect(review.getByRole('status')).toContainText('2 statements sent, on each customer’s timeline');
  await review.getByRole('button', { name: 'Done' }).click();
  await expect(statements).toBeDisabled();

  const [b] = await call('letters.list', { customerId: beta.id });
  const [g] = await call('letters.list', { customerId: gamma.id });
  expect(b.fileId).toBe(g.fileId);
  expect([b.templateName, b.totalDue, g.totalDue]).toEqual(['Account statement', 450_00, 2_300_00]);
  const batch = pdfText(Buffer.from((await call('letters.file', { fileId: b.fileId })).base64, 'base64'));
  expect(batch).toContain('Statement of account BETA');
  expect(batch).toContain('Statement of account GAMMA');
  expect(batch).not.toContain('Acme Supply Co');
});
