import { once } from 'node:events';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { longDate, type LetterData, type LetterSettings } from '../letter-context';
import type { LetterBlock, MergedLetter } from '../merge-letter';
import { drawInfoBlock, drawRecipient } from './address-block';
import { letterDocument } from './letter-document';
import { drawOpenItems, drawPlanSchedule, tableLead } from './items-table';
import { drawLetterhead, drawMarks, drawReturnLine, openLogo, type OpenedImage } from './letterhead';
import { PageFlow } from './page-flow';
import { pageLayout, type PageLayout } from './page-layout';
import { drawSignatureLines } from './signature-lines';
import { drawAgingSummary, drawRemittanceSlip, drawStatementItems, statementItemsLead } from './statement-blocks';
import { drawParagraph, drawSubject } from './text-blocks';
import { MUTED, put, putFitted, textWidth } from './typeset';

export interface LetterToRender {
  merged: MergedLetter;
  data: LetterData;
}

/** Where one letter landed in the batch PDF: 1-based page numbers. */
export interface Placement {
  firstPage: number;
  pageCount: number;
}

/** Bytes collected from pdfkit before they are handed to the output in one write. */
const WRITE_CHUNK = 256 * 1024;

/**
 * Streams letters into one PDF written to `out`; each letter starts on a new page; returns where
 * each landed. Resolves once `out` has finished. Memory stays flat however many letters come:
 * a letter's pages are held only until its page numbers are known ("Page 2 of 3" needs the
 * count), then written out, and the next letter is not read from `letters` until the output has
 * taken the bytes. The paper size and letterhead come from `settings`, one for the whole batch.
 * If a letter fails (or `out` does), `out` is ended with an incomplete file and this rejects.
 */
export async function writeLettersPdf(
  letters: AsyncIterable<LetterToRender> | Iterable<LetterToRender>,
  out: NodeJS.WritableStream,
  settings: LetterSettings,
): Promise<{ placements: Placement[]; pages: number }> {
  const layout = pageLayout(settings.paperSize);
  const doc = letterDocument(layout.size, 'Letters', settings.companyName);
  const sink = new PdfSink(doc, out);
  // A logo that cannot be read is left out (openLogo says why): see letterhead.ts.
  const logo = openLogo(doc, settings.companyLogo).image;
  const placements: Placement[] = [];
  let firstSubject = '';
  try {
    for await (const letter of letters) {
      const first = doc.bufferedPageRange().start;
      const count = drawLetter(doc, layout, settings, logo, letter);
      numberPages(doc, layout, settings, first, count);
      doc.flushPages();
      placements.push({ firstPage: first + 1, pageCount: count });
      if (placements.length === 1) firstSubject = letter.merged.subject;
      await sink.drain();
    }
  } catch (e) {
    await sink.abandon();
    throw e;
  }
  doc.info.Title = placements.length === 1 ? firstSubject : `${placements.length.toLocaleString('en-US')} letters from ${settings.companyName}`;
  await sink.end();
  return { placements, pages: placements.reduce((s, p) => s + p.pageCount, 0) };
}

/** The same, into memory: for one letter, a preview, or a test. */
export async function renderLettersPdf(letters: LetterToRender[], settings: LetterSettings): Promise<{ pdf: Buffer; placements: Placement[]; pages: number }> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  const r = await writeLettersPdf(letters, out, settings);
  return { pdf: Buffer.concat(chunks), ...r };
}

function drawLetter(doc: PDFKit.PDFDocument, layout: PageLayout, settings: LetterSettings, logo: OpenedImage | null, { merged, data }: LetterToRender): number {
  doc.addPage({ size: layout.size, margin: 0 });
  drawMarks(doc, layout);
  drawLetterhead(doc, layout, settings, logo);
  drawReturnLine(doc, layout, settings);
  drawRecipient(doc, layout, data.addressLines);
  drawInfoBlock(doc, layout, settings, data);

  const flow = new PageFlow(doc, layout, { left: data.customer.name, right: `${longDate(data.letterDate)} · continued` });
  drawSubject(flow, merged.subject);
  merged.blocks.forEach((block, i) => {
    const next = merged.blocks[i + 1];
    switch (block.kind) {
      case 'paragraph':
        drawParagraph(flow, block.text, next ? leadOf(next, data) : 0);
        break;
      case 'open_items_table':
        drawOpenItems(flow, data);
        break;
      case 'plan_schedule_table':
        drawPlanSchedule(flow, data);
        break;
      case 'signature_lines':
        drawSignatureLines(flow, data.customer.name, settings.companyName);
        break;
      case 'statement_items':
        drawStatementItems(flow, data);
        break;
      case 'aging_summary':
        drawAgingSummary(flow, data);
        break;
      case 'remittance_slip':
        drawRemittanceSlip(flow, data);
        break;
    }
  });
  return flow.pages;
}

/** How much of the next block a short paragraph that introduces it must see on its page. */
function leadOf(block: LetterBlock, data: LetterData): number {
  if (block.kind === 'open_items_table') return tableLead(Math.max(data.openItems.length, 1), data.totals.unapplied === 0 ? 2 : 3);
  if (block.kind === 'plan_schedule_table') return data.plan ? tableLead(data.plan.schedule.length, 1) : 0;
  if (block.kind === 'statement_items') return statementItemsLead(data);
  return 0;
}

/** "Page 1 of 2" on each of the letter's pages, counted per letter, with the sender at the left. */
function numberPages(doc: PDFKit.PDFDocument, layout: PageLayout, settings: LetterSettings, first: number, count: number): void {
  const style = { size: 7.5, color: MUTED };
  for (let i = 0; i < count; i++) {
    doc.switchToPage(first + i);
    const label = `Page ${i + 1} of ${count}`;
    const w = textWidth(doc, label, style);
    put(doc, label, layout.right - w, layout.footerTop, style);
    putFitted(doc, settings.companyName, layout.left, layout.footerTop, layout.right - layout.left - w - 24, style);
  }
}

/**
 * Moves pdfkit's output to `out` in large writes. pdfkit pushes every PDF object as a separate
 * small chunk and ignores back-pressure; reading it in paused mode at letter boundaries lets
 * the batch wait for a slow disk instead of buffering the whole file.
 */
class PdfSink {
  private chunks: Buffer[] = [];
  private bytes = 0;
  private failure: unknown = null;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly out: NodeJS.WritableStream,
  ) {
    doc.on('readable', () => this.pull());
    out.on('error', (e) => (this.failure ??= e));
  }

  private pull(): void {
    for (let c: Buffer | null; (c = this.doc.read() as Buffer | null) !== null; ) {
      this.chunks.push(c);
      this.bytes += c.length;
    }
  }

  async drain(force = false): Promise<void> {
    this.pull();
    if (this.failure) throw this.failure;
    if (this.bytes === 0 || (!force && this.bytes < WRITE_CHUNK)) return;
    const data = Buffer.concat(this.chunks, this.bytes);
    this.chunks = [];
    this.bytes = 0;
    if (!this.out.write(data)) await once(this.out as unknown as Writable, 'drain');
    if (this.failure) throw this.failure;
  }

  async end(): Promise<void> {
    const ended = once(this.doc, 'end');
    this.doc.end();
    this.pull();
    await ended;
    await this.drain(true);
    this.out.end();
    await finished(this.out);
  }

  /** After a failure: release the output (its content is an incomplete PDF) without hiding the first error. */
  async abandon(): Promise<void> {
    this.out.end();
    await finished(this.out).catch(() => undefined);
  }
}
