// The escalation policy on a ledger the bench just built: how long the daily run takes the first
// time (every overdue customer gets its task), a second run the same day (nothing new), the
// first page of the worklist, then any later page and the list after a clerk's action (issue 17's
// target ≤ 100 ms), and the runs of the next two days (target ≤ 300 ms each). Run in its own
// process so its peak memory is its own.
// A measurement, never a pass/fail test.

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import process from 'node:process';

/** Issue 17's target at a million invoices: any worklist page after the day's first call, a clerk's action included. */
export const WORKLIST_PAGE_MS = 100;

const SCRIPT = `
const [, ledgerPath, root, today] = process.argv;
const { Ledger } = require(root + '/build/main/ledger/ledger.js');
const { createHandlers } = require(root + '/build/main/services/create-services.js');
(async () => {
  const ledger = await Ledger.open(ledgerPath);
  // As the backend keeps it (backend/backend-host.ts): the log is copied back between calls.
  ledger.checkpointWhenIdle();
  const h = createHandlers(ledger);
  const next = (d) => new Date(Date.parse(d + 'T00:00:00Z') + 86400000).toISOString().slice(0, 10);
  const time = async (f) => { const t = process.hrtime.bigint(); const v = await f(); return [Number(process.hrtime.bigint() - t) / 1e6, v]; };
  const [firstMs, first] = await time(() => h['policy.run']({ today }));
  const [againMs, again] = await time(() => h['policy.run']({ today }));
  const [pageMs, page] = await time(() => h['worklist.list']({ today, collector: null, offset: 0, limit: 100 }));
  const [pageAgainMs] = await time(() => h['worklist.list']({ today, collector: null, offset: 0, limit: 100 }));
  // Any page after the first call of the day: page turns, a collector's list, and the list after each
  // kind of clerk's action and its undo (the work log moves; the kept list updates only that item).
  const later = [];
  for (const offset of [100, 200, 5000, Math.max(0, page.total - 100)]) later.push((await time(() => h['worklist.list']({ today, collector: null, offset, limit: 100 })))[0]);
  const collector = page.countsByCollector.find((c) => c.collector !== null)?.collector ?? null;
  later.push((await time(() => h['worklist.list']({ today, collector, offset: 0, limit: 100 })))[0]);
  const afterAction = [];
  for (const [k, action] of [[1, { action: 'done' }], [2, { action: 'snooze', until: next(today) }], [3, { action: 'reassign', collector: 'Bench' }]]) {
    const item = page.items[k];
    if (!item) break;
    const acted = await h['worklist.act']({ source: item.source, sourceId: item.sourceId, today, ...action });
    afterAction.push((await time(() => h['worklist.list']({ today, collector: null, offset: 0, limit: 100 })))[0]);
    await h['worklist.undo']({ actionId: acted.actionId, today });
    afterAction.push((await time(() => h['worklist.list']({ today, collector: null, offset: 0, limit: 100 })))[0]);
  }
  const anyPageMaxMs = Math.max(pageAgainMs, ...later, ...afterAction);
  // The next two days, as a backend left running overnight would see them: each run looks only at
  // the customers whose money, standing or dates moved (policy/policy-scope.ts).
  const nextDays = [];
  for (let d = 1; d <= 2; d++) {
    const day = new Date(Date.parse(today + 'T00:00:00Z') + d * 86400000).toISOString().slice(0, 10);
    // The backend's night: idle, which is when it checkpoints (calls back to back here never are).
    await new Promise((r) => setTimeout(r, 1500));
    const [ms, r] = await time(() => h['policy.run']({ today: day, onlyIfChanged: true }));
    nextDays.push({ day, ms, created: r.created, closed: r.closed, customers: r.looked && !r.looked.everyone ? r.looked.customers : null, everyone: r.looked ? r.looked.everyone : null });
  }
  await ledger.close();
  console.log(JSON.stringify({
    firstMs, created: first.created, againMs, createdAgain: again.created,
    worklistFirstPageMs: pageMs, worklistNextCallMs: pageAgainMs, worklistLaterPagesMs: later, worklistAfterActionMs: afterAction, worklistTotal: page.total,
    worklistAnyPage: { limit: ${WORKLIST_PAGE_MS}, value: anyPageMaxMs, pass: anyPageMaxMs <= ${WORKLIST_PAGE_MS} },
    nextDays, peakRssMb: process.resourceUsage().maxRSS / 1024,
  }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

export function benchPolicy({ root, ledger, today }) {
  const r = spawnSync(process.execPath, ['-e', SCRIPT, ledger, path.resolve(root), today], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`policy bench failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}
