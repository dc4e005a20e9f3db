import { BLOCK_FIELDS, FIELD_PATTERN, INLINE_FIELDS, isBlockField, isInlineField } from './merge-fields';

export interface TemplateProblem {
  part: 'subject' | 'body' | 'emailSubject' | 'emailBody';
  line: number;
  column: number;
  message: string;
}

/**
 * Every problem in a template, found while it is being edited: unknown fields (with the
 * nearest known one suggested), stray braces, and block fields that do not stand alone on
 * their line or appear in the subject.
 */
export function checkTemplate(subject: string, body: string): TemplateProblem[] {
  return [...checkPart('subject', subject), ...checkPart('body', body)];
}

/** The block fields an email's plain text can show (as lines of text); the others belong in the attached PDF. */
export const EMAIL_BLOCK_FIELDS = ['open_items_table'] as const;

/** An email's subject and body: the letter's rules, and only the blocks plain text can carry. */
export function checkEmailText(subject: string | null | undefined, body: string | null | undefined): TemplateProblem[] {
  const problems = [...(subject ? checkPart('emailSubject', subject) : []), ...(body ? checkPart('emailBody', body) : [])];
  (body ?? '').split('\n').forEach((line, i) => {
    for (const m of line.matchAll(FIELD_PATTERN)) {
      if (isBlockField(m[1]) && !(EMAIL_BLOCK_FIELDS as readonly string[]).includes(m[1])) {
        problems.push({ part: 'emailBody', line: i + 1, column: m.index! + 1, message: `{{${m[1]}}} cannot go in an email: attach the letter as a PDF instead` });
      }
    }
  });
  return problems;
}

function checkPart(part: TemplateProblem['part'], text: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  text.split('\n').forEach((line, i) => {
    const at = (column: number, message: string) => problems.push({ part, line: i + 1, column: column + 1, message });
    for (const m of line.matchAll(FIELD_PATTERN)) {
      const name = m[1];
      if (isInlineField(name)) continue;
      if (isBlockField(name)) {
        if (part === 'subject' || part === 'emailSubject') at(m.index!, `{{${name}}} is a table or signature block and cannot go in the subject`);
        else if (line.trim() !== m[0]) at(m.index!, `{{${name}}} must stand on a line of its own`);
        continue;
      }
      const near = nearest(name);
      at(m.index!, name === '' ? 'Empty field {{}}' : `Unknown field {{${name}}}${near ? ` — did you mean {{${near}}}?` : ''}`);
    }
    // Braces left over once the fields are taken out: a field that was not closed or opened.
    const rest = line.replace(FIELD_PATTERN, (f) => ' '.repeat(f.length));
    const stray = rest.search(/\{\{|\}\}/);
    if (stray >= 0) at(stray, rest.slice(stray, stray + 2) === '{{' ? 'A field is opened with {{ but not closed with }}' : 'A }} closes no field');
  });
  return problems;
}

function nearest(name: string): string | null {
  const all = [...Object.keys(INLINE_FIELDS), ...Object.keys(BLOCK_FIELDS)];
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of all) {
    const d = distance(name.toLowerCase(), candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : null;
}

/** Levenshtein distance: small, and only ever run on short field names. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
