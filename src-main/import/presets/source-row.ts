import type { RowError } from '../import-kinds';
import { squash } from './preset-csv';
import { parseSourceAmount, parseSourceDate, type DateOrder } from './source-values';

/**
 * One row of a source file, read by the source's own column names, every problem collected as
 * `line N: Column: message` with the column as the source spells it.
 */
export class SourceRowReader {
  constructor(
    private readonly index: Map<string, number>,
    private readonly errors: RowError[],
    private readonly dateOrder: DateOrder,
    readonly line: number,
    private readonly fields: string[],
  ) {}

  private failures = 0;

  get ok(): boolean {
    return this.failures === 0;
  }

  has(column: string): boolean {
    return this.index.has(squash(column));
  }

  raw(column: string): string {
    const i = this.index.get(squash(column));
    return i === undefined ? '' : (this.fields[i] ?? '').trim();
  }

  fail(column: string, message: string): void {
    this.failures++;
    this.errors.push({ line: this.line, column, message });
  }

  text(column: string, max: number): string {
    const v = this.raw(column);
    if (v === '') this.fail(column, 'is required');
    else if (v.length > max) this.fail(column, `is longer than ${max} characters`);
    return v;
  }

  date(column: string, fallback?: string): string {
    const v = this.raw(column);
    if (v === '') {
      if (fallback !== undefined) return fallback;
      this.fail(column, 'is required');
      return '';
    }
    const d = parseSourceDate(v, this.dateOrder);
    if (d === null) this.fail(column, `is not a date (${this.dateOrder === 'dmy' ? 'day first' : 'month first'}, or YYYY-MM-DD): ${v}`);
    return d ?? '';
  }

  /** Signed, in minor units. */
  amount(column: string): number {
    const r = parseSourceAmount(this.raw(column));
    if (!r.ok) {
      this.fail(column, r.message);
      return 0;
    }
    return r.value;
  }
}

/** Header columns a preset cannot do without, each missing one reported on the header's line. */
export function missingColumns(index: Map<string, number>, line: number, required: string[]): RowError[] {
  return required.filter((c) => !index.has(squash(c))).map((c) => ({ line, column: c, message: 'required column is missing from the header' }));
}
