import type { Dialect } from '../schema/model.ts';
import { copyText } from './pg-text.ts';

// Rows in the form each database's writer consumes, made by pure functions so that the
// generator's worker thread does this work and the writing thread only hands it over:
//   SQLite: flat parameter arrays, one per multi-row INSERT (no per-value work left to do);
//   PostgreSQL: the COPY text as UTF-8 bytes (transferred between threads without a copy).

export type EncodedRows =
  | { kind: 'sqlite'; count: number; width: number; chunks: unknown[][] }
  | { kind: 'copy'; count: number; bytes: Uint8Array };

const UTF8 = new TextEncoder();
const MAX_VARIABLES = 32766; // SQLITE_MAX_VARIABLE_NUMBER since 3.32
const ROWS_PER_STATEMENT = 100;

/** Rows per INSERT statement for a table of `width` columns. */
export function sqliteRowsPerStatement(width: number): number {
  return Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_VARIABLES / Math.max(1, width))));
}

export function encodeRows(dialect: Dialect, width: number, rows: readonly unknown[][]): EncodedRows {
  // TextEncoder, not Buffer.from: small Buffers share a pooled ArrayBuffer, which must not be transferred.
  if (dialect === 'postgresql') return { kind: 'copy', count: rows.length, bytes: UTF8.encode(copyText(rows)) };
  return { kind: 'sqlite', count: rows.length, width, chunks: sqliteChunks(width, rows) };
}

/** Parameter arrays of `sqliteRowsPerStatement(width)` rows each (the last may hold fewer). */
export function sqliteChunks(width: number, rows: readonly unknown[][]): unknown[][] {
  const per = sqliteRowsPerStatement(width);
  const chunks: unknown[][] = [];
  for (let i = 0; i < rows.length; i += per) {
    const n = Math.min(per, rows.length - i);
    const buf = new Array<unknown>(n * width);
    for (let r = 0; r < n; r++) {
      const row = rows[i + r];
      for (let c = 0; c < width; c++) buf[r * width + c] = sqliteValue(row[c]);
    }
    chunks.push(buf);
  }
  return chunks;
}

/** better-sqlite3 binds numbers, bigints, strings, Buffers and null; booleans are 0/1 in SQLite. */
export function sqliteValue(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}
