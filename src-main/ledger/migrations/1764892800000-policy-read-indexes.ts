import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reads the escalation policy makes on every run. Invoices delivered lately (the
 * delivery-confirmation step) were found by scanning the invoice table; indexed, a handful of
 * rows out of a million. And the open-invoice index now carries the invoice's kind, so reading a
 * few thousand customers' open items (collectable/collectable.ts, for a run that redoes only what
 * changed) never visits the table: ten thousand random row reads cost ~100 ms at 1M invoices.
 * The open invoices by due date answer "whose items fall due, or reach a step, on these days"
 * (policy/policy-scope.ts) from the day's few thousand entries instead of all open invoices.
 */
export class PolicyReadIndexes1764892800000 implements MigrationInterface {
  name = 'PolicyReadIndexes1764892800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX invoice_delivery_ix ON invoice (delivery_date) WHERE delivery_date IS NOT NULL`);
    await q.query(`DROP INDEX invoice_open_ix`);
    await q.query(`CREATE INDEX invoice_open_ix ON invoice (customer_id, due_date, issue_date, number, open_amount, kind) WHERE open_amount > 0 AND has_schedule = 0`);
    await q.query(`CREATE INDEX invoice_open_due_ix ON invoice (due_date, customer_id) WHERE open_amount > 0 AND has_schedule = 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX invoice_open_due_ix`);
    await q.query(`DROP INDEX invoice_open_ix`);
    await q.query(`CREATE INDEX invoice_open_ix ON invoice (customer_id, due_date, issue_date, number, open_amount) WHERE open_amount > 0 AND has_schedule = 0`);
    await q.query(`DROP INDEX invoice_delivery_ix`);
  }
}
