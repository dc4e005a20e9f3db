import fs from 'node:fs';
import path from 'node:path';
import { agingReport } from '../../src-main/aging/aging-report';
import { DEFAULT_BUCKET_LIMITS } from '../../src-main/aging/buckets';
import { importSource, SourceRefused, type SourceImportInput } from '../../src-main/import/sync/source-import';
import { openTempLedger, snapshot } from '../support/temp-ledger';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'import');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

let t: Awaited<ReturnType<typeof openTempLedger>>;
beforeEach(async () => {
  t = await openTempLedger();
});
afterEach(() => t.cleanup());

const first = () => xero('xero-invoices.csv', { exportDate: '2026-12-01' });
function xero(file: string, extra: Partial<SourceImportInput>) {
  return importSource(t.ledger.db, { preset: 'xero', text: fixture(file), fallbackExportDate: '2026-12-15', now: () => new Date('2026-12-15T09:00:00Z'), ...extra });
}
const q = (sql: string, ...params: unknown[]) => t.ledger.db.prepare(sql).all(...params);

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a refusal');
}

describe('sync by snapshot (two Xero exports)', () => {
  it('a dry run lists what would change with the totals before and after, and changes nothing', () => {
    first();
    const before = snapshot(t.ledger);
    const dry = xero('xero-invoices-later.csv', { sync: true, dryRun: true });
    expect(snapshot(t.ledger)).toEqual(before);
    expect(dry).toMatchObject({ status: 'dry-run', exportDate: '2026-12-15', sync: true, invoicesAdded: 1, customersAdded: 0, creditsAdded: 0 });
    expect(dry.settlements).toEqual([
      { number: 'INV-0102', customerCode: 'HARBOUR-LIGHTS-CAFE', amount: 2000, reason: 'shrank' }, // 120.00 due → 100.00
      { number: 'INV-0101', customerCode: 'HARBOUR-LIGHTS-CAFE', amount: 25000, reason: 'disappeared' }, // its 250.00 open
    ]);
    expect(dry.dueDateChanges).toEqual([{ number: 'INV-0105', customerCode: 'PONSONBY-PRINT-LTD', from: '2026-07-31', to: '2026-08-31' }]);
    // Before: 370.00 + 950.00 + 75.50 = 1395.50; after: − 20.00 − 250.00 + 200.00 (INV-0107) = 1325.50.
    expect([dry.openBefore, dry.openAfter]).toEqual([139550, 132550]);
    // Xero still shows CN-0007 unallocated, so it lists INV-0103 at 1000.00 where Settle applied the credit.
    expect(dry.notes).toEqual(['Xero shows invoice INV-0103 owing $1,000.00; Settle has $950.00 open and keeps it (only a credit note or a correction would raise it).']);
  });

  it('applies the same changes in one go: settlements, the new invoice, a timeline note for the due date', () => {
    first();
    const applied = xero('xero-invoices-later.csv', { sync: true });
    expect(applied.status).toBe('imported');
    expect(q(`SELECT reference, amount, date FROM payment WHERE reference LIKE '%2026-12-15%' ORDER BY reference`)).toEqual([
      { reference: 'INV-0101 settled in Xero (export of 2026-12-15)', amount: 25000, date: '2026-12-15' },
      { reference: 'INV-0102 settled in Xero (export of 2026-12-15)', amount: 2000, date: '2026-12-15' },
    ]);
    expect(q(`SELECT a.summary FROM activity a JOIN customer c ON c.id = a.customer_id WHERE c.code = 'PONSONBY-PRINT-LTD'`)).toEqual([
      { summary: "Xero export of 2026-12-15: invoice INV-0105 is now due 2026-08-31 (was 2026-07-31). Settle's aging keeps the due date the invoice was issued with (2026-07-31)." },
    ]);
    expect(q(`SELECT source, export_date, open_before, open_after FROM import_snapshot ORDER BY id`)).toEqual([
      { source: 'xero', export_date: '2026-12-01', open_before: 0, open_after: 139550 },
      { source: 'xero', export_date: '2026-12-15', open_before: 139550, open_after: 132550 },
    ]);
    const report = agingReport(t.ledger.db, { asOf: '2026-12-15', basis: 'due', limits: DEFAULT_BUCKET_LIMITS });
    expect(Object.fromEntries(report.rows.map((r) => [r.customerCode, [...r.buckets]]))).toEqual({
      // INV-0101 is gone; INV-0102 (due 10 Dec, 5 days late) owes 100.00.
      'HARBOUR-LIGHTS-CAFE': [0, 10000, 0, 0, 0, 0],
      // INV-0103 due 14 Nov, 31 days late: 31-60, unchanged at 950.00.
      'KIWI-CRATE-CO': [0, 0, 95000, 0, 0, 0],
      // INV-0107 due 4 Jan: Current 200.00; INV-0105 keeps its due date 31 Jul, 137 days late: Over 120.
      'PONSONBY-PRINT-LTD': [20000, 0, 0, 0, 0, 7550],
    });
    // The same export again finds nothing left to do.
    const before = snapshot(t.ledger);
    const again = xero('xero-invoices-later.csv', { sync: true, dryRun: true });
    expect([again.settlements, again.dueDateChanges, again.invoicesAdded]).toEqual([[], [], 0]);
    expect(snapshot(t.ledger)).toEqual(before);
  });

  it('refuses an older export, and a second export without --sync, changing nothing', () => {
    first();
    const before = snapshot(t.ledger);
    const older = thrown(() => xero('xero-invoices-later.csv', { sync: true, exportDate: '2026-11-20' }));
    expect(older).toBeInstanceOf(SourceRefused);
    expect(older.message).toBe('This Xero export is of 2026-11-20, older than the one last applied (of 2026-12-01): nothing was imported. Import a newer export.');
    const unsynced = thrown(() => xero('xero-invoices-later.csv', {}));
    expect(unsynced.message).toMatch(/^This ledger already has the Xero export of 2026-12-01\. To bring it up to date from this one, import it with --sync/);
    expect(snapshot(t.ledger)).toEqual(before);
  });
});
