import { quote } from '../schema/sqlite.ts';
import { sqliteValue } from './encode.ts';

// The SQL both SQLite writers run (the driver's own connection for small runs, the writing
// thread for large ones): multi-row INSERTs keyed by their row count, and the UPDATE that closes
// a cycle.

export function insertSql(table: string, columns: string[], rows: number): string {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES ${Array(rows).fill(tuple).join(', ')}`;
}

export function updateSql(table: string, keyColumns: string[], setColumns: string[]): string {
  return `UPDATE ${quote(table)} SET ${setColumns.map((c) => `${quote(c)} = ?`).join(', ')} WHERE ${keyColumns.map((c) => `${quote(c)} = ?`).join(' AND ')}`;
}

/** An update row holds [...keyValues, ...setValues]; the statement wants the SET values first. */
export function updateParams(row: unknown[], keyCount: number): unknown[] {
  return [...row.slice(keyCount), ...row.slice(0, keyCount)].map(sqliteValue);
}
