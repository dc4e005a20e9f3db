import { expect, isoInDays, screenshotPath, shownDate, test } from './fixtures';
import { WriteOffDialogs } from './pages';

test('late fees and interest are previewed before they are charged; a write-off needs an approval; a recovery leaves the balance alone', async ({ page, settle, api: call }) => {
  const today = isoInDays(0);
  const customer = await call('customers.create', { code: 'LATE', name: 'Lateral Supplies Ltd' });
  const invoice = await call('invoices.create', { number: 'INV-F1', customerId: customer.id, issueDate: isoInDays(-90), dueDate: isoInDays(-60), amount: 1_000_00 });

  await page.goto(`${settle.launchUrl}#/customers/${customer.id}`);
  await expect(page.getByRole('heading', { level: 1, name: customer.name })).toBeVisible();
  const fees = page.getByRole('region', { name: 'Late fees and interest' });
  const feesDialog = page.getByRole('dialog', { name: `Late fees and interest as of ${shownDate(today)}` });

  // Before the business sets rules, nothing is charged, and the preview says why.
  await fees.getByRole('button', { name: 'Preview charges…' }).click();
  await expect(feesDialog).toContainText('No late fee or interest rules are set yet');
  await feesDialog.getByRole('button', { name: 'Close' }).click();

  await call('fees.rulesUpdate', {
    rules: { lateFee: { kind: 'flat', amount: 25_00 }, interest: { annualRateBasisPoints: 1200 }, graceDays: 10, capBasisPoints: null, applyToConsumers: false },
  });
  await page.reload();
  await expect(fees).toContainText('Late fee $25.00 and interest at 12% a year, after 10 grace days.');

  // Due 60 days ago, 10 grace days free: interest for the 50 days from 49 days ago through today.
  // 1,000.00 × 50 × 12% ÷ 365 = 16.438… → 16.44; with the 25.00 late fee, 41.44.
  await fees.getByRole('button', { name: 'Preview charges…' }).click();
  const lines = feesDialog.getByRole('table', { name: 'Charges to apply' });
  await expect(lines.getByRole('row', { name: /INV-F1 Late fee once, as of/ })).toContainText('$25.00');
  await expect(lines.getByRole('row', { name: new RegExp(`INV-F1 Interest ${shownDate(isoInDays(-49))} to ${shownDate(today)} 50`) })).toContainText('$16.44');
  await expect(lines).toContainText('Late fee of $25.00: INV-F1 is still unpaid after the 10-day grace period');
  await expect(lines).toContainText('the 10 grace days following the due date');
  await expect(lines.getByRole('row', { name: /^Total/ })).toContainText('$41.44');
  await page.screenshot({ path: screenshotPath('card-fees') });

  // A payment arrives while the preview is open: charging the old figure is refused, the new one is shown.
  // 1,000.00 for 49 days and 900.00 for today: (4,900,000 + 90,000) × 12% ÷ 365 = 16.405… → 16.41.
  await call('payments.record', { reference: 'PAY-F1', customerId: customer.id, date: today, amount: 100_00, invoiceId: invoice.id });
  await feesDialog.getByRole('button', { name: 'Charge $41.44' }).click();
  await expect(feesDialog.getByRole('alert')).toContainText('The charges changed; preview again');
  await expect(lines.getByRole('row', { name: /^Total/ })).toContainText('$41.41');
  await feesDialog.getByRole('button', { name: 'Charge $41.41' }).click();
  await expect(feesDialog).toBeHidden();
  await expect(page.getByText('Charged $41.41 in 2 lines of late fees and interest')).toBeVisible();
  const openInvoices = page.getByRole('table', { name: 'Open invoices' });
  await expect(openInvoices.getByRole('row', { name: /^LF-INV-F1 / })).toContainText('$25.00');
  await expect(openInvoices.getByRole('row', { name: new RegExp(`^INT-INV-F1-${today} `) })).toContainText('$16.41');
  await expect(page.getByLabel('Balance')).toHaveText('$941.41');
  // Charging again the same day finds nothing more to charge.
  await fees.getByRole('button', { name: 'Preview charges…' }).click();
  await expect(feesDialog).toContainText(`Nothing qualifies as of ${shownDate(today)}`);
  await feesDialog.getByRole('button', { name: 'Close' }).click();

  // A write-off without an approval is refused, with the missing fields marked.
  const writeOffs = page.getByRole('region', { name: 'Write-offs' });
  const dialogs = new WriteOffDialogs(page);
  await writeOffs.getByRole('button', { name: 'Write off…' }).click();
  await dialogs.fillWriteOff({ invoice: 'INV-F1: $900.00 open' });
  await expect(dialogs.writeOff.getByRole('textbox', { name: 'Amount on INV-F1' })).toHaveValue('900.00');
  await dialogs.fillWriteOff({ amount: '400.00', reason: 'Customer in administration; the administrator expects to pay part of unsecured claims.' });
  await dialogs.writeOff.getByRole('button', { name: 'Write off' }).click();
  await expect(dialogs.writeOff.getByRole('alert')).toContainText('Please correct the 2 highlighted fields.');
  await expect(dialogs.writeOff).toContainText('Name who approved the write-off');
  await expect(page.getByLabel('Balance')).toHaveText('$941.41');
  await dialogs.fillWriteOff({ approvedBy: 'J. Ortiz', approvalNote: 'By email on 3 March, after the administrator’s first report' });
  await dialogs.writeOff.getByRole('button', { name: 'Write off' }).click();
  await expect(dialogs.writeOff).toBeHidden();
  const list = writeOffs.getByRole('list', { name: 'Write-offs' });
  const row = list.getByRole('listitem').filter({ hasText: 'INV-F1' });
  await expect(row).toContainText(`${shownDate(today)} · INV-F1 · $400.00 written off`);
  await expect(row).toContainText('Approved by J. Ortiz: By email on 3 March, after the administrator’s first report');
  await expect(row).toContainText('Nothing recovered yet; $400.00 still recoverable');
  await expect(page.getByLabel('Balance')).toHaveText('$541.41');

  // Money comes back later: it is recorded beside the write-off, and receivables do not move.
  await row.getByRole('button', { name: `Record recovery on INV-F1 (${shownDate(today)})` }).click();
  await expect(dialogs.recovery('INV-F1').getByRole('textbox', { name: 'Amount' })).toHaveValue('400.00');
  await dialogs.fillRecovery('INV-F1', { amount: '150.00', method: 'Administrator dividend' });
  await dialogs.recovery('INV-F1').getByRole('button', { name: 'Record recovery' }).click();
  await expect(dialogs.recovery('INV-F1')).toContainText('Reference is required');
  await dialogs.fillRecovery('INV-F1', { reference: 'ADM-DIV-1' });
  await dialogs.recovery('INV-F1').getByRole('button', { name: 'Record recovery' }).click();
  await expect(dialogs.recovery('INV-F1')).toBeHidden();
  await expect(row).toContainText('Recovered $150.00; $250.00 still recoverable');
  await expect(page.getByLabel('Balance')).toHaveText('$541.41');
  await expect(page.getByText('Recovery recorded')).toBeHidden();
  await writeOffs.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('card-write-offs') });

  // The card and the ledger's aging agree: 900.00 + 41.41 charged − 400.00 written off.
  const aging = await call('aging.report', { asOf: today });
  const agingRow = aging.rows.find((r: { customerId: number }) => r.customerId === customer.id);
  expect(agingRow.total).toBe(541_41);
});
