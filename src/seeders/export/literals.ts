import { pgText } from '../drivers/pg-text.ts';
import type { Dialect } from '../schema/model.ts';

// Values in the engine's neutral form as SQL literals of each dialect, for exported scripts.
// Strings are quoted with every quote doubled (PostgreSQL with standard_conforming_strings on,
// which the script sets: backslashes are then plain characters); PostgreSQL takes each value
// as the text its COPY would get (pgText) and lets the INSERT's target column type it, so
// arrays, enums, json, bytea and timestamps read exactly as a direct seed writes them.

const quoted = (s: string) => `'${s.replaceAll("'", "''")}'`;

export function sqlLiteral(dialect: Dialect, v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'bigint') return v.toString();
  if (dialect === 'postgresql') return quoted(pgText(v)!);
  switch (typeof v) {
    case 'number': return Number.isNaN(v) ? 'NULL' : v > 0 ? '9e999' : '-9e999'; // SQLite has no NaN; 9e999 reads as Inf
    case 'boolean': return v ? '1' : '0';
    case 'string': return quoted(v);
  }
  if (v instanceof Uint8Array) return `X'${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}'`;
  return quoted(JSON.stringify(v));
}

/** `sql` with its placeholders (`?` on SQLite, `$n` on PostgreSQL) replaced by literals of
 *  `params`; quoted identifiers and strings are left alone. */
export function bindLiterals(dialect: Dialect, sql: string, params: readonly unknown[]): string {
  let out = '';
  let next = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`') {
      const end = closing(sql, i, c);
      out += sql.slice(i, end + 1);
      i = end;
    } else if (c === '?' && dialect === 'sqlite') {
      out += sqlLiteral(dialect, params[next++]);
    } else if (c === '$' && dialect === 'postgresql' && /[0-9]/.test(sql[i + 1] ?? '')) {
      let j = i + 1;
      while (/[0-9]/.test(sql[j] ?? '')) j++;
      out += sqlLiteral(dialect, params[Number(sql.slice(i + 1, j)) - 1]);
      i = j - 1;
    } else {
      out += c;
    }
  }
  return out;
}

/** Index of the quote that closes the one at `start` (a doubled quote is part of the text). */
function closing(sql: string, start: number, q: string): number {
  for (let i = start + 1; i < sql.length; i++) {
    if (sql[i] !== q) continue;
    if (sql[i + 1] === q) { i++; continue; }
    return i;
  }
  return sql.length - 1;
}
