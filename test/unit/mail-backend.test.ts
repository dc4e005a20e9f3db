import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CallResult, JobState, MailBatchResult, MailSettingsData, TemplateSummary } from '../../src-main/contract';
import { Backend } from '../../src-main/backend/backend-client';
import { fillLetterheadFile } from '../support/letterhead';
import { startSmtpSink } from '../support/smtp-sink';

// The backend as browser mode runs it (the built scripts: npm run build:main first): the
// password typed in Settings lives in the backend thread's memory, and an email batch runs as a
// job in another worker thread, which is handed it for that job only.
const PASSWORD = 'backend-Pw-4471-quince';
let dir: string;
let backend: Backend;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

async function ok<T>(method: string, input: unknown): Promise<T> {
  const r = (await backend.call(method, input)) as CallResult<T>;
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value;
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-mail-backend-'));
  const ledger = path.join(dir, 'books.sqlite');
  backend = await Backend.start({ ledgerPath: ledger });
  await backend.close();
  fillLetterheadFile(ledger);
  backend = await Backend.start({ ledgerPath: ledger });
  smtp = await startSmtpSink('clerk', PASSWORD);
});
afterEach(async () => {
  await backend.close();
  await smtp.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('sends an email batch from a job worker with the password typed in this session, which is never written down', async () => {
  const { SETTLE_SMTP_PASSWORD: env } = process.env;
  delete process.env.SETTLE_SMTP_PASSWORD;
  try {
    const c = await ok<{ id: number }>('customers.create', { code: 'ACME', name: 'Acme Supply Co', email: 'ap@acme.example' });
    await ok('invoices.create', { number: 'INV-1', customerId: c.id, issueDate: '2026-11-10', dueDate: '2026-12-10', amount: 120_050 });
    const saved = await ok<MailSettingsData>('mail.settingsSave', { host: '127.0.0.1', port: smtp.port, tls: 'none', user: 'clerk', password: PASSWORD, fromAddress: 'accounts@northwind.example' });
    expect(saved.password).toBe('session');
    const templateId = (await ok<TemplateSummary[]>('templates.list', {})).find((x) => x.name === 'Pre-due reminder')!.id;
    let job = await ok<JobState>('jobs.start', { method: 'mail.send', input: { templateId, customerIds: [c.id], letterDate: '2026-12-07' } });
    while (job.state === 'running') job = await ok<JobState>('jobs.poll', { jobId: job.jobId, waitMs: 500 });
    expect(job.result).toMatchObject({ ok: true, value: { sent: 1, failed: 0 } });
    expect((job.result as { value: MailBatchResult }).value.results[0].response).toMatch(/^250 /);
    expect(smtp.received.map((m) => m.rcptTo)).toEqual([['ap@acme.example']]);
    expect(smtp.authFailures).toBe(0);
  } finally {
    if (env !== undefined) process.env.SETTLE_SMTP_PASSWORD = env;
  }
  await backend.close();
  for (const f of fs.readdirSync(dir).filter((f) => fs.statSync(path.join(dir, f)).isFile())) {
    expect({ f, leaked: fs.readFileSync(path.join(dir, f)).includes(PASSWORD) }).toEqual({ f, leaked: false });
  }
  backend = await Backend.start({ ledgerPath: path.join(dir, 'books.sqlite') });
}, 60_000);
