import { test as base, expect, type APIResponse, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, startSettle, type SettleServer } from './settle-server';

export const ARTIFACTS = path.resolve(__dirname, '..', 'artifacts');

interface Fixtures {
  /** Fill the ledger with `settle demo` (this many customers) before Settle starts; 0 = empty. */
  demoCustomers: number;
  /**
   * Start Settle with SETTLE_CLOCK_CONTROL=1, so `clock.set` may pin the main process's clock
   * (a test that simulates days moves it with the renderer's). Off, as for users, unless a spec asks.
   */
  clockControl: boolean;
  /**
   * Start Settle with SETTLE_TEST_SLOW_JOBS_MS: every unit of a long job (a letter of a batch)
   * takes at least this long, so a test can cancel one under way. 0 = normal speed.
   */
  slowJobsMs: number;
  /** A fresh ledger file for this test. */
  ledgerPath: string;
  /** Settle in browser mode on that ledger. */
  settle: SettleServer & { restart(opts?: { samePort?: boolean }): Promise<SettleServer> };
  /**
   * A service call through the bridge, as the renderer makes it: for setting up data and reading
   * it back. A refusal fails the test with the service's error; the result is the call's value.
   */
  api: (method: string, input: unknown) => ReturnType<APIResponse['json']>;
  /**
   * On a failure, prints what the page showed (its ARIA tree) and the page's own errors to the
   * run's output: CI keeps only that output, not the trace or the screenshot.
   */
  failureReport: void;
}

export const test = base.extend<Fixtures>({
  demoCustomers: [0, { option: true }],
  clockControl: [false, { option: true }],
  slowJobsMs: [0, { option: true }],
  // eslint-disable-next-line no-empty-pattern
  ledgerPath: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-e2e-'));
    await use(path.join(dir, 'ledger.sqlite'));
    fs.rmSync(dir, { recursive: true, force: true });
  },
  settle: async ({ ledgerPath, demoCustomers, clockControl, slowJobsMs }, use) => {
    if (demoCustomers > 0) runCli(['demo', '--ledger', ledgerPath, '--customers', String(demoCustomers), '--seed', '3']);
    // Set either way, so a SETTLE_CLOCK_CONTROL left in the developer's shell cannot leak into other specs.
    // The list of ledgers lives in the user's settings: each test gets its own, beside its ledger,
    // so no test writes into the real ~/.config/Settle/ledgers.json or sees another's ledgers.
    const env = {
      SETTLE_CLOCK_CONTROL: clockControl ? '1' : '',
      SETTLE_TEST_SLOW_JOBS_MS: slowJobsMs ? String(slowJobsMs) : '',
      XDG_CONFIG_HOME: path.join(path.dirname(ledgerPath), 'config'),
    };
    let current = await startSettle(ledgerPath, { env });
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
        current = await startSettle(ledgerPath, { port, env });
        return current;
      },
    });
    await use(handle);
    await current.stop();
  },
  api: async ({ settle, playwright }, use) => {
    const request = await playwright.request.newContext();
    // Origin and token are read at each call: a restart serves a new origin with a new token.
    await use(async (method, input) => {
      const response = await request.post(`${settle.origin}/api/call`, {
        data: { method, input },
        headers: { Origin: settle.origin, Authorization: `Bearer ${settle.token}` },
      });
      const r = await response.json();
      expect(r.ok, `${method}: ${JSON.stringify(r.error)}`).toBe(true);
      return r.value;
    });
    await request.dispose();
  },
  failureReport: [
    async ({ page }, use, testInfo) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
      await use();
      if (testInfo.status === testInfo.expectedStatus) return;
      const shown = await page
        .locator('body')
        .ariaSnapshot({ timeout: 5_000 })
        .catch((e: Error) => `(no snapshot: ${e.message})`);
      console.log(`--- what the page showed when "${testInfo.title}" failed:\n${shown}\n--- the page's errors:\n${errors.join('\n') || '(none)'}`);
    },
    { auto: true },
  ],
});

export { expect };

export function screenshotPath(name: string): string {
  fs.mkdirSync(path.join(ARTIFACTS, 'screens'), { recursive: true });
  return path.join(ARTIFACTS, 'screens', `${name}.png`);
}

/** A ledger date as Settle's screens show it in the tests' browser locale (en-US, set in playwright.config.ts): "Dec 8, 2026". */
export function shownDate(iso: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
}

/** A local calendar date this many days from today, as the ledger writes it ('YYYY-MM-DD'). */
export function isoInDays(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The next page the app opens (the PDF, as a blob URL in a new tab), closed once seen. */
export async function opensPdf(page: Page, click: () => Promise<void>): Promise<void> {
  const popup = page.waitForEvent('popup');
  await click();
  const tab = await popup;
  expect(tab.url()).toMatch(/^blob:/);
  await tab.close();
}
