import { expect, isoInDays, screenshotPath, shownDate, test } from './fixtures';
import { AppShell, CardDisputes, CustomerCardPage, ProfilePanel, ReportsPage } from './pages';

test('a suggested profile is confirmed with its reasons, a dispute gets an owner, and the disputes report shows both', async ({ page, settle, api: call }) => {
  // Twenty days ago the customer disputed part of an overdue invoice: an open dispute suggests "Disputing".
  const harbour = await call('customers.create', { code: 'HARB', name: 'Harbour Fittings Ltd' });
  const fresh = await call('customers.create', { code: 'NEWC', name: 'Newcomer Supplies' });
  const inv = await call('invoices.create', { number: 'INV-D1', customerId: harbour.id, issueDate: isoInDays(-60), dueDate: isoInDays(-30), amount: 2_400_00 });
  await call('activities.record', {
    customerId: harbour.id,
    occurredAt: `${isoInDays(-20)}T10:00`,
    summary: 'Two of the basins arrived cracked; they will not pay until it is sorted.',
    outcome: 'dispute_raised',
    dispute: { reason: 'damaged', invoiceIds: [inv.id], amount: 800_00 },
  });

  await page.goto(`${settle.launchUrl}#/customers/${harbour.id}`);
  await expect(page.getByRole('heading', { level: 1, name: harbour.name })).toBeVisible();
  const profile = new ProfilePanel(page);
  await expect(profile.root).toContainText('Not set');
  await expect(profile.suggestion).toContainText('Suggested: Disputing');
  await expect(profile.suggestion.getByRole('listitem')).toHaveText(['1 dispute raised in the last 12 months', '1 dispute is still open']);
  await page.screenshot({ path: screenshotPath('card-profile-suggestion') });

  // Confirming opens the dialog with the suggestion chosen and its reasons as the "Why".
  await profile.confirmSuggestion();
  await expect(profile.dialog.getByRole('combobox', { name: 'Profile' })).toHaveText(/Disputing/);
  await expect(profile.dialog.getByRole('textbox', { name: 'Why' })).toHaveValue('1 dispute raised in the last 12 months; 1 dispute is still open.');
  // The reason is required: the service says so next to the field, and nothing is saved.
  await profile.fillWhy('   ');
  await profile.save();
  await expect(profile.dialog.getByText('Say why', { exact: true })).toBeVisible();
  await profile.fillWhy('Cracked basins on INV-D1; replacements are being arranged.');
  await profile.save();
  await expect(profile.dialog).toBeHidden();
  await expect(page.getByText('Profile set to Disputing', { exact: true })).toBeVisible();

  await expect(profile.root).toContainText('Disputing');
  await expect(profile.root).toContainText('give it an owner and a date');
  await expect(profile.suggestion).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Profile', exact: true }).getByText(/^Confirmed [A-Z][a-z]{2} \d{1,2}, \d{4}: Cracked basins/)).toBeVisible();
  const card = new CustomerCardPage(page);
  await expect(card.timeline).toContainText('Profile set to Disputing: Cracked basins on INV-D1; replacements are being arranged.');

  // The dispute needs an owner; an empty name is refused in the dialog.
  const disputes = new CardDisputes(page);
  await expect(disputes.root).toContainText('no owner');
  await disputes.root.getByRole('button', { name: 'Set owner' }).click();
  await disputes.ownerDialog.getByRole('button', { name: 'Save owner' }).click();
  await expect(disputes.ownerDialog.getByText('Name who will put this right')).toBeVisible();
  await disputes.ownerDialog.getByRole('button', { name: 'Cancel' }).click();
  await disputes.setOwner('Sam');
  await expect(disputes.ownerDialog).toBeHidden();
  await expect(disputes.root).toContainText('owner: Sam');
  // Investigating keeps the owner.
  await disputes.root.getByRole('button', { name: 'Investigate' }).click();
  await expect(disputes.root).toContainText('investigating for 20 days · owner: Sam');
  await expect(card.timeline).toContainText('owner Sam');
  // The page scrolls inside the app's main area, so a taller window shows the whole card.
  await expect(page.getByText('Dispute under investigation', { exact: true })).toBeHidden();
  await page.setViewportSize({ width: 1366, height: 1000 });
  await page.screenshot({ path: screenshotPath('card-profile') });
  await page.setViewportSize({ width: 1366, height: 860 });

  // A customer with no history: the reason is said quietly and only Change profile is offered.
  await page.goto(`${settle.launchUrl}#/customers/${fresh.id}`);
  await expect(page.getByRole('heading', { level: 1, name: fresh.name })).toBeVisible();
  await expect(profile.root).toContainText('Too little history to suggest a profile: 0 invoices paid in the last 12 months');
  await expect(profile.root.getByRole('button')).toHaveText(['Change profile']);

  // The disputes report: 20 days open is in the 16–30 bucket, with its owner.
  await new AppShell(page).goTo('Reports');
  const reports = new ReportsPage(page);
  await reports.openTab('Disputes');
  await expect(reports.disputes).toContainText('1 dispute open at the end of');
  await expect(reports.table('Dispute ageing').getByRole('row', { name: /^16–30 days/ })).toHaveText(/16–30 days\s*1\s*\$800\.00/);
  await expect(reports.table('Dispute ageing').getByRole('row', { name: /^0–15 days/ })).toHaveText(/0–15 days\s*0\s*\$0\.00/);
  await expect(reports.table('Disputes by reason').getByRole('row').nth(1)).toHaveText(/Arrived damaged\s*1\s*\$800\.00/);
  const row = reports.table('Open disputes').getByRole('row').nth(1);
  for (const text of ['Harbour Fittings Ltd', 'Arrived damaged', 'INV-D1', '$800.00', 'Investigating', 'Sam', shownDate(isoInDays(-20)), '20']) await expect(row).toContainText(text);
  await expect(reports.disputes.getByRole('region', { name: 'Resolved in the last 90 days' })).toContainText(/Disputes\s*0/);
  await page.screenshot({ path: screenshotPath('reports-disputes'), fullPage: true });

  // As of before the dispute was raised, nothing was open.
  await reports.disputesAsOf(isoInDays(-21));
  await expect(reports.disputes).toContainText('No disputes were open at the end of');

  // The customer's name leads to the card.
  await reports.disputesAsOf(isoInDays(0));
  await row.getByRole('button', { name: 'Harbour Fittings Ltd' }).click();
  await expect(page.getByRole('heading', { level: 1, name: harbour.name })).toBeVisible();
});
