import type { Locator, Page } from '@playwright/test';
import Database from 'better-sqlite3';
import zlib from 'node:zlib';
import { expect, isoInDays, screenshotPath, test } from './fixtures';
import { AppShell } from './pages';

const DEFAULTS = [
  'Account statement',
  'Dispute acknowledgement',
  'Pre-due reminder',
  'Payment plan agreement',
  'Polite past-due letter',
  'Firmer follow-up',
  'Letter to the principal',
  'Certified final demand',
];

/** A small real PNG (a blue square), made here so the spec carries no binary file. */
function logoPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), 8 + data.length);
    return out;
  };
  const size = 48;
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3).map((_, i) => [30, 90, 160][i % 3])]);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Reads the ledger file itself, to prove what was (and was not) saved. */
function versions(file: string, name: string): { version: number; body: string }[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT v.version, v.body FROM letter_template_version v JOIN letter_template t ON t.id = v.template_id WHERE t.name = ? ORDER BY v.version')
      .all(name) as { version: number; body: string }[];
  } finally {
    db.close();
  }
}

class TemplatesTab {
  constructor(readonly page: Page) {}

  get list(): Locator {
    return this.page.getByRole('table', { name: 'Letter templates' });
  }
  row(name: string): Locator {
    return this.list.locator('tbody').getByRole('row').filter({ hasText: name });
  }
  get editor(): Locator {
    return this.page.getByRole('region', { name: /^Edit / });
  }
  field(label: 'Name' | 'Subject' | 'Body'): Locator {
    return this.editor.getByRole('textbox', { name: label, exact: true });
  }
  get problems(): Locator {
    return this.editor.getByRole('list', { name: 'Problems in the template' });
  }
  get letter(): Locator {
    return this.page.getByRole('document', { name: 'Merged letter' });
  }
  async previewFor(search: string, option: RegExp): Promise<void> {
    const picker = this.page.getByRole('combobox', { name: 'Preview for customer' });
    await picker.click();
    await picker.fill(search);
    await this.page.getByRole('option', { name: option }).click();
  }
  async save(): Promise<void> {
    await this.editor.getByRole('button', { name: 'Save', exact: true }).click();
  }
}

