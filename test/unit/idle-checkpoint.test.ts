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

  /** The file's size once it differs from `before`, or after 5 s. */
  async function sizeOnceItMoves(file: string, before: number): Promise<number> {
    const deadline = Date.now() + 5000;
    while (fs.statSync(file).size === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return fs.statSync(file).size;
  }

  it('leaves the commit alone and copies the log back between calls', async () => {
    const file = path.join(dir, 'ledger.sqlite');
    const ledger = await Ledger.open(file);
    try {
      ledger.checkpointWhenIdle(20);
      const before = fs.statSync(file).size;
      bigCommit(ledger);
      expect(fs.statSync(file).size).toBe(before);
      expect(await sizeOnceItMoves(file, before)).toBeGreaterThan(before + 1000 * 4096);
    } finally {
      await ledger.close();
    }
  });

  it('waits while another connection of the process is writing, and copies once it has finished', async () => {
    const file = path.join(dir, 'ledger.sqlite');
    const ledger = await Ledger.open(file);
    let jobRunning = true;
    try {
      ledger.checkpointWhenIdle(20, () => jobRunning);
      const before = fs.statSync(file).size;
      bigCommit(ledger);
      await new Promise((r) => setTimeout(r, 200));
      expect(fs.statSync(file).size).toBe(before);
      jobRunning = false;
      expect(await sizeOnceItMoves(file, before)).toBeGreaterThan(before + 1000 * 4096);
    } finally {
      await ledger.close();
    }
  });

  it("without it, SQLite's own rule checkpoints inside the commit", async () => {
    const file = path.join(dir, 'ledger.sqlite');
    const ledger = await Ledger.open(file);
    try {
      const before = fs.statSync(file).size;
      bigCommit(ledger);
      expect(fs.statSync(file).size).toBeGreaterThan(before + 1000 * 4096);
    } finally {
      await ledger.close();
    }
  });
});
