import type { Database, Statement } from 'better-sqlite3';

/** Rows per statement: past ~100 the statement's fixed cost is gone, and SQLite's parameter limit is far away. */
const ROWS_PER_STATEMENT = 128;

/**
 * A statement over many rows of values at once — `INSERT … VALUES (…), (…)`, or an UPDATE
 * `FROM (VALUES …)` — fed flat arrays of values (`width` a row). Per row, binding and stepping a
 * one-row statement costs about as much as SQLite's own work; one statement for a hundred rows
 * costs about half as much in all.
 */
export class MultiRowStatement {
  private readonly byCount = new Map<number, Statement>();

  constructor(
    private readonly db: Database,
    /** What comes before the rows, e.g. `INSERT INTO t (a, b, c) VALUES`. */
    private readonly head: string,
    /** One row's tuple, e.g. `(?, ?, 'x')`: may hold constants beside its `width` parameters. */
    private readonly tuple: string,
    private readonly width: number,
    /** What comes after the rows. */
    private readonly tail = '',
  ) {}

  /** Runs over `values.length / width` rows in order; returns the last insert's id. */
  run(values: unknown[]): number {
    const rows = values.length / this.width;
    let last = 0;
    for (let from = 0; from < rows; from += ROWS_PER_STATEMENT) {
      const count = Math.min(ROWS_PER_STATEMENT, rows - from);
      const slice = values.slice(from * this.width, (from + count) * this.width);
      last = Number(this.statement(count).run(slice).lastInsertRowid);
    }
    return last;
  }

  private statement(count: number): Statement {
    let s = this.byCount.get(count);
    if (!s) this.byCount.set(count, (s = this.db.prepare(`${this.head} ${Array<string>(count).fill(this.tuple).join(', ')} ${this.tail}`)));
    return s;
  }
}
