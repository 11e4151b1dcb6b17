import type { CheckInfo, ColumnInfo, ExclusionInfo, ForeignKeyInfo, TableInfo, UniqueKey } from './model.ts';
import type { TableNames } from './pg-names.ts';
import type { PgQuery } from './pg-query.ts';
import { rangeBoundChecks } from './range-bounds.ts';
import { classifyType, typeArgs } from './types.ts';
import { uniqueKey, type IndexPart } from './unique-keys.ts';

// The catalogue queries behind PostgreSQL introspection: three queries for the whole selection
// (relations, columns, constraints), whatever the number of tables.

export interface CatalogRelation {
  relid: string;
  schema: string;
  name: string;
  relkind: string;
  relispartition: boolean;
  /** Partition bound (`FOR VALUES …`) of a partition. */
  bound: string | null;
  /** Partition key of a partitioned table (`RANGE (payment_date)`). */
  partkey: string | null;
  /** Partitioned table: its strategy (r range, l list, h hash) and key columns (null for an expression). */
  partstrat: string | null;
  partcols: (string | null)[];
  /** relid of the parent (partitioned table or inheritance parent). */
  parent: string | null;
  /** The extension this table belongs to (PostGIS's spatial_ref_sys, say): never seeded. */
  extension: string | null;
}

export interface CatalogColumn {
  name: string;
  type: string;
  notNull: boolean;
  identity: boolean;
  generated: boolean;
  default: string | null;
  domain: string | null;
  baseType: string | null;
  domainNotNull: boolean;
  domainChecks: string[];
  enumLabels: string[] | null;
  isArray: boolean;
  elementType: string | null;
  elementEnumLabels: string[] | null;
  comment: string | null;
  /** Fields of the composite type the column (or, for an array, its element) is of. */
  compositeFields: { name: string; type: string; labels: string[] | null }[] | null;
  /** A range type of the schema's own (`CREATE TYPE uuidrange AS RANGE (subtype = uuid)`): its subtype. */
  rangeSubtype: string | null;
}

export interface CatalogConstraint {
  name: string;
  type: 'p' | 'u' | 'f' | 'c' | 'x';
  columns: string[];
  refSchema: string | null;
  refName: string | null;
  refColumns: string[];
  deferrable: boolean;
  definition: string;
  /** Cloned from the parent's constraint (partitions). */
  inherited: boolean;
  /** EXCLUDE: its elements, operators, method and WHERE. */
  exclusion?: ExclusionInfo;
}

/** An EXCLUDE constraint from the catalogue's row (its index's parts and the operators). */
function exclusionOf(name: string, k: Record<string, unknown>): ExclusionInfo {
  const parts = (k.xparts as { e: string; op: string; ns: string }[] | null) ?? [];
  return {
    name, using: String(k.xusing ?? 'gist'),
    elements: parts.map((p) => ({ expression: p.e, operator: p.op, ...(p.ns !== 'pg_catalog' ? { operatorSchema: p.ns } : {}) })),
    ...(k.xpred ? { predicate: String(k.xpred) } : {}),
    ...(k.deferrable === true ? { deferrable: true } : {}),
  };
}

export interface Catalog {
  relations: Map<string, CatalogRelation>;
  byName: Map<string, CatalogRelation>;
  /** key `${relid}.${column}` */
  columns: Map<string, CatalogColumn>;
  constraints: Map<string, CatalogConstraint[]>;
  /** Unique indexes (UNIQUE constraints included, the primary key's left out), per relid;
   *  those declared on a partition only are filed under the partitioned table. */
  uniqueIndexes: Map<string, UniqueKey[]>;
}

/** Relations from which the catalogue's reads go out side by side (readCatalog). */
const SIDE_BY_SIDE = 200;

