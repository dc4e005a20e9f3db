import Database from 'better-sqlite3';
import { expect, screenshotPath, shownDate, test } from './fixtures';
import { CardEntries, ReceivePayments } from './entries-pages';
import { AgingPage, AppShell, CustomerCardPage } from './pages';

test.describe('money comes in through the app', () => {
  test('a deposit of three cheques, each shown applied before saving, is seen on the cards and in aging', async ({ page, settle, api, ledgerPath }) => {
    // Many steps, on machines shared with other test runs.
    test.setTimeout(150_000);
    const id: Record<string, number> = {};
    for (const [code, name] of [
      ['ACME', 'Acme Supply'],
      ['BETA', 'Beta Foods'],
      ['CARL', 'Carlton Hardware'],
    ]) {
      id[code] = (await api('customers.create', { code, name })).id;
    }
    const invoice = (number: string, code: string, dueDate: string, amount: number) =>
      api('invoices.create', { number, customerId: id[code], issueDate: '2026-01-01', dueDate, amount });
    await invoice('A-1', 'ACME', '2026-01-31', 100_00);
    await invoice('A-2', 'ACME', '2026-02-28', 200_00);
    await invoice('B-1', 'BETA', '2026-01-31', 500_00);
    await invoice('B-2', 'BETA', '2026-02-15', 80_00);
    await invoice('C-1', 'CARL', '2026-01-31', 300_00);

    await page.goto(settle.launchUrl);
    await new AppShell(page).goTo('Receive payments');
    await expect(page.getByRole('heading', { level: 1, name: 'Receive payments' })).toBeVisible();
    const deposit = new ReceivePayments(page);
    // Oldest first: all of A-1, then part of A-2.
    await deposit.fill(1, { customer: 'ACME', reference: 'CHK-101', amount: '150.00' });
    await expect(deposit.application(1)).toHaveText('Pays A-1 $100.00, A-2 $50.00 · nothing left over');
    // The remittance names B-2 (the later one); the rest pays what is still open, oldest first.
    await deposit.fill(2, { customer: 'BETA', reference: 'CHK-102', amount: '600.00', chosen: { 'B-2': '80.00' } });
    await expect(deposit.application(2)).toHaveText('Pays B-2 $80.00, B-1 $500.00 · $20.00 left unapplied, a credit on the account');
    await deposit.fill(3, { customer: 'CARL', reference: 'CHK-103', amount: '120.00' });
    await expect(deposit.application(3)).toHaveText('Pays C-1 $120.00 · nothing left over');
    await expect(page.getByLabel('Deposit total')).toHaveText('3 payments, total $870.00');
    await page.screenshot({ path: screenshotPath('receive-payments'), fullPage: true });

    await deposit.save();
    await expect(page.getByRole('alert').filter({ hasText: 'Deposit saved' })).toHaveText(/Deposit saved: 3 payments, \$870\.00 \(CHK-101, CHK-102, CHK-103\)/);
    // The ledger file holds the three payments, applied as previewed.
    const db = new Database(ledgerPath, { readonly: true });
    try {
      expect(db.prepare('SELECT reference, unapplied FROM payment ORDER BY reference').all()).toEqual([
        { reference: 'CHK-101', unapplied: 0 },
        { reference: 'CHK-102', unapplied: 20_00 },
        { reference: 'CHK-103', unapplied: 0 },
      ]);
    } finally {
      db.close();
    }

    // On the cards: what is left open, the payment, the credit.
    await page.goto(`${settle.launchUrl}#/customers/${id.ACME}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Acme Supply' })).toBeVisible();
    await expect(page.getByLabel('Balance')).toHaveText('$150.00');
    await expect(page.getByRole('table', { name: 'Recent payments' })).toContainText('CHK-101 · Cheque');
    await expect(page.getByRole('table', { name: 'Open invoices' })).not.toContainText('A-1');
    await page.goto(`${settle.launchUrl}#/customers/${id.BETA}`);
    await expect(page.getByLabel('Balance')).toHaveText('-$20.00');
    await expect(page.getByText('Unapplied cash and credits: -$20.00')).toBeVisible();

    // In aging.
    await new AppShell(page).goTo('Aging');
    const aging = new AgingPage(page);
    const row = (code: string) => aging.grid.getByRole('row').filter({ hasText: code });
    await expect(row('ACME')).toContainText('$150.00');
    await expect(row('BETA')).toContainText('-$20.00');
    await expect(row('CARL')).toContainText('$180.00');
  });

  test('one wrong cheque keeps the whole deposit back, and says which', async ({ page, settle, api, ledgerPath }) => {
    const acme = (await api('customers.create', { code: 'ACME', name: 'Acme Supply' })).id;
    await api('invoices.create', { number: 'A-1', customerId: acme, issueDate: '2026-01-01', dueDate: '2026-01-31', amount: 100_00 });
    await api('payments.record', { reference: 'CHK-OLD', customerId: acme, date: '2026-01-15', amount: 10_00 });
    await page.goto(`${settle.launchUrl}#/payments`);
    const deposit = new ReceivePayments(page);
    await deposit.fill(1, { customer: 'ACME', reference: 'CHK-1', amount: '20.00' });
    await deposit.fill(2, { customer: 'ACME', reference: 'CHK-OLD', amount: '30.00' });
    // The preview already knows the reference is taken.
    await expect(deposit.payment(2).getByRole('textbox', { name: 'Reference' })).toHaveAccessibleDescription('CHK-OLD is already used');
    await deposit.save();
    await expect(page.getByRole('alert')).toHaveText('Payment 2 cannot be posted: CHK-OLD is already used');
    const db = new Database(ledgerPath, { readonly: true });
    try {
      expect(db.prepare('SELECT reference FROM payment').pluck().all()).toEqual(['CHK-OLD']);
    } finally {
      db.close();
    }
  });
});

test('from the card: the payment after a call where they said it is paid, a credit note, an invoice in instalments', async ({ page, settle, api }) => {
  test.setTimeout(150_000);
  const acme = (await api('customers.create', { code: 'ACME', name: 'Acme Supply' })).id;
  await api('invoices.create', { number: 'A-1', customerId: acme, issueDate: '2026-01-01', dueDate: '2026-01-31', amount: 100_00 });
  await api('invoices.create', { number: 'A-2', customerId: acme, issueDate: '2026-01-01', dueDate: '2026-02-28', amount: 200_00 });
  await page.goto(`${settle.launchUrl}#/customers/${acme}`);
  const card = new CustomerCardPage(page);
  const balance = page.getByLabel('Balance');
  await expect(balance).toHaveText('$300.00');

  await page.getByRole('button', { name: 'Log a call (C)' }).click();
  await card.fillCall({ outcome: 'Says it is paid', summary: 'They sent cheque 2231 for A-2 last week, plus something towards A-1.' });
  await card.callDialog().getByRole('button', { name: 'Save call (Ctrl+Enter)' }).click();
  await page.getByRole('button', { name: 'Record the payment' }).click();
  const pay = page.getByRole('dialog', { name: 'Record a payment from Acme Supply' });
  await expect(pay).toContainText('From the call: they said it is paid.');
  await pay.getByRole('textbox', { name: 'Reference' }).fill('CHK-2231');
  await pay.getByRole('textbox', { name: 'Amount' }).fill('250.00');
  await pay.getByRole('button', { name: 'Chosen invoices' }).click();
  await pay.getByRole('textbox', { name: 'Pay on A-2' }).fill('200.00');
  await expect(pay.getByRole('status', { name: 'How it applies' })).toHaveText('Pays A-2 $200.00, A-1 $50.00 · nothing left over');
  await pay.getByRole('button', { name: 'Record payment' }).click();
  await expect(page.getByText('Payment CHK-2231 of $250.00 recorded')).toBeVisible();
  await expect(balance).toHaveText('$50.00');

  await page.getByRole('button', { name: 'Credit note' }).click();
  const credit = page.getByRole('dialog', { name: 'Credit note for Acme Supply' });
  await credit.getByRole('textbox', { name: 'Credit note number' }).fill('CN-1');
  await credit.getByRole('textbox', { name: 'Amount' }).fill('50.00');
  await credit.getByRole('combobox', { name: 'For invoice' }).click();
  await page.getByRole('option', { name: 'A-1: $50.00 open' }).click();
  await credit.getByRole('textbox', { name: 'Reason' }).fill('Two cases short');
  await credit.getByRole('button', { name: 'Record credit note' }).click();
  await expect(page.getByText('Credit note CN-1 of $50.00 recorded')).toBeVisible();
  await expect(balance).toHaveText('$0.00');

  await page.getByRole('button', { name: 'New invoice' }).click();
  const inv = page.getByRole('dialog', { name: 'New invoice for Acme Supply' });
  await inv.getByRole('textbox', { name: 'Invoice number' }).fill('INV-9');
  await inv.getByRole('textbox', { name: 'Amount' }).fill('300.00');
  await inv.getByRole('checkbox', { name: 'Payable in instalments' }).check();
  await inv.getByRole('textbox', { name: 'Instalment 1 amount' }).fill('100.00');
  await inv.getByRole('button', { name: 'Add instalment' }).click();
  await inv.getByRole('textbox', { name: 'Instalment 2 amount' }).fill('150.00');
  await expect(inv.getByRole('status')).toHaveText('Instalments add up to $250.00 of $300.00');
  await inv.getByRole('button', { name: 'Add invoice' }).click();
  await expect(inv.getByRole('alert')).toBeVisible();
  await expect(inv.getByRole('status')).toContainText('The instalments must add up to the invoice amount');
  await inv.getByRole('textbox', { name: 'Instalment 2 amount' }).fill('200.00');
  await page.screenshot({ path: screenshotPath('new-invoice') });
  await inv.getByRole('button', { name: 'Add invoice' }).click();
  await expect(page.getByText('Invoice INV-9 of $300.00 added')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Open invoices' })).toContainText('INV-9 (instalment 2)');
  await expect(balance).toHaveText('$300.00');
});

test.describe('an invoice entered with its delivery date', () => {
  test.use({ clockControl: true });

  test('produces the delivery-confirmation task the next day', async ({ page, settle, api }) => {
    const acme = (await api('customers.create', { code: 'ACME', name: 'Acme Supply' })).id;
    const day = async (iso: string, hash = '') => {
      const at = new Date(`${iso}T09:00:00`);
      await page.clock.setFixedTime(at);
      await api('clock.set', { now: at.toISOString() });
      await page.goto(`${settle.launchUrl}${hash}`);
    };
    const work = page.getByRole('table', { name: "Today's work" });

    await day('2026-02-03', `#/customers/${acme}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Acme Supply' })).toBeVisible();
    await new CardEntries(page).newInvoice({ number: 'INV-500', amount: '1,000.00', poNumber: 'PO-77', deliveryDate: '2026-02-03' });
    await expect(page.getByText('Invoice INV-500 of $1,000.00 added')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Open invoices' })).toContainText('INV-500');
    await expect(page.getByLabel('Balance')).toHaveText('$1,000.00');
    await new AppShell(page).goTo('Worklist');
    await expect(page.getByRole('heading', { name: 'Worklist' }).locator('..')).toContainText(shownDate('2026-02-03'));
    await expect(work.getByRole('row').filter({ hasText: 'Acme Supply' })).toHaveCount(0);

    await day('2026-02-04');
    await expect(page.getByRole('heading', { name: 'Worklist' }).locator('..')).toContainText(shownDate('2026-02-04'));
    await expect(work.getByRole('row').filter({ hasText: 'Acme Supply' })).toContainText('INV-500 ($1,000.00) was delivered 2026-02-03');
    await expect(page.getByRole('button', { name: 'Check delivery: Acme Supply' })).toBeVisible();
  });
});
