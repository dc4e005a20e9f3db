// Batch letters on a ledger the bench just built: 1,000 two-page letters rendered into one PDF
// file through writeLettersPdf, as `settle letters batch` does, timed from the first ledger read
// to the file's last byte. Run in its own process so its peak memory is its own; the issue's
// targets are 5 s and 300 MB. A measurement, never a pass/fail test.
//
// Letters are to the customers with the most open items. A demo ledger's customers owe a few
// invoices each, so a letter with fewer open items than fill two pages gets numbered filler
// rows in its table (the count is reported): what is measured is two full pages a letter,
// the case the targets name.

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import process from 'node:process';

const SCRIPT = `
const [, ledgerPath, root, outFile, today, countText] = process.argv;
const fs = require('node:fs');
const zlib = require('node:zlib');
const { Ledger } = require(root + '/build/main/ledger/ledger.js');
const { letterData, inlineValues, letterSettings, saveLetterSettings } = require(root + '/build/main/letters/letter-context.js');
const { mergeLetter } = require(root + '/build/main/letters/merge-letter.js');
const { writeLettersPdf } = require(root + '/build/main/letters/render/letter-pdf.js');
const count = Number(countText);
const ROWS_FOR_TWO_PAGES = 34;

const SUBJECT = 'Statement of account {{customer.code}}: {{total_due}} due';
const BODY = [
  'Dear {{contact.name}},',
  'Please find below the invoices open on your account with {{company.name}} as of {{today}}. The oldest of them is {{days_past_due}} days past its due date, and {{overdue_total}} in all is overdue.',
  '{{open_items_table}}',
  'We would be grateful if you could arrange payment of {{total_due}} by {{resolution_date}}, or let us know before then if any of these invoices is in question, so that we can put it right.',
  'If you have already sent payment, thank you: please disregard this statement. Payments can take a few days to reach your account with us.',
  'You can reach me directly on {{clerk.phone}}.',
  'Yours sincerely,',
  '{{clerk.name}}\\n{{company.name}}',
].join('\\n\\n');

function logoPng(width, height) {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = y * (width * 4 + 1) + 1 + x * 4;
      const mark = (x - height / 2) ** 2 + (y - height / 2) ** 2 < (height / 2.3) ** 2;
      raw.set(mark ? ((x + y) % 30 < 15 ? [44, 74, 102, 255] : [90, 140, 180, 255]) : [0, 0, 0, 0], o);
    }
  }
  const chunk = (type, data) => {
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
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function addDays(iso, days) {
  return new Date(Date.parse(iso + 'T00:00:00Z') + days * 86400000).toISOString().slice(0, 10);
}

(async () => {
  const ledger = await Ledger.open(ledgerPath);
  const db = ledger.db;
  saveLetterSettings(db, {
    companyName: 'Northwind Supply Co.',
    companyAddress: '400 Market Street\\nSuite 210\\nSpringfield, IL 62701',
    companyPhone: '+1 217 555 0142',
    companyEmail: 'accounts@northwind.example',
    companyLogo: logoPng(240, 80).toString('base64'),
    clerkName: 'Dana Whitfield',
    clerkPhone: '+1 217 555 0188',
    paperSize: 'letter',
  });
  const ids = db.prepare(\`
    SELECT c.id FROM customer c
      LEFT JOIN (SELECT customer_id, COUNT(*) AS n FROM (
                   SELECT customer_id FROM invoice WHERE open_amount > 0 AND has_schedule = 0
                   UNION ALL SELECT customer_id FROM instalment WHERE open_amount > 0)
                 GROUP BY customer_id) o ON o.customer_id = c.id
     ORDER BY IFNULL(o.n, 0) DESC, c.id LIMIT ?\`).pluck().all(count);
  const FILLER = Array.from({ length: ROWS_FOR_TWO_PAGES }, (_, k) => {
    const days = 5 + ((k * 7) % 120);
    return { number: 'FILL-' + String(k + 1).padStart(4, '0'), seq: null, issueDate: addDays(today, -days - 30), dueDate: addDays(today, -days), daysPastDue: days, openAmount: 10000 + k * 1379 };
  });
  let padded = 0;
  let realRows = 0;
  function* letters() {
    for (const id of ids) {
      const data = letterData(db, id, today, 'accounts_payable');
      realRows += data.openItems.length;
      if (data.openItems.length < ROWS_FOR_TWO_PAGES) {
        padded++;
        data.openItems.push(...FILLER.slice(data.openItems.length));
        const open = data.openItems.reduce((s, o) => s + o.openAmount, 0);
        data.totals = { open, unapplied: data.totals.unapplied, due: open + data.totals.unapplied, overdue: open };
      }
      yield { merged: mergeLetter(SUBJECT, BODY, inlineValues(data)), data };
    }
  }
  const settings = letterSettings(db);
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const r = await writeLettersPdf(letters(), fs.createWriteStream(outFile), settings);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  // CPU time beside wall time: on a shared machine the wall clock also counts other work.
  const cpuSeconds = (used.user + used.system) / 1e6;
  const pageCounts = {};
  for (const p of r.placements) pageCounts[p.pageCount] = (pageCounts[p.pageCount] || 0) + 1;
  await ledger.close();
  console.log(JSON.stringify({ letters: r.placements.length, pages: r.pages, pageCounts, seconds, cpuSeconds, lettersPerSec: r.placements.length / seconds, bytes: fs.statSync(outFile).size, padded, realRows, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

export const LETTER_TARGETS = { letters: 1000, seconds: 5, peakRssMb: 300 };

export function benchLetters({ root, ledger, tmp, today = new Date().toISOString().slice(0, 10), count = LETTER_TARGETS.letters }) {
  const out = path.join(tmp, 'letters-batch.pdf');
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', SCRIPT, ledger, path.resolve(root), out, today, String(count)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`letters bench failed:\n${r.stderr}`);
  const result = JSON.parse(r.stdout.trim().split('\n').pop());
  result.processSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  result.targets = {
    seconds: LETTER_TARGETS.seconds,
    peakRssMb: LETTER_TARGETS.peakRssMb,
    pass: result.letters >= LETTER_TARGETS.letters && result.seconds <= LETTER_TARGETS.seconds && result.peakRssMb <= LETTER_TARGETS.peakRssMb,
  };
  return result;
}
