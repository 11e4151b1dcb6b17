import type { SchemaInfo, TableInfo, UniqueKey } from '../schema/model.ts';
import { quoteIdent } from '../schema/pg-names.ts';
import type { ValidationProblem, ValidationReport } from './report.ts';
import { duplicatesSql, keyText } from './unique.ts';

// Validation on PostgreSQL, by queries: orphans per foreign key (NOT EXISTS, MATCH SIMPLE: a row
// with any NULL key column references nothing), duplicates per unique key, and NOT NULL and
// CHECK re-checks (the database enforced them unless triggers or replication role bypassed them).

type Query = (sql: string) => Promise<Record<string, unknown>[]>;

/** `from(t)` names a table as a FROM item: `ONLY "s"."t"` (inheritance parents hold their own rows only) or a partitioned table whole. */
export async function validatePostgres(query: Query, schema: SchemaInfo, from: (t: TableInfo) => string, fromName: (name: string) => string): Promise<ValidationReport> {
  const problems: ValidationProblem[] = [];
  const counts: Record<string, number> = {};
  const byName = new Map(schema.tables.map((t) => [t.name, t]));
  const count = async (sql: string): Promise<number | null> => {
    try {
      return Number((await query(sql))[0]?.n ?? 0);
    } catch {
      return null; // an expression this server cannot run as written: the database still enforces it
    }
  };
  for (const t of schema.tables) {
    const tbl = from(t);
    counts[t.name] = (await count(`SELECT count(*)::int8 AS n FROM ${tbl}`)) ?? 0;
    if (!counts[t.name]) continue;
    for (const fk of t.foreignKeys) {
      const parent = byName.get(fk.refTable);
      const p = parent ? from(parent) : fromName(fk.refTable);
      const notNull = fk.columns.map((c) => `c.${quoteIdent(c)} IS NOT NULL`).join(' AND ');
      const join = fk.columns.map((c, i) => `p.${quoteIdent(fk.refColumns[i])} = c.${quoteIdent(c)}`).join(' AND ');
      const n = await count(`SELECT count(*)::int8 AS n FROM ${tbl} c WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${p} p WHERE ${join})`);
      if (n) problems.push({ kind: 'foreign-key', table: t.name, message: `${n} row(s) of ${t.name} reference missing rows of ${fk.refTable} (${fk.columns.join(', ')})` });
    }
    // Every unique key as its index reads: expressions, partial WHERE, NULLS NOT DISTINCT.
    const keys: UniqueKey[] = [...(t.primaryKey.length ? [{ name: 'primary key', columns: t.primaryKey, partial: false }] : []), ...t.uniques];
    for (const k of keys) {
      const n = await count(duplicatesSql(tbl, k, quoteIdent, 'count(*)::int8'));
      if (n) problems.push({ kind: 'unique', table: t.name, message: `${n} duplicated value(s) of ${keyText(k)} in ${t.name}` });
    }
    const required = t.columns.filter((c) => !c.nullable);
    if (required.length) {
      try {
        const r = (await query(`SELECT ${required.map((c, i) => `count(*) FILTER (WHERE ${quoteIdent(c.name)} IS NULL)::int8 AS n${i}`).join(', ')} FROM ${tbl}`))[0] ?? {};
        required.forEach((c, i) => {
          const n = Number(r[`n${i}`] ?? 0);
          if (n) problems.push({ kind: 'not-null', table: t.name, message: `${n} row(s) of ${t.name} have NULL in NOT NULL column ${c.name}` });
        });
      } catch { /* the table vanished meanwhile: counted above */ }
    }
    for (const c of t.checks) {
      if (c.entity) continue; // the project's entities' wish, not the database's constraint
      const n = await count(`SELECT count(*)::int8 AS n FROM ${tbl} WHERE NOT (${c.expression})`);
      if (n) problems.push({ kind: 'check', table: t.name, message: `${n} row(s) of ${t.name} violate CHECK (${c.expression})` });
    }
  }
  return { ok: problems.length === 0, problems, counts };
}