/** Every column of the relations $1 (oid[]), with what its type says. */
const COLUMNS_SQL = `
    -- A domain over a domain (CREATE DOMAIN d1 AS d0): the base type under every level, and
    -- every level's NOT NULL and CHECKs. Once per domain type of these columns, not per column
    -- (a LATERAL join ran the recursion for each of a 533-table schema's 6,942 columns).
    WITH RECURSIVE chain(root, oid, base, typmod, not_null, depth) AS (
      SELECT t.oid, t.oid, t.typbasetype, t.typtypmod, t.typnotnull, 0 FROM pg_type t
      WHERE t.typtype = 'd' AND t.oid IN (SELECT atttypid FROM pg_attribute WHERE attrelid = ANY($1::oid[]) AND attnum > 0 AND NOT attisdropped)
      UNION ALL
      SELECT c.root, b.oid, b.typbasetype, b.typtypmod, b.typnotnull, c.depth + 1
      FROM chain c JOIN pg_type b ON b.oid = c.base WHERE b.typtype = 'd' AND c.depth < 32),
    dom AS (
      SELECT root, (array_agg(base ORDER BY depth DESC))[1] AS base, (array_agg(typmod ORDER BY depth DESC))[1] AS typmod,
        bool_or(not_null) AS not_null, array_agg(oid) AS oids FROM chain GROUP BY root),
    -- Joined, not a sub-query per column: enum labels, comments, composite fields cost ≈0.01 ms
    -- a column each that way (80 ms of reading that schema).
    enums AS (SELECT enumtypid, array_agg(enumlabel::text ORDER BY enumsortorder) AS labels FROM pg_enum GROUP BY enumtypid)
    SELECT a.attrelid::int8::text AS relid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,
      a.attidentity::text AS identity, a.attgenerated::text AS generated, pg_get_expr(d.adbin, d.adrelid) AS def,
      CASE WHEN t.typtype = 'd' THEN t.typname::text END AS domain,
      CASE WHEN t.typtype = 'd' THEN format_type(dom.base, dom.typmod) END AS base_type,
      t.typtype = 'd' AND coalesce(dom.not_null, false) AS domain_not_null,
      CASE WHEN t.typtype = 'd' THEN ARRAY(SELECT pg_get_constraintdef(k.oid) FROM pg_constraint k WHERE k.contypid = ANY(dom.oids) AND k.contype = 'c' ORDER BY k.conname) END AS domain_checks,
      en.labels AS enum_labels,
      t.typcategory = 'A' AS is_array,
      CASE WHEN t.typcategory = 'A' THEN format_type(t.typelem, a.atttypmod) END AS element_type,
      el.labels AS element_labels,
      ds.description AS comment,
      CASE WHEN (t.typcategory <> 'A' AND t.typtype = 'c') OR et.typtype = 'c' THEN (SELECT json_agg(json_build_object('name', fa.attname, 'type', format_type(fa.atttypid, fa.atttypmod),
          'labels', (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = fa.atttypid)) ORDER BY fa.attnum)
        FROM pg_type ct JOIN pg_attribute fa ON fa.attrelid = ct.typrelid AND fa.attnum > 0 AND NOT fa.attisdropped
        WHERE ct.typtype = 'c' AND ct.oid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END) END AS composite_fields,
      CASE WHEN t.typtype = 'r' THEN (SELECT format_type(rg.rngsubtype, NULL) FROM pg_range rg WHERE rg.rngtypid = t.oid) END AS range_subtype
    FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    LEFT JOIN dom ON dom.root = t.oid
    LEFT JOIN enums en ON en.enumtypid = CASE WHEN t.typtype = 'd' THEN dom.base ELSE t.oid END
    LEFT JOIN enums el ON el.enumtypid = t.typelem AND t.typcategory = 'A'
    LEFT JOIN pg_description ds ON ds.objoid = a.attrelid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = a.attnum
    WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY a.attrelid, a.attnum`;

