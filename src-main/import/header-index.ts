import { COLUMNS, type ImportKind, type RowError } from './import-kinds';

export interface HeaderIndex {
  /** The header as Settle columns (after the clerk's rename; '' for a column left out). */
  columns: string[];
  /** Settle column to its position in the row. */
  index: Map<string, number>;
  /** A column twice, a required one missing: the file is refused before any row is read. */
  errors: RowError[];
}

/** Reads a file's header the same way for the row-by-row import and the parsing worker. */
export function headerIndex(kind: ImportKind, fileColumns: string[], rename?: ReadonlyMap<string, string>): HeaderIndex {
  const columns = rename ? fileColumns.map((c) => rename.get(c) ?? '') : fileColumns;
  const errors: RowError[] = [];
  const index = new Map<string, number>();
  columns.forEach((c, i) => {
    if (c === '') return;
    if (index.has(c)) errors.push({ line: 1, column: c, message: 'appears twice in the header' });
    index.set(c, i);
  });
  for (const required of COLUMNS[kind].required) {
    if (!index.has(required)) errors.push({ line: 1, column: required, message: 'required column is missing from the header' });
  }
  return { columns, index, errors };
}
