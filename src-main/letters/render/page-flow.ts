import type { PageLayout } from './page-layout';
import { MUTED, RULE, hairline, putFitted, textWidth } from './typeset';

/**
 * The write position in one letter and the page breaks. Every page after the first starts with
 * a running head naming the customer and the date, so a second sheet that strays from its first
 * still says whose letter it belongs to.
 */
export class PageFlow {
  y: number;
  pages = 1;
  private pageTop: number;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly layout: PageLayout,
    private readonly runningHead: { left: string; right: string },
  ) {
    this.y = layout.subjectTop;
    this.pageTop = layout.subjectTop;
  }

  get left(): number {
    return this.layout.left;
  }

  get width(): number {
    return this.layout.right - this.layout.left;
  }

  /** Space left on this page. */
  get room(): number {
    return this.layout.bodyBottom - this.y;
  }

  /** True when nothing has been written on this page yet (a break here would leave it empty). */
  get atPageTop(): boolean {
    return this.y <= this.pageTop;
  }

  /** Whether `height` more fits on this page (anything fits on an empty page: it could go nowhere better). */
  fits(height: number): boolean {
    return height <= this.room || this.atPageTop;
  }

  /** Starts a new page when `height` more does not fit here; true when it did. */
  need(height: number): boolean {
    if (this.fits(height)) return false;
    this.newPage();
    return true;
  }

  newPage(): void {
    const { doc, layout } = this;
    doc.addPage({ size: layout.size, margin: 0 });
    this.pages++;
    const style = { size: 7.5, color: MUTED };
    const rightWidth = Math.min(textWidth(this.doc, this.runningHead.right, style), this.width / 2);
    putFitted(doc, this.runningHead.left, layout.left, layout.headTop, this.width - rightWidth - 12, { ...style, bold: true });
    putFitted(doc, this.runningHead.right, layout.right - rightWidth, layout.headTop, rightWidth, style, 'right');
    hairline(doc, layout.left, layout.headTop + 13, layout.right, RULE, 0.6);
    this.y = layout.continuationTop;
    this.pageTop = layout.continuationTop;
  }
}
