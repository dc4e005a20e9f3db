import fc from 'fast-check';
import type { Handlers } from '../../src-main/contract';
import { addDays } from '../../src-main/money/dates';
import { runPolicy } from '../../src-main/policy/policy-run';
import { createHandlers } from '../../src-main/services/create-services';
import { dispatch } from '../../src-main/services/dispatch';
import { WorklistService } from '../../src-main/worklist/worklist-service';
import { openTempLedger } from '../support/temp-ledger';

/*
 * Model-based test of the policy's scoped runs (policy/policy-scope.ts). Two ledgers receive the
 * same random sequence of real operations through the services — invoices with and without
 * schedules or delivery dates, payments, credits, promises, disputes raised and resolved,
 * signed plans, status and profile changes, days passing — and the escalation policy runs on
 * both: on one as the app runs it (only what changed since the last run, or everyone when it
 * cannot tell), on the other over every customer every time. The oracle is that second ledger:
 * after every run both must hold exactly the same tasks, in the same states, saying the same.
 */

const START = '2026-03-02';
const CUSTOMERS = 5;

type Command =
  | { op: 'invoice'; c: number; issuedAgo: number; dueIn: number; amount: number; schedule: boolean; delivered: boolean }
  | { op: 'payment'; c: number; amount: number; named: boolean }
  | { op: 'credit'; c: number; amount: number }
  | { op: 'apply'; c: number }
  | { op: 'promise'; c: number; amount: number; inDays: number }
  | { op: 'dispute'; c: number; amount: number }
  | { op: 'resolve'; pick: number }
  | { op: 'plan'; c: number; count: number }
  | { op: 'status'; c: number; status: 'active' | 'credit_hold' | 'with_agency' | 'closed' }
  | { op: 'profile'; c: number; profile: 'disorganised' | 'failing' | 'good' | 'angry' | 'disputing' | null }
  | { op: 'advance'; days: number }
  | { op: 'run' };

const customer = fc.nat(CUSTOMERS - 1);
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('invoice' as const), c: customer, issuedAgo: fc.integer({ min: 0, max: 150 }), dueIn: fc.integer({ min: -130, max: 40 }), amount: fc.integer({ min: 1_000, max: 90_000 }), schedule: fc.boolean(), delivered: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('payment' as const), c: customer, amount: fc.integer({ min: 500, max: 60_000 }), named: fc.boolean() }) },
  fc.record({ op: fc.constant('credit' as const), c: customer, amount: fc.integer({ min: 500, max: 20_000 }) }),
  fc.record({ op: fc.constant('apply' as const), c: customer }),
  fc.record({ op: fc.constant('promise' as const), c: customer, amount: fc.integer({ min: 500, max: 40_000 }), inDays: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ op: fc.constant('dispute' as const), c: customer, amount: fc.integer({ min: 500, max: 30_000 }) }),
  fc.record({ op: fc.constant('resolve' as const), pick: fc.nat(5) }),
  fc.record({ op: fc.constant('plan' as const), c: customer, count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant('status' as const), c: customer, status: fc.constantFrom('active' as const, 'credit_hold' as const, 'with_agency' as const, 'closed' as const) }),
  fc.record({ op: fc.constant('profile' as const), c: customer, profile: fc.constantFrom('disorganised' as const, 'failing' as const, 'good' as const, 'angry' as const, 'disputing' as const, null) }),
  { weight: 4, arbitrary: fc.record({ op: fc.constant('advance' as const), days: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 4 }) }, { weight: 1, arbitrary: fc.integer({ min: 5, max: 12 }) }) }) },
  { weight: 4, arbitrary: fc.constant({ op: 'run' as const }) },
);

interface Side {
  t: Awaited<ReturnType<typeof openTempLedger>>;
  handlers: Handlers;
}

const TASK_COLUMNS = 'id, customer_id, dedupe_key, status, action, template, due_date, amount, reason, strategy, closed_on, closed_note, created_on';

async function open(): Promise<Side> {
  const t = await openTempLedger();
  return { t, handlers: createHandlers(t.ledger, { dailyBackups: false }) };
}

/**
 * Plays the commands on two ledgers, the policy scoped on one and over everyone on the other,
 * comparing their tasks after every run; returns how many runs were in fact scoped.
 */
