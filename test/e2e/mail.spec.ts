import { simpleParser, type ParsedMail } from 'mailparser';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { expect, isoInDays, opensPdf, screenshotPath, test } from './fixtures';
import { AgingPage, AppShell, CustomerCardPage, PolicyEditor } from './pages';

/**
 * A mail server on 127.0.0.1 for one test: it asks for the user name and password given (or none),
 * refuses the recipients in `refuse` as a real server does (550 at RCPT TO), and keeps every message it accepts.
 */
async function startSmtp(login: { user: string; password: string } | null) {
  const received: { envelope: { from: string; to: string[] }; mail: ParsedMail; raw: Buffer }[] = [];
  const refuse = new Set<string>();
  const server = new SMTPServer({
    secure: false,
    disabledCommands: login ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !login,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, done) {
      if (login && auth.username === login.user && auth.password === login.password) done(null, { user: login.user });
      else done(new Error('535 5.7.8 Authentication failed'));
    },
    onRcptTo(address, _session, done) {
      if (!refuse.has(address.address)) return done();
      const err = Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 });
      done(err);
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (mail) => {
            received.push({
              envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) },
              mail,
              raw,
            });
            done();
          },
          (err: Error) => done(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, refuse, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test('the pre-due reminder goes by email to the customer with an address and is printed for the one without; both timelines show it', async ({ page, settle, ledgerPath, api: call }) => {
  test.setTimeout(120_000);
  const smtp = await startSmtp({ user: 'settle', password: 'correct horse battery' });
  try {
    // The letterhead is filled in, as on any ledger that has sent letters (letters-review.spec.ts covers an empty one).
    await call('letters.settingsUpdate', { companyName: 'Northwind Supplies', companyAddress: '1 Harbour Road\nSpringfield, IL 62701', companyPhone: '217 555 0100', clerkName: 'Sam Carter' });
    const address = { address1: '12 Mill Road', city: 'Springfield', region: 'IL', postalCode: '62702' };
    // Invoices due in 3 days: the standard policy's "Friendly reminder before the due date" is today's.
    const acme = await call('customers.create', {
      code: 'ACME',
      name: 'Acme Supply Co',
      ...address,
      contacts: [{ name: 'Jo Payables', role: 'accounts_payable', email: 'ap@acme.example', isPrimary: true }],
    });
    const delta = await call('customers.create', { code: 'DELTA', name: 'Delta Print', ...address });
    await call('invoices.create', { number: 'ACME-1', customerId: acme.id, issueDate: isoInDays(-27), dueDate: isoInDays(3), amount: 1_200_50 });
    await call('invoices.create', { number: 'DELTA-1', customerId: delta.id, issueDate: isoInDays(-27), dueDate: isoInDays(3), amount: 450_00 });

    // The mail server is set up on the Settings screen; in the browser the password is kept for this session only.
    await page.goto(`${settle.launchUrl}#/settings`);
    const mail = page.getByRole('region', { name: 'Mail', exact: true });
    await expect(mail.getByText('No password yet. In the browser it is kept for this session only')).toBeVisible();
    await mail.getByRole('textbox', { name: 'Mail server' }).fill('127.0.0.1');
    await mail.getByRole('combobox', { name: 'Security' }).click();
    await page.getByRole('option', { name: /^None/ }).click();
    await mail.getByRole('textbox', { name: 'Port' }).fill(String(smtp.port));
    await mail.getByRole('textbox', { name: 'User name' }).fill('settle');
    await mail.getByLabel('Password').fill('correct horse battery');
    await mail.getByRole('textbox', { name: 'From name' }).fill('Northwind Accounts');
    await mail.getByRole('textbox', { name: 'From address' }).fill('accounts@northwind.example');
    await mail.getByRole('textbox', { name: 'Reply-to address' }).fill('sam@northwind.example');
    await mail.getByRole('button', { name: 'Save mail settings' }).click();
    await expect(mail.getByRole('status')).toHaveText('Saved.');
    await expect(mail.getByText('A password is kept for this session only')).toBeVisible();
    await expect(mail.getByLabel('Password')).toHaveValue('');

    // A test message goes through the server, and its answer is shown.
    await mail.getByRole('textbox', { name: 'Send a test to' }).fill('sam@northwind.example');
    await mail.getByRole('button', { name: 'Send a test message' }).click();
    await expect(mail.getByRole('status').filter({ hasText: 'The server accepted the test message' })).toContainText('250');
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].envelope.to).toEqual(['sam@northwind.example']);
    await mail.getByRole('button', { name: 'Send a test message' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('settings-mail') });

    // The day's work: the worklist runs the policy, and both reminders are on it.
    const shell = new AppShell(page);
    await shell.goTo('Worklist');
    const work = page.getByRole('table', { name: "Today's work" });
    await expect(work.getByRole('row').filter({ hasText: 'Acme Supply Co' })).toHaveCount(1);
    await expect(work.getByRole('row').filter({ hasText: 'Delta Print' })).toHaveCount(1);

    // Letters: the reminder goes by email to Acme, who has an address, and is printed for Delta.
    await shell.goTo('Letters');
    await page.getByRole('tab', { name: 'Print and send' }).click();
    const due = page.getByRole('table', { name: 'Letters due today' });
    await expect(due.getByRole('row').filter({ hasText: 'Email' })).toContainText('Acme Supply Co');
    await expect(due.getByRole('row').filter({ hasText: 'Mail' }).filter({ hasNotText: 'Email' })).toContainText('Delta Print');
    await page.screenshot({ path: screenshotPath('letters-due-email') });
    await due.getByRole('button', { name: 'Send all 1 by email: Pre-due reminder' }).click();

    const review = page.getByRole('dialog', { name: 'Review: Pre-due reminder by email' });
    const table = review.getByRole('table', { name: 'Letters to review' });
    await expect(table.getByRole('row').filter({ hasText: 'Acme Supply Co' })).toContainText('ap@acme.example');
    await expect(review.getByRole('checkbox', { name: 'Send to Acme Supply Co' })).toBeChecked();
    await review.getByRole('button', { name: 'Preview the email to Acme Supply Co' }).click();
    const preview = page.getByRole('dialog', { name: 'Email to Acme Supply Co' });
    await expect(preview.getByRole('document', { name: 'Merged email' })).toBeVisible();
    await page.screenshot({ path: screenshotPath('letters-email-preview') });
    await preview.getByRole('button', { name: 'Close' }).click();
    await page.screenshot({ path: screenshotPath('letters-email-review') });
    await review.getByRole('button', { name: 'Send 1 email' }).click();

    await expect(review.getByRole('status').filter({ hasText: 'on each customer’s timeline' })).toContainText('1 email sent, on each customer’s timeline');
    const results = review.getByRole('table', { name: 'Emails sent' });
    await expect(results.getByRole('row').filter({ hasText: 'Acme Supply Co' })).toContainText('Sent');
    await expect(results.getByRole('row').filter({ hasText: 'Acme Supply Co' })).toContainText('250');
    await page.screenshot({ path: screenshotPath('letters-email-sent') });
    await review.getByRole('button', { name: 'Done' }).click();

    // What arrived: to Acme's accounts payable, from the ledger's sender, with the letter attached as a PDF.
    expect(smtp.received).toHaveLength(2);
    const reminder = smtp.received[1];
    expect(reminder.envelope.to).toEqual(['ap@acme.example']);
    expect(reminder.mail.from?.value[0]).toMatchObject({ address: 'accounts@northwind.example', name: 'Northwind Accounts' });
    expect(reminder.mail.replyTo?.value[0].address).toBe('sam@northwind.example');
    const template = (await call('templates.list', {})).find((t: { name: string }) => t.name === 'Pre-due reminder');
    const detail = await call('templates.get', { id: template.id });
    expect(reminder.mail.subject).toBe(detail.emailSubject.replace('{{customer.code}}', 'ACME'));
    expect(reminder.mail.text).toContain('ACME-1');
    // The standard reminder attaches the letter.
    expect(detail.attachPdf).toBe(true);
    const pdfs = reminder.mail.attachments.filter((a) => a.contentType === 'application/pdf');
    expect(pdfs).toHaveLength(1);
    expect(pdfs[0].content.subarray(0, 5).toString()).toBe('%PDF-');

    // Delta has no email address: their reminder is printed.
    await due.getByRole('button', { name: 'Print all 1: Pre-due reminder' }).click();
    const printReview = page.getByRole('dialog', { name: 'Review: Pre-due reminder' });
    await opensPdf(page, () => printReview.getByRole('button', { name: 'Print 1 letter' }).click());
    await expect(page.getByRole('status').filter({ hasText: '1 letter sent' })).toBeVisible();
    await expect(page.getByText('No letters are due today.')).toBeVisible();
    expect(smtp.received).toHaveLength(2);

    // Both timelines show the reminder: Acme's by email, with whom it went to and the archived .eml.
    const card = new CustomerCardPage(page);
    await page.goto(`${settle.launchUrl}#/customers/${acme.id}`);
    const emailed = card.timeline.getByRole('listitem').filter({ hasText: 'Letter sent: Pre-due reminder' });
    await expect(emailed).toHaveCount(1);
    await expect(emailed).toContainText('by email');
    await expect(emailed).toContainText('Email to ap@acme.example');
    const download = page.waitForEvent('download');
    await emailed.getByRole('button', { name: 'Download .eml' }).click();
    const eml = await download;
    expect(eml.suggestedFilename()).toMatch(/\.eml$/);
    const archived = fs.readFileSync((await eml.path())!);
    const parsed = await simpleParser(archived);
    // The archive holds the very message the server accepted.
    expect(parsed.messageId).toBe(reminder.mail.messageId);
    await page.screenshot({ path: screenshotPath('card-email-timeline') });

    await page.goto(`${settle.launchUrl}#/customers/${delta.id}`);
    const printed = card.timeline.getByRole('listitem').filter({ hasText: 'Letter sent: Pre-due reminder' });
    await expect(printed).toHaveCount(1);
    await expect(printed).toContainText('by mail');
    await expect(printed.getByRole('button', { name: 'Open PDF' })).toBeVisible();

    // The password is nowhere in the ledger file.
    expect(settle.output()).not.toContain('correct horse battery');
    for (const file of [ledgerPath, `${ledgerPath}-wal`]) if (fs.existsSync(file)) expect(fs.readFileSync(file).includes('correct horse battery')).toBe(false);
  } finally {
    await smtp.close();
  }
});

