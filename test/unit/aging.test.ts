import { agingCsv, agingJson, agingTable } from '../../src-main/aging/aging-format';
import { agingReport } from '../../src-main/aging/aging-report';
import { bucketIndex, bucketLabels, parseBucketLimits } from '../../src-main/aging/buckets';
import { Postings } from '../../src-main/ledger/postings';
import { openTempLedger } from '../support/temp-ledger';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let post: Postings;
const ids: Record<string, number> = {};

function customer(code: string, name: string) {
  ids[code] = Number(
    t.ledger.db
      .prepare(`INSERT INTO customer (code, name, created_at, updated_at) VALUES (?, ?, 'x', 'x')`)
      .run(code, name).lastInsertRowid,
  );
}

function invoice(number: string, code: string, issueDate: string, dueDate: string, amount: number, schedule?: { dueDate: string; amount: number }[]) {
  const id = post.addInvoice({ number, customerId: ids[code], issueDate, dueDate, amount, currency: 'USD', schedule });
  post.flush();
  return id;
}

beforeEach(async () => {
  t = await openTempLedger();
  post = new Postings(t.ledger.db);
  customer('BETA', 'Beta Foods');
  customer('ACME', 'Acme Supply');
  customer('ZULU', 'Zulu Idle');
});
afterEach(() => t.cleanup());

const aging = (asOf: string, basis: 'due' | 'issue' = 'due', limits = [30, 60, 90, 120]) => agingReport(t.ledger.db, { asOf, basis, limits });

describe('buckets', () => {
  it('labels and places days past due', () => {
    expect(bucketLabels([30, 60, 90, 120])).toEqual(['Current', '1-30', '31-60', '61-90', '91-120', 'Over 120']);
    expect([-5, 0, 1, 30, 31, 120, 121].map((d) => bucketIndex(d, [30, 60, 90, 120]))).toEqual([0, 0, 1, 1, 2, 4, 5]);
    expect(parseBucketLimits('15, 45')).toEqual([15, 45]);
    expect(() => parseBucketLimits('60,30')).toThrow(/increase/);
    expect(() => parseBucketLimits('30,x')).toThrow(/whole numbers/);
  });
});

describe('aging', () => {
  beforeEach(() => {
    invoice('A-1', 'ACME', '2026-01-01', '2026-01-31', 10_000); // due 01-31
    invoice('A-2', 'ACME', '2026-02-20', '2026-03-22', 20_000);
    invoice('A-3', 'ACME', '2026-04-01', '2026-05-01', 30_000);
    invoice('B-1', 'BETA', '2025-10-01', '2025-10-31', 5_000);
    invoice('B-2', 'BETA', '2026-04-10', '2026-04-10', 7_000, [
      { dueDate: '2026-04-10', amount: 3_000 },
      { dueDate: '2026-05-10', amount: 4_000 },
    ]);
    post.addPayment({ reference: 'P-1', customerId: ids.ACME, date: '2026-03-01', amount: 4_000, invoiceId: null }); // pays A-1 part
    post.addPayment({ reference: 'P-2', customerId: ids.BETA, date: '2026-04-15', amount: 10_000, invoiceId: null }); // B-1, then B-2's first instalment, 2,000 left
    post.flush();
  });

  it('buckets each open invoice and instalment by days past due, with unapplied cash negative', () => {
    const r = aging('2026-05-01');
    expect(r.buckets).toEqual(['Current', '1-30', '31-60', '61-90', '91-120', 'Over 120']);
    expect(r.rows.map((x) => [x.customerCode, x.buckets, x.unapplied, x.total])).toEqual([
      // 6,000 open, 90 days past due; A-2: 40 days; A-3 due today: Current.
      ['ACME', [30_000, 0, 20_000, 6_000, 0, 0], 0, 56_000],
      // P-2 paid B-1 and B-2's first instalment, then 2,000 of the second, which is not yet due.
      ['BETA', [2_000, 0, 0, 0, 0, 0], 0, 2_000],
    ]);
    expect(r.totals).toEqual({ buckets: [32_000, 0, 20_000, 6_000, 0, 0], unapplied: 0, total: 58_000 });
  });

  it('as of a past date counts only what was issued and paid by then', () => {
    const r = aging('2026-02-28');
    expect(r.rows.map((x) => [x.customerCode, x.buckets, x.unapplied, x.total])).toEqual([
      ['ACME', [20_000, 10_000, 0, 0, 0, 0], 0, 30_000],
      ['BETA', [0, 0, 0, 0, 5_000, 0], 0, 5_000],
    ]);
  });

  it('shows unapplied cash as a negative amount beside the buckets', () => {
    post.addPayment({ reference: 'P-3', customerId: ids.BETA, date: '2026-05-02', amount: 9_000, invoiceId: null });
    post.flush();
    const beta = aging('2026-05-02').rows.find((x) => x.customerCode === 'BETA')!;
    expect(beta).toMatchObject({ buckets: [0, 0, 0, 0, 0, 0], unapplied: -7_000, total: -7_000 });
  });

  it('ages by invoice date on request, with any bucket list', () => {
    const r = aging('2026-05-01', 'issue', [45]);
    expect(r.buckets).toEqual(['Current', '1-45', 'Over 45']);
    const acme = r.rows.find((x) => x.customerCode === 'ACME')!;
    // A-3 issued 30 days before, A-2 70 days, A-1 120 days.
    expect(acme.buckets).toEqual([0, 30_000, 26_000]);
  });

  it('gives the same answer from running balances and from history', () => {
    const latest = aging('2026-05-01');
    expect(agingReport(t.ledger.db, { asOf: '2026-05-01', basis: 'due', limits: [30, 60, 90, 120] }, 'history')).toEqual(latest);
  });

  it('formats as JSON in minor units, CSV in decimals and an aligned table', () => {
    const r = aging('2026-05-01');
    expect(agingJson(r).rows[0]).toEqual({ customerCode: 'ACME', customerName: 'Acme Supply', buckets: [30_000, 0, 20_000, 6_000, 0, 0], unapplied: 0, total: 56_000 });
    const csv = agingCsv(r).trim().split('\n');
    expect(csv[0]).toBe('customer_code,customer_name,Current,1-30,31-60,61-90,91-120,Over 120,unapplied,total');
    expect(csv[1]).toBe('ACME,Acme Supply,300.00,0.00,200.00,60.00,0.00,0.00,0.00,560.00');
    expect(csv[3]).toBe(',Total,320.00,0.00,200.00,60.00,0.00,0.00,0.00,580.00');
    expect(agingTable(r)).toMatch(/Total\s+320\.00\s+0\.00\s+200\.00/);
  });

  it('leaves out customers with nothing owed and sorts by code', () => {
    expect(aging('2026-05-01').rows.map((x) => x.customerCode)).toEqual(['ACME', 'BETA']);
    expect(aging('2025-01-01').rows).toEqual([]);
  });
});
