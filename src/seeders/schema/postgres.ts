import type { MikroORM } from '@mikro-orm/postgresql';
import type { AbstractSqlConnection, AbstractSqlPlatform } from '@mikro-orm/sql';
import { SeedbedError } from '../errors.ts';
import { bookkeepingReason } from './bookkeeping.ts';
import type { CheckInfo, ColumnInfo, ForeignKeyInfo, SchemaInfo, SkippedTable, TableInfo, UniqueKey } from './model.ts';
import { catalogTable, readCatalog, stripCheck, type CatalogColumn, type Catalog } from './pg-catalog.ts';
import { partitionBounds } from './pg-partitions.ts';
import { readPgTriggers } from './pg-triggers.ts';
import { displayName, quoteIdent } from './pg-names.ts';
import { classifyType, typeArgs } from './types.ts';

// PostgreSQL introspection: MikroORM's DatabaseSchema (tables, columns, keys, unique indexes,
// FKs with their defer mode) completed from the catalogue where it misses things: domains (base
// type, NOT NULL, CHECKs with VALUE → the column), array element types, identity vs stored
// generated columns, CHECK text (DatabaseSchema's normalised form mangles casts), partitions
// (bounds of the partition key; FKs declared on partitions only) and inheritance children
// (which DatabaseSchema leaves out).

export type PgQuery = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

export interface PgSchemaInfo extends SchemaInfo {
  /** The search path's first schema: its tables keep their bare names. */
  defaultSchema: string;
  /** Tables whose rows live in partitions (count and truncate them as a whole). */
  partitioned: Set<string>;
}

export async function introspectPostgres(orm: MikroORM, query: PgQuery, wanted?: string[]): Promise<PgSchemaInfo> {
  const cur = String((await query('SELECT current_schema() AS s'))[0]?.s ?? 'public');
  const schemas = wanted?.length ? wanted : [cur];
  const found = new Set((await query('SELECT nspname FROM pg_namespace WHERE nspname = ANY($1)', [schemas])).map((r) => String(r.nspname)));
  const missing = schemas.filter((s) => !found.has(s));
  if (missing.length) {
    throw new SeedbedError('NOT_FOUND', `Schema ${missing.map((s) => `"${s}"`).join(', ')} does not exist in this database.`, {
      fix: 'Check ?schema=… in the database URL (a comma-separated list of existing schemas).',
    });
  }
  const cat = await readCatalog(query, schemas);
  const connection = orm.em.getConnection() as unknown as AbstractSqlConnection;
  const platform = orm.em.getPlatform() as unknown as AbstractSqlPlatform;
  const { DatabaseSchema } = await import('@mikro-orm/sql');
  const db = await DatabaseSchema.create(connection, platform, orm.config as never, undefined, schemas);

  const tables: TableInfo[] = [];
  const skipped: SkippedTable[] = [];
  const partitioned = new Set<string>();
  const seen = new Set<string>();
  for (const mt of db.getTables()) {
    const schema = mt.schema ?? cur;
    const rel = cat.byName.get(`${schema}.${mt.name}`);
    const name = displayName(schema, mt.name, cur);
    seen.add(`${schema}.${mt.name}`);
    const reason = bookkeepingReason(mt.name);
    if (reason) { skipped.push({ name, reason }); continue; }
    if (!rel) continue; // not an ordinary or partitioned table (the catalogue is the judge)
    const columns = mt.getColumns().map((mc) => column(mc, cat.columns.get(`${rel.relid}.${mc.name}`)));
    const pk = mt.getPrimaryKey()?.columnNames ?? [];
    // Unique keys from the catalogue: expressions, WHERE, NULLS NOT DISTINCT, partitions' own.
    const uniques: UniqueKey[] = cat.uniqueIndexes.get(rel.relid) ?? [];
    const foreignKeys: ForeignKeyInfo[] = Object.values(mt.getForeignKeys()).map((fk) => {
      const dot = fk.referencedTableName.indexOf('.');
      const refSchema = dot > 0 ? fk.referencedTableName.slice(0, dot) : schema;
      const refLocal = dot > 0 ? fk.referencedTableName.slice(dot + 1) : fk.referencedTableName;
      return {
        name: fk.constraintName,
        columns: fk.columnNames.slice(),
        refTable: displayName(refSchema, refLocal, cur),
        refColumns: fk.referencedColumnNames.slice(),
        nullable: fk.columnNames.every((c) => columns.find((x) => x.name === c)?.nullable ?? true),
        deferrable: fk.deferMode !== undefined,
      };
    });
    // CHECK text from pg_get_constraintdef: DatabaseSchema's normalised form mangles casts ("0.0 precision").
    const checks: CheckInfo[] = (cat.constraints.get(rel.relid) ?? []).filter((k) => k.type === 'c').map((k) => ({ name: k.name, expression: stripCheck(k.definition) }));
    checks.push(...domainChecks(columns, cat, rel.relid));
    const table: TableInfo = { name, schema, localName: mt.name, columns, primaryKey: pk.slice(), uniques, foreignKeys, checks };
    if (rel.relkind === 'p') {
      partitioned.add(name);
      const problem = partitionBounds(table, rel, cat);
      if (problem) { skipped.push({ name, reason: problem }); continue; }
      liftPartitionFks(table, rel.relid, cat, cur);
    }
    tables.push(table);
  }

  // What DatabaseSchema leaves out: partitions (named as skipped) and inheritance children (seeded).
  for (const rel of cat.relations.values()) {
    const key = `${rel.schema}.${rel.name}`;
    if (seen.has(key) || !schemas.includes(rel.schema)) continue;
    const name = displayName(rel.schema, rel.name, cur);
    if (rel.relispartition) {
      const parent = rel.parent ? cat.relations.get(rel.parent) : undefined;
      skipped.push({ name, reason: `partition of ${parent ? displayName(parent.schema, parent.name, cur) : 'another table'}: its rows are written through the parent` });
      continue;
    }
    const reason = bookkeepingReason(rel.name);
    if (reason) { skipped.push({ name, reason }); continue; }
    const t = catalogTable(rel, cat, cur);
    t.columns = t.columns.map((c) => column(undefined, cat.columns.get(`${rel.relid}.${c.name}`), c));
    t.checks.push(...domainChecks(t.columns, cat, rel.relid));
    tables.push(t);
  }
  tables.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const triggers = await readPgTriggers(query, schemas, cur, tables);
  return { dialect: 'postgresql', tables, skipped, defaultSchema: cur, partitioned, ...(triggers.length ? { triggers } : {}) };
}

