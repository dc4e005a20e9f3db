import { test as base } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, startSettle, type SettleServer } from './settle-server';

export const ARTIFACTS = path.resolve(__dirname, '..', 'artifacts');

interface Fixtures {
  /** Fill the ledger with `settle demo` (this many customers) before Settle starts; 0 = empty. */
  demoCustomers: number;
  /** A fresh ledger file for this test. */
  ledgerPath: string;
  /** Settle in browser mode on that ledger. */
  settle: SettleServer & { restart(opts?: { samePort?: boolean }): Promise<SettleServer> };
}

export const test = base.extend<Fixtures>({
  demoCustomers: [0, { option: true }],
  // eslint-disable-next-line no-empty-pattern
  ledgerPath: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-e2e-'));
    await use(path.join(dir, 'ledger.sqlite'));
    fs.rmSync(dir, { recursive: true, force: true });
  },
  settle: async ({ ledgerPath, demoCustomers }, use) => {
    if (demoCustomers > 0) runCli(['demo', '--ledger', ledgerPath, '--customers', String(demoCustomers), '--seed', '3']);
    let current = await startSettle(ledgerPath);
    const handle = Object.assign(Object.create(null), {
      get launchUrl() {
        return current.launchUrl;
      },
      get origin() {
        return current.origin;
      },
      get token() {
        return current.token;
      },
      output: () => current.output(),
      stop: () => current.stop(),
      async restart(opts: { samePort?: boolean } = {}) {
        const port = opts.samePort ? Number(new URL(current.origin).port) : undefined;
        await current.stop();
        current = await startSettle(ledgerPath, { port });
        return current;
      },
    });
    await use(handle);
    await current.stop();
  },
});

export { expect } from '@playwright/test';

export function screenshotPath(name: string): string {
  fs.mkdirSync(path.join(ARTIFACTS, 'screens'), { recursive: true });
  return path.join(ARTIFACTS, 'screens', `${name}.png`);
}
