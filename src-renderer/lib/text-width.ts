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
