import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type {
  PaymentPlan,
  PlanAgreementFile,
  PlanCancelSchema,
  PlanCreateSchema,
  PlanFairness,
  PlanFrequency,
  PlanListSchema,
  PlanProposal,
  PlanProposeSchema,
  PlanSignSchema,
  PlanStatus,
} from '../contract/plans';
import type { PlanItem } from '../contract/plans';
import { collectableOf } from '../collectable/collectable';
import { recordStatusChange } from '../customers/status-change';
import { localToday } from '../money/dates';
import { promiseGraceDays } from '../promises/promise-status';
import { ServiceError } from '../contract/service-error';
import { appendNote } from '../timeline/append-note';
import { agreementPdf } from './plan-agreement';
import { planFairness } from './plan-fairness';
import { planSchedule } from './plan-schedule';
import { moneyFormatter } from './plan-settings';
import { planItems, trackPlan } from './plan-tracking';
import { writeTransaction } from '../ledger/write-transaction';

type ProposeInput = z.output<typeof PlanProposeSchema>;

interface PlanRow {
  id: number;
  customerId: number;
  status: PlanStatus;
  total: number;
  count: number;
  frequency: PlanFrequency;
  startDate: string;
  fairness: string;
  overrideReason: string | null;
  createdOn: string;
  createdBy: string | null;
  signedOn: string | null;
  signedBy: string | null;
  closedOn: string | null;
  closedReason: string | null;
}

const PLAN_COLUMNS = `id, customer_id AS customerId, status, total, instalment_count AS count, frequency, start_date AS startDate, fairness,
  override_reason AS overrideReason, created_on AS createdOn, created_by AS createdBy, signed_on AS signedOn, signed_by AS signedBy,
  closed_on AS closedOn, closed_reason AS closedReason`;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Payment plans: proposing one (schedule and fairness checks, nothing written), making it,
 * signing, cancelling, listing with each instalment's state, and the agreement to sign.
 * Signing puts the customer on "payment plan" status; cancelling or completing takes them off.
 */