interface MikroColumn {
  name: string; type: string; nullable?: boolean; default?: string | null; autoincrement?: boolean;
  length?: number | null; precision?: number | null; scale?: number | null;
}

/** One column from MikroORM's view, corrected by the catalogue (domains, arrays, generated). */
function column(mc: MikroColumn | undefined, cc: CatalogColumn | undefined, base?: ColumnInfo): ColumnInfo {
  const declared = cc?.isArray ? cc.type : cc?.baseType ?? mc?.type ?? cc?.type ?? base?.type ?? '';
  const out: ColumnInfo = {
    name: mc?.name ?? base!.name,
    type: declared,
    kind: classifyType(declared, 'postgresql'),
    nullable: (mc?.nullable ?? base?.nullable ?? true) && !cc?.notNull && !cc?.domainNotNull,
    default: mc?.default ?? base?.default ?? cc?.default ?? null,
    autoIncrement: mc?.autoincrement ?? base?.autoIncrement ?? false,
    generated: cc?.generated ?? base?.generated ?? false,
  };
  if (cc?.identity) out.autoIncrement = true;
  if (!cc?.isArray) Object.assign(out, typeArgs(cc?.baseType ?? cc?.type ?? declared, 'postgresql'));
  if (cc?.enumLabels?.length) out.enumValues = cc.enumLabels;
  if (cc?.isArray && cc.elementType) {
    const el = cc.elementType;
    out.element = {
      name: out.name, type: el, kind: classifyType(el, 'postgresql'), nullable: false, default: null,
      autoIncrement: false, generated: false, ...typeArgs(el, 'postgresql'),
      ...(cc.elementEnumLabels?.length ? { enumValues: cc.elementEnumLabels } : {}),
    };
  }
  return out;
}

/** A domain's CHECKs, VALUE rewritten to the column, become CHECKs of the table. */
function domainChecks(columns: ColumnInfo[], cat: Catalog, relid: string): CheckInfo[] {
  const out: CheckInfo[] = [];
  for (const c of columns) {
    const cc = cat.columns.get(`${relid}.${c.name}`);
    for (const def of cc?.domainChecks ?? []) {
      out.push({ name: `${cc!.domain}: ${def}`, expression: replaceValue(stripCheck(def), quoteIdent(c.name)) });
    }
  }
  return out;
}

/** Replaces the VALUE keyword outside string literals. */
function replaceValue(expr: string, ident: string): string {
  return expr.split(/('(?:[^']|'')*')/).map((part, i) => (i % 2 ? part : part.replace(/\bVALUE\b/g, ident))).join('');
}

/** FKs declared on partitions only (pagila's payment_p2022_0x) bind rows routed there: lift them to the parent. */
function liftPartitionFks(table: TableInfo, relid: string, cat: Catalog, cur: string): void {
  for (const part of cat.relations.values()) {
    if (part.parent !== relid) continue;
    for (const k of cat.constraints.get(part.relid) ?? []) {
      if (k.type !== 'f' || k.inherited || !k.refSchema || !k.refName) continue;
      const refTable = displayName(k.refSchema, k.refName, cur);
      if (table.foreignKeys.some((f) => f.refTable === refTable && sameList(f.columns, k.columns))) continue;
      table.foreignKeys.push({
        name: `${k.name} (on partition ${part.name})`,
        columns: k.columns,
        refTable,
        refColumns: k.refColumns,
        nullable: k.columns.every((c) => table.columns.find((x) => x.name === c)?.nullable ?? true),
        deferrable: k.deferrable,
      });
    }
  }
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
