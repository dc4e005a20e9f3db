#!/usr/bin/env node
// Times the app's agingReport and the bare SQL for the same question in one fresh Node process,
// through the same better-sqlite3 (so the same SQLite, planner and row conversion), in turns, for
// the quick bench (`node bench/run.mjs --check`). A fresh process run with --expose-gc, so
// that neither the bench's own heap nor the other side's garbage is collected inside a timing.
//
//   benchAgingInProcess({ root, ledger, asOf, limits, sql, rounds })  from bench/run.mjs
//   bareRowsInFreshNode({ root, ledger, sql })  the bare SQL alone, once, in a fresh process
//   (run directly, it takes that job as JSON in its one argument and writes its answer to stdout)

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const THIS_FILE = fileURLToPath(import.meta.url);

/** → { reportMs, bareMs, report, bareRows }: every round's times, and one run's results for the cross-check. */
export function benchAgingInProcess(job) {
  const r = spawnSync(process.execPath, ['--expose-gc', THIS_FILE, JSON.stringify(job)], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`in-process aging bench failed (exit ${r.status ?? r.signal}):\n${(r.stderr || r.stdout).trim().split('\n').slice(-20).join('\n')}`);
  return JSON.parse(r.stdout);
}

/**
 * → ms: the bare SQL's rows turned into JS once, in a fresh process, as `settle aging` must turn the
 * report's rows: the floor under the CLI's time, whatever the app does with the rows after.
 */
export function bareRowsInFreshNode(job) {
  const r = spawnSync(process.execPath, [THIS_FILE, JSON.stringify({ ...job, freshBareOnly: true })], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`fresh-process bare SQL failed (exit ${r.status ?? r.signal}):\n${(r.stderr || r.stdout).trim().split('\n').slice(-20).join('\n')}`);
  return JSON.parse(r.stdout).bareMs;
}

function freshBare(job) {
  const require = createRequire(path.join(job.root, 'package.json'));
  const Database = require('better-sqlite3');
  const db = new Database(job.ledger, { readonly: true, fileMustExist: true });
  const started = process.hrtime.bigint();
  const rows = db.prepare(job.sql).raw().all();
  const bareMs = Number(process.hrtime.bigint() - started) / 1e6;
  db.close();
  return { bareMs, rows: rows.length };
}

function measure(job) {
  if (job.freshBareOnly) return freshBare(job);
  const require = createRequire(path.join(job.root, 'package.json'));
  const Database = require('better-sqlite3');
  const { agingReport } = require(path.join(job.root, 'build/main/aging/aging-report.js'));
  const db = new Database(job.ledger, { readonly: true, fileMustExist: true });
  const opts = { asOf: job.asOf, basis: 'due', limits: job.limits };
  const runReport = () => agingReport(db, opts);
  const runBare = () => db.prepare(job.sql).raw().all();
  const timed = (f) => {
    globalThis.gc?.();
    const started = process.hrtime.bigint();
    f();
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const reportMs = [];
  const bareMs = [];
  // Turn about, so that neither side always runs on the caches the other just warmed.
  for (let i = 0; i < job.rounds; i++) {
    if (i % 2 === 0) {
      reportMs.push(timed(runReport));
      bareMs.push(timed(runBare));
    } else {
      bareMs.push(timed(runBare));
      reportMs.push(timed(runReport));
    }
  }
  const answer = { reportMs, bareMs, report: runReport(), bareRows: runBare() };
  db.close();
  return answer;
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === THIS_FILE) {
  process.stdout.write(JSON.stringify(measure(JSON.parse(process.argv[2]))));
}
