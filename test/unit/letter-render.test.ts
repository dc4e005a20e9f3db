import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import zlib from 'node:zlib';
import type { AgingReportData, CustomerCard, Handlers } from '../../src-main/contract';
import { inlineValues, letterData, letterSettings, longDate, saveLetterSettings, type LetterSettings, type PaperSize } from '../../src-main/letters/letter-context';
import { mergeLetter } from '../../src-main/letters/merge-letter';
import { renderLettersPdf, writeLettersPdf, type LetterToRender } from '../../src-main/letters/render/letter-pdf';
import { logoProblem } from '../../src-main/letters/render/logo';
import { addressWindow } from '../../src-main/letters/render/page-layout';
import { formatGrouped } from '../../src-main/money/amounts';
import { createHandlers } from '../../src-main/services/create-services';
import { pdfInfo, pdfItems, pdfPages, pdfText, type PdfTextItem } from '../support/pdf-text';
import { serviceCaller } from '../support/service-caller';
import { openTempLedger } from '../support/temp-ledger';

let t: Awaited<ReturnType<typeof openTempLedger>>;
let handlers: Handlers;
const { ok } = serviceCaller(() => handlers, () => t.ledger);

const TODAY = '2026-11-23';
const SUBJECT = 'Open invoices on account {{customer.code}}';
const BODY = `Dear {{contact.name}},

Our records show {{total_due}} outstanding for {{customer.name}}. The open items are:

{{open_items_table}}

Could you arrange payment, or tell us of any question, by {{resolution_date}}?
If payment is already on its way, thank you.

Yours sincerely,

{{clerk.name}}
{{company.name}}`;

let codes = 0;
async function customer(over: Record<string, unknown> = {}): Promise<number> {
  const c = await ok<{ id: number }>('customers.create', {
    code: `C${++codes}`,
    name: 'Harbour Tools Ltd',
    address1: '12 Quay Road',
    city: 'Portsmouth',
    region: 'Hampshire',
    postalCode: 'PO1 3AX',
    country: 'United Kingdom',
    contacts: [{ name: 'Priya Natarajan', role: 'accounts_payable', isPrimary: true }],
    ...over,
  });
  return c.id;
}

let numbers = 0;
async function invoices(customerId: number, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const month = String(1 + (i % 10)).padStart(2, '0');
    const day = String(1 + (i % 27)).padStart(2, '0');
    await ok('invoices.create', { number: `INV-${String(++numbers).padStart(5, '0')}`, customerId, issueDate: `2026-${month}-${day}`, dueDate: `2026-${month}-${day}`, amount: 10_000 + 137 * i });
  }
}

function letter(customerId: number, body = BODY, subject = SUBJECT): LetterToRender {
  const data = letterData(t.ledger.db, customerId, TODAY, 'accounts_payable');
  return { merged: mergeLetter(subject, body, inlineValues(data)), data };
}

function settings(paper: PaperSize = 'letter'): LetterSettings {
  return saveLetterSettings(t.ledger.db, { paperSize: paper });
}

/** A PNG with an alpha channel: the kind pdfkit decodes later, in a callback. */
function png(width: number, height: number, idat?: Buffer): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height, 0x80);
  for (let y = 0; y < height; y++) raw[y * (width * 4 + 1)] = 0;
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat ?? zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const onPage = (items: PdfTextItem[], page: number) => items.filter((i) => i.page === page);
const texts = (items: PdfTextItem[]) => items.map((i) => i.str);
const imageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Subtype \/Image/g) ?? []).length;

beforeEach(async () => {
  t = await openTempLedger();
  handlers = createHandlers(t.ledger);
  numbers = 0;
  saveLetterSettings(t.ledger.db, {
    companyName: 'Northwind Supply Co.',
    companyAddress: '400 Market Street\nSpringfield, IL 62701',
    companyPhone: '+1 217 555 0142',
    companyEmail: 'accounts@northwind.example',
    clerkName: 'Dana Whitfield',
    clerkPhone: '+1 217 555 0188',
  });
});
afterEach(() => t.cleanup());