/** Their keys, FKs, CHECKs and exclusion constraints. */
const CONSTRAINTS_SQL = `
    SELECT k.conrelid::int8::text AS relid, k.conname AS name, k.contype::text AS type, k.condeferrable AS deferrable,
      ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, i) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i) AS cols,
      rn.nspname AS ref_schema, rc.relname AS ref_name,
      ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, i) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i) AS ref_cols,
      pg_get_constraintdef(k.oid) AS def, k.conparentid <> 0 AS inherited,
      CASE WHEN k.contype = 'x' THEN ARRAY(SELECT json_build_object('e', pg_get_indexdef(k.conindid, u.i::int, false), 'op', o.oprname, 'ns', ons.nspname)
        FROM unnest(k.conexclop) WITH ORDINALITY u(op, i) JOIN pg_operator o ON o.oid = u.op JOIN pg_namespace ons ON ons.oid = o.oprnamespace ORDER BY u.i) END AS xparts,
      CASE WHEN k.contype = 'x' THEN (SELECT am.amname::text FROM pg_class ic JOIN pg_am am ON am.oid = ic.relam WHERE ic.oid = k.conindid) END AS xusing,
      CASE WHEN k.contype = 'x' THEN (SELECT pg_get_expr(i.indpred, i.indrelid) FROM pg_index i WHERE i.indexrelid = k.conindid) END AS xpred
    FROM pg_constraint k LEFT JOIN pg_class rc ON rc.oid = k.confrelid LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
    WHERE k.conrelid = ANY($1::oid[]) AND k.contype IN ('p', 'u', 'f', 'c', 'x')
    ORDER BY k.conrelid, k.conname`;

/** Their unique indexes other than primary keys (see the comment in readCatalog). */
const UNIQUE_INDEXES_SQL = `
    SELECT i.indrelid::int8::text AS relid, ic.relname AS name, t.relispartition AS on_partition,
      ARRAY(SELECT CASE WHEN i.indkey[k - 1] = 0 THEN pg_get_indexdef(i.indexrelid, k, false) END FROM generate_series(1, i.indnkeyatts) k ORDER BY k) AS exprs,
      ARRAY(SELECT a.attname::text FROM generate_series(1, i.indnkeyatts) k LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k - 1] ORDER BY k) AS cols,
      pg_get_expr(i.indpred, i.indrelid) AS predicate,
      coalesce((to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false) AS nnd,
      EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid) AS inherited,
      CASE WHEN t.relispartition THEN pg_get_partition_constraintdef(i.indrelid) END AS bounds
    FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
    WHERE i.indrelid = ANY($1::oid[]) AND i.indisunique AND NOT i.indisprimary
    ORDER BY i.indrelid, ic.relname`;

