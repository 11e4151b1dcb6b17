import type { SchemaInfo, TableInfo, UniqueKey } from '../schema/model.ts';
import { quoteIdent } from '../schema/pg-names.ts';
import type { ValidationProblem, ValidationReport } from './report.ts';
import { duplicatesSql, keyText } from './unique.ts';
import { exclusionViolationsSql } from './exclusion.ts';
import { exclusionText } from '../generate/exclusion-forms.ts';
import { sqlText } from '../errors.ts';
import { isCancel } from '../cancel.ts';
import { nameRecord } from '../own.ts';

// Validation on PostgreSQL, by queries: orphans per foreign key (NOT EXISTS, MATCH SIMPLE: a row
// with any NULL key column references nothing), duplicates per unique key, conflicts per
// EXCLUDE constraint (validate/exclusion.ts), and NOT NULL and
// CHECK re-checks (the database enforced them unless triggers or replication role bypassed them).

type Query = (sql: string) => Promise<Record<string, unknown>[]>;

/** Counts asked per round trip. */
const COUNTS_PER_QUERY = 100;

/** `from(t)` names a table as a FROM item: `ONLY "s"."t"` (inheritance parents hold their own rows only) or a partitioned table whole. */
export async function validatePostgres(query: Query, schema: SchemaInfo, from: (t: TableInfo) => string, fromName: (name: string) => string): Promise<ValidationReport> {
  const problems: ValidationProblem[] = [];
  const counts = nameRecord<number>();
  const byName = new Map(schema.tables.map((t) => [t.name, t]));
  const count = async (sql: string): Promise<number | null> => {
    try {
      return Number((await query(sql))[0]?.n ?? 0);
    } catch (e) {
      if (isCancel(e)) throw e;
      return null; // an expression this server cannot run as written: the database still enforces it
    }
  };
  // Counts go many to a round trip (scalar subqueries, UNION ALL): a 500-table schema asks
  // thousands; a batch that fails (an expression this server cannot run) is asked one by one.
  const counted = async (sqls: string[]): Promise<(number | null)[]> => {
    const out: (number | null)[] = [];
    for (let i = 0; i < sqls.length; i += COUNTS_PER_QUERY) {
      const part = sqls.slice(i, i + COUNTS_PER_QUERY);
      try {
        const rows = await query(part.map((q, k) => `SELECT ${k} AS k, (${q}) AS n`).join(' UNION ALL '));
        const byK = new Map(rows.map((r) => [Number(r.k), Number(r.n ?? 0)]));
        out.push(...part.map((_, k) => byK.get(k) ?? 0));
      } catch (e) {
        if (isCancel(e)) throw e;
        for (const q of part) out.push(await count(q));
      }
    }
    return out;
  };
  const sizes = await counted(schema.tables.map((t) => `SELECT count(*)::int8 AS n FROM ${from(t)}`));
  schema.tables.forEach((t, i) => { counts[t.name] = sizes[i] ?? 0; });
  // Per table, in order: its foreign keys, unique keys and CHECKs as counts (batched), NOT NULL per table.
  type Ask = { sql: string; problem: (n: number) => ValidationProblem } | { table: TableInfo };
  const asks: Ask[] = [];
  for (const t of schema.tables) {
    const tbl = from(t);
    if (!counts[t.name]) continue;
    for (const fk of t.foreignKeys.filter((f) => !f.implied && !f.trigger)) { // implied and trigger-enforced references are not the database's constraints
      const parent = byName.get(fk.refTable);
      const p = parent ? from(parent) : fromName(fk.refTable);
      const notNull = fk.columns.map((c) => `c.${quoteIdent(c)} IS NOT NULL`).join(' AND ');
      const join = fk.columns.map((c, i) => `p.${quoteIdent(fk.refColumns[i])} = c.${quoteIdent(c)}`).join(' AND ');
      asks.push({ sql: `SELECT count(*)::int8 AS n FROM ${tbl} c WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${p} p WHERE ${join})`,
        problem: (n) => ({ kind: 'foreign-key', table: t.name, message: `${n} row(s) of ${t.name} reference missing rows of ${fk.refTable} (${fk.columns.join(', ')})` }) });
    }
    // Every unique key as its index reads: expressions, partial WHERE, NULLS NOT DISTINCT.
    const keys: UniqueKey[] = [...(t.primaryKey.length ? [{ name: 'primary key', columns: t.primaryKey, partial: false }] : []), ...t.uniques];
    for (const k of keys) {
      asks.push({ sql: duplicatesSql(tbl, k, quoteIdent, 'count(*)::int8'), problem: (n) => ({ kind: 'unique', table: t.name, message: `${n} duplicated value(s) of ${keyText(k)} in ${t.name}` }) });
    }
    // Every EXCLUDE constraint with its own operators (rows in conflict with another row).
    for (const x of t.exclusions ?? []) {
      const sql = exclusionViolationsSql(tbl, t, x, 'count(*)::int8');
      if (sql) asks.push({ sql, problem: (n) => ({ kind: 'exclusion', table: t.name, message: `${n} row(s) of ${t.name} conflict with another row under EXCLUDE ${x.name} ${sqlText(exclusionText(x))}` }) });
    }
    asks.push({ table: t });
    for (const c of t.checks) {
      if (c.entity || c.trigger) continue; // the project's entities' wish, a trigger's condition: not the database's constraint
      asks.push({ sql: `SELECT count(*)::int8 AS n FROM ${tbl} WHERE NOT (${c.expression})`, problem: (n) => ({ kind: 'check', table: t.name, message: `${n} row(s) of ${t.name} violate CHECK (${sqlText(c.expression)})` }) });
    }
  }
  const sqlAsks = asks.filter((a): a is Extract<Ask, { sql: string }> => 'sql' in a);
  const results = new Map(sqlAsks.map((a, i) => [a, i]));
  const numbers = await counted(sqlAsks.map((a) => a.sql));
  for (const a of asks) {
    if ('sql' in a) {
      const n = numbers[results.get(a)!];
      if (n) problems.push(a.problem(n));
      continue;
    }
    const t = a.table;
    const required = t.columns.filter((c) => !c.nullable);
    if (!required.length) continue;
    try {
      const r = (await query(`SELECT ${required.map((c, i) => `count(*) FILTER (WHERE ${quoteIdent(c.name)} IS NULL)::int8 AS n${i}`).join(', ')} FROM ${from(t)}`))[0] ?? {};
      required.forEach((c, i) => {
        const n = Number(r[`n${i}`] ?? 0);
        if (n) problems.push({ kind: 'not-null', table: t.name, message: `${n} row(s) of ${t.name} have NULL in NOT NULL column ${c.name}` });
      });
    } catch { /* the table vanished meanwhile: counted above */ }
  }
  return { ok: problems.length === 0, problems, counts };
}
