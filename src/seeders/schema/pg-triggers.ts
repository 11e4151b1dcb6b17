import type { TableInfo, TriggerInfo } from './model.ts';
import { displayName } from './pg-names.ts';
import type { PgQuery } from './pg-query.ts';
import { copiesOf, requiredAssignments, requiredCopies } from './trigger-copies.ts';
import { agreementsOf, parentConditionsOf, present, purgeOf, rejectConditionsOf, assignedColumns, equalitiesOf, readTriggerBody } from './trigger-body.ts';
import { references } from './trigger-keys.ts';
import { whenCondition } from './trigger-when.ts';

// PostgreSQL triggers: pg_trigger (enabled, not internal — FK checks are internal triggers) with
// the source of the function each one executes (prosrc: the body of a PL/pgSQL or SQL function;
// a C function such as tsvector_update_trigger has no body to read).

/** pg_trigger.tgtype bits. */
const ROW = 1, BEFORE = 2, INSERT = 4, DELETE = 8, UPDATE = 16, TRUNCATE = 32, INSTEAD = 64;

/** `name`: a table's display name, as the schema model gives it. */
export async function readPgTriggers(query: PgQuery, schemas: string[], cur: string, tables: TableInfo[], name = (schema: string, local: string) => displayName(schema, local, cur)): Promise<TriggerInfo[]> {
  const rows = await query(`
    SELECT t.tgname AS name, n.nspname AS schema, c.relname AS "table", t.tgtype::int AS type,
      p.proname AS function, l.lanname AS language, p.prosrc AS source,
      CASE WHEN t.tgqual IS NOT NULL THEN pg_get_triggerdef(t.oid) END AS def
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_language l ON l.oid = p.prolang
    WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND n.nspname = ANY($1)
    ORDER BY n.nspname, c.relname, t.tgname`, [schemas]);
  if (!rows.length) return [];
  const known = new Set(tables.map((t) => t.name));
  const out: TriggerInfo[] = [];
  for (const r of rows) {
    const type = Number(r.type);
    const schema = String(r.schema);
    // Unqualified names in the body resolve on the search path: the trigger's own schema, then the default one.
    const resolve = (raw: string): string | undefined => {
      const dot = raw.lastIndexOf('.');
      const candidates = dot > 0 ? [displayName(raw.slice(0, dot), raw.slice(dot + 1), cur)] : [displayName(schema, raw, cur), raw];
      return candidates.find((n) => known.has(n)) ?? candidates.map((n) => n.toLowerCase()).find((n) => known.has(n));
    };
    const table = name(schema, String(r.table));
    const language = String(r.language);
    const body = language === 'plpgsql' || language === 'sql' ? readTriggerBody(String(r.source ?? ''), 'postgresql') : { inserts: [], rejects: false, messages: [], lookups: [], calls: [] };
    const events = ([[INSERT, 'insert'], [UPDATE, 'update'], [DELETE, 'delete'], [TRUNCATE, 'truncate']] as const).filter(([bit]) => type & bit).map(([, e]) => e);
    const fks = tables.find((t) => t.name === table)?.foreignKeys ?? [];
    out.push({
      name: String(r.name), table,
      timing: type & INSTEAD ? 'instead' : type & BEFORE ? 'before' : 'after',
      events: [...events], row: (type & ROW) !== 0,
      inserts: [...new Set(body.inserts.map(resolve).filter((n): n is string => !!n))],
      rejects: body.rejects, messages: body.messages, function: String(r.function),
      equalities: events.includes('insert') && (type & ROW) ? equalitiesOf(body, fks, resolve) : [],
      ...present('agreements', events.includes('insert') && (type & ROW) ? agreementsOf(body, fks, resolve) : []),
      ...present('purges', events.includes('insert') ? purgeOf(body, table, resolve) : undefined),
      ...present('rejectsWhen', events.includes('insert') && (type & ROW) ? rejectConditionsOf(body, 'postgresql') : []),
      ...present('parentConditions', events.includes('insert') && (type & ROW) ? parentConditionsOf(body, fks, resolve) : []),
      ...(events.includes('insert') && (type & ROW) ? references(body, resolve) : {}),
      ...(r.def ? present('when', whenCondition(String(r.def))) : {}),
      ...(language === 'plpgsql' && (type & ROW) && (type & BEFORE) && events.includes('insert') ? assigns(String(r.source ?? ''), tables.find((t) => t.name === table)) : {}),
      ...(events.includes('insert') && (type & ROW) && 'code' in body ? present('requires', [...new Set([
        ...requiredCopies(copiesOf(body.code ?? ''), resolve, tables, table),
        ...(language === 'plpgsql' && (type & BEFORE) ? requiredAssignments(body.code ?? '', tables.find((t) => t.name === table)) : []),
      ])]) : {}),
    });
  }
  return out;
}

/** The table's columns the body assigns on the new row, by their own names. */
function assigns(source: string, table: TableInfo | undefined): { assigns?: string[] } {
  const names = assignedColumns(source);
  const cols = names.map((n) => table?.columns.find((c) => c.name.toLowerCase() === n)?.name).filter((c): c is string => !!c);
  return cols.length ? { assigns: cols } : {};
}
