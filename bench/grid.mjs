// The aging grid in real Chromium over browser mode, on a ledger the bench just built: how long
// from clicking "Aging" until the first customer rows show, and whether fast scrolling through a
// page ever shows rows that are not drawn yet. A measurement, never a pass/fail test.

/* global document, performance, requestAnimationFrame, setTimeout, clearTimeout */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { chromium } from 'playwright-core';

/** Issue 17's targets at a million invoices: first rows on the first visit, any page change or re-sort. */
export const GRID_TARGETS = { firstRowsMs: 500, pageChangeMs: 100 };

const CHROMIUM = process.env.SETTLE_CHROMIUM ?? '/usr/bin/chromium';

function startWeb(cli, ledger) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'web', '--ledger', ledger, '--no-open'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`settle web did not start:\n${out}`)), 60_000);
    const onData = (chunk) => {
      out += chunk;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], stop: () => child.kill('SIGTERM') });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`settle web exited ${code}:\n${out}`)));
  });
}

/**
 * Clicks `target` in the page and counts, frame by frame, until the grid's first customer row is
 * none of `before` and no loading bar shows: measured inside the page, since Playwright's own
 * waits poll at growing intervals (up to 500 ms) and would time their polling instead.
 */
async function clickUntilRows(page, target, before = []) {
  return page.evaluate(
    async ({ target, before }) => {
      const button = target.nav
        ? [...document.querySelectorAll('nav[aria-label="Main"] [role="button"], nav[aria-label="Main"] button')].find((b) => b.textContent.trim() === target.nav)
        : target.header
          ? [...document.querySelectorAll('[role="grid"][aria-label="Aging"] [role="columnheader"]')].find((h) => h.getAttribute('aria-label') === target.header || h.textContent.trim() === target.header)?.querySelector('.MuiDataGrid-columnHeaderTitleContainer')
          : document.querySelector(`button[aria-label="${target.button}"]`);
      if (!button) throw new Error(`nothing to click for ${JSON.stringify(target)}`);
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
      // The first customer row (row 0 is the totals row) showing another customer, and no loading
      // bar. Told by its code: rows are keyed by their place on the page, not by customer.
      const shown = () => {
        const grid = document.querySelector('[role="grid"][aria-label="Aging"]');
        if (!grid || grid.querySelector('[role="progressbar"]')) return null;
        const first = grid.querySelector('.MuiDataGrid-row[data-rowindex="1"]');
        const code = first?.querySelector('[data-field="customerCode"]')?.textContent.trim();
        if (!code || !first.querySelector('[data-field="customerName"]')?.textContent.trim()) return null;
        return before.includes(code) ? null : [code];
      };
      const started = performance.now();
      button.click();
      for (let i = 0; i < 3000; i++) {
        const ids = shown();
        if (ids) return { ms: performance.now() - started, ids };
        await frame();
      }
      throw new Error('the grid never showed new rows');
    },
    { target, before },
  );
}