export class PlanService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  propose(x: ProposeInput): PlanProposal {
    return this.assess(x);
  }

  create(x: z.output<typeof PlanCreateSchema>): PaymentPlan {
    return writeTransaction(this.db, () => {
      const a = this.assess(x);
      if (!a.fairness.fair && !x.overrideReason) {
        const broken = a.fairness.checks.filter((c) => c.severity === 'limit' && !c.ok).map((c) => c.text);
        throw new ServiceError('validation', `This plan is outside the limits: ${broken.join(' ')}`, {
          overrideReason: 'Say why this plan is right despite the limits',
        });
      }
      // The reason is kept only when it overrode something, so a stored reason always means an exception was made.
      const overrideReason = a.fairness.fair ? null : x.overrideReason;
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO payment_plan (customer_id, status, total, instalment_count, frequency, start_date, fairness, override_reason, created_on, created_by)
             VALUES (?, 'proposed', ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(x.customerId, x.total, x.count, x.frequency, x.startDate, JSON.stringify(a.fairness), overrideReason, x.today, x.by).lastInsertRowid,
      );
      const insert = this.db.prepare('INSERT INTO plan_instalment (plan_id, seq, due_date, amount) VALUES (?, ?, ?, ?)');
      for (const s of a.schedule) insert.run(id, s.seq, s.dueDate, s.amount);
      const cover = this.db.prepare('INSERT INTO plan_item (plan_id, invoice_id, instalment_id, amount, position) VALUES (?, ?, ?, ?, ?)');
      a.items.forEach((it, i) => cover.run(id, it.invoiceId, it.instalmentId, it.amount, i + 1));
      const money = moneyFormatter(this.db);
      appendNote(
        this.db,
        x.customerId,
        `Payment plan ${id} proposed: ${money(x.total)} in ${plural(x.count, `${x.frequency} instalment`)} from ${x.startDate}, ` +
          `covering ${a.items.map((i) => i.label).join(', ')}.` +
          (overrideReason ? ` Agreed outside the limits because: ${overrideReason}` : ''),
        x.by,
        this.now(),
      );
      return this.view(this.row(id), x.today);
    })();
  }

  sign(x: z.output<typeof PlanSignSchema>): PaymentPlan {
    return writeTransaction(this.db, () => {
      const plan = this.row(x.id);
      if (plan.status !== 'proposed') {
        throw new ServiceError('conflict', `Only a proposed plan can be signed; plan ${plan.id} is ${plan.status}.`, { id: `The plan is ${plan.status}` });
      }
      if (x.signedOn < plan.createdOn) {
        throw new ServiceError('validation', 'The plan cannot be signed before it was drawn up.', { signedOn: `On or after ${plan.createdOn}` });
      }
      this.db.prepare(`UPDATE payment_plan SET status = 'signed', signed_on = ?, signed_by = ? WHERE id = ?`).run(x.signedOn, x.signedBy, plan.id);
      const at = this.now();
      appendNote(this.db, plan.customerId, `Payment plan ${plan.id} signed by ${x.signedBy} on ${x.signedOn}.`, x.signedBy, at);
      const status = this.customerStatus(plan.customerId);
      if (status !== 'payment_plan') {
        recordStatusChange(this.db, { customerId: plan.customerId, status: 'payment_plan', previous: status, reason: `Payment plan ${plan.id} signed`, by: x.signedBy, at });
      }
      return this.view(this.row(plan.id), x.signedOn);
    })();
  }

  cancel(x: z.output<typeof PlanCancelSchema>): PaymentPlan {
    return writeTransaction(this.db, () => {
      const plan = this.row(x.id);
      if (plan.status !== 'proposed' && plan.status !== 'signed') {
        throw new ServiceError('conflict', `Plan ${plan.id} is already ${plan.status}.`, { id: `The plan is ${plan.status}` });
      }
      if (x.today < plan.createdOn) throw new ServiceError('validation', 'The plan cannot be cancelled before it was drawn up.', { today: `On or after ${plan.createdOn}` });
      this.db.prepare(`UPDATE payment_plan SET status = 'cancelled', closed_on = ?, closed_reason = ? WHERE id = ?`).run(x.today, x.reason, plan.id);
      const at = this.now();
      appendNote(this.db, plan.customerId, `Payment plan ${plan.id} cancelled: ${x.reason}`, null, at);
      // Its missed-instalment calls are moot now; its items return to dunning at the next policy run.
      this.db
        .prepare(
          `UPDATE task SET status = 'resolved', closed_on = ?, closed_note = ? WHERE status = 'open'
              AND plan_instalment_id IN (SELECT id FROM plan_instalment WHERE plan_id = ?)`,
        )
        .run(x.today, `Payment plan ${plan.id} cancelled`, plan.id);
      // Only a signed plan put the customer on "payment plan"; a proposal never did, so withdrawing one leaves the status alone.
      const status = this.customerStatus(plan.customerId);
      if (plan.status === 'signed' && status === 'payment_plan') {
        recordStatusChange(this.db, { customerId: plan.customerId, status: 'active', previous: status, reason: `Payment plan ${plan.id} cancelled: ${x.reason}`, by: null, at });
      }
      return this.view(this.row(plan.id), x.today);
    })();
  }

  list(x: z.output<typeof PlanListSchema>): PaymentPlan[] {
    this.customer(x.customerId);
    const grace = promiseGraceDays(this.db);
    return (this.db.prepare(`SELECT ${PLAN_COLUMNS} FROM payment_plan WHERE customer_id = ? ORDER BY id DESC`).all(x.customerId) as PlanRow[]).map((p) =>
      this.view(p, x.today, grace),
    );
  }

  async agreement(x: { id: number }): Promise<PlanAgreementFile> {
    const plan = this.row(x.id);
    const c = this.customer(plan.customerId);
    const schedule = this.db
      .prepare('SELECT seq, due_date AS dueDate, amount FROM plan_instalment WHERE plan_id = ? ORDER BY seq')
      .all(plan.id) as { seq: number; dueDate: string; amount: number }[];
    const pdf = await agreementPdf(this.db, { id: plan.id, customerId: plan.customerId, total: plan.total, frequency: plan.frequency, schedule }, localToday(this.now()));
    const safeCode = c.code.replace(/[^A-Za-z0-9._-]/g, '_');
    return { fileName: `payment-plan-${plan.id}-${safeCode}.pdf`, mimeType: 'application/pdf', base64: pdf.toString('base64') };
  }

  /** The checks every proposal and new plan goes through; throws on what cannot be a plan at all. */
  private assess(x: ProposeInput): PlanProposal {
    this.customer(x.customerId);
    const running = this.db
      .prepare(`SELECT id, status FROM payment_plan WHERE customer_id = ? AND status IN ('proposed', 'signed') ORDER BY id LIMIT 1`)
      .get(x.customerId) as { id: number; status: string } | undefined;
    if (running) {
      throw new ServiceError('conflict', `The customer already has plan ${running.id} ${running.status}; cancel it before making another.`, {
        customerId: `Plan ${running.id} is ${running.status}`,
      });
    }
    const coll = collectableOf(this.db, x.customerId, x.today);
    const balance = coll.open - coll.unapplied;
    const overdue = coll.overdue;
    const money = moneyFormatter(this.db);
    if (balance <= 0) throw new ServiceError('validation', 'The customer owes nothing, so there is nothing to plan.', { total: 'Nothing is owed' });
    const key = (invoiceId: number, instalmentId: number | null) => `${invoiceId}:${instalmentId ?? ''}`;
    let candidates = coll.items.filter((i) => i.collectable > 0);
    if (x.items) {
      const known = new Map(coll.items.map((i) => [key(i.invoiceId, i.instalmentId), i]));
      const chosen = new Set<string>();
      for (const [n, it] of x.items.entries()) {
        const item = known.get(key(it.invoiceId, it.instalmentId));
        if (!item) throw new ServiceError('validation', 'The plan can only cover this customer’s open items.', { [`items.${n}`]: 'Not an open item of this customer' });
        if (item.collectable <= 0) {
          throw new ServiceError('validation', `${item.label} has nothing a plan can cover: it is disputed, already on a plan or paid by unapplied cash.`, {
            [`items.${n}`]: `${item.label} has nothing to cover`,
          });
        }
        chosen.add(key(it.invoiceId, it.instalmentId));
      }
      candidates = candidates.filter((i) => chosen.has(key(i.invoiceId, i.instalmentId)));
    }
    const coverable = candidates.reduce((s, i) => s + i.collectable, 0);
    if (x.total > coverable) {
      const where = x.items ? 'the items chosen' : 'what may be asked for (open items less disputed amounts and unapplied cash)';
      throw new ServiceError('validation', `The plan total is more than the ${money(coverable)} of ${where}.`, { total: `At most ${money(coverable)}` });
    }
    const items: PlanItem[] = [];
    let left = x.total;
    for (const c of candidates) {
      if (left === 0) break;
      const take = Math.min(left, c.collectable);
      items.push({ invoiceId: c.invoiceId, instalmentId: c.instalmentId, label: c.label, dueDate: c.dueDate, amount: take });
      left -= take;
    }
    const schedule = planSchedule(x.total, x.count, x.frequency, x.startDate);
    const fairness = planFairness(this.db, { customerId: x.customerId, total: x.total, frequency: x.frequency, startDate: x.startDate, today: x.today, schedule, balance: coll.collectable });
    return { schedule, fairness, balance, overdue, items, outsidePlan: coll.collectable - x.total };
  }

  private view(p: PlanRow, today: string, grace?: number): PaymentPlan {
    const { fairness, ...rest } = p;
    return { ...rest, fairness: JSON.parse(fairness) as PlanFairness, items: planItems(this.db, p.id), ...trackPlan(this.db, p, today, grace) };
  }

  private row(id: number): PlanRow {
    const p = this.db.prepare(`SELECT ${PLAN_COLUMNS} FROM payment_plan WHERE id = ?`).get(id) as PlanRow | undefined;
    if (!p) throw new ServiceError('not_found', `Payment plan ${id} does not exist.`, { id: 'Not found' });
    return p;
  }

  private customer(id: number) {
    const c = this.db
      .prepare('SELECT id, code, name, status, address1, address2, city, region, postal_code AS postalCode, country FROM customer WHERE id = ?')
      .get(id) as
      | { id: number; code: string; name: string; status: string; address1: string | null; address2: string | null; city: string | null; region: string | null; postalCode: string | null; country: string | null }
      | undefined;
    if (!c) throw new ServiceError('not_found', `Customer ${id} does not exist.`, { customerId: 'Not found' });
    return c;
  }

  private customerStatus(id: number): string {
    return this.customer(id).status;
  }
}
