import type { TableInfo } from './model.ts';
import { quoteIdent } from './pg-names.ts';

// Object identifier types (regclass, regrole, regtype, …) hold the name of an object that must
// exist: any other text is refused ("relation "market" does not exist"). Such a column gets the
// names it may hold as its value list, like an enum: the schema's own tables for regclass (a
// subscription's `entity`, an audit row's table), the schemas read for regnamespace, and objects
// every PostgreSQL has for the rest (predefined roles, built-in types, functions, configurations),
// so the same seed gives the same rows on any server.

const BUILT_IN: Record<string, string[]> = {
  regrole: ['pg_monitor', 'pg_read_all_settings', 'pg_read_all_stats', 'pg_signal_backend', 'pg_stat_scan_tables'],
  regtype: ['integer', 'bigint', 'text', 'boolean', 'numeric', 'date', 'timestamp with time zone', 'uuid', 'jsonb'],
  regproc: ['now', 'pi', 'version', 'timeofday'],
  regprocedure: ['now()', 'pi()', 'version()', 'timeofday()'],
  regoperator: ['+(integer,integer)', '-(integer,integer)', '*(integer,integer)', '||(text,text)'],
  regconfig: ['simple', 'english'],
  regdictionary: ['simple'],
  regcollation: ['"C"', '"POSIX"', '"default"'],
};

/** Sets the value list of every object-identifier column of `tables`. */
export function regTypeValues(tables: TableInfo[]): void {
  let relations: string[] | undefined;
  let schemas: string[] | undefined;
  for (const t of tables) {
    for (const c of t.columns) {
      if (c.enumValues || c.generated) continue;
      const type = c.type.toLowerCase();
      if (!type.startsWith('reg')) continue;
      if (type === 'regclass') {
        relations ??= tables.map((x) => (x.schema ? `${quoteIdent(x.schema)}.${quoteIdent(x.localName ?? x.name)}` : quoteIdent(x.name))).sort();
        c.enumValues = relations;
      } else if (type === 'regnamespace') {
        schemas ??= [...new Set(tables.map((x) => x.schema).filter((s): s is string => !!s))].sort().map(quoteIdent);
        if (schemas.length) c.enumValues = schemas;
      } else if (BUILT_IN[type]) c.enumValues = BUILT_IN[type];
    }
  }
}
