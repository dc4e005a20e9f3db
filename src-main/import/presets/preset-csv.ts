import Papa from 'papaparse';

export interface SourceRow {
  /** Line where the row starts, as a text editor counts them. */
  line: number;
  fields: string[];
}

/** Every row of a delimited text, blank ones included (reports use them as spacing), with line numbers. */
export function delimitedRows(text: string, delimiter: ',' | '\t'): SourceRow[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter, skipEmptyLines: false, quoteChar: delimiter === '\t' ? '\u0000' : '"' });
  const rows: SourceRow[] = [];
  let line = 0;
  for (const fields of parsed.data) {
    const start = line + 1;
    line = start;
    for (const f of fields) if (f.includes('\n')) line += f.split('\n').length - 1;
    rows.push({ line: start, fields: fields.map((f) => f.replace(/\r$/, '')) });
  }
  return rows;
}

export const isBlank = (fields: string[]) => fields.every((f) => f.trim() === '');

/** Letters and digits only, lower case: "Due Date" and "duedate" are one column. */
export const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Column positions by squashed name. */
export function columnIndex(header: string[]): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const key = squash(h);
    if (key !== '' && !index.has(key)) index.set(key, i);
  });
  return index;
}