test('a template’s email text is checked as it is typed like the letter, saved with the choice to attach the PDF, and previewed merged', async ({ page, settle, api: call }) => {
  const acme = await call('customers.create', { code: 'ACME', name: 'Acme Tools Ltd', contacts: [{ name: 'Dana Reyes', role: 'accounts_payable', email: 'dana@acme.example' }] });
  await call('invoices.create', { number: 'INV-1', customerId: acme.id, issueDate: isoInDays(-76), dueDate: isoInDays(-46), amount: 1_200_00 });
  await page.goto(settle.launchUrl);
  await new AppShell(page).goTo('Letters');
  await page.getByRole('table', { name: 'Letter templates' }).locator('tbody').getByRole('row').filter({ hasText: 'Firmer follow-up' }).click();
  const editor = page.getByRole('region', { name: 'Edit Firmer follow-up' });
  const subject = editor.getByRole('textbox', { name: 'Email subject' });
  const body = editor.getByRole('textbox', { name: 'Email body' });
  const problems = editor.getByRole('list', { name: 'Problems in the template' });

  // A misspelt field in the subject and a block plain text cannot carry are caught where they are.
  await subject.fill('Overdue on {{customer.cod}}');
  await body.fill('Dear {{contact.name}},\n\nPlease pay {{overdue_total}} now.\n{{signature_lines}}\n');
  await expect(problems).toContainText('Email subject, column 12: Unknown field {{customer.cod}}');
  await expect(problems).toContainText('Email line 4, column 1: {{signature_lines}} cannot go in an email: attach the letter as a PDF instead');

  await subject.fill('Overdue on {{customer.code}}');
  await body.fill('Dear {{contact.name}},\n\nPlease pay {{overdue_total}} now.\n\n{{open_items_table}}\n');
  await expect(editor.getByText('No problems found.')).toBeVisible();
  const attach = editor.getByRole('checkbox', { name: 'Attach the letter as PDF' });
  await expect(attach).toBeChecked();
  await attach.uncheck();
  await editor.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(editor.getByRole('status').filter({ hasText: 'saved' })).toBeVisible();

  const id = (await call('templates.list', {})).find((t: { name: string }) => t.name === 'Firmer follow-up').id;
  expect(await call('templates.get', { id })).toMatchObject({
    emailSubject: 'Overdue on {{customer.code}}',
    emailBody: 'Dear {{contact.name}},\n\nPlease pay {{overdue_total}} now.\n\n{{open_items_table}}\n',
    attachPdf: false,
  });

  // The preview merges the email for the customer chosen, beside the letter.
  const picker = page.getByRole('combobox', { name: 'Preview for customer' });
  await picker.click();
  await picker.fill('acme');
  await page.getByRole('option', { name: /ACME · Acme Tools Ltd/ }).click();
  const email = page.getByRole('document', { name: 'Merged email' });
  await expect(email).toContainText('Overdue on ACME');
  await expect(email).toContainText('Dear Dana Reyes');
  await expect(email).toContainText('INV-1');
  await email.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('template-email') });
});

