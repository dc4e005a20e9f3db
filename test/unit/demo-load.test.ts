import type { CustomerPage, DemoLoaded, Handlers, Worklist } from '../../src-main/contract';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ledger } from '../../src-main/ledger/ledger';
import { makeLedger } from '../../src-main/ledgers/new-ledger';
import { noJob } from '../../src-main/jobs/job-context';
import { createHandlers } from '../../src-main/services/create-services';
import { openTempLedger } from '../support/temp-ledger';
import { serviceCaller } from '../support/service-caller';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok, refused } = serviceCaller(() => handlers, () => t.ledger);

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger, { dailyBackups: false });
});
afterEach(() => t.cleanup());

describe('demo.load', () => {
  it('fills an empty ledger so the worklist has work, and refuses a ledger that already holds customers, changing nothing', async () => {
    const loaded = await ok<DemoLoaded>('demo.load', { today: '2026-05-10' });
    expect(loaded.customers).toBe(120);
    expect(loaded.invoices).toBeGreaterThan(0);
    expect((await ok<CustomerPage>('customers.list', {})).total).toBe(120);
    expect((await ok<Worklist>('worklist.list', { today: '2026-05-10', collector: null })).total).toBeGreaterThan(0);

    expect(await refused('demo.load', { today: '2026-05-10' })).toMatchObject({ code: 'conflict', message: expect.stringMatching(/already holds customers/) });
  });

  it('fills a ledger kept in another currency with invoices in that currency', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-demo-eur-'));
    try {
      const made = await makeLedger(path.join(dir, 'eur.sqlite'), { currency: 'EUR', company: null });
      const ledger = await Ledger.open(made.path);
      try {
        const loaded = await createHandlers(ledger, { dailyBackups: false })['demo.load']({ today: '2026-05-10' }, noJob);
        expect(loaded.invoices).toBeGreaterThan(0);
        expect(ledger.db.prepare('SELECT DISTINCT currency FROM invoice').pluck().all()).toEqual(['EUR']);
      } finally {
        await ledger.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a ledger with a single customer of its own', async () => {
    await ok('customers.create', { code: 'REAL', name: 'A real customer' });
    expect(await refused('demo.load', { today: '2026-05-10' })).toMatchObject({ code: 'conflict' });
  });
});