async function replay(autoApplyCash: boolean, commands: Command[]): Promise<number> {
  let scopedRuns = 0;
    const scoped = await open();
    const full = await open();
    try {
      let today = START;
      let n = 0;
      const noon = () => new Date(`${today}T12:00:00Z`);
      /** The same call on both ledgers; both must agree on whether it was accepted. */
      const both = async <T,>(method: string, input: unknown): Promise<T | null> => {
        const [a, b] = await Promise.all([scoped, full].map((s) => dispatch(s.handlers, method, input, () => undefined)));
        expect({ method, ok: a.ok }).toEqual({ method, ok: b.ok });
        return a.ok ? (a.value as T) : null;
      };
      const read = <T,>(sql: string, ...args: unknown[]) => scoped.t.ledger.db.prepare(sql).all(...args) as T[];
      // Without automatic application, cash waits on the account and is applied later: an allocation alone.
      await both('settings.update', { autoApplyCash });
      const ids: number[] = [];
      for (let c = 0; c < CUSTOMERS; c++) {
        const made = await both<{ id: number }>('customers.create', { code: `C${c}`, name: `Customer ${c}`, kind: c % 2 === 0 ? 'business' : 'consumer' });
        ids.push(made!.id);
      }

      for (const cmd of commands) {
        switch (cmd.op) {
          case 'invoice': {
            const issueDate = addDays(today, -cmd.issuedAgo);
            const dueDate = addDays(today, cmd.dueIn) < issueDate ? issueDate : addDays(today, cmd.dueIn);
            const half = Math.floor(cmd.amount / 2);
            await both('invoices.create', {
              number: `INV-${++n}`,
              customerId: ids[cmd.c],
              issueDate,
              dueDate,
              amount: cmd.amount,
              deliveryDate: cmd.delivered ? addDays(today, -1) < issueDate ? issueDate : addDays(today, -1) : null,
              schedule: cmd.schedule ? [{ dueDate, amount: half }, { dueDate: addDays(dueDate, 20), amount: cmd.amount - half }] : [],
            });
            break;
          }
          case 'payment': {
            const open = read<{ id: number; open_amount: number }>('SELECT id, open_amount FROM invoice WHERE customer_id = ? AND open_amount > 0 ORDER BY id DESC LIMIT 1', ids[cmd.c])[0];
            await both('payments.record', {
              reference: `PAY-${++n}`,
              customerId: ids[cmd.c],
              date: today,
              amount: cmd.amount,
              invoiceId: cmd.named && open ? open.id : null,
            });
            break;
          }
          case 'credit':
            await both('credits.record', { number: `CN-${++n}`, customerId: ids[cmd.c], date: today, amount: cmd.amount });
            break;
          case 'apply': {
            // Cash or credit left on the account, put against an invoice later: an allocation alone.
            const source = read<{ kind: string; id: number }>(
              `SELECT 'payment' AS kind, id FROM payment WHERE customer_id = ? AND unapplied > 0 UNION ALL SELECT 'credit', id FROM credit_note WHERE customer_id = ? AND unapplied > 0`,
              ids[cmd.c],
              ids[cmd.c],
            )[0];
            const inv = read<{ id: number }>('SELECT id FROM invoice WHERE customer_id = ? AND open_amount > 0 ORDER BY due_date DESC LIMIT 1', ids[cmd.c])[0];
            if (source && inv) await both('allocations.apply', { source: source.kind, sourceId: source.id, invoiceId: inv.id });
            break;
          }
          case 'promise':
            await both('activities.record', {
              customerId: ids[cmd.c],
              occurredAt: `${today}T10:00`,
              outcome: 'promise_to_pay',
              summary: 'Will pay',
              promise: { amount: cmd.amount, date: addDays(today, cmd.inDays) },
            });
            break;
          case 'dispute': {
            const inv = read<{ id: number }>('SELECT id FROM invoice WHERE customer_id = ? AND open_amount > 0 ORDER BY due_date LIMIT 1', ids[cmd.c])[0];
            if (!inv) break;
            await both('activities.record', {
              customerId: ids[cmd.c],
              occurredAt: `${today}T11:00`,
              outcome: 'dispute_raised',
              summary: 'Says the goods were damaged',
              dispute: { reason: 'damaged', invoiceIds: [inv.id], amount: cmd.amount },
            });
            break;
          }
          case 'resolve': {
            const open = read<{ id: number }>(`SELECT id FROM dispute WHERE status <> 'resolved' ORDER BY id`);
            if (open.length === 0) break;
            await both('disputes.resolve', { id: open[cmd.pick % open.length].id, resolution: 'no_credit', date: today });
            break;
          }
          case 'plan': {
            const owed = read<{ total: number }>('SELECT COALESCE(SUM(open_amount), 0) AS total FROM invoice WHERE customer_id = ? AND open_amount > 0 AND has_schedule = 0', ids[cmd.c])[0].total;
            if (owed < cmd.count * 100) break;
            const plan = await both<{ id: number }>('plans.create', {
              customerId: ids[cmd.c],
              total: Math.floor(owed / 2),
              count: cmd.count,
              frequency: 'weekly',
              startDate: addDays(today, 1),
              today,
              overrideReason: 'Agreed on the phone',
            });
            if (plan) await both('plans.sign', { id: plan.id, signedOn: today, signedBy: 'The customer' });
            break;
          }
          case 'status':
            await both('customers.setStatus', { id: ids[cmd.c], status: cmd.status, reason: 'Decided' });
            break;
          case 'profile':
            await both('profiles.set', { customerId: ids[cmd.c], profile: cmd.profile, reason: 'Decided' });
            break;
          case 'advance':
            today = addDays(today, cmd.days);
            break;
          case 'run': {
            const ran = new WorklistService(scoped.t.ledger.db, noon).refresh(today);
            if (ran?.looked && !ran.looked.everyone) scopedRuns++;
            runPolicy(full.t.ledger.db, today, noon(), undefined, false);
            const tasks = (s: Side) => s.t.ledger.db.prepare(`SELECT ${TASK_COLUMNS} FROM task ORDER BY id`).all();
            expect({ today, tasks: tasks(scoped) }).toEqual({ today, tasks: tasks(full) });
            break;
          }
        }
      }
    } finally {
      await scoped.t.cleanup();
      await full.t.cleanup();
    }
  return scopedRuns;
}

