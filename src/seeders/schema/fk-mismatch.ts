import type { SqliteClient } from '../drivers/sqlite-client.ts';
import type { TableInfo } from './model.ts';

// SQLite accepts `REFERENCES p (k)` at CREATE TABLE even when k is neither p's primary key nor a
// unique key (or names no column of p), then refuses to prepare any write that must check the key
// ("foreign key mismatch"): every INSERT into the child, and — while foreign keys are deferred
// (PRAGMA defer_foreign_keys, as a run has them) — every INSERT into the parent too; `PRAGMA
// foreign_key_check` over the whole file fails the same way. Such keys are marked here so the
// plan leaves the child out, named, and has the parent written with its keys checked at once
// (write/run.ts turns the deferral off for its rows), instead of the run failing.

/** Marks `mismatch` on the foreign keys SQLite will refuse. A key that names the parent's primary
 *  key is fine; a child with any other (most name a unique column) is judged by SQLite itself
 *  (preparing, never running, its foreign_key_check), so partial, collated and odd indexes are
 *  judged exactly as SQLite judges them; schemas whose keys all name primary keys pay nothing. */
export function markMismatchedKeys(db: SqliteClient, tables: TableInfo[]): void {
  const byName = new Map(tables.map((t) => [t.name.toLowerCase(), t]));
  for (const t of tables) {
    const doubtful = t.foreignKeys.filter((fk) => {
      const parent = byName.get(fk.refTable.toLowerCase());
      return parent && !fk.trigger && !fk.implied && (!fk.refColumns.length || !sameColumns(parent.primaryKey, fk.refColumns));
    });
    if (!doubtful.length || !refuses(db, t.name)) continue;
    // SQLite names only the first mismatched parent: the keys that name no whole-column unique
    // index are the guilty ones (all doubtful ones when each names one: `UNIQUE (a, a)`, a collation).
    const guilty = doubtful.filter((fk) => !byName.get(fk.refTable.toLowerCase())!.uniques.some((u) => !u.partial && !u.expressions && sameColumns(u.columns, fk.refColumns)));
    for (const fk of guilty.length ? guilty : doubtful) fk.mismatch = true;
  }
}

function sameColumns(key: string[], cols: string[]): boolean {
  return key.length === cols.length && key.every((k) => cols.some((c) => c.toLowerCase() === k.toLowerCase()));
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
 *  the child. Its parent takes rows while foreign keys are not deferred (mismatchedParents). */
export function mismatchedTables(tables: TableInfo[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of tables) {
    for (const fk of t.foreignKeys) {
      if (!fk.mismatch) continue;
      const cols = fk.refColumns.join(', ');
      // `REFERENCES p` without columns names p's primary key, which p may not have.
      const refs = `(${fk.columns.join(', ')}) references ${fk.refColumns.length ? `${fk.refTable} (${cols}), which is neither its primary key nor a unique key` : `${fk.refTable}, which has no primary key`}`;
      const fix = fk.refColumns.length ? `make (${cols}) unique or reference the key` : `give ${fk.refTable} a primary key`;
      if (!out.has(t.name)) out.set(t.name, `its foreign key ${refs}: SQLite refuses its rows ("foreign key mismatch"); ${fix}`);
    }
  }
  return out;
}

/** Parents of such keys (other than the children themselves): their INSERTs prepare only while
 *  foreign keys are checked at once, so the run writes them with the deferral off. */
export function mismatchedParents(tables: TableInfo[]): string[] {
  const children = new Set(tables.filter((t) => t.foreignKeys.some((fk) => fk.mismatch)).map((t) => t.name));
  const out = new Set<string>();
  for (const t of tables) for (const fk of t.foreignKeys) if (fk.mismatch && !children.has(fk.refTable)) out.add(fk.refTable);
  return [...out];
}