test('letter templates: the defaults, a typo caught while typing, a new version, a live preview and the letterhead', async ({ page, settle, ledgerPath, api: call }) => {
  await call('customers.create', { code: 'ALPHA', name: 'Alpha Bakery' });
  const acme = await call('customers.create', {
    code: 'ACME',
    name: 'Acme Tools Ltd',
    address1: '12 Foundry Lane',
    city: 'Springfield',
    contacts: [{ name: 'Dana Reyes', role: 'accounts_payable' }],
  });
  await call('invoices.create', { number: 'INV-1', customerId: acme.id, issueDate: isoInDays(-76), dueDate: isoInDays(-46), amount: 1_200_00 });
  await call('invoices.create', { number: 'INV-2', customerId: acme.id, issueDate: isoInDays(-50), dueDate: isoInDays(-20), amount: 350_50 });

  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Letters');
  await expect(page.getByRole('tab', { name: 'Templates', selected: true })).toBeVisible();
  const t = new TemplatesTab(page);

  // The eight letters a new ledger starts with, gentlest first.
  const rows = t.list.locator('tbody').getByRole('row');
  await expect(rows).toHaveCount(8);
  for (const [i, name] of DEFAULTS.entries()) await expect(rows.nth(i)).toContainText(name);
  await expect(t.row('Polite past-due letter')).toContainText('2 · polite');
  await expect(t.row('Certified final demand')).toContainText('5 · final demand');
  await expect(t.row('Letter to the principal')).toContainText('To owner / principal');

  // A typo in a field is caught as it is typed, on its line, and the save is refused.
  await t.row('Polite past-due letter').click();
  await expect(t.field('Name')).toHaveValue('Polite past-due letter');
  const original = await t.field('Body').inputValue();
  expect(original.split('\n')[2]).toContain('{{days_past_due}}');
  await t.field('Body').fill(original.replace('{{days_past_due}}', '{{days_past_dew}}'));
  await expect(t.problems).toContainText('Line 3');
  await expect(t.problems).toContainText('Unknown field {{days_past_dew}} — did you mean {{days_past_due}}?');
  await t.save();
  await expect(t.editor.getByRole('alert')).toHaveText('The template has a problem: fix it before saving.');
  expect(versions(ledgerPath, 'Polite past-due letter').map((v) => v.version)).toEqual([1]);

  // Fixed, with a warmer line: saved as version 2, and version 1 stays as it was.
  const edited = original.replace('Invoices do get missed', 'Invoices do sometimes get missed');
  await t.field('Body').fill(edited);
  await expect(t.editor.getByText('No problems found.')).toBeVisible();
  await t.save();
  await expect(t.editor.getByRole('status').filter({ hasText: 'Version 2 saved' })).toBeVisible();
  await expect(t.row('Polite past-due letter').getByRole('cell').last()).toHaveText('2');
  expect(versions(ledgerPath, 'Polite past-due letter')).toEqual([
    { version: 1, body: original },
    { version: 2, body: edited },
  ]);
  await expect(page.getByRole('table', { name: 'Versions' }).locator('tbody').getByRole('row')).toHaveCount(2);

  // The preview merges the letter for the customer chosen, with their open items and total.
  await t.previewFor('acme', /ACME · Acme Tools Ltd/);
  await expect(t.letter).toContainText('Attn: Dana Reyes');
  await expect(t.letter).toContainText('Acme Tools Ltd');
  await expect(t.letter).toContainText('Dear Dana Reyes,');
  await expect(t.letter).toContainText('$1,550.50 on your account is now past due, the oldest item by 46 days');
  await expect(t.letter.getByRole('table', { name: 'Open items' })).toContainText('INV-2');
  await expect(t.letter.getByRole('table', { name: 'Open items' })).toContainText('Total due$1,550.50');
  await expect(t.letter).toContainText('Invoices do sometimes get missed');

  // The PDF opens in a tab of its own.
  const popup = page.waitForEvent('popup');
  await t.editor.getByRole('button', { name: 'Preview PDF' }).click();
  expect((await popup).url()).toMatch(/^blob:/);
  (await popup).close();

  await page.setViewportSize({ width: 1366, height: 1900 });
  await page.getByRole('heading', { level: 1, name: 'Letters' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('letters-templates') });
  await page.setViewportSize({ width: 1366, height: 860 });

  // A new template: a field clicked in the list goes where the cursor was.
  await page.getByRole('button', { name: 'New template' }).click();
  await t.field('Name').fill('Thank-you note');
  await t.field('Subject').fill('Thank you, ');
  await t.field('Subject').press('End');
  await t.editor.getByRole('button', { name: 'Insert {{customer.name}}' }).click();
  await expect(t.field('Subject')).toHaveValue('Thank you, {{customer.name}}');
  await t.save();
  await expect(t.editor.getByRole('status').filter({ hasText: 'Version 1 saved' })).toBeVisible();
  await expect(rows).toHaveCount(9);

  // The letterhead, set in Settings, is in the next preview.
  await new AppShell(page).goTo('Settings');
  const letterhead = page.getByRole('region', { name: 'Letterhead and letters' });
  await letterhead.getByRole('textbox', { name: 'Company name' }).fill('Harbor Supply Co.');
  await letterhead.getByRole('textbox', { name: 'Company address' }).fill('1 Dock Road\nPortland, OR 97201');
  await letterhead.getByRole('textbox', { name: 'Your name' }).fill('Priya Shah');
  await letterhead.getByRole('textbox', { name: 'Your direct phone' }).fill('+1 555 0100');
  await letterhead.getByLabel('Logo file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logoPng() });
  await expect(letterhead.getByRole('img', { name: 'Company logo' })).toBeVisible();
  await letterhead.getByRole('button', { name: 'Save letter settings' }).click();
  await expect(letterhead.getByRole('status')).toHaveText('Saved.');
  // Centred in a tall window, so the app bar does not cover its top.
  await page.setViewportSize({ width: 1366, height: 1400 });
  await letterhead.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await letterhead.screenshot({ path: screenshotPath('settings-letterhead') });
  await page.setViewportSize({ width: 1366, height: 860 });

  await new AppShell(page).goTo('Letters');
  await t.row('Polite past-due letter').click();
  await t.previewFor('acme', /ACME · Acme Tools Ltd/);
  await expect(t.letter).toContainText('Priya Shah');
  await expect(t.letter).toContainText('Harbor Supply Co.');
});
