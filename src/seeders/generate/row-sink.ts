// Where a table generator's finished rows go, a batch at a time: plain arrays of values (exports,
// dry runs, rows the database tests first), or straight into the form a database's writer
// consumes (drivers/encode.ts: RowPacker for SQLite, CopyPacker for PostgreSQL's COPY text), so
// that a large run does not build an array per row only to take it apart again (≈a fifth of the
// generating thread's time at 200k rows).

export interface RowSink<B> {
  /** Rows added since the last take. */
  readonly count: number;
  /** Adds a row: its values in `columns` order. */
  add(row: Readonly<Record<string, unknown>>, columns: readonly string[]): void;
  /** The rows added since the last take, as one batch. */
  take(): B;
  /** Batches cut short (TableGenerator.batches' time budget) hold a multiple of this many rows
   *  (SQLite's rows per INSERT statement: another count would need a statement of its own). */
  readonly unit?: number;
}

/** A row's values in `columns` order. */
export function rowValues(row: Readonly<Record<string, unknown>>, columns: readonly string[]): unknown[] {
  const out = new Array(columns.length);
  for (let c = 0; c < columns.length; c++) out[c] = row[columns[c]];
  return out;
}

export class ArraySink implements RowSink<unknown[][]> {
  private rows: unknown[][] = [];
  get count(): number {
    return this.rows.length;
  }
  add(row: Readonly<Record<string, unknown>>, columns: readonly string[]): void {
    this.rows.push(rowValues(row, columns));
  }
  take(): unknown[][] {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }
}