test('a letter step says how its letter goes out, and the choice is saved with the policy', async ({ page, settle, api: call }) => {
  await page.goto(`${settle.launchUrl}#/settings`);
  const policy = new PolicyEditor(page);
  // The standard policy emails the pre-due reminder where there is an address.
  await policy.section.getByRole('button', { name: 'Edit step 2', exact: true }).click();
  const sent = policy.dialog.getByRole('combobox', { name: 'Sent' });
  await expect(sent).toHaveText('By email where there is an address, else printed');
  await sent.click();
  await page.getByRole('option', { name: 'Printed', exact: true }).click();
  await policy.dialog.getByRole('button', { name: 'Done' }).click();
  // A call has no letter to send, so no choice of how.
  await policy.section.getByRole('button', { name: 'Edit step 3', exact: true }).click();
  await expect(policy.dialog.getByRole('combobox', { name: 'Letter template' })).toHaveCount(0);
  await expect(policy.dialog.getByRole('combobox', { name: 'Sent' })).toHaveCount(0);
  await policy.dialog.getByRole('button', { name: 'Cancel' }).click();
  await policy.save();
  await expect(policy.section.getByRole('status')).toHaveText('Policy saved.');
  const steps = (await call('policy.get', {})).steps;
  expect(steps[1]).toMatchObject({ template: 'Pre-due reminder', channel: 'print' });
  expect(steps[3]).toMatchObject({ template: 'Polite past-due letter', channel: 'email_or_print' });
});

