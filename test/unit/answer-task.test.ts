import fc from 'fast-check';
import type { Handlers, RecordedActivity, Worklist } from '../../src-main/contract';
import { createHandlers } from '../../src-main/services/create-services';
import { openTempLedger } from '../support/temp-ledger';
import { serviceCaller } from '../support/service-caller';

const TODAY = '2026-05-10';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok, refused, call } = serviceCaller(() => handlers, () => t.ledger);

/** Customers who each broke a promise: the one-step policy gives each an open call task. */
async function seed(n: number): Promise<{ customerIds: number[]; taskIds: number[] }> {
  await ok('policy.save', { name: 'Promises only', steps: [{ name: 'Call about the broken promise', trigger: 'promise_broken', days: 0, action: 'call' }] });
  const customerIds: number[] = [];
  for (let i = 0; i < n; i++) {
    const id = (await ok<{ id: number }>('customers.create', { code: `C${i}`, name: `Customer ${i}` })).id;
    await ok('invoices.create', { number: `INV-${i}`, customerId: id, issueDate: '2026-03-01', dueDate: '2026-03-31', amount: 10_000 * (i + 1) });
    await ok('activities.record', { customerId: id, occurredAt: '2026-04-20T10:00', summary: 'Will pay Friday.', promise: { amount: 10_000 * (i + 1), date: '2026-04-24' } });
    customerIds.push(id);
  }
  const items = (await ok<Worklist>('worklist.list', { today: TODAY, collector: null })).items;
  const taskIds = customerIds.map((c) => items.find((i) => i.customerId === c && i.source === 'task')!.sourceId);
  return { customerIds, taskIds };
}

const answering = (customerId: number, taskId: number, kind: string = 'call', direction: string | null = 'outbound') => ({
  customerId,
  kind,
  direction,
  occurredAt: `${TODAY}T11:00`,
  summary: 'Talked it through; paying next week.',
  answersTaskId: taskId,
});

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger, { dailyBackups: false });
});
afterEach(() => t.cleanup());

describe('an activity that answers a task', () => {
  it('closes the task in the same transaction, logged as a Done naming the activity, and Undo opens it again', async () => {
    const { customerIds, taskIds } = await seed(2);
    const saved = await ok<RecordedActivity>('activities.record', answering(customerIds[0], taskIds[0], 'email', 'inbound'));
    expect(saved.answered).toEqual({ taskId: taskIds[0], actionId: expect.any(Number) });
    expect(t.ledger.db.prepare('SELECT status, closed_on FROM task WHERE id = ?').get(taskIds[0])).toEqual({ status: 'done', closed_on: TODAY });
    expect(t.ledger.db.prepare('SELECT action, note FROM work_action WHERE id = ?').get(saved.answered!.actionId)).toEqual({
      action: 'done',
      note: `Answered by the email received of ${TODAY} 11:00 (timeline entry ${saved.id})`,
    });
    const list = async () => (await ok<Worklist>('worklist.list', { today: TODAY, collector: null })).items.map((i) => i.sourceId);
    expect(await list()).toEqual([taskIds[1]]);

    await ok('worklist.undo', { actionId: saved.answered!.actionId, today: TODAY });
    expect(t.ledger.db.prepare('SELECT status FROM task WHERE id = ?').pluck().get(taskIds[0])).toBe('open');
    expect((await list()).sort()).toEqual([...taskIds].sort());
    // The activity stays on the timeline: nothing is deleted.
    expect(t.ledger.db.prepare('SELECT COUNT(*) FROM activity WHERE id = ?').pluck().get(saved.id)).toBe(1);
  });

  it('refuses another customer’s task and a closed one, keeping neither the activity nor a log entry', async () => {
    const { customerIds, taskIds } = await seed(2);
    expect(await refused('activities.record', answering(customerIds[0], taskIds[1]))).toMatchObject({
      code: 'validation',
      fields: { answersTaskId: 'Not a task of this customer' },
    });
    expect(await refused('activities.record', answering(customerIds[0], 999_999))).toMatchObject({ code: 'validation' });
    await ok('worklist.act', { source: 'task', sourceId: taskIds[0], action: 'done', today: TODAY });
    expect(await refused('activities.record', answering(customerIds[0], taskIds[0]))).toMatchObject({ code: 'conflict', fields: { answersTaskId: 'Already closed' } });
  });

  it('without answersTaskId records the activity alone', async () => {
    const { customerIds, taskIds } = await seed(1);
    const saved = await ok<RecordedActivity>('activities.record', { customerId: customerIds[0], kind: 'visit', occurredAt: `${TODAY}T09:00`, summary: 'Dropped by.' });
    expect(saved.answered).toBeNull();
    expect(t.ledger.db.prepare('SELECT status FROM task WHERE id = ?').pluck().get(taskIds[0])).toBe('open');
  });
});

