import { defineConfig } from '@playwright/test';

// Drives the real renderer in Debian's Chromium against browser mode (see test/e2e/fixtures.ts).
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test/artifacts/playwright',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  // One retry: a test that passes only on its second try is still reported ("flaky") in the run's
  // summary, with what its page showed the first time (fixtures.ts, failureReport).
  retries: 1,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download cannot run on these machines.
      executablePath: process.env.SETTLE_CHROMIUM ?? '/usr/bin/chromium',
      // The background-networking flags stop Chromium calling home, which this closed network refuses.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    viewport: { width: 1366, height: 860 },
    // Dates and amounts on screen follow the browser's locale; the tests expect en-US.
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
