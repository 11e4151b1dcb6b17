import { deriveHints, parseCheck, type Expr, type HintValue } from '../check/index.ts';
import type { Driver } from '../driver.ts';
import { DEFAULT_ROWS } from '../plan/plan.ts';
import { SeedbedError } from '../errors.ts';
import { isCancel } from '../cancel.ts';
import { pgComparable } from '../drivers/pg-compare.ts';
import type { ColumnInfo, ForeignKeyInfo, SchemaInfo, TableInfo } from '../schema/model.ts';
import { coverage } from './coverage.ts';
import { aggregate, num, numOrNull, sqlFor, type Aggregate, type Sql } from './sql.ts';
import {
  percentOf, ratio,
  type ColumnCoverage, type ColumnCoverageOptions, type DetailedCoverage, type FanOut, type TableDetail,
} from './model.ts';

// Detailed coverage: per table rows against the target; per column non-null share, distinct
// values, allowed values reached (IN-list CHECK or enum), boolean branches; per foreign key the
// parent's fan-out. One aggregate query per table, one per foreign key, whatever the row count.

type Allowed = { source: 'check' | 'enum'; values: (string | number | boolean)[] };

interface ColumnPlan {
  column: ColumnInfo;
  distinct: boolean;
  boolean: boolean;
  allowed?: Allowed;
}

export async function columnCoverage(driver: Driver, schema: SchemaInfo, options: ColumnCoverageOptions = {}): Promise<DetailedCoverage> {
  const sql = sqlFor(driver);
  const tables = selectTables(schema, options.tables);
  const counts = await driver.countRows(tables);
  const base = coverage({ ...schema, tables }, counts, options.rows, options.targets);
  const byName = new Map(schema.tables.map((t) => [t.name, t]));

  const details: TableDetail[] = [];
  for (const [i, table] of tables.entries()) {
    const notes: string[] = [];
    const columns = await columnStats(sql, driver, table, notes);
    const foreignKeys: FanOut[] = [];
    for (const fk of table.foreignKeys) {
      if (!byName.has(fk.refTable)) continue; // parent not seeded (bookkeeping, excluded, missing)
      try {
        foreignKeys.push(await fanOut(sql, table, fk));
      } catch (e) {
        notes.push(`fan-out of ${fk.columns.join(', ')} → ${fk.refTable} not measured: ${noted(e)}`);
      }
    }
    details.push({ ...base.tables[i], columns, foreignKeys, ...(notes.length ? { notes } : {}) });
  }

  const allColumns = details.flatMap((t) => t.columns);
  const sets = allColumns.flatMap((c) => (c.values ? [c.values] : []));
  const bools = allColumns.flatMap((c) => (c.boolean ? [c.boolean] : []));
  const fks = details.flatMap((t) => t.foreignKeys);
  return {
    headline: base.headline,
    database: driver.target.display,
    dialect: schema.dialect,
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    target: options.rows ?? DEFAULT_ROWS,
    summary: {
      tables: {
        withData: base.withData, total: base.total, percent: base.percent,
        full: details.filter((t) => t.state === 'full').length,
        partial: details.filter((t) => t.state === 'partial').length,
        empty: details.filter((t) => t.state === 'empty').length,
      },
      rows: details.reduce((a, t) => a + t.rows, 0),
      columns: ratio(allColumns.filter((c) => c.nonNull > 0).length, allColumns.length),
      values: ratio(sets.reduce((a, s) => a + s.reached, 0), sets.reduce((a, s) => a + s.total, 0)),
      booleans: ratio(bools.reduce((a, b) => a + b.reached, 0), bools.length * 2),
      parents: ratio(fks.reduce((a, f) => a + f.parentsWithChildren, 0), fks.reduce((a, f) => a + f.parents, 0)),
      foreignKeys: fks.length,
    },
    tables: details,
    skipped: schema.skipped,
  };
}

function selectTables(schema: SchemaInfo, names?: string[]): TableInfo[] {
  if (!names?.length) return schema.tables;
  return names.map((n) => {
    const t = schema.tables.find((x) => x.name === n);
    if (!t) throw new SeedbedError('UNKNOWN_TABLE', `Unknown table "${n}".`, { fix: 'Run `seedbed schema` to list the tables.' });
    return t;
  });
}

/** The finite set of values a column may hold: an IN-list CHECK first (as the generator), else its enum. */
export function allowedValues(table: TableInfo, column: ColumnInfo, hints = tableHints(table)): Allowed | undefined {
  const oneOf = hints.get(column.name.toLowerCase())?.oneOf?.filter((v) => v !== null);
  if (oneOf?.length) return { source: 'check', values: unique(oneOf.map(plain)) };
  if (column.enumValues?.length) return { source: 'enum', values: unique(column.enumValues) };
  return undefined;
}

/** Column hints from the table's CHECKs; CHECKs the parser cannot read are left out. */
export function tableHints(table: TableInfo) {
  const parsed: Expr[] = [];
  for (const c of table.checks) {
    try {
      parsed.push(parseCheck(c.expression));
    } catch {
      // the plan reports unreadable CHECKs; coverage just has no value set from them
    }
  }
  return deriveHints(parsed).columns;
}

const plain = (v: Exclude<HintValue, null>): string | number | boolean =>
  typeof v === 'bigint' ? (Number.isSafeInteger(Number(v)) ? Number(v) : String(v)) : v;

