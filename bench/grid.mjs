// The aging grid in real Chromium over browser mode, on a ledger the bench just built: how long
// from clicking "Aging" until the first customer rows show, and whether fast scrolling through a
// page ever shows rows that are not drawn yet. A measurement, never a pass/fail test.

/* global document, requestAnimationFrame, setTimeout, clearTimeout */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { chromium } from 'playwright-core';

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

/** Milliseconds from the click on Aging until a customer row (not the totals row) is visible. */
async function timeToFirstRows(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Worklist' }).click();
  await page.getByRole('heading', { level: 1, name: 'Worklist' }).waitFor();
  // The worklist's answer first: on a new day it runs the policy, which is measured on its own.
  await page.getByRole('table', { name: "Today's work" }).or(page.getByText('Nothing is due today.')).waitFor();
  const started = Date.now();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Aging' }).click();
  await page.getByRole('grid', { name: 'Aging' }).getByRole('row').nth(2).getByRole('gridcell').nth(1).filter({ hasText: /\S/ }).waitFor();
  return Date.now() - started;
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
    let nextPageMs = null;
    if (await page.getByRole('button', { name: 'Go to next page' }).isEnabled()) {
      const started = Date.now();
      await page.getByRole('button', { name: 'Go to next page' }).click();
      await page.getByText(/^101–\d+ of/).waitFor();
      nextPageMs = Date.now() - started;
    }
    await page.screenshot({ path: path.join(tmp, 'aging-grid-bench.png') });
    return { firstRowsMs, firstRowsColdMs: firstRowsMs[0], firstRowsWarmMsMedian: [...firstRowsMs.slice(1)].sort((a, b) => a - b)[Math.floor((runs - 1) / 2)], nextPageMs, scroll };
  } finally {
    await browser.close();
    server.stop();
  }
}
