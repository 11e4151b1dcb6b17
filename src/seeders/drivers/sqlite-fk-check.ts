import { quote } from '../schema/sqlite.ts';

// PRAGMA foreign_key_check over the whole file fails outright ("foreign key mismatch") when one
// foreign key names no primary or unique key of its parent (schema/fk-mismatch.ts), and with it
// every search for orphans: then the tables are checked one by one, and those SQLite refuses to
// check (whose rows it refuses to write) are named apart.

export interface Orphan { table: string; rowid: number | null; parent: string; fkid: number }

interface Reader { prepare(sql: string): { all(...params: unknown[]): unknown[] } }

const MISMATCH = /foreign key mismatch/i;

/** Rows whose foreign key has no parent, in the whole file; `unchecked`: tables SQLite refuses
 *  to check, with its message. */
export function foreignKeyOrphans(db: Reader): { orphans: Orphan[]; unchecked: { table: string; message: string }[] } {
  try {
    return { orphans: db.prepare('PRAGMA foreign_key_check').all() as Orphan[], unchecked: [] };
  } catch (e) {
    if (!MISMATCH.test(String((e as Error).message))) throw e;
  }
  const orphans: Orphan[] = [];
  const unchecked: { table: string; message: string }[] = [];
  const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`).all() as { name: string }[];
  for (const { name } of tables) {
    try {
      orphans.push(...(db.prepare(`PRAGMA foreign_key_check(${quote(name)})`).all() as Orphan[]));
    } catch (e) {
      if (!MISMATCH.test(String((e as Error).message))) throw e;
      unchecked.push({ table: name, message: (e as Error).message });
    }
  }
  return { orphans, unchecked };
}
