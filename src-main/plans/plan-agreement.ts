import { format } from 'date-fns';
import PDFDocument from 'pdfkit';
import type { PlanFrequency, PlanScheduleLine } from '../contract/plans';

export interface AgreementContent {
  company: string;
  customer: { name: string; addressLines: string[] };
  planId: number;
  /** The date printed on the agreement. */
  date: string;
  total: number;
  frequency: PlanFrequency;
  schedule: PlanScheduleLine[];
  graceDays: number;
  money: (minor: number) => string;
}

/** 2026-04-01 → "1 April 2026": unambiguous wherever the customer reads it. */
export function longDate(iso: string): string {
  return format(new Date(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))), 'd MMMM yyyy');
}

const FREQUENCY_WORDS: Record<PlanFrequency, string> = { weekly: 'weekly', fortnightly: 'fortnightly', monthly: 'monthly' };

/**
 * The payment plan agreement for both sides to sign, as a PDF built in memory. Plain on
 * purpose: what is owed, when each instalment falls due, and what happens if one is missed,
 * said the way we would say it on the phone.
 */
export function agreementPdf(c: AgreementContent): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Payment plan agreement ${c.planId}`, Author: c.company } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const count = c.schedule.length;
  const first = c.schedule[0];
  const last = c.schedule[count - 1];

  doc.font('Helvetica-Bold').fontSize(16).text(c.company);
  doc.moveDown(0.3).font('Helvetica').fontSize(12).text('Payment plan agreement');
  doc.moveDown(1.2).fontSize(10);
  doc.text(`Date: ${longDate(c.date)}`);
  doc.text(`Agreement number: ${c.planId}`);
  doc.moveDown();
  doc.font('Helvetica-Bold').text(c.customer.name);
  doc.font('Helvetica');
  for (const line of c.customer.addressLines) doc.text(line);
  doc.moveDown(1.2);

  doc.text(
    count === 1
      ? `${c.customer.name} agrees to pay ${c.company} ${c.money(c.total)} in one payment by ${longDate(first.dueDate)}.`
      : `${c.customer.name} agrees to pay ${c.company} ${c.money(c.total)} in ${count} ${FREQUENCY_WORDS[c.frequency]} instalments, ` +
          `the first on ${longDate(first.dueDate)} and the last on ${longDate(last.dueDate)}, as set out below.`,
    { width },
  );
  doc.moveDown();

  // The schedule, repeating its heading on each new page.
  const columns = { seq: left, due: left + 70, amount: left + 230 };
  const amountWidth = 110;
  const heading = () => {
    const y = doc.y;
    doc.font('Helvetica-Bold');
    doc.text('Number', columns.seq, y);
    doc.text('Due date', columns.due, y);
    doc.text('Amount', columns.amount, y, { width: amountWidth, align: 'right' });
    doc.font('Helvetica');
    doc.moveTo(left, doc.y + 2).lineTo(columns.amount + amountWidth, doc.y + 2).lineWidth(0.5).stroke();
    doc.y += 6;
  };
  const row = (seq: string, due: string, amount: string) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 30) {
      doc.addPage();
      heading();
    }
    const y = doc.y;
    doc.text(seq, columns.seq, y);
    doc.text(due, columns.due, y);
    doc.text(amount, columns.amount, y, { width: amountWidth, align: 'right' });
    doc.y = y + 15;
  };
  heading();
  for (const s of c.schedule) row(String(s.seq), longDate(s.dueDate), c.money(s.amount));
  doc.moveTo(left, doc.y).lineTo(columns.amount + amountWidth, doc.y).lineWidth(0.5).stroke();
  doc.y += 4;
  doc.font('Helvetica-Bold');
  row('Total', '', c.money(c.total));
  doc.font('Helvetica');
  doc.x = left;
  doc.moveDown(1.2);

  const paragraph = (title: string, body: string) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
    doc.font('Helvetica-Bold').text(title, left, doc.y, { width });
    doc.font('Helvetica').text(body, { width });
    doc.moveDown();
  };
  paragraph(
    'How payments count',
    'Every payment you make from the day this agreement is signed counts towards the instalments in order. ' +
      'If you pay more than an instalment, the extra goes towards the next one; you can pay off the plan early at any time.',
  );
  paragraph(
    'If an instalment is missed',
    `If an instalment has not been paid within ${c.graceDays} day${c.graceDays === 1 ? '' : 's'} of its due date, we will contact you to agree what happens next. ` +
      'If your circumstances change, please tell us as early as you can, so that we can talk it through together.',
  );

  if (doc.y > doc.page.height - doc.page.margins.bottom - 170) doc.addPage();
  doc.moveDown();
  const signatureBlock = (party: string) => {
    doc.font('Helvetica-Bold').text(`Signed for ${party}`, left, doc.y, { width });
    doc.font('Helvetica').moveDown(1.5);
    doc.text('Signature: ______________________________    Date: ________________', { width });
    doc.moveDown(1);
    doc.text('Name: ___________________________________', { width });
    doc.moveDown(1.5);
  };
  signatureBlock(c.customer.name);
  signatureBlock(c.company);

  doc.end();
  return done;
}
