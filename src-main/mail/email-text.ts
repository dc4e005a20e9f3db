import { inlineValues, letterMoney, longDate, type LetterData } from '../letters/letter-context';
import { mergeLetter } from '../letters/merge-letter';

export interface EmailText {
  subject: string;
  /** The plain-text part. */
  text: string;
  /** The same words as simple HTML: every value escaped, paragraphs and line breaks kept. */
  html: string;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The open items as lines a mail program shows well in any font: number, due date, amount. */
function openItemLines(d: LetterData): string[] {
  return d.openItems.map((o) => `${o.seq === null ? o.number : `${o.number} (${o.seq})`} · due ${longDate(o.dueDate)} · ${letterMoney(d, o.openAmount)}`);
}

/**
 * One customer's email from the template's email subject and body, merged with the same values
 * as the letter (so the email and the attached PDF never disagree). The text and the HTML are
 * made from the same merge: the HTML only escapes and wraps it.
 */
export function emailText(subject: string, body: string, d: LetterData): EmailText {
  const merged = mergeLetter(subject, body, inlineValues(d));
  const textBlocks: string[] = [];
  const htmlBlocks: string[] = [];
  for (const b of merged.blocks) {
    if (b.kind === 'paragraph') {
      textBlocks.push(b.text);
      htmlBlocks.push(`<p>${escapeHtml(b.text).replace(/\n/g, '<br>\n')}</p>`);
    } else if (b.kind === 'open_items_table') {
      const lines = openItemLines(d);
      textBlocks.push(lines.join('\n'));
      htmlBlocks.push(`<ul>\n${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('\n')}\n</ul>`);
    }
    // Other blocks are refused in an email body by the template check (template-check.ts).
  }
  return {
    subject: merged.subject,
    text: `${textBlocks.join('\n\n')}\n`,
    html: `<!doctype html>\n<html><body style="font-family: sans-serif">\n${htmlBlocks.join('\n')}\n</body></html>\n`,
  };
}
