import type BetterSqlite3 from 'better-sqlite3';

const OPEN_DATE = '9999-12-31';
/** Enough to say what is wrong; a ledger broken everywhere does not need a million lines. */
const MAX_PER_CHECK = 20;

interface Check {
  /** Tables the check reads; it is skipped for an older file that lacks one. */
  tables: string[];
  sql: string;
  describe(row: Record<string, unknown>): string;
}

const allocatedTo = (column: string, where = '') =>
  `(SELECT ${column} AS id, SUM(amount) AS total FROM allocation WHERE ${column} IS NOT NULL ${where} GROUP BY ${column})`;

/**
 * What `Postings` keeps true of every ledger (docs/ledger-schema.md, "Derived columns" and
 * "Invariants"): each running balance equals its amount less the allocations to or from it, a
 * write-off is allocated in full, instalments add up to their invoice, and an item or source is
 * marked settled exactly when nothing is left open. Each check is one SQL statement.
 */
const CHECKS: Check[] = [
  {
    tables: ['invoice', 'allocation'],
    sql: `SELECT i.id, i.number, i.amount, i.open_amount AS open, COALESCE(a.total, 0) AS allocated
            FROM invoice i LEFT JOIN ${allocatedTo('invoice_id')} a ON a.id = i.id
           WHERE i.open_amount <> i.amount - COALESCE(a.total, 0)`,
    describe: (r) => `invoice ${r.number} (id ${r.id}): open amount ${r.open} but amount ${r.amount} less allocations ${r.allocated} is ${Number(r.amount) - Number(r.allocated)}`,
  },
  {
    tables: ['instalment', 'invoice', 'allocation'],
    sql: `SELECT s.id, i.number, s.seq, s.amount, s.open_amount AS open, COALESCE(a.total, 0) AS allocated
            FROM instalment s JOIN invoice i ON i.id = s.invoice_id LEFT JOIN ${allocatedTo('instalment_id')} a ON a.id = s.id
           WHERE s.open_amount <> s.amount - COALESCE(a.total, 0)`,
    describe: (r) =>
      `instalment ${r.seq} of invoice ${r.number} (id ${r.id}): open amount ${r.open} but amount ${r.amount} less allocations ${r.allocated} is ${Number(r.amount) - Number(r.allocated)}`,
  },
  {
    tables: ['instalment', 'invoice'],
    sql: `SELECT i.id, i.number, i.amount, i.open_amount AS open, i.has_schedule AS scheduled, COUNT(s.id) AS parts,
                 COALESCE(SUM(s.amount), 0) AS parts_amount, COALESCE(SUM(s.open_amount), 0) AS parts_open
            FROM invoice i LEFT JOIN instalment s ON s.invoice_id = i.id
           GROUP BY i.id
          HAVING (i.has_schedule = 0 AND COUNT(s.id) > 0)
              OR (i.has_schedule = 1 AND (COALESCE(SUM(s.amount), 0) <> i.amount OR COALESCE(SUM(s.open_amount), 0) <> i.open_amount))`,
    describe: (r) =>
      Number(r.scheduled) === 0
        ? `invoice ${r.number} (id ${r.id}) has no schedule but ${r.parts} instalments`
        : `invoice ${r.number} (id ${r.id}): its instalments add up to ${r.parts_amount} (open ${r.parts_open}), the invoice is ${r.amount} (open ${r.open})`,
  },
  {
    tables: ['payment', 'allocation'],
    sql: `SELECT p.id, p.reference, p.amount, p.unapplied, COALESCE(a.total, 0) AS allocated
            FROM payment p LEFT JOIN ${allocatedTo('source_id', `AND source_kind = 'payment'`)} a ON a.id = p.id
           WHERE p.unapplied <> p.amount - COALESCE(a.total, 0)`,
    describe: (r) => `payment ${r.reference} (id ${r.id}): unapplied ${r.unapplied} but amount ${r.amount} less allocations ${r.allocated} is ${Number(r.amount) - Number(r.allocated)}`,
  },
  {
    tables: ['credit_note', 'allocation'],
    sql: `SELECT c.id, c.number, c.amount, c.unapplied, COALESCE(a.total, 0) AS allocated
            FROM credit_note c LEFT JOIN ${allocatedTo('source_id', `AND source_kind = 'credit'`)} a ON a.id = c.id
           WHERE c.unapplied <> c.amount - COALESCE(a.total, 0)`,
    describe: (r) => `credit note ${r.number} (id ${r.id}): unapplied ${r.unapplied} but amount ${r.amount} less allocations ${r.allocated} is ${Number(r.amount) - Number(r.allocated)}`,
  },
  {
    tables: ['write_off', 'allocation'],
    sql: `SELECT w.id, w.amount, COALESCE(a.total, 0) AS allocated
            FROM write_off w LEFT JOIN ${allocatedTo('source_id', `AND source_kind = 'write_off'`)} a ON a.id = w.id
           WHERE w.amount <> COALESCE(a.total, 0)`,
    describe: (r) => `write-off ${r.id}: amount ${r.amount} but ${r.allocated} allocated`,
  },
  {
    tables: ['allocation', 'payment', 'credit_note', 'write_off'],
    sql: `SELECT a.id, a.source_kind AS kind, a.source_id AS source FROM allocation a
           WHERE NOT EXISTS (SELECT 1 FROM payment p WHERE a.source_kind = 'payment' AND p.id = a.source_id)
             AND NOT EXISTS (SELECT 1 FROM credit_note c WHERE a.source_kind = 'credit' AND c.id = a.source_id)
             AND NOT EXISTS (SELECT 1 FROM write_off w WHERE a.source_kind = 'write_off' AND w.id = a.source_id)`,
    describe: (r) => `allocation ${r.id}: its ${r.kind} ${r.source} does not exist`,
  },
  ...(
    [
      ['invoice', 'open_amount', 'number'],
      ['instalment', 'open_amount', 'id'],
      ['payment', 'unapplied', 'reference'],
      ['credit_note', 'unapplied', 'number'],
    ] as const
  ).map(([table, balance, label]) => ({
    tables: [table],
    sql: `SELECT id, ${label} AS label, ${balance} AS balance, settled_date FROM ${table}
           WHERE (${balance} > 0 AND settled_date <> '${OPEN_DATE}') OR (${balance} = 0 AND settled_date = '${OPEN_DATE}')`,
    describe: (r: Record<string, unknown>) =>
      `${table.replace('_', ' ')} ${r.label} (id ${r.id}): ${Number(r.balance) > 0 ? `${r.balance} still open but marked settled on ${r.settled_date}` : 'nothing left open but not marked settled'}`,
  })),
];

/**
 * Problems with the ledger's balances, in words; empty when they all add up. Restoring a backup
 * refuses a file with any.
 */
export function checkLedgerInvariants(db: BetterSqlite3.Database): string[] {
  const tables = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]);
  const problems: string[] = [];
  for (const check of CHECKS) {
    if (!check.tables.every((t) => tables.has(t))) continue;
    const rows = db.prepare(`${check.sql} LIMIT ${MAX_PER_CHECK + 1}`).all() as Record<string, unknown>[];
    for (const row of rows.slice(0, MAX_PER_CHECK)) problems.push(check.describe(row));
    if (rows.length > MAX_PER_CHECK) problems.push('… and more like it');
  }
  return problems;
}