describe('scoped policy runs (model-based)', () => {
  it('leave exactly the tasks a run over every customer leaves, over random operations and days', async () => {
    let scopedRuns = 0;
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(command, { minLength: 4, maxLength: 28 }), async (autoApplyCash, commands) => {
        scopedRuns += await replay(autoApplyCash, commands);
      }),
      { numRuns: 120 },
    );
    // The comparison means something only if many runs were in fact scoped.
    expect(scopedRuns).toBeGreaterThan(40);
  }, 240_000);

  it('see a promise break on the very day its grace ends, for a customer nothing else happened to', async () => {
    // A day's run each day from the promise on: the broken-promise task must appear the day a
    // full run makes it, though the customer's items cross no step on those days.
    const daily: Command[] = Array.from({ length: 7 }, () => [{ op: 'advance' as const, days: 1 }, { op: 'run' as const }]).flat();
    for (const inDays of [0, 1, 2]) {
      const commands: Command[] = [
        { op: 'invoice', c: 0, issuedAgo: 40, dueIn: -17, amount: 50_000, schedule: false, delivered: false },
        { op: 'run' },
        { op: 'promise', c: 0, amount: 20_000, inDays },
        { op: 'run' },
        ...daily,
      ];
      expect(await replay(false, commands)).toBeGreaterThan(5);
    }
  });
});

describe('scoped policy runs', () => {
  it('see cash applied on its own (an allocation, no new payment) and redo that customer', async () => {
    const side = await open();
    try {
      const { handlers, t } = side;
      const ok = async <T,>(method: string, input: unknown): Promise<T> => {
        const r = await dispatch(handlers, method, input, () => undefined);
        if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
        return r.value as T;
      };
      await ok('settings.update', { autoApplyCash: false });
      const c = (await ok<{ id: number }>('customers.create', { code: 'A', name: 'Acme' })).id;
      const older = (await ok<{ id: number }>('invoices.create', { number: 'A-1', customerId: c, issueDate: '2026-02-01', dueDate: '2026-03-05', amount: 3_000 })).id;
      const newer = (await ok<{ id: number }>('invoices.create', { number: 'A-2', customerId: c, issueDate: '2026-02-01', dueDate: '2026-03-09', amount: 3_000 })).id;
      // Credit left on the account nets against the oldest item, so the newer one is chased.
      const credit = (await ok<{ id: number }>('credits.record', { number: 'CN-1', customerId: c, date: '2026-03-01', amount: 3_000 })).id;
      new WorklistService(t.ledger.db, () => new Date('2026-03-10T12:00:00Z')).refresh('2026-03-10');
      const keys = () => t.ledger.db.prepare(`SELECT dedupe_key FROM task WHERE customer_id = ? AND status = 'open'`).pluck().all(c) as string[];
      expect(keys()).toEqual([expect.stringMatching(new RegExp(`:i${newer}$`))]);
      // The next day the clerk puts the credit against the newer invoice: an allocation is the only new row,
      // and no due date of the customer's crosses a step that day; the older invoice is now the one to chase.
      await ok('allocations.apply', { source: 'credit', sourceId: credit, invoiceId: newer });
      const next = new WorklistService(t.ledger.db, () => new Date('2026-03-11T12:00:00Z')).refresh('2026-03-11');
      expect(next?.looked).toEqual({ everyone: false, customers: expect.any(Number) });
      expect(keys()).toEqual([expect.stringMatching(new RegExp(`:i${older}$`))]);
    } finally {
      await side.t.cleanup();
    }
  });
});
