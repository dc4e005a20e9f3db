import type { Database, Statement } from 'better-sqlite3';
import { maxDate } from '../money/dates';

/** settled_date of an item or source that is still open: sorts after every real date. */
export const OPEN_DATE = '9999-12-31';

export type InvoiceKind = 'invoice' | 'late_fee' | 'interest';
export type SourceKind = 'payment' | 'credit' | 'write_off';

export interface NewInvoice {
  number: string;
  customerId: number;
  kind?: InvoiceKind;
  issueDate: string;
  dueDate: string;
  /** Minor units. */
  amount: number;
  currency: string;
  poNumber?: string | null;
  description?: string | null;
  deliveryDate?: string | null;
  /** Instalments; their amounts must add up to the invoice amount. */
  schedule?: { dueDate: string; amount: number }[];
}

export interface NewPayment {
  reference: string;
  customerId: number;
  date: string;
  amount: number;
  method?: string | null;
  /** Apply to this invoice (up to its open amount); otherwise oldest open invoices first. */
  invoiceId?: number | null;
  /** Apply these amounts to these invoices (each up to its open amount), before anything else. */
  allocations?: { invoiceId: number; amount: number }[];
}

export interface NewCredit {
  number: string;
  customerId: number;
  date: string;
  amount: number;
  reason?: string | null;
  /** Reduce this invoice; without one the credit stays unapplied. */
  invoiceId?: number | null;
}

export interface NewWriteOff {
  customerId: number;
  invoiceId: number;
  date: string;
  amount: number;
  reason: string;
  /** Who approved it. The app requires one; imports and older rows may have none. */
  approvedBy?: string | null;
  approvalNote?: string | null;
}

export interface PostResult {
  id: number;
  applied: number;
  unapplied: number;
}

/** The columns allocation needs; callers that already read them may pass them in. */
export interface InvoiceRow {
  id: number;
  customer_id: number;
  issue_date: string;
  open_amount: number;
  has_schedule: number;
}

interface OpenItem {
  invoice_id: number;
  instalment_id: number | null;
  issue_date: string;
  open_amount: number;
}

/**
 * The ledger's write path: every entry and every allocation goes through here, as prepared
 * statements on the raw connection, so single entries from the app and a million-row import
 * follow exactly the same rules. Callers own the transaction.
 *
 * Running balances (open_amount, unapplied) and the date each item was settled are kept on
 * the rows so that today's aging reads only open items and historical aging only items open
 * at that date; the allocation rows remain the source of truth for any as-of date.
 */
export class Postings {
  private readonly s: Record<string, Statement>;
  private latest = '';
  /** Customers whose cash may meet open items: settled at the next flush (deferred) or at once. */
  private readonly pending = new Map<number, Set<number>>();

