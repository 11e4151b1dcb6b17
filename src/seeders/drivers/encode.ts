import type { Dialect } from '../schema/model.ts';
import { copyText } from './pg-text.ts';

// Rows in the form each database's writer consumes, made by pure functions that run on the
// generating thread, so that the writing side only hands them over:
//   SQLite: packed rows (below), unpacked into one parameter array per multi-row INSERT;
//   PostgreSQL: the COPY text as UTF-8 bytes (transferred between threads without a copy).

export type EncodedRows =
  | PackedRows
  | { kind: 'copy'; count: number; bytes: Uint8Array };

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
}

const NULL = 0, NUMBER = 1, TEXT = 2, OTHER = 3;

const UTF8 = new TextEncoder();
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
  // TextEncoder, not Buffer.from: small Buffers share a pooled ArrayBuffer, which must not be transferred.
  if (dialect === 'postgresql') return { kind: 'copy', count: rows.length, bytes: UTF8.encode(copyText(rows)) };
  return packRows(width, rows);
}

export function packRows(width: number, rows: readonly unknown[][]): PackedRows {
  const n = rows.length * width;
  const tags = new Uint8Array(n);
  const numbers = new Float64Array(n);
  const lengths = new Uint32Array(n);
  const other: unknown[] = [];
  const text: string[] = [];
  const per = sqliteRowsPerStatement(width);
  let parts: string[] = [];
  let k = 0, nn = 0, nt = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (r && r % per === 0) { text.push(parts.join('')); parts = []; }
    for (let c = 0; c < width; c++, k++) {
      const v = row[c];
      if (v === null || v === undefined) tags[k] = NULL;
      else if (typeof v === 'number') { tags[k] = NUMBER; numbers[nn++] = v; }
      else if (typeof v === 'string') { tags[k] = TEXT; lengths[nt++] = v.length; parts.push(v); }
      else if (typeof v === 'boolean') { tags[k] = NUMBER; numbers[nn++] = v ? 1 : 0; }
      else { tags[k] = OTHER; other.push(v); }
    }
  }
  text.push(parts.join(''));
  return { kind: 'sqlite-packed', count: rows.length, width, tags, numbers: numbers.slice(0, nn), text, lengths: lengths.slice(0, nt), other };
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