describe('one letter', () => {
  it('fills the merge fields and prints the same totals as the ledger', async () => {
    const id = await customer();
    await invoices(id, 3);
    // With automatic application off, a credit larger than the invoice it names leaves the rest unapplied.
    t.ledger.db.prepare(`INSERT INTO ledger_setting (key, value) VALUES ('auto_apply_cash', '0')`).run();
    await ok('credits.record', { number: 'CR-1', customerId: id, date: '2026-11-01', amount: 12_000, invoiceId: 1 });
    const card = await ok<CustomerCard>('customers.card', { id, asOf: TODAY });
    expect(card.balance.unapplied).toBe(-2_000);
    const aging = await ok<AgingReportData>('aging.report', { asOf: TODAY });
    const row = aging.rows.find((r) => r.customerId === id)!;
    expect(row.total).toBe(card.balance.total);

    // Nothing is disputed or on a plan, so the letter asks for exactly the ledger's balance. The
    // unapplied 20.00 is taken off the oldest open item rather than printed as a line of its own,
    // so the rows add up to the total due.
    const l = letter(id);
    expect(l.data.totals).toEqual({ open: row.total, unapplied: 0, due: row.total, overdue: row.total });
    expect(l.data.openItems.map((o) => [o.number, o.openAmount])).toEqual([
      ['INV-00002', 10_137 - 2_000],
      ['INV-00003', 10_274],
    ]);
    const { pdf, placements, pages } = await renderLettersPdf([l], settings());
    expect(placements).toEqual([{ firstPage: 1, pageCount: 1 }]);
    expect(pages).toBe(1);

    const text = pdfText(pdf);
    expect(text).toContain('Dear Priya Natarajan,');
    expect(text).toContain(`outstanding for Harbour Tools Ltd`);
    expect(text).toContain(`by ${longDate('2026-12-03')}?`);
    expect(text).toContain(`Our records show $${formatGrouped(row.total)} outstanding`);
    expect(text).toContain(`Total open $${formatGrouped(row.total)}`);
    expect(text).not.toContain('Unapplied payments and credits');
    expect(text).toContain(`Total due $${formatGrouped(row.total)}`);
    expect(text).toContain('Invoice Issued Due Days late Amount open');
    // Each item the ledger holds open, at the amount that may be asked for; the settled one is not listed.
    expect(card.openItems.map((o) => o.number)).toEqual(['INV-00002', 'INV-00003']);
    for (const o of card.openItems) expect(text).toContain(`${o.number} ${longDate(o.issueDate)} ${longDate(o.dueDate)} ${o.daysPastDue} $${formatGrouped(o.collectable)}`);
    expect(text).not.toContain('INV-00001');
    expect(text).toContain('Page 1 of 1');
    expect(text).toContain(`Date ${longDate(TODAY)}`);

    const info = pdfInfo(pdf);
    expect(info).toMatchObject({ Title: 'Open invoices on account C1', Author: 'Northwind Supply Co.', Producer: 'Settle', pageSize: [612, 792] });
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold/);
  });

  it('numbers instalments and says when an item is not yet due', async () => {
    const id = await customer();
    await ok('invoices.create', {
      number: 'INV-SPLIT',
      customerId: id,
      issueDate: '2026-10-01',
      dueDate: '2026-12-31',
      amount: 30_000,
      schedule: [
        { dueDate: '2026-10-31', amount: 10_000 },
        { dueDate: '2026-11-30', amount: 20_000 },
      ],
    });
    const text = pdfText((await renderLettersPdf([letter(id)], settings())).pdf);
    expect(text).toContain('INV-SPLIT #1 1 October 2026 31 October 2026 23 $100.00');
    expect(text).toContain('INV-SPLIT #2 1 October 2026 30 November 2026 not due $200.00');
  });

  it('flows a long open-items table onto page 2, repeating its header, with a running head and "Page 2 of 2"', async () => {
    const id = await customer();
    await invoices(id, 40);
    const { pdf, placements } = await renderLettersPdf([letter(id)], settings());
    expect(placements).toEqual([{ firstPage: 1, pageCount: 2 }]);
    const items = pdfItems(pdf);
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(2);
    for (const page of [1, 2]) {
      const head = onPage(items, page);
      for (const title of ['Invoice', 'Issued', 'Due', 'Days late', 'Amount open']) expect(texts(head)).toContain(title);
      expect(texts(head)).toContain(`Page ${page} of 2`);
    }
    const page2 = onPage(items, 2);
    expect(page2[0].str).toBe('Harbour Tools Ltd');
    expect(texts(page2)).toContain(`${longDate(TODAY)} · continued`);
    // The header sits above every row on page 2, and every invoice is listed exactly once.
    const headerY = page2.find((i) => i.str === 'Amount open')!.baseline;
    const rows = items.filter((i) => /^INV-\d{5}$/.test(i.str));
    expect(rows.map((r) => r.str).sort()).toEqual(Array.from({ length: 40 }, (_, k) => `INV-${String(k + 1).padStart(5, '0')}`));
    expect(rows.filter((r) => r.page === 2).every((r) => r.baseline > headerY)).toBe(true);
    expect(rows.filter((r) => r.page === 2).length).toBeGreaterThan(0);
    // Nothing runs into the footer.
    const footer = page2.find((i) => i.str === 'Page 2 of 2')!.baseline;
    expect(items.filter((i) => !/^Page \d of 2$/.test(i.str) && i.str !== 'Northwind Supply Co.').every((i) => i.baseline < footer - 20)).toBe(true);
    expect(pdfText(pdf)).toContain(`Total due $${formatGrouped(letter(id).data.totals.due)}`);
  });

  it('breaks a long paragraph between lines, never leaving one line alone, and keeps every word', async () => {
    const id = await customer();
    await invoices(id, 1);
    const words = Array.from({ length: 900 }, (_, k) => `w${k}`);
    const { pdf, placements } = await renderLettersPdf([letter(id, `${words.join(' ')}\n\nYours sincerely,`)], settings('a4'));
    expect(placements[0].pageCount).toBeGreaterThanOrEqual(2);
    const items = pdfItems(pdf);
    const found = items.flatMap((i) => i.str.split(' ')).filter((w) => /^w\d+$/.test(w));
    expect(found).toEqual(words);
    for (let page = 1; page <= placements[0].pageCount; page++) {
      const lines = new Set(onPage(items, page).filter((i) => /^w\d+/.test(i.str)).map((i) => i.baseline));
      if (lines.size > 0) expect(lines.size).toBeGreaterThanOrEqual(2);
      expect(onPage(items, page).every((i) => i.baseline < 841.89 - 25 * (72 / 25.4) || /^Page |^Northwind/.test(i.str))).toBe(true);
    }
  });

  it.each(['letter', 'a4'] as const)('puts every address line inside the %s envelope window', async (paper) => {
    const id = await customer({ address2: 'Unit 4, Harbour Business Park' });
    await invoices(id, 2);
    const l = letter(id);
    expect(l.data.addressLines).toEqual(['Attn: Priya Natarajan', 'Harbour Tools Ltd', '12 Quay Road', 'Unit 4, Harbour Business Park', 'Portsmouth, Hampshire PO1 3AX', 'United Kingdom']);
    const { pdf } = await renderLettersPdf([l], settings(paper));
    const w = addressWindow(paper);
    const first = onPage(pdfItems(pdf), 1);
    const inside = (i: PdfTextItem) =>
      i.x >= w.x && i.x + i.width <= w.x + w.width && i.baseline - 0.8 * i.size >= w.y && i.baseline + 0.25 * i.size <= w.y + w.height;
    for (const line of l.data.addressLines) {
      const item = first.find((i) => i.str === line);
      expect(item).toBeDefined();
      expect(inside(item!)).toBe(true);
    }
    // The return address shows in the window too, above the recipient.
    const back = first.find((i) => i.str.startsWith('Northwind Supply Co. · 400 Market Street'))!;
    expect(inside(back)).toBe(true);
    expect(back.baseline).toBeLessThan(first.find((i) => i.str === 'Attn: Priya Natarajan')!.baseline);
    // Nothing else is in the window.
    const windowed = first.filter(inside).map((i) => i.str);
    expect(windowed.filter((s) => s !== back.str && !l.data.addressLines.includes(s))).toEqual([]);
    expect(pdfInfo(pdf).pageSize).toEqual(paper === 'a4' ? [595.28, 841.89] : [612, 792]);
  });

  it('knows where the #10 and DL (DIN 5008 form B) windows are', () => {
    expect(addressWindow('letter')).toEqual({ x: 63, y: expect.closeTo(147.02, 2), width: 324, height: 81 });
    const mm = 72 / 25.4;
    const a4 = addressWindow('a4');
    expect(a4.x).toBeCloseTo(20 * mm, 2);
    expect(a4.y).toBeCloseTo(45 * mm, 2);
    expect(a4.width).toBeCloseTo(85 * mm, 2);
    expect(a4.height).toBeCloseTo(45 * mm, 2);
  });

  it('prints names in any Latin script with the embedded font', async () => {
    const id = await customer({ name: 'Łódź Ørsted Ğüneş', city: 'Kraków', region: '', postalCode: '30-001', country: 'Polska', contacts: [{ name: 'Çağrı Şahin', role: 'accounts_payable' }] });
    await invoices(id, 1);
    const { pdf } = await renderLettersPdf([letter(id)], settings('a4'));
    const text = pdfText(pdf);
    expect(text).toContain('Dear Çağrı Şahin,');
    expect(text).toContain('outstanding for Łódź Ørsted Ğüneş.');
    expect(text).toContain('Attn: Çağrı Şahin Łódź Ørsted Ğüneş 12 Quay Road Kraków, 30-001 Polska');
  });

  it('prints the payment plan schedule and signature lines for both sides', async () => {
    const id = await customer();
    await invoices(id, 2);
    await ok('plans.create', { customerId: id, total: 20_000, count: 3, frequency: 'monthly', startDate: '2026-12-01', today: TODAY });
    const l = letter(id, `We agree that {{customer.name}} pays {{plan.total}} in {{plan.count}} {{plan.frequency}} instalments:\n\n{{plan_schedule_table}}\n\n{{signature_lines}}`, 'Payment plan agreement');
    const text = pdfText((await renderLettersPdf([l], settings())).pdf);
    expect(text).toContain('pays $200.00 in 3 monthly instalments');
    expect(text).toContain('No. Due date Amount 1 1 December 2026 $66.68 2 1 January 2027 $66.66 3 1 February 2027 $66.66 Total $200.00');
    expect(text).toContain('For Harbour Tools Ltd Signature Name Date For Northwind Supply Co. Signature Name Date');
  });
});

