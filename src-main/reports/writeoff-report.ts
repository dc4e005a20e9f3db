import type { Database } from 'better-sqlite3';
import type { WriteOffReport, WriteOffReportRow } from '../contract/reports';
import { monthOf } from './months';

/**
 * Write-offs and recoveries dated in [from, to], from the tables writeoffs/ keeps. A recovery is
 * money received after a write-off and never touches receivables (write-off-service.ts), so it
 * is reported beside the write-offs; net is written off less recovered.
 */
export function writeOffReport(db: Database, from: string, to: string): WriteOffReport {
  const rows = db
    .prepare(
      `SELECT kind, date, customerCode, customerName, invoiceNumber, amount, detail FROM (
         SELECT 'write_off' AS kind, w.date, c.code AS customerCode, c.name AS customerName, i.number AS invoiceNumber, w.amount, w.reason AS detail, w.id
           FROM write_off w JOIN customer c ON c.id = w.customer_id JOIN invoice i ON i.id = w.invoice_id
          WHERE w.date BETWEEN @from AND @to
         UNION ALL
         SELECT 'recovery', r.date, c.code, c.name, i.number, r.amount, r.reference, r.id
           FROM recovery r JOIN write_off w ON w.id = r.write_off_id JOIN customer c ON c.id = r.customer_id JOIN invoice i ON i.id = w.invoice_id
          WHERE r.date BETWEEN @from AND @to)
        ORDER BY date, kind DESC, id`,
    )
    .all({ from, to }) as WriteOffReportRow[];
  const months = new Map<string, { month: string; writtenOff: number; recovered: number }>();
  const total = { writtenOff: 0, recovered: 0, net: 0, writeOffs: 0, recoveries: 0 };
  for (const r of rows) {
    const m = months.get(monthOf(r.date)) ?? { month: monthOf(r.date), writtenOff: 0, recovered: 0 };
    months.set(m.month, m);
    if (r.kind === 'write_off') {
      m.writtenOff += r.amount;
      total.writtenOff += r.amount;
      total.writeOffs++;
    } else {
      m.recovered += r.amount;
      total.recovered += r.amount;
      total.recoveries++;
    }
  }
  total.net = total.writtenOff - total.recovered;
  return { from, to, rows, months: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)), total };
}