function unique<T>(values: T[]): T[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = `${typeof v}:${String(v)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function plans(driver: Driver, table: TableInfo): ColumnPlan[] {
  const hints = tableHints(table);
  return table.columns.map((column) => {
    const boolean = column.kind === 'boolean';
    // count(DISTINCT …) fails on a PostgreSQL type without equality (json, xml, geometry).
    const distinct = driver.dialect !== 'postgresql' || pgComparable(column.type);
    return { column, distinct, boolean, allowed: boolean ? undefined : allowedValues(table, column, hints) };
  });
}

function aggregatesFor(sql: Sql, driver: Driver, cols: ColumnPlan[], withDistinct: boolean): Aggregate[] {
  const out: Aggregate[] = [{ alias: 'n', sql: () => 'count(*)' }];
  const when = (cond: string) => `sum(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
  cols.forEach((p, i) => {
    const c = sql.qc(p.column.name);
    out.push({ alias: `nn${i}`, sql: () => `count(${c})` });
    if (withDistinct && p.distinct) out.push({ alias: `d${i}`, sql: () => `count(DISTINCT ${c})` });
    if (p.boolean) {
      // SQLite keeps booleans as 0/1 (or, written by others, as text): match both spellings.
      const sqlite = driver.dialect === 'sqlite';
      out.push({ alias: `bt${i}`, sql: () => when(sqlite ? `(${c} = 1 OR lower(${c}) IN ('true', 't'))` : `${c} IS TRUE`) });
      out.push({ alias: `bf${i}`, sql: () => when(sqlite ? `(${c} = 0 OR lower(${c}) IN ('false', 'f'))` : `${c} IS FALSE`) });
    }
    p.allowed?.values.forEach((v, j) => out.push({ alias: `v${i}_${j}`, sql: (bind) => when(`${c} = ${bind(v)}`) }));
  });
  return out;
}

/** A failed query's message for the notes; a cancel (Ctrl-C, Cancel) ends the report instead. */
function noted(e: unknown): string {
  if (isCancel(e)) throw e;
  return (e as Error).message;
}

async function columnStats(sql: Sql, driver: Driver, table: TableInfo, notes: string[]): Promise<ColumnCoverage[]> {
  const cols = plans(driver, table);
  const from = sql.qt(table.name);
  let row: Record<string, unknown> | undefined;
  let withDistinct = true;
  try {
    row = await aggregate(sql, from, aggregatesFor(sql, driver, cols, true));
  } catch (first) {
    noted(first);
    // A type the database cannot compare: keep everything but the distinct counts.
    withDistinct = false;
    try {
      row = await aggregate(sql, from, aggregatesFor(sql, driver, cols, false));
      notes.push(`distinct values not counted: ${(first as Error).message}`);
    } catch (e) {
      notes.push(`column statistics not measured: ${noted(e)}`);
    }
  }
  const n = num(row?.n);
  return cols.map((p, i): ColumnCoverage => {
    const nonNull = num(row?.[`nn${i}`]);
    const out: ColumnCoverage = {
      column: p.column.name,
      type: p.column.type,
      kind: p.column.kind,
      nullable: p.column.nullable,
      nonNull,
      nonNullPercent: row ? percentOf(nonNull, n) : null,
      distinct: row && withDistinct && p.distinct ? numOrNull(row[`d${i}`]) : null,
    };
    if (p.boolean) {
      const t = num(row?.[`bt${i}`]);
      const f = num(row?.[`bf${i}`]);
      out.boolean = { true: t, false: f, other: Math.max(0, nonNull - t - f), reached: (t > 0 ? 1 : 0) + (f > 0 ? 1 : 0) };
    }
    if (p.allowed) {
      const values = p.allowed.values.map((value, j) => ({ value, rows: num(row?.[`v${i}_${j}`]) }));
      const hit = values.reduce((a, v) => a + v.rows, 0);
      out.values = {
        source: p.allowed.source,
        values,
        reached: values.filter((v) => v.rows > 0).length,
        total: values.length,
        unreached: values.filter((v) => v.rows === 0).map((v) => v.value),
        other: Math.max(0, nonNull - hit),
      };
    }
    return out;
  });
}

/** Children per parent row along `fk`, parents without children, and orphans, in one statement. */
export async function fanOut(sql: Sql, table: TableInfo, fk: ForeignKeyInfo): Promise<FanOut> {
  const child = sql.qt(table.name);
  const parent = sql.qt(fk.refTable);
  const set = fk.columns.map((c) => `${sql.qc(c)} IS NOT NULL`).join(' AND ');
  const keys = fk.columns.map((c, i) => `${sql.qc(c)} AS k${i}`).join(', ');
  const group = fk.columns.map((c) => sql.qc(c)).join(', ');
  const on = fk.refColumns.map((c, i) => `p.${sql.qc(c)} = k.k${i}`).join(' AND ');
  const text = `SELECT count(*) AS parents,
  sum(CASE WHEN k.n IS NULL THEN 0 ELSE 1 END) AS linked_parents,
  min(coalesce(k.n, 0)) AS mn, avg(coalesce(k.n, 0)) AS av, max(coalesce(k.n, 0)) AS mx,
  sum(coalesce(k.n, 0)) AS linked,
  (SELECT count(*) FROM ${child} WHERE ${set}) AS children
FROM ${parent} p LEFT JOIN (SELECT ${keys}, count(*) AS n FROM ${child} WHERE ${set} GROUP BY ${group}) k ON ${on}`;
  const [r] = await sql.run(text, []);
  const parents = num(r?.parents);
  const withChildren = num(r?.linked_parents);
  const children = num(r?.children);
  const avg = numOrNull(r?.av);
  return {
    name: fk.name,
    columns: fk.columns,
    parent: fk.refTable,
    parentColumns: fk.refColumns,
    parents,
    parentsWithChildren: withChildren,
    parentsWithoutChildren: parents - withChildren,
    min: parents ? num(r?.mn) : null,
    avg: parents && avg !== null ? Math.round(avg * 100) / 100 : null,
    max: parents ? num(r?.mx) : null,
    children,
    orphans: Math.max(0, children - num(r?.linked)),
  };
}
