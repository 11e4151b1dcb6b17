import type { SqliteClient } from '../drivers/sqlite-client.ts';
import type { TableInfo } from './model.ts';

// Collations and functions only the application registers: Android's LOCALIZED and UNICODE (its
// contacts, telephony and most Room/SQLiteOpenHelper databases), an app's `unaccent()` in an index
// or CHECK. SQLite opens such a database and reads its rows, but refuses to prepare any write to
// an index that sorts by one, or to a table whose CHECK compares by or calls one ("no such
// collation sequence: UNICODE", "unknown function: unaccent()"): such a table was found only by a
// failed run, which then started again without it; validate stopped there. Found here, from the
// schema, it is left out at plan time.

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
  const calls = unknownCalls(db, rows);
  if (!named.size && !calls) return out;
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
  if (![...named].some((n) => !have.has(n)) && !calls) return out;
  // Preparing the table's INSERT compiles all it runs (index upkeep, CHECKs, triggers), each
  // comparison by the column's collation included: nothing is written.
  for (const t of tables) {
    if (t.virtual) continue;
    let missing: string | undefined;
    try {
      db.prepare(`INSERT INTO "${t.name.replaceAll('"', '""')}" DEFAULT VALUES`);
    } catch (e) {
      const msg = (e as Error).message;
      missing = /no such collation sequence: (.+)$/.exec(msg)?.[1];
      const fn = /(?:no such|unknown) function: (\w+)/.exec(msg)?.[1];
      // A trigger calling it is stood in for during the run (drivers/sqlite-stand-ins.ts).
      if (fn && triggerCalls(db, fn)) continue;
      if (fn) { out.set(t.name, `its CHECK, index or generated column calls ${fn}(), a function only the application registers: SQLite cannot write the table's rows without it`); continue; }
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

/** Words written as calls (`name(`) in the tables' and indexes' SQL that this SQLite has no
 *  function of, type names and keywords aside: only then is each table's INSERT prepared. */
function unknownCalls(db: SqliteClient, rows: { sql: string | null }[]): boolean {
  let have: Set<string> | undefined;
  for (const r of rows) {
    if (!r.sql) continue;
    for (const m of r.sql.matchAll(/([A-Za-z_]\w*)\s*\(/g)) {
      const w = m[1].toLowerCase();
      if (NOT_CALLS.has(w)) continue;
      try {
        have ??= new Set((db.prepare('SELECT name FROM pragma_function_list').all() as { name: string }[]).map((x) => x.name.toLowerCase()));
      } catch {
        return false;
      }
      if (!have.has(w)) return true;
    }
  }
  return false;
}

const NOT_CALLS = new Set(['table', 'exists', 'check', 'references', 'key', 'unique', 'primary', 'foreign', 'constraint', 'index', 'on', 'as', 'in', 'values', 'default', 'using', 'and', 'or', 'not', 'is', 'then', 'else', 'when', 'where', 'case', 'end', 'select', 'from', 'distinct', 'between', 'like', 'glob', 'over', 'filter', 'cast',
  'varchar', 'char', 'character', 'nvarchar', 'nchar', 'varying', 'text', 'decimal', 'numeric', 'number', 'int', 'integer', 'bigint', 'smallint', 'tinyint', 'mediumint', 'float', 'double', 'real', 'blob', 'datetime', 'timestamp', 'time', 'binary', 'varbinary', 'bit', 'boolean', 'bool', 'clob', 'string', 'uuid', 'json', 'jsonb']);

function triggerCalls(db: SqliteClient, fn: string): boolean {
  const call = new RegExp(`\\b${fn}\\s*\\(`, 'i');
  return (db.prepare(`SELECT sql FROM sqlite_schema WHERE type = 'trigger'`).all() as { sql: string | null }[]).some((r) => !!r.sql && call.test(r.sql));
}
