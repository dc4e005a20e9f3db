import type { CustomerPage, DemoLoaded, Handlers, Worklist } from '../../src-main/contract';
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
    const started = Date.now();
    const loaded = await ok<DemoLoaded>('demo.load', { today: '2026-05-10' });
    // Quick enough to answer directly rather than as a job.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(loaded.customers).toBe(120);
    expect(loaded.invoices).toBeGreaterThan(0);
    expect((await ok<CustomerPage>('customers.list', {})).total).toBe(120);
    expect((await ok<Worklist>('worklist.list', { today: '2026-05-10', collector: null })).total).toBeGreaterThan(0);

    expect(await refused('demo.load', { today: '2026-05-10' })).toMatchObject({ code: 'conflict', message: expect.stringMatching(/already holds customers/) });
  });

  it('refuses a ledger with a single customer of its own', async () => {
    await ok('customers.create', { code: 'REAL', name: 'A real customer' });
    expect(await refused('demo.load', { today: '2026-05-10' })).toMatchObject({ code: 'conflict' });
  });
});
