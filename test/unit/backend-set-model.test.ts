import fc from 'fast-check';
import type { CallResult } from '../../src-main/contract';
import { BackendSet, type LedgerBackend } from '../../src-main/backend/backend-set';
import { LedgerRouter } from '../../src-main/backend/ledger-router';

// The rule for which ledgers stay open, against a model: a ledger is opened by its first call
// (unless another Settle holds its lock), stays open while a window holds it or while it was used
// within idleMs, and closes on the sweep after that, letting its lock go. Backends here are
// stand-ins that take and release a lock table, so the check is of the rule, not of SQLite.

const LEDGERS = ['/l/acme.sqlite', '/l/globex.sqlite', '/l/initech.sqlite'];
const IDLE = 100;

type Command =
  | { op: 'call'; l: number }
  | { op: 'hold'; l: number }
  | { op: 'release'; pick: number }
  | { op: 'tick'; ms: number }
  | { op: 'sweep' }
  | { op: 'elsewhere'; l: number; take: boolean };

/** The model: what should be open, how long since each was used, and who holds what. */
class Oracle {
  open = new Map<string, number>();
  holds = new Map<string, number>();
  elsewhere = new Set<string>();
  /** Each time a ledger went from closed to open, in order: what the desk is told. */
  opens: string[] = [];
  t = 0;

  call(l: string): boolean {
    if (!this.open.has(l) && this.elsewhere.has(l)) return false;
    if (!this.open.has(l)) this.opens.push(l);
    this.open.set(l, this.t);
    return true;
  }
  release(l: string) {
    const n = (this.holds.get(l) ?? 1) - 1;
    if (n > 0) this.holds.set(l, n);
    else this.holds.delete(l);
    if (this.open.has(l)) this.open.set(l, this.t);
  }
  sweep(): string[] {
    const idle = [...this.open].filter(([l, used]) => !this.holds.has(l) && this.t - used >= IDLE).map(([l]) => l);
    for (const l of idle) this.open.delete(l);
    return idle;
  }
}

describe('which ledgers the window side keeps open (model)', () => {
  it('matches the model for any sequence of calls, holds, releases, time passing and sweeps, and reports each opening once', async () => {
    const command: fc.Arbitrary<Command> = fc.oneof(
      fc.record({ op: fc.constant('call' as const), l: fc.nat(LEDGERS.length - 1) }),
      fc.record({ op: fc.constant('hold' as const), l: fc.nat(LEDGERS.length - 1) }),
      fc.record({ op: fc.constant('release' as const), pick: fc.nat(5) }),
      fc.record({ op: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 150 }) }),
      fc.constant<Command>({ op: 'sweep' }),
      fc.record({ op: fc.constant('elsewhere' as const), l: fc.nat(LEDGERS.length - 1), take: fc.boolean() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 30 }), async (commands) => {
        const oracle = new Oracle();
        // Who holds each file's lock: this set's backends or "another Settle".
        const locks = new Map<string, 'set' | 'other'>();
        const start = async ({ ledgerPath }: { ledgerPath: string }): Promise<LedgerBackend> => {
          if (locks.has(ledgerPath)) throw new Error('This ledger is already open in another Settle window');
          locks.set(ledgerPath, 'set');
          return {
            call: async (): Promise<CallResult<unknown>> => ({ ok: true, value: ledgerPath }),
            describe: () => undefined,
            close: async () => void locks.delete(ledgerPath),
          };
        };
        const opened: string[] = [];
        const set = new BackendSet({ holder: () => 'model', idleMs: IDLE, sweepMs: 3_600_000, now: () => oracle.t, start, onOpened: (l) => opened.push(l) });
        const handles: { l: string; release: () => void; released: boolean }[] = [];
        try {
          for (const c of commands) {
            if (c.op === 'call') {
              const l = LEDGERS[c.l];
              const expected = oracle.call(l);
              const r = await set.call(l, 'app.info', {});
              expect(r.ok).toBe(expected);
              if (!r.ok) expect(r.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/already open/) });
            } else if (c.op === 'hold') {
              const l = LEDGERS[c.l];
              handles.push({ l, release: set.hold(l), released: false });
              oracle.holds.set(l, (oracle.holds.get(l) ?? 0) + 1);
            } else if (c.op === 'release') {
              const h = handles.filter((x) => !x.released)[c.pick];
              if (!h) continue;
              h.release();
              h.release(); // a second release of the same hold changes nothing
              h.released = true;
              oracle.release(h.l);
            } else if (c.op === 'tick') {
              oracle.t += c.ms;
            } else if (c.op === 'sweep') {
              expect((await set.closeIdle()).sort()).toEqual(oracle.sweep().sort());
            } else {
              const l = LEDGERS[c.l];
              // Another Settle takes a free lock or lets go of its own; it cannot take ours.
              if (c.take && !locks.has(l)) {
                locks.set(l, 'other');
                oracle.elsewhere.add(l);
              } else if (!c.take && locks.get(l) === 'other') {
                locks.delete(l);
                oracle.elsewhere.delete(l);
              }
            }
            for (const l of LEDGERS) {
              expect(set.isOpen(l)).toBe(oracle.open.has(l));
              // Open here exactly when this set holds the file's lock: never twice, never leaked.
              expect(locks.get(l) === 'set').toBe(oracle.open.has(l));
            }
            expect(opened).toEqual(oracle.opens);
          }
        } finally {
          await set.close();
        }
        expect([...locks.values()].filter((v) => v === 'set')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('which ledger a call may name (model)', () => {
  it('opens the launch ledger, or a ledger in the list whose file is there, and nothing else', async () => {
    const files = ['/l/launch.sqlite', ...LEDGERS, '/l/other.sqlite'];
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(files.slice(1)),
        fc.subarray(files),
        fc.array(fc.constantFrom(...files, '/l/./acme.sqlite', '/l/x/../globex.sqlite', 'acme.sqlite', undefined), { minLength: 1, maxLength: 8 }),
        async (listed, present, named) => {
          const opened: string[] = [];
          const backends = new BackendSet({
            holder: () => 'model',
            sweepMs: 3_600_000,
            start: async ({ ledgerPath }) => {
              opened.push(ledgerPath);
              return { call: async () => ({ ok: true, value: ledgerPath }), describe: () => undefined, close: async () => undefined };
            },
          });
          const desk = {
            call: async (): Promise<CallResult<unknown>> => ({
              ok: true,
              value: listed.map((p) => ({ name: p, path: p, company: '', lastOpened: null, present: present.includes(p) })),
            }),
          };
          const router = new LedgerRouter(backends, desk, files[0]);
          try {
            for (const ledger of named) {
              const r = await router.call('app.info', {}, ledger);
              // The model: a relative path is refused; no ledger means the launch ledger.
              const file = ledger === undefined ? files[0] : ledger.startsWith('/') ? new URL(`file://${ledger}`).pathname : null;
              const allowed = file !== null && (file === files[0] || (listed.includes(file) && present.includes(file)));
              expect(r).toEqual(allowed ? { ok: true, value: file } : expect.objectContaining({ ok: false }));
            }
            // Nothing refused was ever opened.
            expect(opened.every((f) => f === files[0] || (listed.includes(f) && present.includes(f)))).toBe(true);
          } finally {
            await backends.close();
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
