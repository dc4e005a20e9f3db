import type { BlockField, InlineField } from './merge-fields';
import { CURRENCY_BEFORE_AMOUNT, FIELD_PATTERN, isBlockField } from './merge-fields';

/** A letter's content after merging, ready for layout: the renderer decides how it looks. */
export interface MergedLetter {
  subject: string;
  blocks: LetterBlock[];
}

export type LetterBlock = { kind: 'paragraph'; text: string } | { kind: BlockField };

/**
 * Fills a checked template from the values of one letter. Paragraphs are separated by blank
 * lines; single line breaks are kept (addresses, lists). A block field becomes its own block.
 * Values are inserted as text: nothing in them is read as a field again.
 */
export function mergeLetter(subject: string, body: string, values: Record<InlineField, string>): MergedLetter {
  const fill = (text: string) => text.replace(CURRENCY_BEFORE_AMOUNT, '').replace(FIELD_PATTERN, (_all, name: string) => values[name as InlineField] ?? '');
  const blocks: LetterBlock[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', text: fill(paragraph.join('\n')) });
    paragraph = [];
  };
  for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
    const block = /^\s*\{\{\s*([^{}]*?)\s*\}\}\s*$/.exec(line);
    if (block && isBlockField(block[1])) {
      endParagraph();
      blocks.push({ kind: block[1] });
    } else if (line.trim() === '') endParagraph();
    else paragraph.push(line.trimEnd());
  }
  endParagraph();
  return { subject: fill(subject).replace(/\s*\n\s*/g, ' ').trim(), blocks };
}
