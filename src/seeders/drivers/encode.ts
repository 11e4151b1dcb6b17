import type { Dialect } from '../schema/model.ts';
import { copyText, CopyWriter } from './pg-text.ts';

// Rows in the form each database's writer consumes, made by pure functions that run on the
// generating thread, so that the writing side only hands them over:
//   SQLite: packed rows (below), unpacked into one parameter array per multi-row INSERT;
//   PostgreSQL: the COPY text, in pieces the writing side turns into bytes as it sends them.

export type EncodedRows =
  | PackedRows
  | CopyRows;

/**
 * PostgreSQL rows as COPY text, in strings of ≤ 32K characters. Not bytes transferred from the
 * generating thread: those arrive as buffers the receiving thread's heap does not see, so they
 * were freed only when V8's external-memory limit forced a full GC — 50–65 MiB of dead COPY
 * data at the peak of a 2M-row run. Small strings fill the young generation and die there.
 */
export interface CopyRows {
  kind: 'copy';
  count: number;
  text: string[];
}

/**
 * SQLite rows packed for another thread: a tag per value, numbers in a Float64Array, strings
 * concatenated (one string per INSERT statement's rows) with their lengths, anything else
 * (bigint, blob) in a list. A thread boundary copies a handful of objects instead of a million
 * small values: structured clone of the plain arrays cost more than generating the rows. One
 * string per statement, not per batch, keeps each below V8's large-object size, so it dies in
 * the young generation instead of piling up until a full GC (peak memory at 2M rows).
 */
export interface PackedRows {
  kind: 'sqlite-packed';
  count: number;
  width: number;
  tags: Uint8Array;
  numbers: Float64Array;
  text: string[];
  lengths: Uint32Array;
  other: unknown[];
  /** For the columns the packer was asked to watch (foreign keys): the least and greatest
   *  number packed, and 1 where a value was neither a number nor NULL, or a number with a
   *  fraction (what a bulk load's FK checks vouch by: sqlite-bulk-checks.ts). */
  watched?: { columns: Int32Array; mins: Float64Array; maxs: Float64Array; mixed: Uint8Array };
}

const NULL = 0, NUMBER = 1, TEXT = 2, OTHER = 3;

const MAX_VARIABLES = 32766; // SQLITE_MAX_VARIABLE_NUMBER since 3.32
const ROWS_PER_STATEMENT = 100;

/** Rows per INSERT statement for a table of `width` columns. */
export function sqliteRowsPerStatement(width: number): number {
  return Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_VARIABLES / Math.max(1, width))));
}

/** Statement cache key of the `rows`-row INSERT into these columns (SQL: sqlite-sql.ts). */
export function insertKey(table: string, columns: string[], rows: number): string {
  return `${table}\u0000${columns.join('\u0000')}\u0000${rows}`;
}

/** The statement sizes (rows per INSERT) that unpacking `rows` will ask for. */
export function statementSizes(rows: PackedRows): number[] {
  const per = sqliteRowsPerStatement(rows.width);
  return [...new Set([Math.min(per, rows.count), rows.count % per].filter((n) => n > 0))];
}

export function encodeRows(dialect: Dialect, width: number, rows: readonly unknown[][]): EncodedRows {
  if (dialect === 'postgresql') return { kind: 'copy', count: rows.length, text: copyText(rows) };
  return packRows(width, rows);
}

/** A generator's batches in the writer's form, made row by row: SQLite's packed rows,
 *  PostgreSQL's COPY text (no array of values per row in between). */
export function packerFor(dialect: Dialect): ((width: number, rows: number, watch?: number[]) => RowPacker | CopyPacker) | undefined {
  return dialect === 'sqlite' ? (width, rows, watch) => new RowPacker(width, rows, watch) : dialect === 'postgresql' ? () => new CopyPacker() : undefined;
}

/** PostgreSQL rows as COPY text as they are made (a RowSink of generate/row-sink.ts). A row
 *  array per row, then a pass over them, cost ≈11 % of the generating thread's CPU at 200k rows. */
export class CopyPacker {
  private readonly writer = new CopyWriter();
  count = 0;

  add(row: Readonly<Record<string, unknown>>, columns: readonly string[]): void {
    for (let c = 0; c < columns.length; c++) this.writer.put(row[columns[c]]);
    this.writer.endRow();
    this.count++;
  }

  take(): CopyRows {
    const out: CopyRows = { kind: 'copy', count: this.count, text: this.writer.take() };
    this.count = 0;
    return out;
  }
}

export function packRows(width: number, rows: readonly unknown[][]): PackedRows {
  const packer = new RowPacker(width, rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < width; c++) packer.put(row[c]);
    packer.endRow();
  }
  return packer.take();
}

/** Packs rows as they are made (a RowSink of generate/row-sink.ts: the generator's rows go
 *  straight into these arrays, never into an array per row). */
export class RowPacker {
  private readonly width: number;
  private readonly per: number;
  get unit(): number {
    return this.per;
  }
  /** Rows a batch usually holds: its arrays are sized for that many at its first value. */
  private readonly rows: number;
  private tags = new Uint8Array(0);
  private numbers = new Float64Array(0);
  private lengths = new Uint32Array(0);
  private other: unknown[] = [];
  private text: string[] = [];
  /** The current statement's texts, concatenated as they come (V8 joins them lazily, once). */
  private chunk = '';
  private k = 0;
  private nn = 0;
  private nt = 0;
  /** Columns whose values are watched (PackedRows.watched), and what was seen in them. */
  private readonly watch: Int32Array | undefined;
  private watched: PackedRows['watched'];
  count = 0;