  /**
   * @param stamp the created_at time stamp for new rows; an import passes a constant one
   * (the whole file arrives at one moment) and saves a Date per row.
   */
  constructor(
    private readonly db: Database,
    private readonly stamp: () => string = () => new Date().toISOString(),
    /**
     * An import defers matching cash to open items until flush(), so a file gives the same
     * allocations whatever order its rows (or the files) come in.
     */
    private readonly deferSettle = false,
  ) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      insertInvoice: p(`INSERT INTO invoice (number, customer_id, kind, issue_date, due_date, amount, currency, po_number, description,
                          delivery_date, has_schedule, open_amount, settled_date, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '${OPEN_DATE}', ?)`),
      insertInstalment: p(`INSERT INTO instalment (invoice_id, customer_id, seq, issue_date, due_date, amount, open_amount, settled_date)
                           VALUES (?, ?, ?, ?, ?, ?, ?, '${OPEN_DATE}')`),
      insertPayment: p(`INSERT INTO payment (reference, customer_id, date, amount, method, invoice_id, unapplied, applied_through, settled_date, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertCredit: p(`INSERT INTO credit_note (number, customer_id, date, amount, reason, invoice_id, unapplied, applied_through, settled_date, created_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertWriteOff: p(`INSERT INTO write_off (customer_id, invoice_id, date, amount, reason, approved_by, approval_note, created_at)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      insertAllocation: p(`INSERT INTO allocation (customer_id, source_kind, source_id, invoice_id, instalment_id, date, amount)
                           VALUES (?, ?, ?, ?, ?, ?, ?)`),
      invoice: p(`SELECT id, customer_id, issue_date, open_amount, has_schedule FROM invoice WHERE id = ?`),
      openInstalments: p(`SELECT invoice_id, id AS instalment_id, issue_date, open_amount FROM instalment
                          WHERE invoice_id = ? AND open_amount > 0 ORDER BY due_date, seq`),
      // Sets the new open amount; when it reaches zero the item is settled as of its latest allocation.
      reduceInvoice: p(`UPDATE invoice SET open_amount = @v, applied_through = max(applied_through, @d),
                          settled_date = CASE WHEN @v = 0 THEN max(applied_through, @d) ELSE settled_date END
                        WHERE id = @id`),
      reduceInvoiceBy: p(`UPDATE invoice SET open_amount = open_amount - @v, applied_through = max(applied_through, @d),
                            settled_date = CASE WHEN open_amount - @v = 0 THEN max(applied_through, @d) ELSE settled_date END
                          WHERE id = @id`),
      reduceInstalment: p(`UPDATE instalment SET open_amount = @v, applied_through = max(applied_through, @d),
                             settled_date = CASE WHEN @v = 0 THEN max(applied_through, @d) ELSE settled_date END
                           WHERE id = @id`),
      reducePayment: p(`UPDATE payment SET unapplied = unapplied - @v, applied_through = max(applied_through, @d),
                          settled_date = CASE WHEN unapplied - @v = 0 THEN max(applied_through, @d) ELSE settled_date END
                        WHERE id = @id`),
      reduceCredit: p(`UPDATE credit_note SET unapplied = unapplied - @v, applied_through = max(applied_through, @d),
                         settled_date = CASE WHEN unapplied - @v = 0 THEN max(applied_through, @d) ELSE settled_date END
                       WHERE id = @id`),
      unapplied: p(`SELECT unapplied, date, customer_id FROM payment WHERE id = ?`),
      creditUnapplied: p(`SELECT unapplied, date, customer_id FROM credit_note WHERE id = ?`),
      touch: p(`UPDATE ledger_setting SET value = @v WHERE key = 'latest_entry_date' AND value < @v`),
      autoApply: p(`SELECT value FROM ledger_setting WHERE key = 'auto_apply_cash'`).pluck(),
      customerOpen: p(`SELECT invoice_id, instalment_id, issue_date, open_amount FROM (
                         SELECT id AS invoice_id, NULL AS instalment_id, due_date, issue_date, number, 0 AS seq, open_amount
                           FROM invoice WHERE customer_id = @c AND open_amount > 0 AND has_schedule = 0
                         UNION ALL
                         SELECT s.invoice_id, s.id, s.due_date, s.issue_date, i.number, s.seq, s.open_amount
                           FROM instalment s JOIN invoice i ON i.id = s.invoice_id WHERE s.customer_id = @c AND s.open_amount > 0)
                       ORDER BY due_date, issue_date, number, seq`),
      customerSources: p(`SELECT * FROM (
                            SELECT 'payment' AS kind, id, date, reference AS key, unapplied FROM payment WHERE customer_id = @c AND unapplied > 0
                            UNION ALL
                            SELECT 'credit', id, date, number, unapplied FROM credit_note WHERE customer_id = @c AND unapplied > 0)
                          ORDER BY kind DESC, date, key`),
      paymentSource: p(`SELECT 'payment' AS kind, id, date, reference AS key, unapplied FROM payment WHERE id = ? AND unapplied > 0`),
    };
  }

  addInvoice(x: NewInvoice): number {
    const schedule = x.schedule && x.schedule.length > 0 ? x.schedule : null;
    if (schedule && schedule.reduce((s, i) => s + i.amount, 0) !== x.amount) {
      throw new Error(`The instalments of invoice ${x.number} do not add up to its amount`);
    }
    const amount = x.amount;
    const id = Number(
      this.s.insertInvoice.run(
        x.number,
        x.customerId,
        x.kind ?? 'invoice',
        x.issueDate,
        x.dueDate,
        amount,
        x.currency,
        x.poNumber ?? null,
        x.description ?? null,
        x.deliveryDate ?? null,
        schedule ? 1 : 0,
        amount,
        this.stamp(),
      ).lastInsertRowid,
    );
    schedule?.forEach((inst, i) =>
      this.s.insertInstalment.run(id, x.customerId, i + 1, x.issueDate, inst.dueDate, inst.amount, inst.amount),
    );
    this.touch(x.issueDate);
    this.markPending(x.customerId);
    return id;
  }

  /**
   * A payment naming an invoice (or a list of invoices and amounts) pays each up to what is
   * open. Whatever is left, and a payment naming none, is matched to the customer's open items oldest due first (see settle()).
   */
  addPayment(x: NewPayment, invoice?: InvoiceRow): PostResult {
    const chosen = x.allocations ?? [];
    const plan = x.invoiceId
      ? this.planForInvoice(x.customerId, x.invoiceId, x.amount, x.date, invoice)
      : chosen.flatMap((a) => this.planForInvoice(x.customerId, a.invoiceId, a.amount, x.date));
    // The row names the invoice it paid when it paid exactly one by the clerk's choice.
    const named = { ...x, invoiceId: x.invoiceId ?? (chosen.length === 1 ? chosen[0].invoiceId : null) };
    const posted = this.postCash('payment', this.s.insertPayment, named, x.reference, x.method ?? null, plan);
    if (posted.unapplied === 0) return posted;
    this.markPending(x.customerId, posted.id);
    return this.deferSettle ? posted : this.resultAfterSettle('payment', posted);
  }

  /** A credit naming an invoice reduces it; what is left is matched like cash when automatic application is on. */
  addCredit(x: NewCredit, invoice?: InvoiceRow): PostResult {
    const plan = x.invoiceId ? this.planForInvoice(x.customerId, x.invoiceId, x.amount, x.date, invoice) : [];
    const posted = this.postCash('credit', this.s.insertCredit, x, x.number, x.reason ?? null, plan);
    if (posted.unapplied === 0) return posted;
    this.markPending(x.customerId);
    return this.deferSettle ? posted : this.resultAfterSettle('credit', posted);
  }

  /** Whether unapplied cash and credits meet open items by themselves (ledger setting, on unless turned off). */
  autoApply(): boolean {
    return (this.s.autoApply.get() as string | undefined) !== '0';
  }

  /**
   * For entries written in bulk beside this class (bulk-postings.ts), called in the order a
   * row-by-row import would have posted them: the customer's cash is matched at the next flush.
   */
  expectSettle(customerId: number, paymentId?: number): void {
    this.markPending(customerId, paymentId);
  }

  /** For entries written in bulk: their latest date becomes the ledger's latest entry date at the next flush. */
  noteEntryDate(date: string): void {
    this.touch(date);
  }

  private markPending(customerId: number, paymentId?: number): void {
    let set = this.pending.get(customerId);
    if (!set) this.pending.set(customerId, (set = new Set()));
    if (paymentId !== undefined) set.add(paymentId);
    if (!this.deferSettle) this.settlePending();
  }

  private resultAfterSettle(kind: 'payment' | 'credit', posted: PostResult): PostResult {
    const row = (kind === 'payment' ? this.s.unapplied : this.s.creditUnapplied).get(posted.id) as { unapplied: number };
    return { id: posted.id, applied: posted.applied + posted.unapplied - row.unapplied, unapplied: row.unapplied };
  }

  private settlePending(): void {
    const auto = this.autoApply();
    for (const [customerId, payments] of this.pending) this.settle(customerId, auto ? null : payments);
    this.pending.clear();
  }

  /**
   * Matches a customer's unapplied cash and credits to their open items: payments first, then
   * credits, each by date and reference; items oldest due first. Payments go first so that a
   * ledger gets the same allocations whether its invoices were imported before or after the
   * cash (with payments imported before credits, as an accounting export lists them).
   * Each application takes effect on the later of the source's date and the item's issue date,
   * so history stays true: cash received before an invoice sits unapplied until it is issued.
   * The result depends only on what is on the ledger, not on the order it arrived in.
   * With automatic application off, only new payments that named no invoice are matched.
   */
  private settle(customerId: number, onlyPayments: Set<number> | null): void {
    const sources = (
      onlyPayments === null
        ? this.s.customerSources.all({ c: customerId })
        : [...onlyPayments].map((id) => this.s.paymentSource.get(id)).filter((r) => r !== undefined)
    ) as { kind: 'payment' | 'credit'; id: number; date: string; key: string; unapplied: number }[];
    if (sources.length === 0) return;
    const items = this.s.customerOpen.all({ c: customerId }) as OpenItem[];
    let next = 0;
    for (const src of sources) {
      const plan: Step[] = [];
      let remaining = src.unapplied;
      while (remaining > 0 && next < items.length) {
        const item = items[next];
        const take = Math.min(item.open_amount, remaining);
        plan.push({ item: { ...item }, take, date: maxDate(src.date, item.issue_date) });
        item.open_amount -= take;
        remaining -= take;
        if (item.open_amount === 0) next++;
      }
      if (plan.length === 0) break;
      this.execute({ kind: src.kind, id: src.id, customerId }, plan);
      (src.kind === 'payment' ? this.s.reducePayment : this.s.reduceCredit).run({ id: src.id, v: planTotal(plan), d: planLastDate(plan) });
    }
  }

  /** A payment or credit row, born with its final unapplied amount, then its allocations. */
  private postCash(
    kind: 'payment' | 'credit',
    insert: Statement,
    x: { customerId: number; date: string; amount: number; invoiceId?: number | null },
    key: string,
    note: string | null,
    plan: Step[],
  ): PostResult {
    const applied = planTotal(plan);
    const id = Number(
      insert.run(
        key,
        x.customerId,
        x.date,
        x.amount,
        note,
        x.invoiceId ?? null,
        x.amount - applied,
        planLastDate(plan),
        applied === x.amount ? planLastDate(plan) : OPEN_DATE,
        this.stamp(),
      ).lastInsertRowid,
    );
    this.touch(x.date);
    this.execute({ kind, id, customerId: x.customerId }, plan);
    return { id, applied, unapplied: x.amount - applied };
  }

  /** Writes off part or all of an invoice's open amount; never more than is open. */
  writeOff(x: NewWriteOff): number {
    const inv = this.s.invoice.get(x.invoiceId) as InvoiceRow | undefined;
    if (!inv || inv.customer_id !== x.customerId) throw new Error(`Invoice ${x.invoiceId} is not this customer's`);
    if (x.amount > inv.open_amount) throw new Error(`Cannot write off more than the ${inv.open_amount} open on invoice ${x.invoiceId}`);
    const plan = this.planForInvoice(x.customerId, x.invoiceId, x.amount, x.date);
    const id = Number(
      this.s.insertWriteOff.run(x.customerId, x.invoiceId, x.date, x.amount, x.reason, x.approvedBy ?? null, x.approvalNote ?? null, this.stamp())
        .lastInsertRowid,
    );
    this.touch(x.date);
    this.execute({ kind: 'write_off', id, customerId: x.customerId }, plan);
    return id;
  }

  /** Applies unapplied cash or credit, already on the ledger, to an invoice. */
  applyExisting(kind: 'payment' | 'credit', sourceId: number, invoiceId: number, amount?: number): number {
    const row = (kind === 'payment' ? this.s.unapplied : this.s.creditUnapplied).get(sourceId) as
      | { unapplied: number; date: string; customer_id: number }
      | undefined;
    if (!row) throw new Error(`No ${kind} ${sourceId}`);
    const plan = this.planForInvoice(row.customer_id, invoiceId, Math.min(row.unapplied, amount ?? row.unapplied), row.date);
    this.execute({ kind, id: sourceId, customerId: row.customer_id }, plan);
    const applied = planTotal(plan);
    if (applied > 0) {
      (kind === 'payment' ? this.s.reducePayment : this.s.reduceCredit).run({ id: sourceId, v: applied, d: planLastDate(plan) });
    }
    return applied;
  }

  /** Settles deferred cash, then records the newest date on the ledger; aging uses it to know when the fast path is exact. */
  flush(): void {
    this.settlePending();
    if (this.latest) this.s.touch.run({ v: this.latest });
    this.latest = '';
  }

  private touch(date: string): void {
    if (date > this.latest) this.latest = date;
  }

  /** How much of `limit` one invoice takes, instalments oldest first. Reads only. */
  private planForInvoice(customerId: number, invoiceId: number, limit: number, date: string, known?: InvoiceRow): Step[] {
    const inv = known?.id === invoiceId ? known : (this.s.invoice.get(invoiceId) as InvoiceRow | undefined);
    if (!inv || inv.customer_id !== customerId) throw new Error(`Invoice ${invoiceId} is not this customer's`);
    let remaining = Math.min(limit, inv.open_amount);
    if (remaining <= 0) return [];
    if (!inv.has_schedule) {
      return [{ item: { invoice_id: inv.id, instalment_id: null, issue_date: inv.issue_date, open_amount: inv.open_amount }, take: remaining, date: maxDate(date, inv.issue_date) }];
    }
    const plan: Step[] = [];
    for (const item of this.s.openInstalments.iterate(inv.id) as IterableIterator<OpenItem>) {
      const take = Math.min(item.open_amount, remaining);
      plan.push({ item, take, date: maxDate(date, item.issue_date) });
      remaining -= take;
      if (remaining === 0) break;
    }
    return plan;
  }

  /** Writes a plan: allocation rows, then the items' running balances and settled dates. */
  private execute(source: { kind: SourceKind; id: number; customerId: number }, plan: Step[]): void {
    for (const { item, take, date } of plan) {
      this.s.insertAllocation.run(source.customerId, source.kind, source.id, item.invoice_id, item.instalment_id, date, take);
      this.touch(date);
      if (item.instalment_id !== null) {
        this.s.reduceInstalment.run({ id: item.instalment_id, v: item.open_amount - take, d: date });
        this.s.reduceInvoiceBy.run({ id: item.invoice_id, v: take, d: date });
      } else {
        this.s.reduceInvoice.run({ id: item.invoice_id, v: item.open_amount - take, d: date });
      }
    }
  }
}

interface Step {
  item: OpenItem;
  take: number;
  /** When the allocation takes effect. */
  date: string;
}

function planTotal(plan: Step[]): number {
  return plan.reduce((s, p) => s + p.take, 0);
}

function planLastDate(plan: Step[]): string {
  return plan.reduce((d, p) => maxDate(d, p.date), '');
}
