import fs from 'node:fs';
import { expect, screenshotPath, test } from './fixtures';
import { AgingPage, AppShell } from './pages';
import { runCli } from './settle-server';

test.use({ demoCustomers: 150 });

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

test('the aging grid filtered to 61+ exports the same totals as settle aging', async ({ page, settle, ledgerPath }) => {
  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Aging');
  const aging = new AgingPage(page);
  await expect(aging.grid.getByRole('row', { name: /Total of \d+ customers/ })).toBeVisible();
  await page.screenshot({ path: screenshotPath('aging-grid') });

  await aging.show('61+ days late');
  const expected = JSON.parse(runCli(['--ledger', ledgerPath, 'aging', '--as-of', localToday(), '--format', 'json']));
  const late = expected.rows.filter((r: { buckets: number[] }) => r.buckets.slice(3).some((v) => v > 0));
  await expect(aging.grid.getByRole('row', { name: new RegExp(`Total of ${late.length} customers`) })).toBeVisible();
  // The totals stay in view below the grid too.
  await expect(page.getByRole('status', { name: 'Totals' })).toContainText(`${late.length} customers`);

  const download = await aging.exportAs('CSV (current view)');
  expect(download.suggestedFilename()).toBe(`aging-${localToday()}-61-plus-days.csv`);
  const lines = fs.readFileSync((await download.path())!, 'utf8').trim().split('\n');
  expect(lines).toHaveLength(late.length + 2);
  const sum = (pick: (r: { buckets: number[]; unapplied: number; total: number }) => number) => late.reduce((s: number, r: never) => s + pick(r), 0);
  const cents = (v: number) => (v < 0 ? '-' : '') + `${Math.trunc(Math.abs(v) / 100)}.${String(Math.abs(v) % 100).padStart(2, '0')}`;
  const totals = [0, 1, 2, 3, 4, 5].map((k) => cents(sum((r) => r.buckets[k])));
  // The view's own amount, 61+ days late, has its column beside the whole balance.
  const late61 = cents(sum((r) => r.buckets.slice(3).reduce((s, v) => s + v, 0)));
  expect(lines.at(-1)).toBe(`,Total,${totals.join(',')},${late61},${cents(sum((r) => r.unapplied))},${cents(sum((r) => r.total))}`);

  // Sorting happens in the main process: the largest balance comes first.
  await aging.grid.getByRole('columnheader', { name: 'Total' }).click();
  await aging.grid.getByRole('columnheader', { name: 'Total' }).click();
  const largest = [...late].sort((a: { total: number }, b: { total: number }) => b.total - a.total)[0];
  await expect(aging.grid.getByRole('columnheader', { name: 'Total' })).toHaveAttribute('aria-sort', 'descending');
  // The export follows the grid's sort (the grid itself may have scrolled the code column away).
  const sorted = fs.readFileSync((await (await aging.exportAs('CSV (current view)')).path())!, 'utf8').split('\n');
  expect(sorted[1].startsWith(`${largest.customerCode},`)).toBe(true);
  await page.screenshot({ path: screenshotPath('aging-61-plus') });

  // Enter (or a click) on a row opens that customer's card.
  await aging.grid.getByRole('row').nth(2).getByRole('gridcell').nth(1).click();
  await expect(page.getByRole('heading', { level: 1, name: largest.customerName })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
});

test('the aging grid pages through the main process and keeps its page', async ({ page, settle }) => {
  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Aging');
  const aging = new AgingPage(page);
  await aging.rowsPerPage(50);
  const firstOnPage1 = await aging.grid.getByRole('row').nth(2).getByRole('gridcell').nth(1).textContent();
  await page.getByRole('button', { name: 'Go to next page' }).click();
  await expect(page.getByText(/^51–\d+ of \d+$/)).toBeVisible();
  await expect(aging.grid.getByRole('row').nth(2).getByRole('gridcell').nth(1)).not.toHaveText(firstOnPage1!);
  // Still on page 2 a moment later: re-rendering must not send the grid back to page 1.
  await page.waitForTimeout(500);
  await expect(page.getByText(/^51–\d+ of \d+$/)).toBeVisible();
});

test('a click on a column header sorts the grid by it, both ways, and the sort stays', async ({ page, settle }) => {
  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Aging');
  const aging = new AgingPage(page);
  const total = aging.grid.getByRole('columnheader', { name: 'Total' });
  // The first customer rows' totals (row 0 is the header, row 1 the totals row), in order on screen.
  const inOrder = async (up: boolean) => {
    const t = (await aging.grid.getByRole('row').locator('[data-field="total"]').allTextContents()).slice(2, 8).map((x) => Number(x.replace(/[^0-9.-]/g, '')));
    return t.length > 2 && t.every((v, i) => i === 0 || (up ? t[i - 1] <= v : t[i - 1] >= v));
  };
  await total.click();
  await expect(total).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => inOrder(true)).toBe(true);
  await total.click();
  await expect(total).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => inOrder(false)).toBe(true);
  // The grid shows the sort of the rows it has; re-rendering must not send it back to the old one.
  await page.waitForTimeout(500);
  await expect(total).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByText(/^1–\d+ of \d+$/)).toBeVisible();
});

