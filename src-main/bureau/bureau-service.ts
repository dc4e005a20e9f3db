import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ArchiveCheck } from '../contract/letters';
import type { BureauAmounts, BureauExported, BureauFileRecord, BureauLayout, BureauPreview, BureauReconciliationLine } from '../contract/bureau';
import type { ExportedFile } from '../contract/entries';
import { ServiceError } from '../contract/service-error';
import { archivedPath, checkArchivedFile, storeArchivedFile, verifyArchive } from '../letters/sending/archive';
import { writeTransaction } from '../ledger/write-transaction';
import { ledgerCurrency } from '../money/ledger-money';
import { bureauFigures, type BureauFigures } from './bureau-figures';
import { bureauCsv, bureauTable, type BureauTable } from './bureau-layouts';

const CSV = 'text/csv';

interface FileRow {
  id: number;
  as_of: string;
  layout: BureauLayout;
  made_at: string;
  rows: number;
  customers: number;
  current_amount: number;
  days_1_30: number;
  days_31_60: number;
  days_61_90: number;
  days_91_plus: number;
  balance: number;
  disputed_items: number;
  disputed_amount: number;
  consumers_left_out: number;
  path: string;
  sha256: string;
  bytes: number;
}

function toRecord(r: FileRow): BureauFileRecord {
  return {
    id: r.id,
    asOf: r.as_of,
    layout: r.layout,
    madeAt: r.made_at,
    rows: r.rows,
    customers: r.customers,
    totals: { buckets: [r.current_amount, r.days_1_30, r.days_31_60, r.days_61_90, r.days_91_plus], balance: r.balance },
    disputed: { count: r.disputed_items, amount: r.disputed_amount },
    consumersLeftOut: r.consumers_left_out,
    path: r.path,
    fileName: r.path.slice(r.path.lastIndexOf('/') + 1),
    sha256: r.sha256,
    bytes: r.bytes,
  };
}

const minus = (a: BureauAmounts, ...parts: BureauAmounts[]): BureauAmounts => ({
  buckets: a.buckets.map((b, k) => parts.reduce((s, p) => s - p.buckets[k], b)),
  unapplied: parts.reduce((s, p) => s - p.unapplied, a.unapplied),
  balance: parts.reduce((s, p) => s - p.balance, a.balance),
});

const same = (a: BureauAmounts, b: BureauAmounts) => a.balance === b.balance && a.unapplied === b.unapplied && a.buckets.every((x, k) => x === b.buckets[k]);

/**
 * The aging report as of the date, less what is never reported, side by side with the file. For
 * the invoices layout the businesses' unapplied cash and credits are a line of their own: they are
 * no open item, so that file leaves them out (the trade layout nets them in each balance).
 */
export function reconcile(figures: BureauFigures, table: BureauTable, layout: BureauLayout): { lines: BureauReconciliationLine[]; reconciles: boolean } {
  const aging: BureauAmounts = { buckets: figures.aging.buckets, unapplied: figures.aging.unapplied, balance: figures.aging.total };
  const consumers: BureauAmounts = { buckets: figures.consumers.buckets, unapplied: figures.consumers.unapplied, balance: figures.consumers.total };
  const disputed: BureauAmounts = { buckets: figures.disputed.buckets, unapplied: 0, balance: figures.disputed.amount };
  const parts = [consumers, disputed];
  const lines: BureauReconciliationLine[] = [
    { key: 'aging', label: 'Aging report, all customers', count: figures.aging.customers, ...aging },
    { key: 'consumers', label: 'Less consumers (never reported)', count: figures.consumers.customers, ...consumers },
    { key: 'disputed', label: 'Less disputed items', count: figures.disputed.count, ...disputed },
  ];
  if (layout === 'invoices') {
    const u = aging.unapplied - consumers.unapplied;
    const unapplied: BureauAmounts = { buckets: aging.buckets.map(() => 0), unapplied: u, balance: u };
    parts.push(unapplied);
    const customers = figures.customers.filter((c) => c.unapplied !== 0).length;
    lines.push({ key: 'unapplied', label: 'Less unapplied cash and credits (not open items)', count: customers, ...unapplied });
  }
  lines.push({ key: 'file', label: 'Bureau file', count: table.rows.length, ...table.totals });
  return { lines, reconciles: same(minus(aging, ...parts), table.totals) };
}