  constructor(width: number, rows: number, watch?: number[]) {
    this.width = width;
    this.per = sqliteRowsPerStatement(width);
    this.rows = Math.max(1, rows);
    if (watch?.length) {
      this.watch = Int32Array.from(watch);
      this.watched = freshWatch(this.watch);
    }
  }

  /** The next value of the current row. */
  put(v: unknown): void {
    const k = this.k++;
    if (k === this.tags.length) this.grow();
    if (v === null || v === undefined) this.tags[k] = NULL;
    else if (typeof v === 'number') { this.tags[k] = NUMBER; this.numbers[this.nn++] = v; }
    else if (typeof v === 'string') { this.tags[k] = TEXT; this.lengths[this.nt++] = v.length; this.chunk += v; }
    else if (typeof v === 'boolean') { this.tags[k] = NUMBER; this.numbers[this.nn++] = v ? 1 : 0; }
    else { this.tags[k] = OTHER; this.other.push(v); }
  }

  /** Ends the current row; each INSERT statement's texts become one string. */
  endRow(): void {
    if (++this.count % this.per === 0) { this.text.push(this.chunk); this.chunk = ''; }
  }

  add(row: Readonly<Record<string, unknown>>, columns: readonly string[]): void {
    for (let c = 0; c < columns.length; c++) this.put(row[columns[c]]);
    this.endRow();
    const w = this.watched;
    if (w === undefined) return;
    for (let i = 0; i < w.columns.length; i++) {
      const v = row[columns[w.columns[i]]];
      if (typeof v === 'number') {
        if (v < w.mins[i]) w.mins[i] = v;
        if (v > w.maxs[i]) w.maxs[i] = v;
        if (!Number.isInteger(v)) w.mixed[i] = 1;
      } else if (v !== null && v !== undefined) w.mixed[i] = 1;
    }
  }

  /** The rows packed since the last take (their arrays move to the caller). */
  take(): PackedRows {
    if (this.count % this.per) this.text.push(this.chunk);
    const n = this.count * this.width;
    const out: PackedRows = {
      kind: 'sqlite-packed', count: this.count, width: this.width, text: this.text, other: this.other,
      tags: n === this.tags.length ? this.tags : this.tags.slice(0, n), numbers: this.numbers.slice(0, this.nn), lengths: this.lengths.slice(0, this.nt),
      ...(this.watched ? { watched: this.watched } : {}),
    };
    if (this.watch) this.watched = freshWatch(this.watch);
    this.tags = new Uint8Array(0);
    this.numbers = new Float64Array(0);
    this.lengths = new Uint32Array(0);
    this.other = [];
    this.text = [];
    this.chunk = '';
    this.k = this.nn = this.nt = this.count = 0;
    return out;
  }

  /** Room for the batch's rows at its first value, twice as much past that. */
  private grow(): void {
    const n = Math.max(this.rows * this.width, this.tags.length * 2);
    const tags = new Uint8Array(n), numbers = new Float64Array(n), lengths = new Uint32Array(n);
    tags.set(this.tags);
    numbers.set(this.numbers);
    lengths.set(this.lengths);
    this.tags = tags;
    this.numbers = numbers;
    this.lengths = lengths;
  }
}

function freshWatch(columns: Int32Array): NonNullable<PackedRows['watched']> {
  const n = columns.length;
  return { columns, mins: new Float64Array(n).fill(Infinity), maxs: new Float64Array(n).fill(-Infinity), mixed: new Uint8Array(n) };
}

/** Unpacks into parameter arrays of `sqliteRowsPerStatement(width)` rows; `use` gets each one
 *  (the array is reused for the next statement of the same size: better-sqlite3 copies bindings).
 *  Writers pass it as arguments (`run.apply(st, params)`), not as one array argument: better-sqlite3
 *  then reads each value from the call's arguments instead of getting it from the array, ≈18 %
 *  less CPU per row on the bench's 7-column rows (100 to 2,000 rows per statement all the same). */
export function unpackRows(p: PackedRows, use: (params: unknown[], rows: number) => void): void {
  const per = sqliteRowsPerStatement(p.width);
  const buffers = new Map<number, unknown[]>();
  let k = 0, nn = 0, nt = 0, no = 0;
  for (let row = 0, chunk = 0; row < p.count; row += per, chunk++) {
    const rows = Math.min(per, p.count - row);
    const text = p.text[chunk];
    let at = 0;
    const size = rows * p.width;
    let params = buffers.get(size);
    if (!params) buffers.set(size, (params = new Array<unknown>(size)));
    for (let i = 0; i < size; i++, k++) {
      const tag = p.tags[k];
      if (tag === NUMBER) params[i] = p.numbers[nn++];
      else if (tag === TEXT) { const len = p.lengths[nt++]; params[i] = text.slice(at, at + len); at += len; }
      else if (tag === NULL) params[i] = null;
      else params[i] = p.other[no++];
    }
    use(params, rows);
  }
}

/** better-sqlite3 binds numbers, bigints, strings, Buffers and null; booleans are 0/1 in SQLite. */
export function sqliteValue(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}
