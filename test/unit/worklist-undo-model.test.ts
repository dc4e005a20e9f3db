import fc from 'fast-check';
import type { Handlers, Worklist } from '../../src-main/contract';
import { createHandlers } from '../../src-main/services/create-services';
import { dispatch } from '../../src-main/services/dispatch';
import { openTempLedger } from '../support/temp-ledger';

/*
 * Model-based test of the worklist's Undo. Random sequences of Done, Snooze, Reassign and Undo
 * on a handful of follow-ups and policy tasks go through dispatch to a real ledger. The oracle
 * keeps, per item, the stack of actions still standing (an undo takes the latest off) and says
 * from that alone which items are on today's list, with which collector, and which undos must be
 * refused; the worklist must agree after every step.
 */

const TODAY = '2026-05-10';
const ITEMS = 4;

type Act = { kind: 'done' } | { kind: 'snooze'; days: number } | { kind: 'reassign'; who: string };

class Oracle {
  readonly stacks = new Map<string, { id: number; act: Act }[]>();
  readonly undone = new Set<number>();

  onList(key: string): boolean {
    const top = this.stacks.get(key)?.at(-1)?.act;
    return !(top && (top.kind === 'done' || (top.kind === 'snooze' && top.days > 0)));
  }

  collector(key: string): string | null {
    const reassigns = (this.stacks.get(key) ?? []).filter((s) => s.act.kind === 'reassign');
    const last = reassigns.at(-1)?.act;
    return last && last.kind === 'reassign' ? last.who : null;
  }

  /** The action an undo may take back on this item: the latest still standing. */
  latest(key: string): number | null {
    return this.stacks.get(key)?.at(-1)?.id ?? null;
  }
}

describe('undo on the worklist (model-based)', () => {
  it('agrees with an oracle of per-item action stacks over random sequences of actions and undos', async () => {
    const command = fc.oneof(
      fc.record({ op: fc.constant('act' as const), item: fc.nat(ITEMS - 1), act: fc.oneof(
        fc.constant<Act>({ kind: 'done' }),
        fc.integer({ min: 1, max: 3 }).map<Act>((days) => ({ kind: 'snooze', days })),
        fc.constantFrom('Priya', 'Sam').map<Act>((who) => ({ kind: 'reassign', who })),
      ) }),
      // Undo the latest action on an item, or an older or already undone one (which must be refused).
      fc.record({ op: fc.constant('undo' as const), item: fc.nat(ITEMS - 1), pick: fc.nat(5) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 14 }), async (commands) => {
        const t = await openTempLedger();
        try {
          const handlers: Handlers = createHandlers(t.ledger, { dailyBackups: false });
          const call = (m: string, i: unknown) => dispatch(handlers, m, i, () => undefined);
          const ok = async <T>(m: string, i: unknown) => {
            const r = await call(m, i);
            if (!r.ok) throw new Error(`${m}: ${JSON.stringify(r.error)}`);
            return r.value as T;
          };
          for (let n = 0; n < ITEMS; n++) {
            const c = await ok<{ id: number }>('customers.create', { code: `C${n}`, name: `Customer ${n}` });
            await ok('activities.record', { customerId: c.id, occurredAt: '2026-05-01T09:00', summary: `Call back ${n}`, followUpDate: TODAY });
          }
          const items = (await ok<Worklist>('worklist.list', { today: TODAY, collector: null })).items;
          expect(items).toHaveLength(ITEMS);
          const model = new Oracle();
          const all: { id: number; key: string }[] = [];

          for (const c of commands) {
            const item = items[c.item];
            const onList = model.onList(item.key);
            if (c.op === 'act') {
              if (!onList) continue; // Only what is on the list can be acted on from it.
              const a = c.act;
              const input =
                a.kind === 'snooze'
                  ? { action: 'snooze', until: new Date(Date.parse(`${TODAY}T00:00:00Z`) + a.days * 86_400_000).toISOString().slice(0, 10) }
                  : a.kind === 'reassign'
                    ? { action: 'reassign', collector: a.who }
                    : { action: 'done' };
              const { actionId } = await ok<{ actionId: number }>('worklist.act', { source: item.source, sourceId: item.sourceId, today: TODAY, ...input });
              const stack = model.stacks.get(item.key) ?? [];
              stack.push({ id: actionId, act: a });
              model.stacks.set(item.key, stack);
              all.push({ id: actionId, key: item.key });
            } else {
              if (all.length === 0) continue;
              const target = all[c.pick % all.length];
              const allowed = model.latest(target.key) === target.id && !model.undone.has(target.id);
              const r = await call('worklist.undo', { actionId: target.id, today: TODAY });
              expect(r.ok).toBe(allowed);
              if (allowed) {
                model.stacks.get(target.key)!.pop();
                model.undone.add(target.id);
              }
            }
            const list = await ok<Worklist>('worklist.list', { today: TODAY, collector: null });
            const expected = items.filter((i) => model.onList(i.key)).map((i) => [i.key, model.collector(i.key)]);
            expect(list.items.map((i) => [i.key, i.collector]).sort()).toEqual(expected.sort());
          }
        } finally {
          await t.cleanup();
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
