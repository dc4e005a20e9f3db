import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What may be asked for (src-main/collectable): a payment plan now covers named open items
 * (invoices, or instalments of a scheduled invoice), each up to an amount, instead of holding the
 * whole account. Plans made before this migration cover the customer's oldest open items up to
 * the plan's total, which is what the plan dialog said they would.
 */
export class Collectable1764288000000 implements MigrationInterface {
  name = 'Collectable1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plan_item (
        plan_id INTEGER NOT NULL REFERENCES payment_plan (id),
        invoice_id INTEGER NOT NULL REFERENCES invoice (id),
        instalment_id INTEGER REFERENCES instalment (id),
        amount INTEGER NOT NULL CHECK (amount > 0),
        position INTEGER NOT NULL CHECK (position >= 1),
        PRIMARY KEY (plan_id, position)
      ) STRICT, WITHOUT ROWID`);
    await q.query(`CREATE INDEX plan_item_invoice_ix ON plan_item (invoice_id)`);

    const plans = (await q.query(
      `SELECT id, customer_id AS customerId, total FROM payment_plan WHERE status IN ('proposed', 'signed') ORDER BY id`,
    )) as { id: number; customerId: number; total: number }[];
    for (const p of plans) {
      const items = (await q.query(
        `SELECT id AS invoiceId, NULL AS instalmentId, open_amount AS open, due_date, issue_date, number, 0 AS seq
           FROM invoice WHERE customer_id = ? AND open_amount > 0 AND has_schedule = 0
         UNION ALL
         SELECT s.invoice_id, s.id, s.open_amount, s.due_date, s.issue_date, i.number, s.seq
           FROM instalment s JOIN invoice i ON i.id = s.invoice_id WHERE s.customer_id = ? AND s.open_amount > 0
         ORDER BY 4, 5, 6, 7`,
        [p.customerId, p.customerId],
      )) as { invoiceId: number; instalmentId: number | null; open: number }[];
      let left = p.total;
      let position = 0;
      for (const it of items) {
        if (left <= 0) break;
        const take = Math.min(left, it.open);
        left -= take;
        await q.query(`INSERT INTO plan_item (plan_id, invoice_id, instalment_id, amount, position) VALUES (?, ?, ?, ?, ?)`, [
          p.id,
          it.invoiceId,
          it.instalmentId,
          take,
          ++position,
        ]);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE plan_item`);
  }
}