export async function readCatalog(query: PgQuery, schemas: string[]): Promise<Catalog> {
  const rels = await query(`
    SELECT c.oid::int8::text AS relid, n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind, c.relispartition,
      pg_get_expr(c.relpartbound, c.oid) AS bound,
      CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,
      pt.partstrat::text AS partstrat,
      ARRAY(SELECT a.attname::text FROM unnest(pt.partattrs::int2[]) WITH ORDINALITY u(n, i) LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = u.n AND u.n > 0 ORDER BY u.i) AS partcols,
      (SELECT i.inhparent::int8::text FROM pg_inherits i WHERE i.inhrelid = c.oid ORDER BY i.inhseqno LIMIT 1) AS parent,
      (SELECT e.extname FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e' LIMIT 1) AS extension
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_partitioned_table pt ON pt.partrelid = c.oid
    WHERE c.relkind IN ('r', 'p') AND (n.nspname = ANY($1) OR c.relispartition)`, [schemas]);
  const relations = new Map<string, CatalogRelation>();
  const byName = new Map<string, CatalogRelation>();
  for (const r of rels) {
    const rel: CatalogRelation = {
      relid: String(r.relid), schema: String(r.schema), name: String(r.name), relkind: String(r.relkind),
      relispartition: r.relispartition === true, bound: (r.bound as string | null) ?? null,
      partkey: (r.partkey as string | null) ?? null, parent: (r.parent as string | null) ?? null,
      partstrat: (r.partstrat as string | null) ?? null, partcols: (r.partcols as (string | null)[] | null) ?? [],
      extension: (r.extension as string | null) ?? null,
    };
    relations.set(rel.relid, rel);
    byName.set(`${rel.schema}.${rel.name}`, rel);
  }
  const ids = [...relations.keys()];
  // The three catalogue reads below need only the relations. For a large schema they are asked
  // at once, on as many pooled sessions, and the server answers them side by side (a 533-table
  // schema's read, in a fresh process: 172 → 152 ms); for a small one, opening those sessions
  // costs more than it saves (the 12-table bench schema: 25 → 32 ms), so one after another.
  const [cols, cons, idx] = ids.length >= SIDE_BY_SIDE
    ? await Promise.all([query(COLUMNS_SQL, [ids]), query(CONSTRAINTS_SQL, [ids]), query(UNIQUE_INDEXES_SQL, [ids])])
    : [await query(COLUMNS_SQL, [ids]), await query(CONSTRAINTS_SQL, [ids]), await query(UNIQUE_INDEXES_SQL, [ids])];
  const columns = new Map<string, CatalogColumn>();
  const order = new Map<string, string[]>();
  for (const c of cols) {
    const relid = String(c.relid);
    const labels = (c.enum_labels as string[] | null) ?? null;
    const el = (c.element_labels as string[] | null) ?? null;
    columns.set(`${relid}.${c.name}`, {
      name: String(c.name), type: String(c.type), notNull: c.attnotnull === true,
      identity: !!c.identity, generated: c.generated === 's', default: (c.def as string | null) ?? null,
      domain: (c.domain as string | null) ?? null, baseType: (c.base_type as string | null) ?? null,
      domainNotNull: c.domain_not_null === true, domainChecks: (c.domain_checks as string[] | null) ?? [],
      enumLabels: labels?.length ? labels : null, isArray: c.is_array === true,
      elementType: (c.element_type as string | null) ?? null, elementEnumLabels: el?.length ? el : null,
      comment: (c.comment as string | null) ?? null, compositeFields: (c.composite_fields as CatalogColumn['compositeFields']) ?? null,
      rangeSubtype: (c.range_subtype as string | null) ?? null,
    });
    order.set(relid, [...(order.get(relid) ?? []), String(c.name)]);
  }
  const constraints = new Map<string, CatalogConstraint[]>();
  for (const k of cons) {
    const relid = String(k.relid);
    constraints.set(relid, [...(constraints.get(relid) ?? []), {
      name: String(k.name), type: k.type as CatalogConstraint['type'], columns: k.cols as string[],
      refSchema: (k.ref_schema as string | null) ?? null, refName: (k.ref_name as string | null) ?? null,
      refColumns: (k.ref_cols as string[]) ?? [], deferrable: k.deferrable === true, definition: String(k.def),
      inherited: k.inherited === true,
      ...(k.type === 'x' ? { exclusion: exclusionOf(String(k.name), k) } : {}),
    }]);
  }
  // Every unique index but the primary key's (UNIQUE constraints included): its parts (a column,
  // or the expression as PostgreSQL prints it), WHERE and NULLS NOT DISTINCT (read through
  // to_jsonb so servers before 15, which lack the column, answer too). A unique index of a
  // partition that is not the parent's binds the rows routed there: its key carries the
  // partition's bounds as its predicate.
  const uniqueIndexes = new Map<string, UniqueKey[]>();
  for (const r of idx) {
    let relid = String(r.relid);
    const exprs = r.exprs as (string | null)[];
    const cols = r.cols as (string | null)[];
    const parts: IndexPart[] = exprs.map((e, k) => (e === null ? { column: cols[k] ?? '' } : { expression: e }));
    let predicate = (r.predicate as string | null) ?? null;
    let partition: string | undefined;
    if (r.on_partition === true) {
      if (r.inherited === true) continue; // the parent's own index, cloned
      // Lift to the partitioned table at the top (the bounds include every level's).
      let rel = relations.get(relid);
      partition = rel?.name;
      while (rel?.relispartition && rel.parent && relations.has(rel.parent)) rel = relations.get(rel.parent);
      if (!rel) continue;
      relid = rel.relid;
      const bounds = (r.bounds as string | null) ?? null;
      predicate = bounds && predicate ? `${bounds} AND ${predicate}` : bounds ?? predicate;
    }
    const key = uniqueKey({ name: String(r.name), parts, predicate, nullsNotDistinct: r.nnd === true, partition }, order.get(relid) ?? []);
    if (key) uniqueIndexes.set(relid, [...(uniqueIndexes.get(relid) ?? []), key]);
  }
  const catalog: Catalog = { relations, byName, columns, constraints, uniqueIndexes };
  columnOrder.set(catalog, order);
  return catalog;
}