test('a refused recipient is shown with the server’s answer and retried; the same email again the same day needs “Send again”', async ({ page, settle, api: call }) => {
  test.setTimeout(120_000);
  const smtp = await startSmtp(null);
  try {
    await call('letters.settingsUpdate', { companyName: 'Northwind Supplies', companyAddress: '1 Harbour Road\nSpringfield, IL 62701', companyPhone: '217 555 0100', clerkName: 'Sam Carter' });
    await call('mail.settingsSave', { host: '127.0.0.1', port: smtp.port, tls: 'none', fromAddress: 'accounts@northwind.example', fromName: 'Northwind Accounts' });
    const customer = async (code: string, name: string, email: string | null) => {
      const c = await call('customers.create', {
        code,
        name,
        address1: '12 Mill Road',
        city: 'Springfield',
        contacts: [{ name: `${name.split(' ')[0]} Accounts`, role: 'accounts_payable', isPrimary: true, ...(email ? { email } : {}) }],
      });
      await call('invoices.create', { number: `${code}-1`, customerId: c.id, issueDate: isoInDays(-48), dueDate: isoInDays(-18), amount: 800_00 });
      return c as { id: number; name: string };
    };
    const acme = await customer('ACME', 'Acme Supply Co', 'ap@acme.example');
    const beta = await customer('BETA', 'Beta Foods', 'ap@beta.example');
    const delta = await customer('DELTA', 'Delta Print', null);
    smtp.refuse.add('ap@beta.example');

    const reviewByEmail = async (names: string[]) => {
      await page.goto(`${settle.launchUrl}#/aging`);
      const aging = new AgingPage(page);
      for (const name of names) await aging.grid.getByRole('row', { name: new RegExp(name) }).getByRole('checkbox').check();
      await page.getByRole('button', { name: 'Letters for selected…' }).click();
      const dialog = page.getByRole('dialog', { name: /^Letters to / });
      await dialog.getByRole('combobox', { name: 'Template' }).click();
      await page.getByRole('option', { name: 'Polite past-due letter' }).click();
      await dialog.getByRole('combobox', { name: 'Channel' }).click();
      await page.getByRole('option', { name: 'Email', exact: true }).click();
      await dialog.getByRole('button', { name: /^Review / }).click();
      return page.getByRole('dialog', { name: 'Review: Polite past-due letter by email' });
    };

    // Delta has no address: not ticked, and cannot be.
    let review = await reviewByEmail([acme.name, beta.name, delta.name]);
    const rows = review.getByRole('table', { name: 'Letters to review' }).getByRole('row');
    await expect(rows.filter({ hasText: 'Beta Foods' })).toContainText('ap@beta.example');
    await expect(review.getByRole('checkbox', { name: 'Send to Delta Print' })).not.toBeChecked();
    await expect(review.getByRole('checkbox', { name: 'Send to Delta Print' })).toBeDisabled();
    await review.getByRole('button', { name: 'Send 2 emails' }).click();

    // Beta's server refused the address: shown with its words, not sent, and not on the timeline.
    const results = review.getByRole('table', { name: 'Emails sent' });
    const outcome = review.getByRole('status').filter({ hasText: 'on each customer’s timeline' });
    await expect(outcome).toContainText('1 email sent, on each customer’s timeline; 1 failed.');
    await expect(results.getByRole('row').filter({ hasText: 'Beta Foods' })).toContainText('Failed');
    await expect(results.getByRole('row').filter({ hasText: 'Beta Foods' })).toContainText('550');
    await expect(results.getByRole('row').filter({ hasText: 'Acme Supply Co' })).toContainText('Sent');
    await page.screenshot({ path: screenshotPath('letters-email-failed') });
    expect(smtp.received.map((m) => m.envelope.to)).toEqual([['ap@acme.example']]);
    expect(await call('letters.list', { customerId: beta.id })).toEqual([]);

    // The address is put right at Beta's end: Retry failed sends it, and Acme's is not sent twice.
    smtp.refuse.clear();
    await review.getByRole('button', { name: 'Retry failed (1)' }).click();
    await expect(outcome).toContainText('2 emails sent');
    await expect(results.getByRole('row').filter({ hasText: 'Beta Foods' })).toContainText('Sent');
    await expect(review.getByRole('button', { name: /^Retry failed/ })).toHaveCount(0);
    expect(smtp.received.map((m) => m.envelope.to)).toEqual([['ap@acme.example'], ['ap@beta.example']]);
    await review.getByRole('button', { name: 'Done' }).click();

    // The same letter to Acme again today: unticked until the clerk confirms it.
    review = await reviewByEmail([acme.name]);
    await expect(review.getByRole('table', { name: 'Letters to review' }).getByRole('row').filter({ hasText: 'Acme Supply Co' })).toContainText('today');
    await expect(review.getByRole('checkbox', { name: 'Send to Acme Supply Co' })).not.toBeChecked();
    await expect(review.getByRole('button', { name: 'Send 0 emails' })).toBeDisabled();
    await review.getByRole('checkbox', { name: 'Send to Acme Supply Co' }).click();
    const confirm = page.getByRole('dialog', { name: 'Send again to Acme Supply Co?' });
    await confirm.getByRole('button', { name: 'Keep it out' }).click();
    await expect(review.getByRole('checkbox', { name: 'Send to Acme Supply Co' })).not.toBeChecked();
    await review.getByRole('checkbox', { name: 'Send to Acme Supply Co' }).click();
    await confirm.getByRole('button', { name: 'Send again' }).click();
    await expect(review.getByRole('checkbox', { name: 'Send to Acme Supply Co' })).toBeChecked();
    await review.getByRole('button', { name: 'Send 1 email' }).click();
    await expect(review.getByRole('status').filter({ hasText: 'on each customer’s timeline' })).toContainText('1 email sent');
    expect(smtp.received.map((m) => m.envelope.to)).toEqual([['ap@acme.example'], ['ap@beta.example'], ['ap@acme.example']]);
    expect((await call('letters.list', { customerId: acme.id })).map((l: { channel: string }) => l.channel)).toEqual(['email', 'email']);
  } finally {
    await smtp.close();
  }
});

