import { parsePositiveDecimal } from '../money/amounts';
import { isIsoDate } from '../money/dates';
import type { RowError } from './import-kinds';

/** Reads one CSV record's fields by column name, collecting every problem instead of stopping at the first. */
export class RowReader {
  readonly errors: RowError[] = [];
  private fields: string[] = [];
  line = 0;

  constructor(private readonly index: Map<string, number>) {}

  reset(line: number, fields: string[]): this {
    this.line = line;
    this.fields = fields;
    this.errors.length = 0;
    return this;
  }

  has(column: string): boolean {
    return this.index.has(column);
  }

  raw(column: string): string {
    const i = this.index.get(column);
    return i === undefined ? '' : (this.fields[i] ?? '').trim();
  }

  fail(column: string, message: string): void {
    this.errors.push({ line: this.line, column, message });
  }

  text(column: string, max: number): string {
    const v = this.raw(column);
    if (v === '') this.fail(column, 'is required');
    else if (v.length > max) this.fail(column, `is longer than ${max} characters`);
    return v;
  }

  optionalText(column: string, max: number): string | null {
    const v = this.raw(column);
    if (v.length > max) this.fail(column, `is longer than ${max} characters`);
    return v === '' ? null : v;
  }

  date(column: string): string {
    const v = this.raw(column);
    if (v === '') this.fail(column, 'is required');
    else if (!isIsoDate(v)) this.fail(column, `is not a valid date in YYYY-MM-DD form: ${v}`);
    return v;
  }

  /** An optional date column: empty is null. */
  optionalDate(column: string): string | null {
    const v = this.raw(column);
    if (v === '') return null;
    if (!isIsoDate(v)) this.fail(column, `is not a valid date in YYYY-MM-DD form: ${v}`);
    return v;
  }

  amount(column: string): number {
    const r = parsePositiveDecimal(this.raw(column));
    if (!r.ok) {
      this.fail(column, r.message);
      return 0;
    }
    return r.value;
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }
}