const columnOrder = new WeakMap<Catalog, Map<string, string[]>>();

/** A whole table from the catalogue (columns as the catalogue spells their types; see postgres.ts
 *  for domains, arrays and enums). */
export function catalogTable(rel: CatalogRelation, cat: Catalog, names: TableNames): TableInfo {
  const cols = columnOrder.get(cat)?.get(rel.relid) ?? [];
  const columns: ColumnInfo[] = cols.map((n) => {
    const c = cat.columns.get(`${rel.relid}.${n}`)!;
    const type = c.baseType ?? c.type;
    const kind = classifyType(type, 'postgresql');
    const numeric = kind === 'integer' || kind === 'bigint' || kind === 'decimal';
    return {
      name: n, type, kind, nullable: !c.notNull, default: c.default,
      autoIncrement: c.identity || (numeric && /^nextval\(/.test(c.default ?? '')), generated: c.generated, ...typeArgs(type, 'postgresql'),
    };
  });
  const cons = cat.constraints.get(rel.relid) ?? [];
  const pk = cons.find((k) => k.type === 'p')?.columns ?? [];
  const uniques: UniqueKey[] = cat.uniqueIndexes.get(rel.relid) ?? [];
  const foreignKeys: ForeignKeyInfo[] = cons.filter((k) => k.type === 'f' && k.refSchema && k.refName && !k.inherited).map((k) => ({
    name: k.name, columns: k.columns, refTable: names.name(k.refSchema!, k.refName!), refColumns: k.refColumns,
    nullable: k.columns.every((c) => columns.find((x) => x.name === c)?.nullable ?? true), deferrable: k.deferrable,
  }));
  const checks: CheckInfo[] = cons.filter((k) => k.type === 'c').map((k) => ({ name: k.name, expression: stripCheck(k.definition) }));
  // Ranges built from columns (exclusion constraints, generated columns) need lower <= upper.
  const ranged: [string, string][] = [
    ...cons.filter((k) => k.type === 'x').map((k): [string, string] => [k.name, k.definition]),
    ...columns.filter((c) => c.generated && c.default).map((c): [string, string] => [c.name, c.default!]),
  ];
  if (ranged.length) checks.push(...rangeBoundChecks(ranged));
  const exclusions = cons.filter((k) => k.exclusion && !k.inherited).map((k) => k.exclusion!);
  return { name: names.name(rel.schema, rel.name), schema: rel.schema, localName: rel.name, columns, primaryKey: pk, uniques, foreignKeys, checks, ...(exclusions.length ? { exclusions } : {}) };
}

export function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** `CHECK ((x > 0)) NOT VALID` → `(x > 0)`. */
export function stripCheck(def: string): string {
  const m = /^\s*CHECK\s*\(([\s\S]*)\)\s*(?:NOT VALID\s*)?$/i.exec(def);
  return m ? m[1] : def;
}