/** Milliseconds from the click on Aging until a customer row (not the totals row) is drawn. */
async function timeToFirstRows(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Worklist' }).click();
  await page.getByRole('heading', { level: 1, name: 'Worklist' }).waitFor();
  // The worklist's answer first: on a new day it runs the policy and reads the day's list, which
  // are measured on their own (bench/policy.mjs). Its table is drawn before the answer, empty, so
  // what is waited for is the count on the Everyone chip.
  await page.getByRole('group', { name: 'Collectors' }).getByText(/^Everyone \([1-9]/).or(page.getByText('Nothing is due today.')).waitFor({ timeout: 120_000 });
  return (await clickUntilRows(page, { nav: 'Aging' })).ms;
}

/**
 * Scrolls the grid one screenful per animation frame from top to bottom and, in every frame,
 * counts viewport slots with no drawn row: the number of frames that showed any blank.
 */
async function scrollCheck(page) {
  return page.evaluate(async () => {
    const scroller = document.querySelector('[role="grid"][aria-label="Aging"] .MuiDataGrid-virtualScroller');
    if (!scroller) return { frames: 0, framesWithBlanks: 0, maxBlankRows: 0 };
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    scroller.scrollTop = 0;
    await frame();
    let frames = 0;
    let framesWithBlanks = 0;
    let maxBlankRows = 0;
    const rowHeight = document.querySelector('[role="grid"][aria-label="Aging"] .MuiDataGrid-row')?.getBoundingClientRect().height || 36;
    while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1 && frames < 500) {
      scroller.scrollTop += scroller.clientHeight;
      await frame();
      frames++;
      const view = scroller.getBoundingClientRect();
      const drawn = [...scroller.querySelectorAll('.MuiDataGrid-row')].filter((r) => {
        const b = r.getBoundingClientRect();
        return b.bottom > view.top && b.top < view.bottom && r.textContent.trim() !== '';
      }).length;
      const visibleContent = Math.min(view.height, scroller.scrollHeight - scroller.scrollTop);
      const expected = Math.floor(visibleContent / rowHeight);
      const blank = Math.max(0, expected - drawn);
      if (blank > 0) framesWithBlanks++;
      maxBlankRows = Math.max(maxBlankRows, blank);
    }
    return { frames, framesWithBlanks, maxBlankRows };
  });
}

export async function benchGrid({ cli, ledger, tmp, runs = 3 }) {
  if (!fs.existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM}` };
  const server = await startWeb(cli, ledger);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const firstRowsMs = [];
    for (let i = 0; i < runs; i++) firstRowsMs.push(await timeToFirstRows(page));
    await page.getByText(/^1–\d+ of/).waitFor();
    const scroll = await scrollCheck(page);
    // Page changes and re-sorts, each timed until the new rows are drawn.
    const nextPageMs = [];
    const resortMs = [];
    // From the top of the page, where a page change leaves the grid.
    await page.evaluate(() => {
      const scroller = document.querySelector('[role="grid"][aria-label="Aging"] .MuiDataGrid-virtualScroller');
      if (scroller) scroller.scrollTop = 0;
    });
    await page.waitForTimeout(200);
    let shownIds = await page.evaluate(() => [document.querySelector('[role="grid"][aria-label="Aging"] .MuiDataGrid-row[data-rowindex="1"] [data-field="customerCode"]')?.textContent.trim() ?? '']);
    for (let i = 0; i < runs && (await page.getByRole('button', { name: 'Go to next page' }).isEnabled()); i++) {
      const r = await clickUntilRows(page, { button: 'Go to next page' }, shownIds);
      nextPageMs.push(r.ms);
      shownIds = r.ids;
    }
    // Total, then Customer, then Last contact, then Total again (each the first time it is asked for, but the last).
    for (const header of ['Total', 'Customer', 'Last contact', 'Total']) {
      const r = await clickUntilRows(page, { header }, shownIds);
      resortMs.push(r.ms);
      shownIds = r.ids;
    }
    await page.screenshot({ path: path.join(tmp, 'aging-grid-bench.png') });
    return {
      firstRowsMs,
      firstRowsColdMs: firstRowsMs[0],
      firstRowsWarmMsMedian: [...firstRowsMs.slice(1)].sort((a, b) => a - b)[Math.floor((runs - 1) / 2)],
      nextPageMs,
      nextPageMaxMs: nextPageMs.length ? Math.max(...nextPageMs) : null,
      resortMs,
      resortMaxMs: Math.max(...resortMs),
      scroll,
      targets: {
        firstRows: { limit: GRID_TARGETS.firstRowsMs, value: firstRowsMs[0], pass: firstRowsMs[0] <= GRID_TARGETS.firstRowsMs },
        pageChange: {
          limit: GRID_TARGETS.pageChangeMs,
          value: Math.max(...nextPageMs, ...resortMs),
          pass: Math.max(...nextPageMs, ...resortMs) <= GRID_TARGETS.pageChangeMs,
        },
      },
    };
  } finally {
    await browser.close();
    server.stop();
  }
}
