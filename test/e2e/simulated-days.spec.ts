import type { Page } from '@playwright/test';
import { expect, screenshotPath, shownDate, test } from './fixtures';
import { AppShell, PaymentPlans, WriteOffDialogs } from './pages';

/**
 * Four months of collections in one sitting. The test owns the renderer's clock and the main
 * process's (Settle runs with clock control), so each "day" is the clerk opening Settle on that
 * date and every service works in it too; money arrives through the service API as it would
 * from the bank feed. One customer of each profile walks through the standard policy:
 * disorganised and good pay after a reminder or a call, angry after certified letters,
 * cash-flow agrees a plan, disputing has a dispute fixed, failing is written off.
 */
const CUSTOMERS = [
  { code: 'DIS', name: 'Dapper Disorganised Ltd', profile: 'disorganised', amount: 800_00 },
  { code: 'CASH', name: 'Cashflow Carpentry', profile: 'cash_flow', amount: 1_800_00 },
  { code: 'DISP', name: 'Disputatious Dairies', profile: 'disputing', amount: 1_000_00 },
  { code: 'FAIL', name: 'Failing Foundry', profile: 'failing', amount: 2_500_00 },
  { code: 'ANGRY', name: 'Angry Anvils', profile: 'angry', amount: 600_00 },
  { code: 'GOOD', name: 'Good Grocers', profile: 'good', amount: 400_00 },
] as const;
type Code = (typeof CUSTOMERS)[number]['code'];
const nameOf = (code: Code) => CUSTOMERS.find((c) => c.code === code)!.name;

test.use({ clockControl: true });

