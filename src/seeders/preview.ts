import type { Driver } from './driver.ts';
import { SeedbedError } from './errors.ts';
import { quote } from './schema/sqlite.ts';

// The first rows of one table, read-only (the extension's "Preview rows"). A small addition to
// the engine API for the VS Code extension; drivers without a plain query method say so.

export interface RowPreview {
  table: string;
  columns: string[];
  rows: unknown[][];
  /** Rows in the table. */
  total: number;
}

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
}

export async function previewRows(driver: Driver, table: string, limit = 50): Promise<RowPreview> {
  const schema = await driver.readSchema();
  const info = schema.tables.find((t) => t.name === table);
  if (!info) throw new SeedbedError('UNKNOWN_TABLE', `Unknown table "${table}".`, { fix: 'Refresh the schema: the table may have been renamed or dropped.' });
  const q = driver as Partial<Queryable>;
  if (driver.dialect !== 'sqlite' || typeof q.query !== 'function') {
    throw new SeedbedError('UNSUPPORTED', `Previewing rows is not available for ${driver.dialect} yet.`);
  }
  const n = Math.max(0, Math.min(1000, Math.floor(limit)));
  const columns = info.columns.map((c) => c.name);
  const order = info.primaryKey.length ? ` ORDER BY ${info.primaryKey.map(quote).join(', ')}` : '';
  const records = await q.query(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(info.name)}${order} LIMIT ${n}`);
  const total = (await driver.countRows([info])).get(info.name) ?? 0;
  return { table: info.name, columns, rows: records.map((r) => columns.map((c) => r[c])), total };
}
