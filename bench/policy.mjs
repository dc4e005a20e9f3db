// The escalation policy on a ledger the bench just built: how long the daily run takes the first
// time (every overdue customer gets its task), a second run the same day (nothing new), the
// first page of the worklist, and the runs of the next two days (target ≤ 300 ms each). Run in its own process so its peak memory is its own.
// A measurement, never a pass/fail test.

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import process from 'node:process';

const SCRIPT = `
const [, ledgerPath, root, today] = process.argv;
const { Ledger } = require(root + '/build/main/ledger/ledger.js');
const { createHandlers } = require(root + '/build/main/services/create-services.js');
(async () => {
  const ledger = await Ledger.open(ledgerPath);
  const h = createHandlers(ledger);
  const time = async (f) => { const t = process.hrtime.bigint(); const v = await f(); return [Number(process.hrtime.bigint() - t) / 1e6, v]; };
  const [firstMs, first] = await time(() => h['policy.run']({ today }));
  const [againMs, again] = await time(() => h['policy.run']({ today }));
  const [pageMs, page] = await time(() => h['worklist.list']({ today, collector: null, offset: 0, limit: 100 }));
  const [pageAgainMs] = await time(() => h['worklist.list']({ today, collector: null, offset: 0, limit: 100 }));
  // The next two days, as a backend left running overnight would see them: each run looks only at
  // the customers whose money, standing or dates moved (policy/policy-scope.ts).
  const nextDays = [];
  for (let d = 1; d <= 2; d++) {
    const day = new Date(Date.parse(today + 'T00:00:00Z') + d * 86400000).toISOString().slice(0, 10);
    const [ms, r] = await time(() => h['policy.run']({ today: day, onlyIfChanged: true }));
    nextDays.push({ day, ms, created: r.created, closed: r.closed, customers: r.looked && !r.looked.everyone ? r.looked.customers : null, everyone: r.looked ? r.looked.everyone : null });
  }
  await ledger.close();
  console.log(JSON.stringify({ firstMs, created: first.created, againMs, createdAgain: again.created, worklistFirstPageMs: pageMs, worklistNextCallMs: pageAgainMs, worklistTotal: page.total, nextDays, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

export function benchPolicy({ root, ledger, today }) {
  const r = spawnSync(process.execPath, ['-e', SCRIPT, ledger, path.resolve(root), today], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`policy bench failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}