export class BureauService {
  constructor(
    private readonly db: Database,
    private readonly ledgerPath: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  preview(input: { asOf: string; layout: BureauLayout; limit: number }): BureauPreview {
    // One read transaction: every figure from the same snapshot, whatever another program writes meanwhile.
    const { figures, table } = this.db.transaction(() => this.make(input.asOf, input.layout)).deferred();
    const { lines, reconciles } = reconcile(figures, table, input.layout);
    return {
      asOf: input.asOf,
      layout: input.layout,
      currency: ledgerCurrency(this.db),
      columns: table.columns,
      rows: table.rows.slice(0, input.limit),
      rowCount: table.rows.length,
      totals: table.totals,
      disputed: { count: figures.disputed.count, amount: figures.disputed.amount },
      consumersLeftOut: figures.consumers.customers,
      reconciliation: lines,
      reconciles,
    };
  }

  /**
   * Writes the file into the archive (`<ledger>-archive/bureau/YYYY/MM/…csv`), records it with its
   * SHA-256 and what it says, and returns the record with the same bytes for the user to save.
   * A file whose totals do not reconcile with the aging is refused rather than sent to a bureau.
   */
  export(input: { asOf: string; layout: BureauLayout }): BureauExported {
    const madeAt = this.now().toISOString();
    const stamp = madeAt.replace(/[-:]/g, '').slice(0, 15);
    const fileName = `bureau-${input.layout}-${input.asOf}-${ledgerCurrency(this.db)}-${stamp}-${randomBytes(2).toString('hex')}.csv`;
    const stored = `${input.asOf.slice(0, 4)}/${input.asOf.slice(5, 7)}/${fileName}`;
    // Read and recorded under the write lock, so the file says what the ledger held when it was made.
    const { id, content } = writeTransaction(this.db, () => {
      const { figures, table } = this.make(input.asOf, input.layout);
      if (!reconcile(figures, table, input.layout).reconciles) {
        throw new ServiceError('internal', `The bureau file as of ${input.asOf} does not reconcile with the aging report; nothing was written.`);
      }
      const bytes = Buffer.from(bureauCsv(table), 'utf8');
      const fileId = storeArchivedFile(this.ledgerPath, 'bureau', stored, bytes, (digest) => {
        const [current, d30, d60, d90, d91] = table.totals.buckets;
        return Number(
          this.db
            .prepare(
              `INSERT INTO bureau_file (as_of, layout, made_at, rows, customers, current_amount, days_1_30, days_31_60, days_61_90, days_91_plus, balance,
                                        disputed_items, disputed_amount, consumers_left_out, path, sha256, bytes)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(input.asOf, input.layout, madeAt, table.rows.length, figures.customers.length, current, d30, d60, d90, d91, table.totals.balance,
              figures.disputed.count, figures.disputed.amount, figures.consumers.customers, stored, digest.sha256, digest.bytes).lastInsertRowid,
        );
      });
      return { id: fileId, content: bytes };
    })();
    return { record: this.record(id), file: { fileName, mimeType: CSV, base64: content.toString('base64') } };
  }

  list(): BureauFileRecord[] {
    return (this.db.prepare('SELECT * FROM bureau_file ORDER BY id DESC').all() as FileRow[]).map(toRecord);
  }

  /** An archived file, checked against its SHA-256 first: an altered file is refused, never served as the one made. */
  file(id: number): ExportedFile {
    const row = this.db.prepare('SELECT * FROM bureau_file WHERE id = ?').get(id) as FileRow | undefined;
    if (!row) throw new ServiceError('not_found', `There is no bureau file ${id}.`);
    const problem = checkArchivedFile(this.ledgerPath, row, 'bureau');
    if (problem === 'missing') throw new ServiceError('not_found', `The bureau file ${row.path} is missing from the archive. Run "settle bureau verify" to check the whole archive.`);
    if (problem) throw new ServiceError('conflict', `The bureau file ${row.path} has been altered since it was made (its SHA-256 no longer matches), so it is not given out as the file made.`);
    return { fileName: toRecord(row).fileName, mimeType: CSV, base64: fs.readFileSync(archivedPath(this.ledgerPath, row.path, 'bureau')).toString('base64') };
  }

  verify(): ArchiveCheck {
    return verifyArchive(this.db, this.ledgerPath, 'bureau');
  }

  private record(id: number): BureauFileRecord {
    return toRecord(this.db.prepare('SELECT * FROM bureau_file WHERE id = ?').get(id) as FileRow);
  }

  private make(asOf: string, layout: BureauLayout): { figures: BureauFigures; table: BureauTable } {
    const figures = bureauFigures(this.db, asOf, { highCredit: layout === 'trade' });
    return { figures, table: bureauTable(figures, layout) };
  }
}