describe('the logo', () => {
  it('shows a good logo, embedded once however many letters use it', async () => {
    const id = await customer();
    await invoices(id, 1);
    saveLetterSettings(t.ledger.db, { companyLogo: png(60, 20).toString('base64') });
    const { pdf, pages } = await renderLettersPdf([letter(id), letter(id), letter(id)], settings());
    expect(pages).toBe(3);
    expect(imageCount(pdf)).toBe(2); // the picture and its transparency mask
    expect(pdfPages(pdf)).toHaveLength(3);
  });

  it('leaves out a logo that cannot be read, and still prints the letter', async () => {
    const id = await customer();
    await invoices(id, 1);
    const bad = [
      'not base64 at all!',
      Buffer.from('GIF89a....').toString('base64'),
      png(60, 20).subarray(0, 50).toString('base64'),
      // Checksums right, image data garbage: pdfkit would only find out in a zlib callback and crash the process.
      png(60, 20, Buffer.from('this is not deflate data at all')).toString('base64'),
      png(60, 20, zlib.deflateSync(Buffer.alloc(20 * 241, 9))).toString('base64'),
    ];
    expect(bad.map(logoProblem)).toEqual([
      'the logo is not base64 text',
      'the logo is neither a PNG nor a JPEG image',
      'the PNG logo is cut short',
      'the PNG logo’s image data is damaged',
      'the PNG logo’s image data is damaged',
    ]);
    expect(logoProblem(png(60, 20).toString('base64'))).toBeNull();
    for (const logo of bad) {
      t.ledger.db.prepare(`INSERT INTO ledger_setting (key, value) VALUES ('company_logo', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(logo);
      const { pdf } = await renderLettersPdf([letter(id)], letterSettings(t.ledger.db));
      expect(imageCount(pdf)).toBe(0);
      expect(pdfText(pdf)).toContain('Northwind Supply Co.');
    }
  });
});

describe('batches', () => {
  it('streams letters into one file, each on its own pages, numbered per letter', async () => {
    const ids = [await customer(), await customer({ name: 'Second Customer Inc' }), await customer({ name: 'Third Customer GmbH' })];
    await invoices(ids[0], 2);
    await invoices(ids[1], 40);
    await invoices(ids[2], 3);
    const file = path.join(t.dir, 'batch.pdf');
    async function* letters() {
      for (const id of ids) yield letter(id);
    }
    const out = fs.createWriteStream(file);
    const r = await writeLettersPdf(letters(), out, settings());
    expect(out.writableFinished).toBe(true);
    expect(r.placements).toEqual([
      { firstPage: 1, pageCount: 1 },
      { firstPage: 2, pageCount: 2 },
      { firstPage: 4, pageCount: 1 },
    ]);
    expect(r.pages).toBe(4);
    const pdf = fs.readFileSync(file);
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(4);
    expect(pages.map((p) => /Page (\d) of (\d)/.exec(p)!.slice(1).join('/'))).toEqual(['1/1', '1/2', '2/2', '1/1']);
    expect(pages[1]).toContain('Second Customer Inc');
    expect(pages[3]).toContain('Third Customer GmbH');
    expect(pdfInfo(pdf).Title).toBe('3 letters from Northwind Supply Co.');
  });

  it('writes to the output as it goes, reading the next letter only once the output has caught up', async () => {
    const id = await customer();
    await invoices(id, 30);
    const one = letter(id);
    let yielded = 0;
    const seenAtWrite: number[] = [];
    const out = new Writable({
      highWaterMark: 1024,
      write(_chunk, _enc, done) {
        seenAtWrite.push(yielded);
        setTimeout(done, 5); // a slow disk
      },
    });
    function* letters() {
      for (let i = 0; i < 120; i++) {
        yielded++;
        yield one;
      }
    }
    const r = await writeLettersPdf(letters(), out, settings());
    expect(r.pages).toBe(240);
    expect(seenAtWrite.length).toBeGreaterThanOrEqual(2);
    expect(seenAtWrite[0]).toBeLessThan(120);
    expect(out.writableFinished).toBe(true);
  });

  it('stops at a letter that fails, ends the output and reports the error', async () => {
    const id = await customer();
    await invoices(id, 1);
    const out = fs.createWriteStream(path.join(t.dir, 'broken.pdf'));
    async function* letters() {
      yield letter(id);
      throw new Error('the ledger went away');
    }
    await expect(writeLettersPdf(letters(), out, settings())).rejects.toThrow('the ledger went away');
    expect(out.writableEnded).toBe(true);
  });

  it('reports an output that fails', async () => {
    const id = await customer();
    await invoices(id, 30);
    const out = new Writable({
      write(_chunk, _enc, done) {
        done(new Error('disk full'));
      },
    });
    const many = Array.from({ length: 200 }, () => letter(id));
    await expect(writeLettersPdf(many, out, settings())).rejects.toThrow('disk full');
  });

  it('makes nothing of an empty batch', async () => {
    const r = await renderLettersPdf([], settings());
    expect(r).toMatchObject({ placements: [], pages: 0 });
    expect(r.pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
