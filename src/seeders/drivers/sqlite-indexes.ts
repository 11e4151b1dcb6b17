import type { TableInfo } from '../schema/model.ts';
import { quote } from '../schema/sqlite.ts';

// Bulk loading without the secondary indexes: a table about to get many rows loses its plain
// (non-unique, CREATE INDEX) indexes, and gets them back, built from the loaded rows in one
// sorted pass, when it is filled — the classic bulk-load order, ≈10x cheaper than keeping an
// index up to date through random-order inserts. Inside the run's transaction, so a failed run
// rolls the DROP back with everything else. Unique indexes stay: they are constraints.

type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
type Execute = (sql: string, params?: unknown[]) => Promise<number>;

/** Drops the table's plain indexes; returns the statements that recreate them. */
export async function suspendIndexes(query: Query, execute: Execute, table: TableInfo): Promise<string[]> {
  const indexes = await query(`SELECT name, "unique", origin FROM pragma_index_list(?)`, [table.name]);
  const restore: string[] = [];
  for (const ix of indexes) {
    if (ix.origin !== 'c' || Number(ix.unique)) continue;
    const row = (await query(`SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?`, [ix.name]))[0];
    if (typeof row?.sql !== 'string') continue;
    await execute(`DROP INDEX ${quote(String(ix.name))}`);
    restore.push(row.sql);
  }
  return restore;
}
