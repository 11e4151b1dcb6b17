import { quote } from '../schema/sqlite.ts';

// Bulk loading without the secondary indexes: a table about to get many rows loses its plain
// (non-unique, CREATE INDEX) indexes, and gets them back, built from the loaded rows in one
// sorted pass, when it is filled — the classic bulk-load order, ≈10x cheaper than keeping an
// index up to date through random-order inserts. Inside the run's transaction, so a failed run
// rolls the DROP back with everything else. Unique indexes stay: they are constraints.
// Synchronous, on whichever thread holds the connection (the writing thread does it in one
// step, in order with the inserts, so the engine's thread never waits for it).

interface Connection {
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
  exec(sql: string): void;
}

/** Drops the table's plain indexes; returns the statements that recreate them. None while a
 *  trigger may read the table (one on it, or one whose text names it): a trigger that looks
 *  rows up by an indexed column (`SELECT count(*) FROM t WHERE user_id = NEW.user_id`) would
 *  scan the whole table for every row written (25,000 rows: over 30 s). */
export function suspendIndexes(db: Connection, table: string): string[] {
  const triggers = db.prepare(`SELECT tbl_name, sql FROM sqlite_schema WHERE type = 'trigger'`).all() as { tbl_name: string; sql: unknown }[];
  const lower = table.toLowerCase();
  if (triggers.some((t) => t.tbl_name.toLowerCase() === lower || (typeof t.sql === 'string' && t.sql.toLowerCase().includes(lower)))) return [];
  const indexes = db.prepare(`SELECT name, "unique", origin FROM pragma_index_list(?)`).all(table) as { name: string; unique: number; origin: string }[];
  const restore: string[] = [];
  for (const ix of indexes) {
    if (ix.origin !== 'c' || Number(ix.unique)) continue;
    const row = db.prepare(`SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?`).all(ix.name)[0] as { sql?: unknown } | undefined;
    if (typeof row?.sql !== 'string') continue;
    db.exec(`DROP INDEX ${quote(ix.name)}`);
    restore.push(row.sql);
  }
  return restore;
}