test.describe('a batch under way', () => {
  // Each message takes at least this long, so the test can cancel the batch while it runs.
  test.use({ slowJobsMs: 1500 });

  test('shows its progress and can be cancelled: what the server accepted stays sent, the rest is not sent and says so', async ({ page, settle, api: call }) => {
    test.setTimeout(120_000);
    const smtp = await startSmtp(null);
    try {
      await call('letters.settingsUpdate', { companyName: 'Northwind Supplies', companyAddress: '1 Harbour Road\nSpringfield, IL 62701', companyPhone: '217 555 0100', clerkName: 'Sam Carter' });
      await call('mail.settingsSave', { host: '127.0.0.1', port: smtp.port, tls: 'none', fromAddress: 'accounts@northwind.example' });
      const ids: number[] = [];
      for (const code of ['ALPHA', 'BRAVO', 'CHARLIE', 'DELTA']) {
        const c = await call('customers.create', { code, name: `${code[0]}${code.slice(1).toLowerCase()} Ltd`, contacts: [{ name: 'Accounts', role: 'accounts_payable', email: `ap@${code.toLowerCase()}.example` }] });
        await call('invoices.create', { number: `${code}-1`, customerId: c.id, issueDate: isoInDays(-48), dueDate: isoInDays(-18), amount: 500_00 });
        ids.push(c.id);
      }
      await page.goto(`${settle.launchUrl}#/aging`);
      await page.getByRole('grid', { name: 'Aging' }).getByRole('row', { name: /Total of 4 customers/ }).waitFor();
      await page.getByRole('grid', { name: 'Aging' }).getByRole('columnheader').getByRole('checkbox').check();
      await page.getByRole('button', { name: 'Letters for selected…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Letters to 4 customers' });
      await dialog.getByRole('combobox', { name: 'Template' }).click();
      await page.getByRole('option', { name: 'Polite past-due letter' }).click();
      await dialog.getByRole('combobox', { name: 'Channel' }).click();
      await page.getByRole('option', { name: 'Email', exact: true }).click();
      await dialog.getByRole('button', { name: 'Review 4 letters' }).click();
      const review = page.getByRole('dialog', { name: 'Review: Polite past-due letter by email' });
      await review.getByRole('button', { name: 'Send 4 emails' }).click();

      const progress = review.getByRole('status', { name: 'Sending emails in progress' });
      await expect(progress).toBeVisible();
      await page.screenshot({ path: screenshotPath('letters-email-progress') });
      await progress.getByRole('button', { name: 'Cancel' }).click();

      const results = review.getByRole('table', { name: 'Emails sent' });
      await expect(results).toBeVisible({ timeout: 20_000 });
      const cancelled = results.getByRole('row').filter({ hasText: 'Cancelled before it was sent' });
      expect(await cancelled.count()).toBeGreaterThan(0);
      await expect(cancelled.first()).toContainText('Not sent');
      const sent = await results.getByRole('row').filter({ hasText: /^.*Sent/ }).filter({ hasNotText: 'Not sent' }).count();
      // Exactly what the server accepted is recorded as sent, on the timelines.
      expect(smtp.received).toHaveLength(sent);
      let letters = 0;
      for (const id of ids) letters += (await call('letters.list', { customerId: id })).length;
      expect(letters).toBe(sent);
    } finally {
      await smtp.close();
    }
  });
});
