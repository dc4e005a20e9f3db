import type { PaperSize } from '../letter-context';

/** A rectangle in PDF points, measured from the page's top-left corner (pdfkit's own coordinates). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const IN = 72;
const MM = 72 / 25.4;

/** Where everything on a letter goes, for one paper size. All values in points from the top-left. */
export interface PageLayout {
  paper: PaperSize;
  /** pdfkit's size name, or [width, height] in points (a report turned landscape). */
  size: 'LETTER' | 'A4' | [number, number];
  width: number;
  height: number;
  /** The text column of the body, on every page. */
  left: number;
  right: number;
  /** Top of the letterhead on the first page, and of the running head on later pages. */
  headTop: number;
  /** The logo is scaled to fit this box, keeping its proportions. */
  logoBox: Rect;
  /** The envelope window (see addressWindow). */
  window: Rect;
  /** The one-line return address, inside the window above the recipient. */
  returnLine: Rect;
  /** The recipient's lines, inside the window. */
  recipient: Rect;
  /** Date and account reference, to the right of the window. */
  infoBlock: Rect;
  /** Top of the subject line on the first page. */
  subjectTop: number;
  /** Top of the body on the second and later pages, below the running head. */
  continuationTop: number;
  /** Nothing of the body goes below this line. */
  bodyBottom: number;
  /** Top of the footer line (page number). */
  footerTop: number;
  /** Fold (and, on A4, punch) marks at the left edge, so a clerk folds the page to the window. */
  marks: number[];
}

/**
 * US Letter in a #10 window envelope. The standard #10 window is 4½ × 1⅛ in, ⅞ in from the
 * envelope's left edge and ½ in from its bottom. Folded in thirds (folds at 3⅔ and 7⅓ in), the
 * top panel faces the window; with the fold resting on the envelope's bottom the window shows
 * the page from 3⅔ − 1⅝ = 2.042 in to 3⅔ − ½ = 3.167 in down, and ⅞ to 5⅜ in across. The
 * same 2.042 in top edge is what mailing houses give for their #10 address block. If the sheet
 * rides up in the envelope the window slides down the block, so the city and postcode lines,
 * which the post office reads, stay visible longest.
 */
const LETTER: PageLayout = {
  paper: 'letter',
  size: 'LETTER',
  width: 612,
  height: 792,
  left: IN,
  right: 612 - IN,
  headTop: 0.55 * IN,
  logoBox: { x: IN, y: 0.55 * IN, width: 1.6 * IN, height: 0.6 * IN },
  window: { x: 0.875 * IN, y: 2.042 * IN, width: 4.5 * IN, height: 1.125 * IN },
  returnLine: { x: IN, y: 2.042 * IN + 4, width: 5.375 * IN - IN - 8, height: 9 },
  recipient: { x: IN, y: 2.042 * IN + 17, width: 5.375 * IN - IN - 8, height: 1.125 * IN - 17 - 4 },
  infoBlock: { x: 5.5 * IN, y: 2.042 * IN + 4, width: 2 * IN, height: 1.125 * IN - 8 },
  subjectTop: 3.55 * IN,
  continuationTop: IN,
  bodyBottom: 792 - IN,
  footerTop: 792 - 0.62 * IN,
  marks: [(11 / 3) * IN, (22 / 3) * IN],
};

/**
 * A4 in a DL window envelope, DIN 5008 form B: the address field is 85 × 45 mm, 20 mm from the
 * left edge and 45 mm from the top. Its first 17.7 mm are the zone for the return address and
 * postal notes, the remaining 27.3 mm hold up to six address lines. Text starts at the 25 mm
 * left margin; the information block (date, references) starts 125 mm from the left, 50 mm
 * down. Fold marks at 105 and 210 mm, the punch mark at 148.5 mm.
 */
const A4_WIDTH = 595.28;
const A4_HEIGHT = 841.89;
const A4: PageLayout = {
  paper: 'a4',
  size: 'A4',
  width: A4_WIDTH,
  height: A4_HEIGHT,
  left: 25 * MM,
  right: A4_WIDTH - 20 * MM,
  headTop: 12 * MM,
  logoBox: { x: 25 * MM, y: 12 * MM, width: 1.6 * IN, height: 0.6 * IN },
  window: { x: 20 * MM, y: 45 * MM, width: 85 * MM, height: 45 * MM },
  returnLine: { x: 25 * MM, y: (45 + 17.7) * MM - 12, width: 78 * MM, height: 9 },
  recipient: { x: 25 * MM, y: (45 + 17.7) * MM + 2, width: 78 * MM, height: 27.3 * MM - 5 },
  infoBlock: { x: 125 * MM, y: 50 * MM, width: A4_WIDTH - 20 * MM - 125 * MM, height: 40 * MM },
  subjectTop: 98.4 * MM,
  continuationTop: 25 * MM,
  bodyBottom: A4_HEIGHT - 25 * MM,
  footerTop: A4_HEIGHT - 15 * MM,
  marks: [105 * MM, 148.5 * MM, 210 * MM],
};

export function pageLayout(paper: PaperSize): PageLayout {
  return paper === 'a4' ? A4 : LETTER;
}

/** The area of the first page that shows through the envelope window, in points from the top-left. */
export function addressWindow(paper: PaperSize): Rect {
  return { ...pageLayout(paper).window };
}