test('one customer of each profile through the policy over simulated days', async ({ page, settle, api: call }) => {
  test.setTimeout(240_000);
  const id = {} as Record<Code, number>;
  for (const c of CUSTOMERS) {
    id[c.code] = (await call('customers.create', { code: c.code, name: c.name })).id;
    await call('invoices.create', {
      number: `INV-${c.code}`,
      customerId: id[c.code],
      issueDate: '2026-02-01',
      dueDate: '2026-03-03',
      amount: c.amount,
      deliveryDate: c.code === 'DISP' ? '2026-02-03' : null,
    });
    await call('profiles.set', { customerId: id[c.code], profile: c.profile, reason: 'Known from last year.' });
  }
  const pay = (code: Code, date: string, amount: number) => call('payments.record', { reference: `PAY-${code}-${date}`, customerId: id[code], date, amount });

  const shell = new AppShell(page);
  const table = page.getByRole('table', { name: "Today's work" });
  const row = (code: Code) => table.getByRole('row').filter({ hasText: nameOf(code) });
  const day = async (iso: string) => {
    const at = new Date(`${iso}T09:00:00`);
    await page.clock.setFixedTime(at);
    expect(await call('clock.set', { now: at.toISOString() })).toEqual({ now: at.toISOString(), today: iso, pinned: true });
    await page.goto(settle.launchUrl);
    await shell.goTo('Worklist');
    await expect(page.getByRole('heading', { name: 'Worklist' }).locator('..')).toContainText(shownDate(iso));
  };
  // Notes the main process writes itself (dispute resolved, written off…) carry its clock's time.
  const noteTimes = async (code: Code, summary: string) =>
    ((await call('timeline.list', { customerId: id[code], kinds: ['note'] })).items as { summary: string; occurredAt: string }[])
      .filter((n) => n.summary.startsWith(summary))
      .map((n) => n.occurredAt);
  const openCard = async (code: Code) => {
    await row(code).first().getByRole('button', { name: nameOf(code), exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: nameOf(code) })).toBeVisible();
  };

  // 4 Feb, the day after delivery: the delivery check finds damage and raises a dispute there and then.
  await day('2026-02-04');
  await expect(row('DISP')).toContainText('Step 1 of Standard policy: INV-DISP ($1,000.00) was delivered 2026-02-03');
  await expect(table.getByRole('row')).toHaveCount(2);
  await page.getByRole('button', { name: `Check delivery: ${nameOf('DISP')}` }).click();
  const check = page.getByRole('dialog', { name: `Delivery check: ${nameOf('DISP')}` });
  for (const [question, answer] of [
    ['Did it arrive on time?', 'Yes'],
    ['Did it arrive intact?', 'No'],
    ['Did they receive the invoice?', 'Yes'],
    ['Is the pricing correct?', 'Yes'],
    ['Is the way clear to pay (nothing that would stop payment)?', 'No'],
  ] as const) {
    await check.getByRole('radiogroup', { name: question }).getByRole('radio', { name: answer }).check();
  }
  await check.getByRole('textbox', { name: 'Notes' }).fill('Two cases arrived crushed; they will not pay for them.');
  await check.getByRole('checkbox', { name: 'Raise a dispute on this invoice' }).check();
  await check.getByRole('combobox', { name: 'Dispute reason' }).click();
  await page.getByRole('option', { name: 'Damaged', exact: false }).first().click();
  await check.getByRole('textbox', { name: 'Disputed amount' }).fill('250.00');
  await check.getByRole('button', { name: 'Save the check' }).click();
  await expect(page.getByText('Nothing is due today.')).toBeVisible();

  // 24 Feb: the disorganised customer is reminded a week ahead, the others are not yet.
  await day('2026-02-24');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(row('DIS')).toContainText('Step 2 of Standard policy: $800.00 falls due 2026-03-03, in 7 days (INV-DIS)');
  await expect(row('DIS')).toContainText('Profile: reminded early: disorganised');
  await page.getByRole('button', { name: `Done: ${nameOf('DIS')}` }).click();

  // 28 Feb: everyone else is reminded three days ahead, except the invoice held by its dispute.
  await day('2026-02-28');
  for (const code of ['CASH', 'FAIL', 'ANGRY', 'GOOD'] as const) await expect(row(code)).toContainText('falls due 2026-03-03, in 3 days');
  await expect(row('DISP')).toHaveCount(0);
  await pay('DIS', '2026-03-02', 800_00);

  // 3 Mar, the due date: courtesy calls; the disorganised customer paid after the reminder.
  await day('2026-03-03');
  for (const code of ['CASH', 'FAIL', 'ANGRY', 'GOOD'] as const) await expect(row(code)).toContainText(/Step 3 of Standard policy: \$[\d,.]+ falls due today/);
  await expect(row('DIS')).toHaveCount(0);
  // Only 250.00 of INV-DISP is disputed: the courtesy call asks about the other 750.00; letters wait for the fix.
  await expect(row('DISP')).toContainText('$750.00 falls due today');
  await pay('GOOD', '2026-03-05', 400_00);

  // 13 Mar, ten days late: the profiles shape the polite-letter step.
  await day('2026-03-13');
  await expect(row('ANGRY')).toContainText('Certified letter');
  await expect(row('ANGRY')).toContainText('in writing, by certified mail, keep full records');
  await expect(row('CASH')).toContainText('offer a payment plan on this contact');
  await expect(row('FAIL')).toContainText('Step 4 of Standard policy: $2,500.00 is 10 days late');
  await expect(row('GOOD')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('simulated-days-worklist') });

  // The cash-flow customer agrees three monthly instalments; the plan holds them out of dunning.
  await openCard('CASH');
  const plans = new PaymentPlans(page);
  await plans.offer({ total: '1800.00', count: '3', frequency: 'Monthly' }); // starting a week from today, 20 March
  await expect(plans.offerDialog).toContainText('Fair to both sides');
  await expect(plans.offerDialog).toContainText(shownDate('2026-04-20'));
  await plans.offerDialog.getByRole('button', { name: /^(Save|Offer|Create)/ }).click();
  await expect(plans.offerDialog).toBeHidden();
  await plans.markSigned(plans.plan(0), 'Casey Cashflow');
  await expect(page.getByRole('button', { name: /^Status: On payment plan/ })).toBeVisible();
  await page.screenshot({ path: screenshotPath('simulated-days-plan') });

  // The dispute is resolved with a credit note for the damaged cases.
  await shell.goTo('Worklist');
  await expect(row('CASH')).toHaveCount(0);
  await page.getByRole('button', { name: 'Customers' }).click();
  await page.goto(`${settle.origin}/#/customers/${id.DISP}`);
  await expect(page.getByRole('heading', { level: 1, name: nameOf('DISP') })).toBeVisible();
  await resolveDispute(page, 'CN-DISP-1', '250.00');
  expect(await noteTimes('DISP', 'Dispute resolved')).toEqual(['2026-03-13T09:00']);

  // 14 Mar: the policy asks for a call to confirm the fix and collect the rest.
  await day('2026-03-14');
  const afterDispute = row('DISP').filter({ hasText: 'Step 13 of Standard policy: dispute 1 was resolved 2026-03-13 (credit note)' });
  await expect(afterDispute).toHaveCount(1);
  await afterDispute.getByRole('button', { name: `Done: ${nameOf('DISP')}` }).click();
  await expect(afterDispute).toHaveCount(0);
  await pay('DISP', '2026-03-16', 750_00);

  // 2 Apr: instalment 1 of the plan was missed (the next task); the failing customer goes on credit hold early.
  await day('2026-04-02');
  await expect(row('CASH')).toContainText('instalment 1 of payment plan');
  await expect(row('CASH')).toContainText('was missed');
  await page.getByRole('button', { name: `Done: ${nameOf('CASH')}` }).click(); // called: the money goes tomorrow
  await expect(row('CASH')).toHaveCount(0);
  await expect(row('FAIL').filter({ hasText: 'Credit hold' })).toHaveCount(1);
  await expect(row('FAIL').filter({ hasText: 'brought forward: the customer may be failing' })).toHaveCount(1);
  await page.getByRole('button', { name: `Apply credit hold: ${nameOf('FAIL')}` }).click();
  const status = page.getByRole('dialog', { name: 'Change status' });
  await expect(status.getByRole('textbox', { name: 'Why' })).toHaveValue(/^Step 8 of Standard policy: \$2,500\.00 is 30 days late/);
  await status.getByRole('button', { name: 'Change status' }).click();
  await expect(row('FAIL').filter({ hasText: 'Credit hold' })).toHaveCount(0);
  await expect(row('ANGRY')).toContainText('Step 5 of Standard policy: $600.00 is 30 days late');
  await expect(row('DISP')).toHaveCount(0);
  await pay('CASH', '2026-04-03', 600_00);
  await pay('ANGRY', '2026-04-05', 600_00);
  await pay('CASH', '2026-05-15', 1_200_00);

  // 1 Jun: the plan is complete; the failing customer reaches the write-off review early, and is written off.
  await day('2026-06-01');
  await expect(row('CASH')).toHaveCount(0);
  await expect(row('ANGRY')).toHaveCount(0);
  await expect(row('FAIL').filter({ hasText: 'Write-off review' })).toHaveCount(1);
  await openCard('FAIL');
  await page.getByRole('button', { name: 'Write off…' }).click();
  const writeOffs = new WriteOffDialogs(page);
  await writeOffs.fillWriteOff({ invoice: 'INV-FAIL', reason: 'The company has gone into administration.', approvedBy: 'Morgan Lee', approvalNote: 'Approved by the owner by phone, 1 June.' });
  await writeOffs.writeOff.getByRole('button', { name: /^Write off/ }).click();
  await expect(writeOffs.writeOff).toBeHidden();
  await expect(page.getByRole('list', { name: 'Timeline entries' })).toContainText('Written off $2,500.00 on INV-FAIL');
  expect(await noteTimes('FAIL', 'Written off $2,500.00 on INV-FAIL')).toEqual(['2026-06-01T09:00']);
  await shell.goTo('Worklist');
  await expect(page.getByText('Nothing is due today.')).toBeVisible();

  // The ledger agrees: nothing is owed, and the cash-flow customer is back to active.
  const aging = await call('aging.report', { asOf: '2026-06-01' });
  expect(aging.totals.total).toBe(0);
  expect((await call('customers.get', { id: id.CASH })).status).toBe('active');
  expect((await call('customers.get', { id: id.FAIL })).status).toBe('credit_hold');
});

async function resolveDispute(page: Page, creditNumber: string, amount: string): Promise<void> {
  await page.getByRole('region', { name: 'Open disputes' }).getByRole('button', { name: 'Resolve' }).click();
  const resolve = page.getByRole('dialog', { name: 'Resolve dispute' });
  await resolve.getByRole('combobox', { name: 'Resolution' }).click();
  await page.getByRole('option', { name: 'Credit note', exact: true }).click();
  await resolve.getByRole('textbox', { name: 'Credit note number' }).fill(creditNumber);
  await resolve.getByRole('textbox', { name: 'Credit amount' }).fill(amount);
  await resolve.getByRole('button', { name: 'Resolve' }).click();
  await expect(resolve).toBeHidden();
}
