import fc from 'fast-check';
import { importSource, SourceRefused } from '../../src-main/import/sync/source-import';
import { Postings } from '../../src-main/ledger/postings';
import { openTempLedger, snapshot } from '../support/temp-ledger';

/*
 * Model-based test of sync by snapshot. Random sequences of Xero exports of a handful of
 * invoices (each export may add an invoice, pay some of one down, drop one, move a due date),
 * dry runs, and exports older than the last one, go through the real import. The oracle keeps
 * only what the latest export said: an invoice it lists is open for its amount due, one an
 * earlier export listed and it does not is open for nothing, one never listed does not exist;
 * an invoice from outside the source, and its payment, never move.
 */

const POOL = 4;
const AMOUNT = (i: number) => 10000 + i * 1000;
const HEADER = 'ContactName,InvoiceNumber,InvoiceDate,DueDate,Total,InvoiceAmountDue,Type';

type Step =
  | { op: 'export'; changes: { item: number; act: 'list' | 'pay' | 'drop' | 'move'; cents: number }[]; dry: boolean }
  | { op: 'older' };

interface Listed {
  due: number;
  dueDate: string;
}

class Oracle {
  /** What the latest export applied says of each invoice; undefined: never listed. */
  readonly state = new Map<number, Listed | 'gone'>();
  day = 1;

  next(changes: { item: number; act: string; cents: number }[]): Map<number, Listed | 'gone'> {
    const s = new Map(this.state);
    for (const c of changes) {
      const cur = s.get(c.item);
      if (c.act === 'list' && cur === undefined) s.set(c.item, { due: AMOUNT(c.item) - (c.cents % AMOUNT(c.item)), dueDate: '2026-03-01' });
      if (cur === undefined || cur === 'gone') continue;
      // Only what the source can do to an invoice: pay it down, drop it (paid), agree a new due date.
      if (c.act === 'pay') s.set(c.item, { ...cur, due: Math.max(0, cur.due - c.cents) });
      if (c.act === 'drop') s.set(c.item, 'gone');
      if (c.act === 'move') s.set(c.item, { ...cur, dueDate: cur.dueDate === '2026-03-01' ? '2026-04-15' : '2026-03-01' });
    }
    // Listed and dropped before any export carried it: no export ever listed it.
    for (const [i, v] of s) if (v === 'gone' && this.state.get(i) === undefined) s.delete(i);
    return s;
  }
}

function exportText(state: Map<number, Listed | 'gone'>): string {
  const rows = [...state.entries()].flatMap(([i, s]) =>
    s === 'gone' ? [] : [`Customer ${i % 2},INV-${i},2026-01-15,${s.dueDate},${(AMOUNT(i) / 100).toFixed(2)},${(s.due / 100).toFixed(2)},Sales invoice`],
  );
  return [HEADER, ...rows].join('\n');
}

describe('sync by snapshot (model-based)', () => {
  it('after every export each invoice is open for what the latest export says, and nothing else moves', async () => {
    const change = fc.record({ item: fc.nat(POOL - 1), act: fc.constantFrom<'list' | 'pay' | 'drop' | 'move'>('list', 'list', 'pay', 'drop', 'move'), cents: fc.integer({ min: 1, max: 9000 }) });
    const step = fc.oneof(
      { weight: 5, arbitrary: fc.record({ op: fc.constant('export' as const), changes: fc.array(change, { maxLength: 4 }), dry: fc.boolean() }) },
      { weight: 1, arbitrary: fc.constant<Step>({ op: 'older' }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const t = await openTempLedger();
        try {
          const db = t.ledger.db;
          // An invoice from outside the source, part paid: no export may touch it.
          db.exec(`INSERT INTO customer (code, name, created_at, updated_at) VALUES ('OTHER', 'Other Ltd', 'x', 'x')`);
          const other = db.prepare(`SELECT id FROM customer WHERE code = 'OTHER'`).pluck().get() as number;
          const p = new Postings(db);
          const otherInvoice = p.addInvoice({ number: 'OUT-1', customerId: other, issueDate: '2026-01-02', dueDate: '2026-02-01', amount: 7000, currency: 'USD' });
          p.addPayment({ reference: 'OUT-PAY', customerId: other, date: '2026-01-20', amount: 2500, invoiceId: otherInvoice });

          const oracle = new Oracle();
          let notes = 0;
          for (const s of steps) {
            const before = snapshot(t.ledger);
            if (s.op === 'older') {
              if (oracle.day === 1) continue; // Nothing applied yet: no export is older than none.
              let err: unknown = null;
              try {
                importSource(db, { preset: 'xero', text: exportText(oracle.state), exportDate: '2026-06-01', fallbackExportDate: '', sync: true });
              } catch (e) {
                err = e;
              }
              expect(err).toBeInstanceOf(SourceRefused);
              expect(snapshot(t.ledger)).toEqual(before);
              continue;
            }
            const next = oracle.next(s.changes);
            const exportDate = `2026-07-${String(oracle.day + 1).padStart(2, '0')}`;
            const moved = [...next.entries()].filter(([i, v]) => {
              const was = oracle.state.get(i);
              return v !== 'gone' && was !== undefined && was !== 'gone' && was.dueDate !== v.dueDate;
            }).length;
            if (![...next.values()].some((v) => v !== 'gone')) {
              // An export listing nothing is refused rather than read as "everything was paid".
              expect(() => importSource(db, { preset: 'xero', text: exportText(next), exportDate, fallbackExportDate: '', sync: true })).toThrow(/nothing was imported/);
              expect(snapshot(t.ledger)).toEqual(before);
              continue;
            }
            const result = importSource(db, { preset: 'xero', text: exportText(next), exportDate, fallbackExportDate: '', sync: true, dryRun: s.dry });
            if (s.dry) {
              expect(snapshot(t.ledger)).toEqual(before);
              continue;
            }
            expect(result.dueDateChanges.length).toBe(moved);
            notes += moved;
            oracle.state.clear();
            for (const [k, v] of next) oracle.state.set(k, v);
            oracle.day++;

            const open = Object.fromEntries((db.prepare(`SELECT number, open_amount FROM invoice`).all() as { number: string; open_amount: number }[]).map((r) => [r.number, r.open_amount]));
            const expected: Record<string, number> = { 'OUT-1': 4500 };
            for (const [i, v] of oracle.state) expected[`INV-${i}`] = v === 'gone' ? 0 : v.due;
            expect(open).toEqual(expected);
            expect(db.prepare(`SELECT unapplied FROM payment WHERE reference = 'OUT-PAY'`).pluck().get()).toBe(0);
            expect(db.prepare(`SELECT COUNT(*) FROM activity`).pluck().get()).toBe(notes);
            // Every settlement is exactly used on its own invoice: no cash is left over.
            expect(db.prepare(`SELECT IFNULL(SUM(unapplied), 0) FROM payment`).pluck().get()).toBe(0);
          }
        } finally {
          await t.cleanup();
        }
      }),
      { numRuns: 40 },
    );
  });
});
