import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { ServiceError } from '../../src-main/contract/service-error';
import { LedgerList } from '../../src-main/ledgers/ledger-list';
import { makeLedger } from '../../src-main/ledgers/new-ledger';

/*
 * Model-based test of the list of ledgers. Random sequences of add, rename, forget and touch on
 * a few real ledger files go to a LedgerList on disk; the oracle is a plain Map from file to
 * entry (in the order added) with the naming rules written out: a name is the one given, else
 * the company, else the file name; names clash ignoring case and surrounding spaces; the same
 * file is never listed twice. After every step the list must equal the model, and a step must
 * be refused exactly when the model refuses it.
 */

// Two files whose companies clash ignoring case, one without a company, one with.
const FILES = [
  { base: 'acme', company: 'Acme' },
  { base: 'acme-two', company: 'ACME' },
  { base: 'plain', company: null },
  { base: 'beta', company: 'Beta Foods' },
] as const;
const NAMES = ['Acme', 'acme ', 'Gamma', 'plain', 'Beta Foods', 'GAMMA'];

type Op =
  | { op: 'add'; file: number; name: string | undefined }
  | { op: 'rename'; name: string; newName: string }
  | { op: 'forget'; name: string }
  | { op: 'touch'; file: number };

interface Entry {
  name: string;
  path: string;
  company: string;
  lastOpened: string | null;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

class Model {
  readonly entries = new Map<string, Entry>();

  /** Null when refused. */
  add(file: string, company: string, name?: string): Entry | null {
    const known = this.entries.get(file);
    if (known) return known;
    const chosen = name?.trim() || company || path.basename(file, '.sqlite');
    if (this.named(chosen)) return null;
    const e = { name: chosen, path: file, company, lastOpened: null };
    this.entries.set(file, e);
    return e;
  }

  named(name: string): Entry | undefined {
    return [...this.entries.values()].find((e) => same(e.name, name));
  }
}

let dir: string;
const files: { path: string; company: string }[] = [];
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-list-model-'));
  for (const f of FILES) {
    const file = path.join(dir, `${f.base}.sqlite`);
    await makeLedger(file, { currency: null, company: f.company });
    files.push({ path: file, company: f.company ?? '' });
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the list of ledgers (model-based)', () => {
  it('always equals a model Map of entries over random adds, renames, forgets and touches', () => {
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constant('add' as const), file: fc.nat(FILES.length - 1), name: fc.option(fc.constantFrom(...NAMES), { nil: undefined }) }),
      fc.record({ op: fc.constant('rename' as const), name: fc.constantFrom(...NAMES), newName: fc.constantFrom(...NAMES) }),
      fc.record({ op: fc.constant('forget' as const), name: fc.constantFrom(...NAMES) }),
      fc.record({ op: fc.constant('touch' as const), file: fc.nat(FILES.length - 1) }),
    );
    let run = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 20 }), (ops) => {
        const listFile = path.join(dir, `list-${run++}`, 'ledgers.json');
        let minute = 0;
        // Each touch a minute later, so the model can say which lastOpened it left.
        const list = new LedgerList(listFile, () => new Date(2026, 4, 10, 9, minute));
        const model = new Model();
        for (const o of ops) {
          let refusedByList = false;
          try {
            if (o.op === 'add') list.add(files[o.file].path, o.name);
            else if (o.op === 'rename') list.rename(o.name, o.newName);
            else if (o.op === 'forget') list.forget(o.name);
            else list.touch(files[o.file].path);
          } catch (err) {
            if (!(err instanceof ServiceError)) throw err;
            refusedByList = true;
          }
          let refusedByModel = false;
          if (o.op === 'add') refusedByModel = model.add(files[o.file].path, files[o.file].company, o.name) === null;
          else if (o.op === 'rename') {
            const found = model.named(o.name);
            const clash = [...model.entries.values()].find((e) => e !== found && same(e.name, o.newName));
            if (!found || clash) refusedByModel = true;
            else found.name = o.newName.trim();
          } else if (o.op === 'forget') {
            const found = model.named(o.name);
            if (!found) refusedByModel = true;
            else model.entries.delete(found.path);
          } else {
            const f = files[o.file];
            const e = model.add(f.path, f.company);
            if (!e) refusedByModel = true;
            else e.lastOpened = `2026-05-10T09:${String(minute).padStart(2, '0')}`;
          }
          minute++;
          expect({ op: o, refused: refusedByList }).toEqual({ op: o, refused: refusedByModel });
          expect(list.list()).toEqual([...model.entries.values()].map((e) => ({ ...e, present: true })));
        }
      }),
      { numRuns: 60 },
    );
  });
});
