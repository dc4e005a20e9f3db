import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ledger } from '../../src-main/ledger/ledger';

// The main file only changes when the log is copied back into it (a checkpoint): its size shows
// whether a commit checkpointed or the idle timer did.
describe('checkpoints when idle', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-ckpt-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A commit of about 2,000 new pages: twice the log size at which SQLite's own rule checkpoints. */
  function bigCommit(ledger: Ledger): void {
    const db = ledger.db;
    db.exec('CREATE TABLE IF NOT EXISTS scratch (b BLOB)');
    const insert = db.prepare('INSERT INTO scratch (b) VALUES (randomblob(3500))');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run();
    })();
  }

  /** A fresh ledger, closed after `use`; `size` is its main file's size now. */
  async function withLedger(use: (ledger: Ledger, size: () => number) => Promise<void>): Promise<void> {
    const file = path.join(dir, 'ledger.sqlite');
    const ledger = await Ledger.open(file);
    try {
      await use(ledger, () => fs.statSync(file).size);
    } finally {
      await ledger.close();
    }
  }

  /** The size once it differs from `before`, or after 5 s. */
  async function sizeOnceItMoves(size: () => number, before: number): Promise<number> {
    const deadline = Date.now() + 5000;
    while (size() === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return size();
  }

  /** What bigCommit adds to the main file once copied back: over 1,000 pages. */
  const COPIED = 1000 * 4096;

  it('leaves the commit alone and copies the log back between calls', () =>
    withLedger(async (ledger, size) => {
      ledger.checkpointWhenIdle(20);
      const before = size();
      bigCommit(ledger);
      expect(size()).toBe(before);
      expect(await sizeOnceItMoves(size, before)).toBeGreaterThan(before + COPIED);
    }));

  it('waits while another connection of the process is writing, and copies once it has finished', () =>
    withLedger(async (ledger, size) => {
      let jobRunning = true;
      ledger.checkpointWhenIdle(20, () => jobRunning);
      const before = size();
      bigCommit(ledger);
      await new Promise((r) => setTimeout(r, 200));
      expect(size()).toBe(before);
      jobRunning = false;
      expect(await sizeOnceItMoves(size, before)).toBeGreaterThan(before + COPIED);
    }));

  it("without it, SQLite's own rule checkpoints inside the commit", () =>
    withLedger(async (ledger, size) => {
      const before = size();
      bigCommit(ledger);
      expect(size()).toBeGreaterThan(before + COPIED);
    }));
});
