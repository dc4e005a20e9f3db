// Widths of text as the browser will draw it, for sizing grid columns to their widest value.
let context: CanvasRenderingContext2D | null | undefined;
// Setting the canvas font parses it each time: a grid page measures a thousand texts in three fonts.
let currentFont = '';

/** The width in CSS pixels of `text` in `font` (a CSS font shorthand), or an estimate without a canvas. */
export function textWidth(text: string, font: string): number {
  if (context === undefined) context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!context) return text.length * 8;
  if (font !== currentFont) context.font = currentFont = font;
  return Math.ceil(context.measureText(text).width);
}

// Measuring is most of what sizing a page of columns costs (a page change measured ~15 ms of
// `measureText` in Chromium). Amounts, codes and dates differ mostly in their digits, so each text
// is measured with every digit written as the font's widest one: never narrower than the text
// itself, and the hundred amounts of a page come down to a handful of shapes, each measured once.
const widestDigit = new Map<string, string>();
const shapes = new Map<string, number>();
const MAX_SHAPES = 20_000;

function widestDigitOf(font: string): string {
  let d = widestDigit.get(font);
  if (d === undefined) {
    d = '0';
    for (const c of '123456789') if (textWidth(c, font) > textWidth(d, font)) d = c;
    widestDigit.set(font, d);
  }
  return d;
}

/** The widest of `texts` in `font`, in CSS pixels (0 for none): at least as wide as each of them draws. */
export function widestTextWidth(texts: readonly string[], font: string): number {
  const digit = widestDigitOf(font);
  let widest = 0;
  for (const text of texts) {
    const shape = text.replace(/\d/g, digit);
    const key = `${font}\n${shape}`;
    let w = shapes.get(key);
    if (w === undefined) {
      if (shapes.size >= MAX_SHAPES) shapes.clear();
      shapes.set(key, (w = textWidth(shape, font)));
    }
    if (w > widest) widest = w;
  }
  return widest;
}