/*
 * Model-based: random Done, Snooze, Skip, answering activities (for the task's own customer or
 * another's) and Undos on a few policy tasks. The oracle keeps per task the stack of actions still
 * standing (an answer is a Done) and predicts which calls are refused, which tasks are open in the
 * ledger and which are on today's list; the services must agree after every step.
 */
type Act = 'done' | 'skip' | 'snooze' | 'answer';

describe('answering tasks alongside the worklist’s own actions (model-based)', () => {
  it('agrees with an oracle of per-task action stacks', async () => {
    const N = 3;
    const command = fc.oneof(
      fc.record({ op: fc.constant('act' as const), task: fc.nat(N - 1), act: fc.constantFrom<Act>('done', 'skip', 'snooze', 'answer') }),
      fc.record({ op: fc.constant('answerOther' as const), task: fc.nat(N - 1), shift: fc.integer({ min: 1, max: N - 1 }) }),
      fc.record({ op: fc.constant('undo' as const), pick: fc.nat(8) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), async (commands) => {
        const local = await openTempLedger();
        const prev = { t, handlers };
        t = local;
        handlers = createHandlers(local.ledger, { dailyBackups: false });
        try {
          const { customerIds, taskIds } = await seed(N);
          const stacks: { id: number; act: Act }[][] = taskIds.map(() => []);
          const undone = new Set<number>();
          const all: { id: number; task: number }[] = [];
          const closed = (n: number) => ['done', 'skip', 'answer'].includes(stacks[n].at(-1)?.act ?? '');
          const onList = (n: number) => !closed(n) && stacks[n].at(-1)?.act !== 'snooze';

          for (const c of commands) {
            if (c.op === 'act') {
              const n = c.task;
              const r =
                c.act === 'answer'
                  ? await call('activities.record', answering(customerIds[n], taskIds[n]))
                  : await call('worklist.act', {
                      source: 'task',
                      sourceId: taskIds[n],
                      action: c.act,
                      today: TODAY,
                      ...(c.act === 'snooze' ? { until: '2026-05-12' } : c.act === 'skip' ? { note: 'Not needed' } : {}),
                    });
              expect(r.ok).toBe(!closed(n));
              if (r.ok) {
                const id = c.act === 'answer' ? (r.value as RecordedActivity).answered!.actionId : (r.value as { actionId: number }).actionId;
                stacks[n].push({ id, act: c.act });
                all.push({ id, task: n });
              }
            } else if (c.op === 'answerOther') {
              const r = await call('activities.record', answering(customerIds[c.task], taskIds[(c.task + c.shift) % N]));
              expect(r.ok).toBe(false);
            } else {
              if (all.length === 0) continue;
              const target = all[c.pick % all.length];
              const allowed = stacks[target.task].at(-1)?.id === target.id && !undone.has(target.id);
              const r = await call('worklist.undo', { actionId: target.id, today: TODAY });
              expect(r.ok).toBe(allowed);
              if (allowed) {
                stacks[target.task].pop();
                undone.add(target.id);
              }
            }
            const status = taskIds.map((id) => local.ledger.db.prepare('SELECT status FROM task WHERE id = ?').pluck().get(id));
            expect(status).toEqual(taskIds.map((_id, n) => (!closed(n) ? 'open' : stacks[n].at(-1)!.act === 'skip' ? 'skipped' : 'done')));
            const list = (await ok<Worklist>('worklist.list', { today: TODAY, collector: null })).items.map((i) => i.sourceId).sort();
            expect(list).toEqual(taskIds.filter((_id, n) => onList(n)).sort());
          }
        } finally {
          await local.cleanup();
          t = prev.t;
          handlers = prev.handlers;
        }
      }),
      { numRuns: 30 },
    );
  }, 180_000);
});
