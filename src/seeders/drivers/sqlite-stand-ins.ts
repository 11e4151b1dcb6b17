import { NOT_CALLS } from '../schema/trigger-body.ts';

// Functions a trigger calls that only the application registers on its own connection (calibre's
// `title_sort(NEW.title)` and `uuid4()`, a `hash(url)`): SQLite refuses every INSERT that would fire
// the trigger ("no such function"). For a run, the trigger stands in each call with its first
// argument (NULL without one) — sqlite-dqs-triggers.ts swaps and restores it with the run's
// transaction, as it does for double-quoted strings. The application's own rows keep its
// functions; Seedbed's rows get what the stand-in gives (a sort key equal to the title).

interface Connection {
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
}

/** The names `sql` calls as functions (lower case, SQL's own words left out). */
export function calledNames(sql: string): string[] {
  const code = sql.replace(/'(?:[^']|'')*'/g, "''");
  // A common table expression's name with its columns (`WITH RECURSIVE c(x) AS (…)`) is no call.
  const ctes = new Set([...code.matchAll(/(?<![\w$])([A-Za-z_][\w$]*)\s*\([^()]*\)\s*AS\s*(?:NOT\s+)?(?:MATERIALIZED\s*)?\(/gi)].map((m) => m[1].toLowerCase()));
  return [...new Set([...code.matchAll(/(?<![\w$."`\]])([A-Za-z_][\w$]*)\s*\(/g)].map((m) => m[1].toLowerCase()))].filter((n) => !NOT_CALLS.has(n) && !ctes.has(n));
}

/** Of `names`, those this connection has no function of, that name no table or view either. */
export function missingFunctions(db: Connection, names: Iterable<string>): string[] {
  const wanted = [...new Set(names)];
  if (!wanted.length) return [];
  const known = new Set((db.prepare(`SELECT DISTINCT lower(name) AS name FROM pragma_function_list`).all() as { name: string }[]).map((r) => r.name));
  const relations = new Set((db.prepare(`SELECT lower(name) AS name FROM sqlite_schema WHERE type IN ('table', 'view')`).all() as { name: string }[]).map((r) => r.name));
  return wanted.filter((n) => !known.has(n) && !relations.has(n));
}
