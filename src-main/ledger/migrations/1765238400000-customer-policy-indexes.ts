import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two reads of the customer table the policy's next-day run makes (policy/policy-scope.ts,
 * policy-run.ts), which at 100,000 customers cost a random page of the wide customer table per
 * customer (addresses and notes make it ~5,000 pages):
 * - the customers with a collection profile (a profile moves a step's days, so its customers'
 *   items fall on dates of their own): the scope joined the customer row of every item falling
 *   on such a date, a couple of thousand reads, almost always to find no profile at all;
 * - the kind, status and profile of the few thousand customers in scope: from a narrow index
 *   (~700 pages) they take a fifth of the page reads.
 */
export class CustomerPolicyIndexes1765238400000 implements MigrationInterface {
  name = 'CustomerPolicyIndexes1765238400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX customer_profile_ix ON customer (profile) WHERE profile IS NOT NULL`);
    await q.query(`CREATE INDEX customer_policy_ix ON customer (id, kind, status, profile)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX customer_policy_ix`);
    await q.query(`DROP INDEX customer_profile_ix`);
  }
}
