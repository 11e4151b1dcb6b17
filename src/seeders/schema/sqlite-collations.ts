import type { SqliteClient } from '../drivers/sqlite-client.ts';
import type { TableInfo } from './model.ts';

// Collations only the application registers: Android's LOCALIZED and UNICODE (its contacts,
// telephony and most Room/SQLiteOpenHelper databases), Plex's and others' own. SQLite opens such
// a database and reads its rows, but refuses to prepare any write to an index that sorts by
// one, or to a table whose CHECK compares by one ("no such collation sequence: UNICODE"): such a
// table was found only by a failed run, which then started again without it; validate stopped
// there. Found here, from the schema, it is left out at plan time.

const COLLATE = /\bCOLLATE\s+(?:"((?:[^"]|"")+)"|`([^`]+)`|\[([^\]]+)\]|'([^']+)'|(\w+))/gi;

/** Table name → why SQLite cannot write it here, for tables whose INSERT needs a collation this
 *  connection does not have (an index sorting by it, a CHECK or trigger comparing by it). Costs
 *  nothing unless the schema's text names such a collation. */
export function missingCollationTables(db: SqliteClient, rows: { type: string; t: string; sql: string | null }[], tables: TableInfo[]): Map<string, string> {
  const out = new Map<string, string>();
  const named = new Set<string>();
  for (const r of rows) {
    if (!r.sql || !/collate/i.test(r.sql)) continue;
    for (const m of r.sql.matchAll(COLLATE)) named.add((m[1]?.replaceAll('""', '"') ?? m[2] ?? m[3] ?? m[4] ?? m[5]).toLowerCase());
  }
  if (!named.size) return out;
  // Preparing a comparison tells (PRAGMA collation_list also names collations the schema merely
  // mentions, with nothing behind them).
  const have = new Set(['binary', 'nocase', 'rtrim']);
  for (const n of named) {
    if (have.has(n)) continue;
    try {
      db.prepare(`SELECT 'a' < 'b' COLLATE "${n.replaceAll('"', '""')}"`);
      have.add(n);
    } catch { /* no such collation sequence */ }
  }
  if (![...named].some((n) => !have.has(n))) return out;
  // Preparing the table's INSERT compiles all it runs (index upkeep, CHECKs, triggers), each
  // comparison by the column's collation included: nothing is written.
  for (const t of tables) {
    if (t.virtual) continue;
    let missing: string | undefined;
    try {
      db.prepare(`INSERT INTO "${t.name.replaceAll('"', '""')}" DEFAULT VALUES`);
    } catch (e) {
      missing = /no such collation sequence: (.+)$/.exec((e as Error).message)?.[1];
    }
    if (!missing) continue;
    let where = 'it compares text by collation';
    for (const ix of db.prepare('SELECT name FROM pragma_index_list(?)').all(t.name) as { name: string }[]) {
      const cols = db.prepare('SELECT coll FROM pragma_index_xinfo(?) WHERE key = 1').all(ix.name) as { coll: string | null }[];
      if (!cols.some((c) => c.coll?.toLowerCase() === missing!.toLowerCase())) continue;
      where = `${ix.name.startsWith('sqlite_autoindex_') ? 'its unique key' : `its index ${ix.name}`} sorts by collation`;
      break;
    }
    out.set(t.name, `${where} ${missing}, which only the application registers (Android registers LOCALIZED and UNICODE): SQLite cannot write the table's rows without it`);
  }
  return out;
}
