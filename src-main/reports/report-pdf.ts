import type { LetterSettings } from '../letters/letter-context';
import { letterDocument, pdfBytes } from '../letters/render/letter-document';
import { drawTable, type Column } from '../letters/render/items-table';
import { drawLetterhead, openLogo } from '../letters/render/letterhead';
import { PageFlow } from '../letters/render/page-flow';
import { pageLayout, type PageLayout } from '../letters/render/page-layout';
import { drawParagraph, drawSubject } from '../letters/render/text-blocks';
import { INK, MUTED, RULE, hairline, put, putFitted, textWidth } from '../letters/render/typeset';
import type { Cell, CellKind, ReportChart, ReportTable } from './report-table';

/** The bar colours of the chart, Current first: from calm to alarming. */
const PALETTE = ['#6c9bc4', '#9cc3a1', '#e4c76b', '#e39a5a', '#cf6a5a', '#8e3b46', '#5a2a35'];
/** A table with more columns than this is printed on a page turned landscape. */
const PORTRAIT_COLUMNS = 7;
/** Column widths follow the widest cell, but a long note does not take the whole row. */
const MAX_TEXT_SHARE = 30;

/**
 * The paper turned landscape for wide tables: the letter's margins and letterhead, without the
 * envelope window (a report is not mailed in one), so the letterhead's rule sits under it.
 */
function landscape(p: PageLayout): PageLayout {
  const margin = p.left;
  return {
    ...p,
    size: [p.height, p.width],
    width: p.height,
    height: p.width,
    right: p.height - margin,
    window: { ...p.window, y: p.headTop + 62 },
    bodyBottom: p.width - margin * 0.75,
    footerTop: p.width - margin * 0.55,
    marks: [],
  };
}

function pdfCell(v: Cell, kind: CellKind, money: (minor: number) => string): string {
  if (v === null) return kind === 'ratio' ? 'n/a' : '';
  if (typeof v === 'string') return v;
  if (kind === 'money') return money(v);
  if (kind === 'ratio') return v.toFixed(1);
  return v.toLocaleString('en-US');
}

/**
 * A report printed through the letters renderer: the company's letterhead, the title (dates and
 * method), its notes, each section as a table that flows across pages with its header repeated,
 * and, for the trend, a stacked bar chart above the figures. Paper size from Settings.
 */
export function reportPdf(t: ReportTable, settings: LetterSettings, money: (minor: number) => string): Promise<Buffer> {
  const portrait = pageLayout(settings.paperSize);
  const layout = t.sections.some((s) => s.columns.length > PORTRAIT_COLUMNS) ? landscape(portrait) : portrait;
  const doc = letterDocument(layout.size, t.title, settings.companyName);
  const done = pdfBytes(doc);
  doc.addPage({ size: layout.size, margin: 0 });
  drawLetterhead(doc, layout, settings, openLogo(doc, settings.companyLogo).image);
  const flow = new PageFlow(doc, layout, { left: settings.companyName, right: `${t.title} · continued` });
  // A report has no address window: it starts right under the letterhead's rule.
  flow.y = layout.window.y + 4;
  drawSubject(flow, t.title);
  for (const n of t.notes) drawParagraph(flow, n);
  if (t.chart) drawChart(flow, t.chart, money);
  for (const s of t.sections) {
    if (s.heading) drawSubject(flow, s.heading);
    const rows = [...s.rows, ...(s.totals ? [s.totals] : [])].map((r) => r.map((v, i) => pdfCell(v, s.columns[i].kind, money)));
    const columns: Column[] = s.columns.map((c, i) => ({
      title: c.title,
      share: Math.min(MAX_TEXT_SHARE, Math.max(c.title.length * 0.9, ...rows.map((r) => r[i].length))) + 2,
      align: c.kind === 'text' ? 'left' : 'right',
    }));
    drawTable(flow, columns, rows, [], 1, 'Nothing in this period.');
  }
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const label = `Page ${i + 1} of ${range.count}`;
    const style = { size: 7.5, color: MUTED };
    const w = textWidth(doc, label, style);
    put(doc, label, layout.right - w, layout.footerTop, style);
    putFitted(doc, t.title, layout.left, layout.footerTop, layout.right - layout.left - w - 24, style);
  }
  doc.end();
  return done;
}

/** Stacked bars, one per label, with the largest stack's amount on the scale and a legend. */
function drawChart(flow: PageFlow, chart: ReportChart, money: (minor: number) => string): void {
  const { doc } = flow;
  // Shorter on a landscape page, so a year of month-ends still fits beside its chart.
  const CHART_HEIGHT = flow.layout.width > flow.layout.height ? 110 : 150;
  flow.need(CHART_HEIGHT + 40);
  const top = flow.y + 4;
  const base = top + CHART_HEIGHT;
  const stacks = chart.labels.map((_, i) => chart.series.reduce((s, x) => s + Math.max(0, x.values[i]), 0));
  const max = Math.max(1, ...stacks);
  const scaleWidth = textWidth(doc, money(max), { size: 7 }) + 6;
  const left = flow.left + scaleWidth;
  const slot = (flow.width - scaleWidth) / Math.max(1, chart.labels.length);
  const bar = Math.min(28, slot * 0.7);
  put(doc, money(max), flow.left, top - 3, { size: 7, color: MUTED });
  hairline(doc, left, top, flow.left + flow.width, RULE, 0.4);
  hairline(doc, left, base, flow.left + flow.width, INK, 0.6);
  chart.labels.forEach((label, i) => {
    const x = left + i * slot + (slot - bar) / 2;
    let y = base;
    chart.series.forEach((s, k) => {
      const h = (Math.max(0, s.values[i]) / max) * CHART_HEIGHT;
      if (h <= 0) return;
      doc.save().rect(x, y - h, bar, h).fill(PALETTE[k % PALETTE.length]).restore();
      y -= h;
    });
    putFitted(doc, label.slice(2, 7), left + i * slot, base + 3, slot, { size: 6.5, color: MUTED }, 'center', 5);
  });
  let x = left;
  const legendY = base + 14;
  chart.series.forEach((s, k) => {
    doc.save().rect(x, legendY + 1, 7, 7).fill(PALETTE[k % PALETTE.length]).restore();
    put(doc, s.name, x + 10, legendY, { size: 7, color: INK });
    x += 10 + textWidth(doc, s.name, { size: 7 }) + 12;
  });
  flow.y = legendY + 20;
}
