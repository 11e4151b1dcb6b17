import type { SqliteClient } from '../drivers/sqlite-client.ts';
import type { TableInfo } from './model.ts';

// SQLite accepts `REFERENCES p (k)` at CREATE TABLE even when k is neither p's primary key nor a
// unique key (or names no column of p), then refuses to prepare any write that must check the key
// ("foreign key mismatch"): every INSERT into the child, and — because a run defers every foreign
// key (PRAGMA defer_foreign_keys) — every INSERT into the parent too; `PRAGMA foreign_key_check`
// over the whole file fails the same way. Such keys are marked here so the plan can leave those
// tables out, named, instead of the run failing.

/** Marks `mismatch` on the foreign keys SQLite will refuse. A key that plainly names the parent's
 *  primary key or a whole-column unique index is fine; any other is confirmed by SQLite itself
 *  (preparing, never running, the child's foreign_key_check), so collations and rowid aliases are
 *  judged exactly as SQLite judges them, and schemas without such keys pay nothing. */
export function markMismatchedKeys(db: SqliteClient, tables: TableInfo[]): void {
  const byName = new Map(tables.map((t) => [t.name.toLowerCase(), t]));
  const refused = new Map<string, boolean>();
  for (const t of tables) {
    for (const fk of t.foreignKeys) {
      const parent = byName.get(fk.refTable.toLowerCase());
      if (!parent || fk.trigger || fk.implied || plainKey(parent, fk.refColumns)) continue;
      // SQLite names only the first mismatched parent of a child it refuses: every such key of
      // that child is taken as mismatched (the child is refused anyway; its parents may not be).
      if (!refused.has(t.name)) refused.set(t.name, refuses(db, t.name));
      if (refused.get(t.name)) fk.mismatch = true;
    }
  }
}

function plainKey(parent: TableInfo, cols: string[]): boolean {
  const same = (key: string[]) => key.length === cols.length && key.every((k) => cols.some((c) => c.toLowerCase() === k.toLowerCase()));
  return same(parent.primaryKey) || parent.uniques.some((u) => !u.partial && !u.expressions && same(u.columns));
}

function refuses(db: SqliteClient, table: string): boolean {
  try {
    db.prepare(`PRAGMA foreign_key_check("${table.replaceAll('"', '""')}")`);
    return false;
  } catch (e) {
    return /foreign key mismatch/i.test(String((e as Error).message));
  }
}

/** Tables that SQLite refuses rows of because of such keys, and why (the plan leaves them out):
 *  the child, and the parent (a run defers every key, so its INSERTs check the key too). */
export function mismatchedTables(tables: TableInfo[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of tables) {
    for (const fk of t.foreignKeys) {
      if (!fk.mismatch) continue;
      const refs = `(${fk.columns.join(', ')}) references ${fk.refTable} (${fk.refColumns.join(', ')}), which is neither its primary key nor a unique key`;
      if (!out.has(t.name)) out.set(t.name, `its foreign key ${refs}: SQLite refuses its rows ("foreign key mismatch"); make (${fk.refColumns.join(', ')}) unique or reference the key`);
      if (!out.has(fk.refTable)) out.set(fk.refTable, `the foreign key of ${t.name} ${refs}: SQLite refuses its rows while foreign keys are checked at commit ("foreign key mismatch")`);
    }
  }
  return out;
}