test('a tick follows its customer, not the row: kept across pages, sorts and a search; the header box ticks the page', async ({ page, settle }) => {
  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Aging');
  const aging = new AgingPage(page);
  await aging.rowsPerPage(50);
  const nameAt = (row: number) => aging.grid.getByRole('row').nth(row).locator('[data-field="customerName"]').textContent();
  const ticked = aging.grid.getByRole('row').getByRole('checkbox', { checked: true });
  const first = (await nameAt(2))!;
  const second = (await nameAt(3))!;

  // Ticking a box marks the customer and stays on the grid (a click elsewhere on the row opens the card).
  await aging.grid.getByRole('checkbox', { name: `Select ${first}` }).check();
  await expect(page.getByRole('heading', { level: 1, name: 'Aging' })).toBeVisible();
  await expect(aging.grid.getByRole('checkbox', { name: `Select ${second}` })).not.toBeChecked();
  await expect(page.getByRole('button', { name: 'Letters for selected…' })).toBeEnabled();
  // From the keyboard: Space on the box's cell ticks and unticks, as on the grid's own boxes.
  await aging.grid.getByRole('row').nth(3).getByRole('gridcell').first().click({ position: { x: 4, y: 4 } });
  await page.keyboard.press(' ');
  await expect(aging.grid.getByRole('checkbox', { name: `Select ${second}` })).toBeChecked();
  await page.keyboard.press(' ');
  await expect(aging.grid.getByRole('checkbox', { name: `Select ${second}` })).not.toBeChecked();
  await expect(page.getByRole('heading', { level: 1, name: 'Aging' })).toBeVisible();

  // The next page's row in the same place is another customer, not ticked; its header box ticks only that page.
  await page.getByRole('button', { name: 'Go to next page' }).click();
  await expect(page.getByText(/^51–\d+ of \d+$/)).toBeVisible();
  await expect(aging.grid.getByRole('row').nth(2)).not.toContainText(first);
  await expect(ticked).toHaveCount(0);
  const pageBox = aging.grid.getByRole('checkbox', { name: 'Select all on this page' });
  await pageBox.check();
  // The grid draws only the rows in view; every one drawn is ticked, and Letters counts the whole page below.
  await expect(aging.grid.getByRole('row').getByRole('checkbox', { checked: false })).toHaveCount(0);
  await page.getByRole('button', { name: 'Letters for selected…' }).click();
  const [, last] = /^51–(\d+) of/.exec((await page.getByText(/^51–\d+ of \d+$/).textContent())!)!;
  await expect(page.getByRole('dialog', { name: `Letters to ${Number(last) - 50 + 1} customers` })).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await pageBox.uncheck();
  await expect(ticked).toHaveCount(0);

  // Sorted the other way round, then searched for by name, the first customer is still the one ticked.
  const customerHeader = aging.grid.getByRole('columnheader', { name: 'Customer' });
  await customerHeader.click();
  await customerHeader.click();
  await expect(customerHeader).toHaveAttribute('aria-sort', 'descending');
  await page.getByRole('textbox', { name: 'Search aging' }).fill(first);
  await expect(aging.grid.getByRole('checkbox', { name: `Select ${first}` })).toBeChecked();
  // The only customer the search shows is ticked, so the page's box is too; and nobody else is.
  await expect(pageBox).toBeChecked();
  await page.getByRole('button', { name: 'Letters for selected…' }).click();
  await expect(page.getByRole('dialog', { name: 'Letters to 1 customer' })).toBeVisible();
});

test('the grid shows whole amounts and names, zeros as a dash, the standing columns at 1366 px, and a column chooser', async ({ page, settle }) => {
  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Aging');
  const aging = new AgingPage(page);
  const totalsRow = aging.grid.getByRole('row', { name: /Total of \d+ customers/ });
  await expect(totalsRow).toBeVisible();

  // Last contact and Next action are in view without scrolling sideways.
  for (const name of ['Customer', 'Total', 'Last contact', 'Next action']) await expect(aging.grid.getByRole('columnheader', { name })).toBeInViewport();

  // No amount or name is cut: every cell's text fits its width.
  const cut = await aging.grid.locator('[role="gridcell"][data-field]').evaluateAll((cells) =>
    cells
      .filter((c) => /^(customerName|total|unapplied|bucket\d+)$/.test(c.getAttribute('data-field')!))
      .filter((c) => {
        const inner = (c.querySelector('.MuiDataGrid-cellContent') ?? c) as HTMLElement;
        return inner.scrollWidth > c.clientWidth;
      })
      .map((c) => c.textContent),
  );
  expect(cut).toEqual([]);
  await expect(totalsRow.getByRole('gridcell').filter({ hasText: /^\$[\d,]+\.\d{2}$/ }).first()).toBeVisible();
  // Zeros are a dash, never 0.00.
  await expect(aging.grid.getByRole('gridcell', { name: '–' }).first()).toBeVisible();
  await expect(aging.grid.getByRole('gridcell', { name: '$0.00', exact: true })).toHaveCount(0);

  // The column chooser hides a column and brings it back.
  await page.getByRole('button', { name: 'Columns', exact: true }).click();
  const lastContact = page.getByRole('checkbox', { name: 'Last contact' });
  await lastContact.uncheck();
  await expect(aging.grid.getByRole('columnheader', { name: 'Last contact' })).toHaveCount(0);
  await lastContact.check();
  await page.keyboard.press('Escape');
  await expect(aging.grid.getByRole('columnheader', { name: 'Last contact' })).toBeInViewport();
  await page.screenshot({ path: screenshotPath('aging-grid-1366') });
});
