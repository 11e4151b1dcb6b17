import { dqsAsStrings, standInCalls, triggerHeaderEnd } from '../schema/ddl-scan.ts';
import { calledNames, missingFunctions } from './sqlite-stand-ins.ts';

// Triggers written with "double-quoted" strings (`WHERE kind = "smart"`, `VALUES (NEW.id,
// "created")`). SQLite reads such a word as a string when it names no column, but better-sqlite3
// is built with SQLITE_DQS=0 and offers no switch to turn the rule back on, so every INSERT into
// the trigger's table fails to compile ("no such column"). For the run, inside its transaction,
// the triggers of each such table are put back with 'single-quoted' strings (the same meaning),
// and restored exactly as written, in their order, just before COMMIT (a rollback undoes both).
// Only words that name no table, view or column anywhere in the schema are rewritten.
// The same swap stands in the functions only the application registers (sqlite-stand-ins.ts).

interface Connection {
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
  exec(sql: string): void;
}

interface Trigger { name: string; table: string; sql: string }

/** Rewrites the triggers that need it; returns what restores them (undefined: nothing rewritten). */
export function swapDqsTriggers(db: Connection): (() => void) | undefined {
  const triggers = db.prepare(`SELECT name, tbl_name AS "table", sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY rowid`).all() as Trigger[];
  if (!triggers.length) return undefined;
  const body = (t: Trigger) => t.sql.slice(triggerHeaderEnd(t.sql));
  const missing = new Set(missingFunctions(db, triggers.flatMap((t) => calledNames(body(t)))));
  const quoted = triggers.filter((t) => t.sql.includes('"'));
  const names = new Set<string>(['new', 'old']);
  if (quoted.length) {
    for (const { name } of db.prepare(`SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')`).all() as { name: string }[]) {
      names.add(name);
      for (const c of db.prepare('SELECT name FROM pragma_table_xinfo(?)').all(name) as { name: string }[]) names.add(c.name);
    }
  }
  const rewrite = (sql: string) => {
    const from = triggerHeaderEnd(sql);
    const dqs = sql.includes('"') ? dqsAsStrings(sql, names, from) : sql;
    return missing.size ? standInCalls(dqs, missing, from) : dqs;
  };
  const swapped: Trigger[][] = [];
  for (const table of new Set(triggers.map((t) => t.table))) {
    const all = triggers.filter((t) => t.table === table);
    const fixed = all.map((t) => rewrite(t.sql));
    if (fixed.every((sql, i) => sql === all[i].sql)) continue;
    replace(db, all, fixed);
    swapped.push(all);
  }
  if (!swapped.length) return undefined;
  return () => { for (const all of swapped) replace(db, all, all.map((t) => t.sql)); };
}

/** Drops a table's triggers and creates them again from `sqls`, in the same order. */
function replace(db: Connection, triggers: Trigger[], sqls: string[]): void {
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name.replaceAll('"', '""')}"`);
  for (const sql of sqls) db.exec(sql);
}
