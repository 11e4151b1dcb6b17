import { SeedbedError } from '../errors.ts';
import { bookkeepingReason } from './bookkeeping.ts';
import type { SchemaSummary } from './model.ts';
import type { PgQuery } from './pg-query.ts';

// Which PostgreSQL schemas a run reads. `?schema=a,b` names them. Otherwise the schemas on the
// connection's search_path that hold tables; when those hold none, every user schema that holds
// tables (an application that lives in `auth`, or in nine schemas), and a note says so. Never
// PostgreSQL's own schemas, nor those an extension owns (pg_depend deptype 'e'). Left to choose,
// a schema holding a table the chosen ones reference is read too (a Supabase app's `public`
// tables and `auth.users`): without it a fresh database leaves out every row needing such a
// parent; so is one holding a table that references theirs (the app's `auth.account` beside its
// `public.person`): it belongs to the same application and would stay empty. Read every time,
// so `undo` and `clear` see the rows `seed` wrote there.

export interface SchemaChoice {
  schemas: string[];
  /** current_schema(): its tables keep their bare names. */
  current: string;
  /** Every user schema holding tables, the chosen ones marked. */
  summary: SchemaSummary[];
  note?: string;
}

export async function chooseSchemas(query: PgQuery, wanted?: string[]): Promise<SchemaChoice> {
  const rows = await query(`
    SELECT n.nspname AS schema, array_position(current_schemas(false), n.nspname) AS pos,
      ARRAY(SELECT c.relname::text FROM pg_class c
        WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')) AS tables,
      EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e') AS extension,
      current_schema() AS cur
    FROM pg_namespace n
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_)'
    ORDER BY n.nspname`);
  const all = rows.map((r) => ({
    name: String(r.schema),
    pos: r.pos === null ? Infinity : Number(r.pos),
    tables: (r.tables as string[]).filter((t) => !bookkeepingReason(t)).length,
    extension: r.extension === true,
  }));
  const cur = rows[0]?.cur === null || rows[0]?.cur === undefined ? undefined : String(rows[0].cur);
  let schemas: string[];
  let note: string | undefined;
  if (wanted?.length) {
    const missing = wanted.filter((s) => !all.some((x) => x.name === s));
    if (missing.length) {
      throw new SeedbedError('NOT_FOUND', `Schema ${missing.map((s) => JSON.stringify(s)).join(', ')} does not exist in this database.`, {
        fix: `Check ?schema=… in the database URL (a comma-separated list of existing schemas${all.length ? `: ${all.map((x) => x.name).join(', ')}` : ''}).`,
      });
    }
    schemas = wanted;
  } else {
    const onPath = all.filter((x) => x.pos !== Infinity).sort((a, b) => a.pos - b.pos);
    schemas = onPath.filter((x) => x.tables > 0).map((x) => x.name);
    const elsewhere = all.filter((x) => x.tables > 0 && !x.extension && x.pos === Infinity);
    if (!schemas.length && elsewhere.length) {
      schemas = elsewhere.map((x) => x.name);
      const path = onPath.map((x) => x.name).join(', ') || 'empty';
      note = `No tables in the schemas of the search path (${path}); reading every schema that holds tables: ${elsewhere.map((x) => `${x.name} (${plural(x.tables, 'table')})`).join(', ')}. Choose with ?schema=… in the database URL.`;
    }
    if (!schemas.length) schemas = [cur ?? onPath[0]?.name ?? 'public'];
    const candidates = new Set(all.filter((x) => x.tables > 0 && !x.extension).map((x) => x.name));
    const children = await linkedSchemas(query, schemas, candidates, 'children');
    if (children.length) {
      const why = children.map((p) => `${p.table} references ${p.from}'s tables`).join('; ');
      note = [note, `Reading ${children.map((p) => p.schema).join(', ')} too: ${why}. Choose with ?schema=… in the database URL.`].filter(Boolean).join(' ');
      schemas = [...schemas, ...children.map((p) => p.schema)];
    }
    const parents = await linkedSchemas(query, schemas, candidates, 'parents');
    if (parents.length) {
      const why = parents.map((p) => `${p.from}'s tables reference ${p.table}`).join('; ');
      note = [note, `Reading ${parents.map((p) => p.schema).join(', ')} too: ${why}. Choose with ?schema=… in the database URL.`].filter(Boolean).join(' ');
      schemas = [...schemas, ...parents.map((p) => p.schema)];
    }
  }
  // The schemas read in their order, then the others that hold tables.
  const summary = [
    ...schemas.map((s) => ({ name: s, tables: all.find((x) => x.name === s)?.tables ?? 0, read: true })),
    ...all.filter((x) => x.tables > 0 && !schemas.includes(x.name)).map((x) => ({ name: x.name, tables: x.tables, read: false })),
  ];
  return { schemas, current: cur ?? schemas[0], summary, note };
}

/** Schemas outside `chosen` holding a table that a table in the chosen ones (or in one added
 *  so) references (`parents`), or a table that references one there (`children`: an app's
 *  `auth.account` or `custom.*` tables beside its `public` ones), each with the first such
 *  table. One catalog query per round. */
async function linkedSchemas(query: PgQuery, chosen: string[], candidates: Set<string>, way: 'parents' | 'children'): Promise<{ schema: string; table: string; from: string }[]> {
  const out: { schema: string; table: string; from: string }[] = [];
  let from = [...chosen];
  const read = new Set(chosen);
  // parents: the referencing side is in `from`; children: the referenced side is.
  const [near, far, farTable] = way === 'parents' ? ['n', 'fn', 'fc'] : ['fn', 'n', 'c'];
  for (let round = 0; round < 8 && from.length; round++) {
    const refs = await query(`
      SELECT DISTINCT ${near}.nspname AS from_schema, ${far}.nspname AS schema, ${farTable}.relname AS table
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_class fc ON fc.oid = k.confrelid JOIN pg_namespace fn ON fn.oid = fc.relnamespace
      WHERE k.contype = 'f' AND ${near}.nspname = ANY($1) AND NOT (${far}.nspname = ANY($2))
      ORDER BY 2, 3, 1`, [from, [...read]]);
    from = [];
    for (const r of refs) {
      const schema = String(r.schema);
      if (read.has(schema) || !candidates.has(schema)) continue;
      read.add(schema);
      from.push(schema);
      out.push({ schema, table: `${schema}.${String(r.table)}`, from: String(r.from_schema) });
    }
  }
  return out;
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
