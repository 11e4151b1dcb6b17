import type { TableInfo, TriggerInfo } from './model.ts';
import { displayName } from './pg-names.ts';
import type { PgQuery } from './pg-query.ts';
import { conditionalInserts, copiesOf, keyMirrors, requiredAssignments, requiredCopies, whenOnly } from './trigger-copies.ts';
import { agreementsOf, parentConditionsOf, present, purgeOf, rejectConditionsOf, assignedColumns, equalitiesOf, readTriggerBody } from './trigger-body.ts';
import { references } from './trigger-keys.ts';
import { accumulatorsOf } from './trigger-counters.ts';
import { derivedColumns, selfDerived } from './trigger-derived.ts';
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
      CASE WHEN t.tgqual IS NOT NULL THEN pg_get_triggerdef(t.oid) END AS def, t.tgnewtable AS new_table
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_language l ON l.oid = p.prolang
    WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND n.nspname = ANY($1)
    ORDER BY n.nspname, c.relname, t.tgname`, [schemas]);
  if (!rows.length) return [];
  const known = new Set(tables.map((t) => t.name));
  const called = await calledInserts(query, rows.map((r) => String(r.language) === 'plpgsql' || String(r.language) === 'sql' ? String(r.source ?? '') : ''));
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
    const mirrors = events.includes('insert') && (type & ROW) && !(type & INSTEAD) && !r.def && body.code ? keyMirrors(copiesOf(body.code, undefined, body.code, true), body.code, resolve, tables, table, body.text) : [];
    out.push({
      name: String(r.name), table,
      timing: type & INSTEAD ? 'instead' : type & BEFORE ? 'before' : 'after',
      events: [...events], row: (type & ROW) !== 0,
      inserts: [...new Set([...body.inserts, ...callsOf(body.code ?? '').flatMap((c) => called.get(c) ?? [])].map(resolve).filter((n): n is string => !!n))],
      rejects: body.rejects, messages: body.messages, function: String(r.function),
      equalities: events.includes('insert') && (type & ROW) ? equalitiesOf(body, fks, resolve) : [],
      ...present('agreements', events.includes('insert') && (type & ROW) ? agreementsOf(body, fks, resolve) : []),
      ...present('purges', events.includes('insert') ? purgeOf(body, table, resolve) : undefined),
      ...present('rejectsWhen', events.includes('insert') && (type & ROW) ? rejectConditionsOf(body, 'postgresql') : []),
      ...present('parentConditions', events.includes('insert') && (type & ROW) ? parentConditionsOf(body, fks, resolve) : []),
      ...(events.includes('insert') && (type & ROW) ? references(body, resolve) : {}),
      ...(r.def ? present('when', whenCondition(String(r.def))) : {}),
      ...(events.includes('insert') && body.code ? present('accumulates', accumulatorsOf(body.code).flatMap((a) => { const t = resolve(a.table); return t ? [{ table: t, column: a.column }] : []; })) : {}),
      ...(language === 'plpgsql' && (type & ROW) && (type & BEFORE) && events.includes('insert') ? assigns(String(r.source ?? ''), tables.find((t) => t.name === table)) : {}),
      ...((language === 'plpgsql' || language === 'sql') && (type & ROW) && !(type & INSTEAD) && !r.def && events.includes('insert') && body.code ? present('derives', [
        ...(type & BEFORE && language === 'plpgsql' ? derivedColumns(body.code, body.text ?? body.code) : []),
        ...(!(type & BEFORE) && tables.find((t) => t.name === table) ? selfDerived(body.code, body.text ?? body.code, tables.find((t) => t.name === table)!, resolve) : []),
      ]) : {}),
      // A BEFORE row trigger whose function may RETURN NULL skips the new row without a word.
      ...(language === 'plpgsql' && (type & ROW) && (type & BEFORE) && !(type & INSTEAD) && events.includes('insert') && /\bRETURN\s+NULL\s*;/i.test(body.code ?? '') ? { ignores: 'some' as const } : {}),
      // A BEFORE DELETE row trigger whose function may RETURN NULL keeps the row (a soft delete that
      // UPDATEs it instead): undo sets it aside like a guard that raises (ledger/delete-guards.ts).
      ...(language === 'plpgsql' && (type & ROW) && (type & BEFORE) && !(type & INSTEAD) && events.includes('delete') && /\bRETURN\s+NULL\s*;/i.test(body.code ?? '') ? { keepsDeleted: true as const } : {}),
      // A statement trigger reads the new rows from its transition table (REFERENCING NEW TABLE AS …).
      ...present('mirrors', [...mirrors, ...(r.def && events.includes('insert') && (type & ROW) && !(type & INSTEAD) && body.code ? whenOnly(keyMirrors(copiesOf(body.code, undefined, body.code, true), body.code, resolve, tables, table, body.text), whenCondition(String(r.def)) ?? '') : [])]
        .map((m) => ({ table: m.table, columns: m.columns, ...(m.readBack ? { readBack: m.readBack } : {}), ...(m.loop ? { loop: m.loop } : {}), ...(m.copies ? { copies: m.copies } : {}), ...(m.alone ? { alone: m.alone } : {}), ...(m.when !== undefined ? { when: m.when } : {}) }))),
      ...(language === 'plpgsql' && events.includes('insert') && (type & ROW) && !(type & INSTEAD) && body.code ? insertsIf(conditionalInserts(body.code, body.text ?? body.code, resolve, tables.find((t) => t.name === table)), mirrors.map((m) => m.table)) : {}),
      ...(events.includes('insert') && ((type & ROW) || r.new_table) && 'code' in body ? present('requires', [...new Set([
        ...requiredCopies(copiesOf(body.code ?? '', (type & ROW) ? undefined : String(r.new_table), body.text), resolve, tables, table),
        ...(language === 'plpgsql' && (type & BEFORE) ? requiredAssignments(body.code ?? '', tables.find((t) => t.name === table)) : []),
        // The IF a mirror's copy sits in, on the new row: every row meets it, so each gets its copy.
        ...mirrors.flatMap((m) => m.requires ?? []),
      ])]) : {}),
    });
  }
  return out;
}

/** `{ insertsIf }` for the conditional targets that are not mirrors (a mirror's IF is required instead). */
function insertsIf(found: Record<string, string>, mirrors: string[]): { insertsIf?: Record<string, string> } {
  const out = Object.fromEntries(Object.entries(found).filter(([t]) => !mirrors.includes(t)));
  return Object.keys(out).length ? { insertsIf: out } : {};
}

/** Function names a body calls, as written (maybe schema-qualified), lower case. */
function callsOf(code: string): string[] {
  return [...new Set([...code.matchAll(/(?<![\w$."])((?:[A-Za-z_][\w$]*\.)?[A-Za-z_][\w$]*)\s*\(/g)].map((m) => m[1].toLowerCase()))];
}

/** Tables the SQL and PL/pgSQL functions that trigger bodies call insert into (a job queue's
 *  `add_job`), followed a few calls deep: `name` and `schema.name` → schema-qualified tables.
 *  One catalogue query per level, only for names the bodies call. */
async function calledInserts(query: PgQuery, sources: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const fns = new Map<string, { schema: string; inserts: string[]; calls: string[] }[]>();
  let wanted = new Set(sources.flatMap((s) => (s ? callsOf(readTriggerBody(s, 'postgresql').code ?? '') : [])).map((c) => c.slice(c.lastIndexOf('.') + 1)));
  for (let depth = 0; depth < 3 && wanted.size; depth++) {
    const rows = await query(`
      SELECT n.nspname AS schema, p.proname AS name, p.prosrc AS source
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
      WHERE l.lanname IN ('sql', 'plpgsql') AND p.prorettype <> 'trigger'::regtype AND p.proname = ANY($1)
        AND n.nspname NOT IN ('pg_catalog', 'information_schema')`, [[...wanted]]);
    const next = new Set<string>();
    for (const r of rows) {
      const schema = String(r.schema);
      const body = readTriggerBody(String(r.source ?? ''), 'postgresql');
      const calls = callsOf(body.code ?? '');
      const list = fns.get(String(r.name).toLowerCase()) ?? [];
      list.push({ schema, inserts: body.inserts.map((t) => (t.includes('.') ? t : `${schema}.${t}`)), calls });
      fns.set(String(r.name).toLowerCase(), list);
      for (const c of calls) if (!fns.has(c.slice(c.lastIndexOf('.') + 1))) next.add(c.slice(c.lastIndexOf('.') + 1));
    }
    wanted = next;
  }
  // A call's tables: the function's own inserts and those of what it calls (each once).
  const tablesOf = (call: string, seen: Set<string>): string[] => {
    if (seen.has(call)) return [];
    seen.add(call);
    const dot = call.lastIndexOf('.');
    const matches = (fns.get(call.slice(dot + 1)) ?? []).filter((f) => dot < 0 || f.schema.toLowerCase() === call.slice(0, dot));
    return matches.flatMap((f) => [...f.inserts, ...f.calls.flatMap((c) => tablesOf(c, seen))]);
  };
  for (const name of fns.keys()) for (const call of [name, ...[...fns.get(name)!.map((f) => `${f.schema.toLowerCase()}.${name}`)]]) {
    const tables = tablesOf(call, new Set());
    if (tables.length) out.set(call, [...new Set(tables)]);
  }
  return out;
}

/** The table's columns the body assigns on the new row, by their own names. */
function assigns(source: string, table: TableInfo | undefined): { assigns?: string[] } {
  const names = assignedColumns(source);
  const cols = names.map((n) => table?.columns.find((c) => c.name.toLowerCase() === n)?.name).filter((c): c is string => !!c);
  return cols.length ? { assigns: cols } : {};
}
